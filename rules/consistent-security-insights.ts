import * as z from "zod";
import { defineRule, type RuleContext } from "../src/engine/rule.js";
import type { GivenKey, KeyLink } from "../src/policy/facts/keys.js";
import type { Policy } from "../src/policy/model.js";
import type { InsightsValue } from "../src/policy/formats/security-insights.js";
import { pathInRepository } from "../src/paths.js";
import type { Range } from "../src/types.js";

const DAY = 24 * 60 * 60 * 1000;
const list = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(", ");
const GITHUB = /^https?:\/\/(?:www\.)?github\.com\/([^/\s]+)\/([^/\s#?]+)(\/[^#?\s]*)?/i;

/** What the file's `pgp-key` gives: a fingerprint (an armored key is read for its fingerprint), a URL, or nothing comparable. */
async function insightsKey(value: string, policy: Policy): Promise<{ fingerprint: string } | { url: string } | null> {
  const armored = await policy.keyInText(value);
  if (armored !== undefined) return armored;
  const hex = value.replace(/^0x/i, "").replace(/[\s:]/g, "");
  if (/^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/.test(hex)) return { fingerprint: hex.toUpperCase() };
  if (/^https:\/\/\S+$/i.test(value.trim())) return { url: value.trim() };
  return null;
}

/** Where a policy takes reports: its first private channel, or the page it hands itself to. */
function firstChannel(policy: Policy): Range | null {
  const channel = policy.channels.find((c) => c.kind !== "public-issues");
  return channel ? channel.range : policy.pointer ? policy.pointer.range : null;
}

export default defineRule({
  meta: {
    id: "consistent-security-insights",
    description:
      "Require the repository's Security Insights file (SECURITY-INSIGHTS.yml) to be valid and to agree with the security policy",
    severity: "warn",
    options: () =>
      z
        .object({
          maxAgeDays: z
            .number()
            .int()
            .positive()
            .describe("How old the file's `last-reviewed` date may be, in days (the same default as `no-stale-date`)"),
        })
        .strict(),
    defaultOptions: { maxAgeDays: 365 },
    messages: {
      malformed: "Unexpected malformed YAML in `{file}` at line {line} ({reason}), expected a Security Insights file tools can read",
      missingField: "Missing `{field}` in `{file}` at line {line}, expected {expected} as the Security Insights schema requires",
      invalidField:
        "Unexpected value of `{field}` in `{file}` at line {line}, expected {expected} as the Security Insights schema requires",
      acceptsWithoutChannel:
        "Unexpected `{field}: true` in `{file}` at line {line} while this policy gives no private channel for reports, expected an address or form here, or `false` there",
      refusesWithChannel: "Unexpected `{field}: false` in `{file}` at line {line} while this policy takes reports here, expected `true`",
      contactMismatch:
        "Unexpected security contact {theirs} in `{file}` at line {line}, expected the reporting address this policy gives ({ours})",
      otherRepository:
        "Unexpected `{field}: {value}` in `{file}` at line {line}, pointing at another repository, expected this repository's policy such as `{url}`",
      otherFile: "Unexpected `{field}: {value}` in `{file}` at line {line}, pointing at `{target}`, expected this policy, `{ours}`",
      notDelegated: "Unexpected `{field}: {value}` in `{file}` at line {line}, expected the page this policy hands itself to ({ours})",
      keyMismatch: "Unexpected `{field}` {theirs} in `{file}` at line {line}, expected the key this policy gives ({ours})",
      bountyInsightsOnly:
        "Unexpected `{field}: true` in `{file}` at line {line} while this policy {says}, expected the bug bounty described in the policy or `false` there",
      bountyPolicyOnly:
        "Unexpected `{field}: false` in `{file}` at line {line} while this policy offers a bug bounty here, expected `true`",
      stale:
        "Unexpected stale `last-reviewed: {value}` in `{file}` at line {line} ({days} days ago), expected a review within {max} days: review the file against this policy and update the date",
      expired:
        "Unexpected expired `expiration-date: {value}` in `{file}` at line {line}, expected a date in the future: readers treat an expired file as stale",
    },
  },
  async check(policy, context) {
    // Tools read the first file they find: the root, then `.github/`.
    const file = context.repository.securityInsights?.find((f) => f.text !== null);
    if (!file || file.text === null) return;
    const parsed = await policy.readSecurityInsights(file.text);
    const where = { file: file.path };
    if ("kind" in parsed) {
      const messageId = parsed.kind === "yaml" ? "malformed" : parsed.kind === "missing" ? "missingField" : "invalidField";
      context.report({
        messageId,
        data: { ...where, line: parsed.line, field: parsed.field, expected: parsed.expected, reason: parsed.expected },
        range: policy.start,
      });
      return;
    }
    const si = parsed;
    const at = (v: InsightsValue<unknown>) => ({ ...where, field: v.field, line: v.line });

    // Reports accepted, and where.
    const channel = firstChannel(policy);
    if (si.reportsAccepted?.value === true && channel === null) {
      context.report({
        messageId: "acceptsWithoutChannel",
        data: at(si.reportsAccepted),
        range: policy.sections.find((s) => s.kind === "reporting")?.heading ?? policy.start,
      });
    } else if (si.reportsAccepted?.value === false && channel !== null) {
      context.report({ messageId: "refusesWithChannel", data: at(si.reportsAccepted), range: channel });
    }

    // The security contact.
    const ours = policy.securityEmails;
    const theirs = [...new Set(si.emails.map((e) => e.value))];
    if (ours.length > 0 && theirs.length > 0 && !theirs.some((t) => ours.includes(t))) {
      const first = si.emails[0] as InsightsValue<string>;
      const contact = policy.contacts.find((c) => c.kind === "email" && c.value === ours[0]);
      context.report({
        messageId: "contactMismatch",
        data: { ...at(first), theirs: list(theirs), ours: list(ours) },
        range: contact ? contact.range : policy.start,
      });
    }

    // The policy's URL: this repository's policy, or the page this policy hands itself to.
    for (const url of si.policyUrls) checkPolicyUrl(url, policy, context, where.file);

    // The key.
    if (si.pgpKey) await checkKey(si.pgpKey, policy, context, where.file);

    // A bug bounty on one side only.
    const bounty = si.bugBountyAvailable?.value === true || (si.bugBountyAvailable === null && si.bugBountyUrl !== null);
    const bountyField = si.bugBountyAvailable ?? si.bugBountyUrl;
    if (bounty && bountyField && !policy.bounty?.offered) {
      const says = policy.bounty ? "says there is none" : "names no bug bounty";
      context.report({ messageId: "bountyInsightsOnly", data: { ...at(bountyField), says }, range: policy.bounty?.range ?? policy.start });
    } else if (si.bugBountyAvailable?.value === false && policy.bounty?.offered) {
      context.report({ messageId: "bountyPolicyOnly", data: at(si.bugBountyAvailable), range: policy.bounty.range });
    }

    // Dates.
    const now = context.now.getTime();
    const reviewed = si.lastReviewed ? Date.parse(`${si.lastReviewed.value}T00:00:00Z`) : Number.NaN;
    if (si.lastReviewed && !Number.isNaN(reviewed) && now - (reviewed + DAY) > context.options.maxAgeDays * DAY) {
      const days = Math.floor((now - reviewed) / DAY);
      context.report({
        messageId: "stale",
        data: { ...at(si.lastReviewed), value: si.lastReviewed.value, days, max: context.options.maxAgeDays },
        range: policy.labeledDates[0]?.range ?? policy.start,
      });
    }
    const expires = si.expirationDate ? Date.parse(si.expirationDate.value) : Number.NaN;
    if (si.expirationDate && !Number.isNaN(expires) && expires <= now) {
      context.report({ messageId: "expired", data: { ...at(si.expirationDate), value: si.expirationDate.value }, range: policy.start });
    }
  },
});

type Context = RuleContext<{ maxAgeDays: number }>;

function checkPolicyUrl(url: InsightsValue<string>, policy: Policy, context: Context, file: string): void {
  const data = { file, field: url.field, line: url.line, value: url.value };
  const handedTo = policy.delegations.filter((d) => d.policy);
  const target = policy.compare.comparableUrl(url.value);
  if (handedTo.some((d) => policy.compare.comparableUrl(d.url) === target)) return;
  const github = GITHUB.exec(url.value);
  const slug = context.repository.slug;
  if (github) {
    const repo = `${github[1]}/${(github[2] as string).replace(/\.git$/i, "")}`;
    if (slug && repo.toLowerCase() !== slug.toLowerCase()) {
      context.report({
        messageId: "otherRepository",
        data: { ...data, url: `https://github.com/${slug}/security/policy` },
        range: policy.start,
      });
      return;
    }
    // `/blob/<ref>/<path>` names a file: it should be this one.
    const blob = /^\/(?:blob|tree)\/[^/]+\/(.+)$/.exec(github[3] ?? "");
    const root = context.repository.root;
    const ours = root ? pathInRepository(root, context.filePath) : null;
    if (blob && ours && decodeURIComponent(blob[1] as string).toLowerCase() !== ours.toLowerCase()) {
      context.report({
        messageId: "otherFile",
        data: { ...data, target: decodeURIComponent(blob[1] as string), ours },
        range: policy.start,
      });
    }
    return;
  }
  // Another site: when the policy hands itself to a page, that page is the one to name.
  const first = handedTo[0];
  if (first) context.report({ messageId: "notDelegated", data: { ...data, ours: list(handedTo.map((d) => d.url)) }, range: first.range });
}

async function checkKey(key: InsightsValue<string>, policy: Policy, context: Context, file: string): Promise<void> {
  const theirs = await insightsKey(key.value, policy);
  if (!theirs) return;
  const data = { file, field: key.field, line: key.line };
  const given = await policy.givenKeys();
  if ("fingerprint" in theirs) {
    const first = given[0];
    if (!first || given.some((g) => policy.compare.sameKey(g.fingerprint, theirs.fingerprint))) return;
    context.report({
      messageId: "keyMismatch",
      data: { ...data, theirs: `\`${theirs.fingerprint}\``, ours: list([...new Set(given.map((g) => g.fingerprint))]) },
      range: first.range,
    });
    return;
  }
  if ((await policy.keyUrlAgrees(theirs.url)) !== false) return;
  const byFingerprint = given.length > 0 && policy.compare.fingerprintInUrl(theirs.url) !== null;
  const ours = byFingerprint ? [...new Set(given.map((g) => g.fingerprint))] : policy.keyLinks.map((l) => l.url);
  const range = byFingerprint ? (given[0] as GivenKey).range : (policy.keyLinks[0] as KeyLink).range;
  context.report({ messageId: "keyMismatch", data: { ...data, theirs: `\`${theirs.url}\``, ours: list(ours) }, range });
}
