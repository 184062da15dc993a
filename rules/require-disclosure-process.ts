import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

export default defineRule({
  meta: {
    id: "require-disclosure-process",
    description: "Require a description of how fixed vulnerabilities are disclosed",
    severity: "warn",
    options: () =>
      z
        .object({
          allowDelegation: z
            .boolean()
            .describe("Accept a file that is only a pointer to the page holding the whole policy; the `strict` preset turns this off"),
        })
        .strict(),
    defaultOptions: { allowDelegation: true },
    messages: {
      missing: "Missing disclosure process, expected how a fix is coordinated and published (advisory, CVE, embargo or disclosure window)",
      nearMiss:
        "Missing disclosure process: `{text}` (line {line}) names disclosure without saying how or when a fix is published, expected how a fix is coordinated and published (advisory, CVE, embargo or disclosure window)",
    },
  },
  check(policy, context) {
    if (policy.sections.some((s) => s.kind === "disclosure")) return;
    if (context.options.allowDelegation && policy.pointer) return;
    if (policy.publishClaims.length > 0) return;
    const near = policy.disclosureMentions[0];
    if (near)
      context.report({ messageId: "nearMiss", data: { text: near.phrase, line: context.lineOf(near.range.start) }, range: policy.start });
    else context.report({ messageId: "missing", range: policy.start });
  },
});
