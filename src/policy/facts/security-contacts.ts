/** The security reporting addresses a policy text gives, for comparing policies with each other and with security.txt. */
import { findEmails } from "./contacts.js";
import { buildPolicy, type Policy } from "../model.js";

/** Real (not placeholder) security email addresses of a policy model, lower-cased, in order. */
export function securityEmails(policy: Policy): string[] {
  const out = policy.contacts.filter((c) => c.kind === "email" && c.role === "report" && c.placeholder === null).map((c) => c.value);
  return [...new Set(out)];
}

/** The same for a policy file's text: markdown is modelled, reStructuredText and AsciiDoc are scanned. */
export function securityEmailsOfFile(filePath: string, text: string): string[] {
  if (/\.(?:md|markdown)$/i.test(filePath)) return securityEmails(buildPolicy(text));
  return [...new Set(findEmails(text).map((e) => e.address.toLowerCase()))];
}
