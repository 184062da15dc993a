/** The rule registry: every rule secpolicy-lint has, sorted by id. */
import type { AnyRule } from "../src/engine/rule.js";
import consistentContacts from "./consistent-contacts.js";
import noPlaceholderContact from "./no-placeholder-contact.js";
import requireDisclosureProcess from "./require-disclosure-process.js";
import requirePrivateReporting from "./require-private-reporting.js";
import requireResponseTimeline from "./require-response-timeline.js";
import requireSupportedVersions from "./require-supported-versions.js";
import validEncoding from "./valid-encoding.js";

export const rules: readonly AnyRule[] = [
  consistentContacts,
  noPlaceholderContact,
  requireDisclosureProcess,
  requirePrivateReporting,
  requireResponseTimeline,
  requireSupportedVersions,
  validEncoding,
] as unknown as readonly AnyRule[];

export const ruleIds: readonly string[] = rules.map((r) => r.meta.id);

export function getRule(id: string): AnyRule | undefined {
  return rules.find((r) => r.meta.id === id);
}
