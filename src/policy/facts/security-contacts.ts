/** The security reporting addresses a policy text gives, for comparing policies with each other and with security.txt. */
import { findEmails } from "./contacts.js";
import type { Contact } from "./contacts.js";

/** Real (not placeholder) security email addresses of a policy's contacts, lower-cased, in order. */
export function securityEmails(contacts: readonly Contact[]): string[] {
  const out = contacts.filter((c) => c.kind === "email" && c.role === "report" && c.placeholder === null).map((c) => c.value);
  return [...new Set(out)];
}

/** The same for a policy file's text: markdown is modelled, reStructuredText and AsciiDoc are scanned. */
export function securityEmailsOfFile(filePath: string, text: string, ofMarkdown: (text: string) => string[]): string[] {
  if (/\.(?:md|markdown)$/i.test(filePath)) return ofMarkdown(text);
  return [...new Set(findEmails(text).map((e) => e.address.toLowerCase()))];
}
