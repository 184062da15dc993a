import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";
import type { GivenKey, KeyLink } from "../src/policy/facts/keys.js";
import type { SecurityTxtProblem } from "../src/policy/formats/security-txt.js";

const list = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(", ");

const PROBLEM_MESSAGE: Record<SecurityTxtProblem["kind"], string> = {
  "no-contact": "noContact",
  "no-expires": "noExpires",
  repeated: "repeated",
  "bad-date": "badDate",
  expired: "expired",
  "far-expiry": "farExpiry",
  "not-https": "notHttps",
  "bad-contact": "badContact",
  "key-inline": "keyInline",
  "bad-encryption": "badEncryption",
};

export default defineRule({
  meta: {
    id: "consistent-security-txt",
    description: "Require the repository's security.txt to be valid (RFC 9116) and to agree with the security policy",
    severity: "warn",
    options: () =>
      z
        .object({
          requirePolicyField: z.boolean().describe("Report a security.txt without a `Policy` field pointing readers to the policy"),
        })
        .strict(),
    defaultOptions: { requirePolicyField: true },
    messages: {
      noContact: "Missing `Contact` in `{file}`, expected at least one `mailto:`, `tel:` or `https:` URI (RFC 9116)",
      noExpires: "Missing `Expires` in `{file}`, expected one RFC 3339 date-time less than a year ahead (RFC 9116)",
      repeated: "Unexpected second `{field}` in `{file}` at line {line}, expected it once (RFC 9116)",
      badDate: "Unexpected `Expires: {value}` in `{file}` at line {line}, expected an RFC 3339 date-time such as `2027-05-31T23:59:59Z`",
      expired:
        "Unexpected expired `Expires: {value}` in `{file}` at line {line}, expected a date in the future: readers treat an expired file as stale",
      farExpiry:
        "Unexpected `Expires: {value}` more than a year ahead in `{file}` at line {line}, expected less than a year so the file is reviewed",
      notHttps: "Unexpected `{field}: {value}` in `{file}` at line {line}, expected an `https:` URI",
      badContact: "Unexpected `{field}: {value}` in `{file}` at line {line}, expected a `mailto:`, `tel:` or `https:` URI",
      keyInline:
        "Unexpected key material in `{field}` in `{file}` at line {line}, expected a URI to the key (`https:`, `dns:` or `openpgp4fpr:`)",
      badEncryption:
        "Unexpected `{field}: {value}` in `{file}` at line {line}, expected a URI to the key (`https:`, `dns:` or `openpgp4fpr:`)",
      contactMismatch: "Unexpected `Contact` {theirs} in `{file}`, expected the reporting address this policy gives ({ours})",
      noPolicy: "Missing `Policy` in `{file}`, expected a link to this security policy",
      otherPolicy:
        "Unexpected `Policy: {value}` in `{file}` at line {line}, pointing at another repository, expected this repository's policy such as `{url}`",
      keyMismatch: "Unexpected `Encryption` fingerprint `{theirs}` in `{file}`, expected the key fingerprint this policy gives ({ours})",
      keyUrlMismatch: "Unexpected `Encryption: {value}` in `{file}` at line {line}, expected a link to the key this policy gives ({ours})",
      dnsMismatch:
        "Unexpected `Encryption: {value}` in `{file}` at line {line}, expected the OPENPGPKEY record of a reporting address this policy gives ({ours}; RFC 7929 names it `<SHA-256 of the local part, 28 octets>._openpgpkey.<domain>`)",
    },
  },
  async check(policy, context) {
    const files = context.repository.securityTxt ?? [];
    // The keys the policy gives (its fingerprints and key blocks), read only when security.txt names a key.
    const policyKeys = (): Promise<GivenKey[]> => policy.givenKeys();
    for (const file of files) {
      if (file.text === null) continue;
      const txt = policy.readSecurityTxt(file.text);
      for (const p of txt.problems(context.now)) {
        context.report({
          messageId: PROBLEM_MESSAGE[p.kind] as "noContact",
          data: { file: file.path, field: p.field, value: p.value, line: p.line },
          range: policy.start,
        });
      }
      const ours = policy.securityEmails;
      const theirs = txt.contactEmails;
      if (ours.length > 0 && theirs.length > 0 && !theirs.some((t) => ours.includes(t))) {
        const at = policy.contacts.find((c) => c.kind === "email" && c.value === ours[0]);
        context.report({
          messageId: "contactMismatch",
          data: { file: file.path, theirs: list(theirs), ours: list(ours) },
          range: at ? at.range : policy.start,
        });
      }
      const policies = txt.fields.filter((f) => f.key === "policy");
      if (context.options.requirePolicyField && policies.length === 0) {
        context.report({ messageId: "noPolicy", data: { file: file.path }, range: policy.start });
      }
      const slug = context.repository.slug?.toLowerCase();
      for (const f of slug ? policies : []) {
        const m = /^https:\/\/(?:www\.)?github\.com\/([^/\s]+)\/([^/\s#?]+)/i.exec(f.value);
        if (!m || `${m[1]}/${m[2]}`.toLowerCase().replace(/\.git$/, "") === slug) continue;
        context.report({
          messageId: "otherPolicy",
          data: { file: file.path, value: f.value, line: f.line, url: `https://github.com/${context.repository.slug}/security/policy` },
          range: policy.start,
        });
      }
      const stated = txt.encryptionFingerprints;
      const given = stated.length > 0 ? await policyKeys() : [];
      for (const fp of given.length > 0 ? stated : []) {
        if (given.some((g) => g.fingerprint === fp || g.fingerprint.endsWith(fp) || fp.endsWith(g.fingerprint))) continue;
        context.report({
          messageId: "keyMismatch",
          data: { file: file.path, theirs: fp, ours: list(given.map((g) => g.fingerprint)) },
          range: (given[0] as GivenKey).range,
        });
      }
      // A key URL: the fingerprint it carries, or the same link as the policy's.
      for (const f of txt.encryptionUris("https")) {
        const keys = await policyKeys();
        if ((await policy.keyUrlAgrees(f.value)) !== false) continue;
        const byFingerprint = keys.length > 0 && policy.compare.fingerprintInUrl(f.value) !== null;
        const shown = byFingerprint ? [...new Set(keys.map((k) => k.fingerprint))] : policy.keyLinks.map((l) => l.url);
        const range = byFingerprint ? (keys[0] as GivenKey).range : (policy.keyLinks[0] as KeyLink).range;
        context.report({ messageId: "keyUrlMismatch", data: { file: file.path, value: f.value, line: f.line, ours: list(shown) }, range });
      }
      // An OPENPGPKEY record (RFC 7929): the hashed local part and domain of one of the policy's addresses.
      for (const f of ours.length > 0 ? txt.encryptionUris("dns") : []) {
        if (txt.namesRecordOf(f.value, ours) !== false) continue;
        const at = policy.contacts.find((c) => c.kind === "email" && c.value === ours[0]);
        context.report({
          messageId: "dnsMismatch",
          data: { file: file.path, value: f.value, line: f.line, ours: list(ours) },
          range: at ? at.range : policy.start,
        });
      }
    }
  },
});
