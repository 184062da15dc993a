/** The rule registry: every rule secpolicy-lint has, sorted by id. */
import type { AnyRule } from "../src/engine/rule.js";
import consistentContacts from "./consistent-contacts.js";
import consistentSecurityInsights from "./consistent-security-insights.js";
import consistentSecurityTxt from "./consistent-security-txt.js";
import noMislabeledCodeFence from "./no-mislabeled-code-fence.js";
import noMojibake from "./no-mojibake.js";
import noPlaceholderContact from "./no-placeholder-contact.js";
import noStaleDate from "./no-stale-date.js";
import noTemplateText from "./no-template-text.js";
import requireDisclosureProcess from "./require-disclosure-process.js";
import requirePrivateReporting from "./require-private-reporting.js";
import requireResponseTimeline from "./require-response-timeline.js";
import requireSafeHarbor from "./require-safe-harbor.js";
import requireScope from "./require-scope.js";
import requireSupportedVersions from "./require-supported-versions.js";
import scorecardSecurityPolicy from "./scorecard-security-policy.js";
import singlePolicyFile from "./single-policy-file.js";
import supportedVersionsCurrent from "./supported-versions-current.js";
import validEncoding from "./valid-encoding.js";
import validLinks from "./valid-links.js";
import validPgpKey from "./valid-pgp-key.js";

export const rules: readonly AnyRule[] = [
  consistentContacts,
  consistentSecurityInsights,
  consistentSecurityTxt,
  noMislabeledCodeFence,
  noMojibake,
  noPlaceholderContact,
  noStaleDate,
  noTemplateText,
  requireDisclosureProcess,
  requirePrivateReporting,
  requireResponseTimeline,
  requireSafeHarbor,
  requireScope,
  requireSupportedVersions,
  scorecardSecurityPolicy,
  singlePolicyFile,
  supportedVersionsCurrent,
  validEncoding,
  validLinks,
  validPgpKey,
] as unknown as readonly AnyRule[];

let byId: ReadonlyMap<string, AnyRule> | undefined;

/**
 * The rule with this id, or undefined. Ids come from untrusted places (`--rule`, configuration files,
 * inline comments, a cache): looked up in a Map, so `__proto__`, `constructor` or `toString` are unknown
 * ids and never reach an object's prototype.
 */
export function ruleById(id: string): AnyRule | undefined {
  byId ??= new Map(rules.map((r) => [r.meta.id, r]));
  return byId.get(id);
}
