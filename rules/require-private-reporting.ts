import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";
import type { ChannelKind } from "../src/policy/model.js";

const REQUIRABLE = ["email", "pvr", "form"] as const;
const NAMES: Record<(typeof REQUIRABLE)[number], string> = {
  email: "an email address",
  pvr: "a GitHub private vulnerability reporting link (`https://github.com/OWNER/REPO/security/advisories/new`)",
  form: "an https report form or bug bounty URL",
};

export default defineRule({
  meta: {
    id: "require-private-reporting",
    description: "Require a private channel for vulnerability reports, not only the public issue tracker",
    severity: "error",
    options: () =>
      z
        .object({
          allowForms: z.boolean().describe("Accept an https report form or bug bounty URL as the private channel"),
          allowMentions: z.boolean().describe("Accept a mention of GitHub private vulnerability reporting without a link to the form"),
          allowDelegation: z
            .boolean()
            .describe(
              "Accept a link the policy hands itself to (`Our security policy is at https://…`) as the channel; the `strict` preset turns this off",
            ),
          require: z
            .array(z.enum(REQUIRABLE))
            .describe('Channels the policy must name, e.g. `["email", "pvr"]` for an organisation that wants both'),
        })
        .strict(),
    defaultOptions: { allowForms: true, allowMentions: true, allowDelegation: true, require: [] },
    messages: {
      missing:
        "Missing private reporting channel, expected an email address, a private vulnerability reporting link or an https report form",
      placeholderOnly:
        "Missing private reporting channel: `{value}` (line {line}) is a placeholder, expected a real email address, a private vulnerability reporting link or an https report form",
      publicOnly:
        "Unexpected public issue tracker as the only reporting channel, expected a private channel such as an email address or a private vulnerability reporting link",
      required: "Missing required reporting channel, expected {channel}",
    },
  },
  check(policy, context) {
    const { allowForms, allowMentions, allowDelegation, require } = context.options;
    const accepted = new Set<ChannelKind>(["email", "pvr"]);
    if (allowForms) accepted.add("form");
    if (allowMentions) accepted.add("pvr-mention");
    const channels = policy.channels.filter((c) => accepted.has(c.kind));
    const reportingSection = policy.sections.find((s) => s.kind === "reporting");
    const at = reportingSection ? reportingSection.heading : policy.start;
    const delegated = allowDelegation && policy.delegations.some((d) => d.policy);
    if (channels.length === 0 && !delegated) {
      const publicChannels = policy.channels.filter((c) => c.kind === "public-issues");
      // Point at the issue tracker's link when there is one, else at the sentence that sends reports there.
      const publicChannel = publicChannels.find((c) => c.contact !== null) ?? publicChannels[0];
      // Else say what came close: an address that is only a placeholder.
      const standIn = policy.contacts.find((c) => c.kind === "email" && c.placeholder !== null);
      if (publicChannel) context.report({ messageId: "publicOnly", range: publicChannel.range });
      else if (standIn)
        context.report({
          messageId: "placeholderOnly",
          data: { value: standIn.value, line: context.lineOf(standIn.range.start) },
          range: at,
        });
      else context.report({ messageId: "missing", range: at });
    }
    for (const kind of require) {
      if (!policy.channels.some((c) => c.kind === kind)) {
        context.report({ messageId: "required", data: { channel: NAMES[kind] }, range: at });
      }
    }
  },
});
