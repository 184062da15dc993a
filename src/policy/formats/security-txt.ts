/**
 * security.txt (RFC 9116): parse the fields of a file, read through an OpenPGP cleartext signature
 * when the file is signed, and list what RFC 9116 says is wrong with it. Pure: no I/O.
 */

export interface SecurityTxtField {
  /** The field name as written (`Contact`); compare with `key`, its lower-case form. */
  name: string;
  key: string;
  value: string;
  /** 1-based line in the file. */
  line: number;
}

export interface SecurityTxt {
  fields: SecurityTxtField[];
  /** Whether the file is an OpenPGP cleartext-signed message. */
  signed: boolean;
}

const SIGNED_BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
const SIGNATURE_BEGIN = "-----BEGIN PGP SIGNATURE-----";

/** Parse a security.txt text. Lines are `Field: value`; `#` starts a comment. */
export function parseSecurityTxt(text: string): SecurityTxt {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const fields: SecurityTxtField[] = [];
  let i = 0;
  const signed = lines.findIndex((l) => l.trim() !== "") >= 0 && lines.find((l) => l.trim() !== "")?.trim() === SIGNED_BEGIN;
  if (signed) {
    i = lines.findIndex((l) => l.trim() === SIGNED_BEGIN) + 1;
    // Armor headers (`Hash: SHA512`) run to the first blank line.
    while (i < lines.length && (lines[i] as string).trim() !== "") i++;
  }
  for (; i < lines.length; i++) {
    let line = lines[i] as string;
    if (signed) {
      if (line.trim() === SIGNATURE_BEGIN) break;
      // Cleartext signatures dash-escape lines that start with a dash (RFC 4880 §7.1).
      if (line.startsWith("- ")) line = line.slice(2);
    }
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    // `Name: value`, split at the first colon (a scan, not a backtracking pattern).
    const colon = trimmed.indexOf(":");
    const name = colon === -1 ? "" : trimmed.slice(0, colon);
    if (!/^[A-Za-z0-9-]+$/.test(name)) continue;
    fields.push({ name, key: name.toLowerCase(), value: trimmed.slice(colon + 1).trim(), line: i + 1 });
  }
  return { fields, signed };
}

export interface SecurityTxtProblem {
  /** What is wrong, as the middle of a message: "no `Contact` field". */
  kind:
    | "no-contact"
    | "no-expires"
    | "repeated"
    | "bad-date"
    | "expired"
    | "far-expiry"
    | "not-https"
    | "bad-contact"
    | "key-inline"
    | "bad-encryption";
  field: string;
  value: string;
  line: number;
}

/** RFC 3339 date-time, as RFC 9116 requires for Expires. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const WEB_FIELDS = ["acknowledgments", "canonical", "hiring", "policy"];
const YEAR_MS = 366 * 24 * 3600 * 1000;

/** What RFC 9116 says is wrong with a parsed security.txt at time `now`. */
export function checkSecurityTxt(txt: SecurityTxt, now: Date): SecurityTxtProblem[] {
  const problems: SecurityTxtProblem[] = [];
  const all = (key: string): SecurityTxtField[] => txt.fields.filter((f) => f.key === key);
  const contacts = all("contact");
  if (contacts.length === 0) problems.push({ kind: "no-contact", field: "Contact", value: "", line: 1 });
  for (const c of contacts) {
    if (/^http:/i.test(c.value)) problems.push({ kind: "not-https", field: c.name, value: c.value, line: c.line });
    else if (!/^(?:mailto:|tel:|https:)/i.test(c.value))
      problems.push({ kind: "bad-contact", field: c.name, value: c.value, line: c.line });
  }
  const expires = all("expires");
  const first = expires[0];
  if (!first) problems.push({ kind: "no-expires", field: "Expires", value: "", line: 1 });
  else {
    if (expires.length > 1)
      problems.push({ kind: "repeated", field: "Expires", value: first.value, line: (expires[1] as SecurityTxtField).line });
    const date = new Date(first.value);
    if (!RFC3339.test(first.value) || Number.isNaN(date.getTime()))
      problems.push({ kind: "bad-date", field: first.name, value: first.value, line: first.line });
    else if (date <= now) problems.push({ kind: "expired", field: first.name, value: first.value, line: first.line });
    else if (date.getTime() - now.getTime() > YEAR_MS)
      problems.push({ kind: "far-expiry", field: first.name, value: first.value, line: first.line });
  }
  const languages = all("preferred-languages");
  if (languages.length > 1)
    problems.push({
      kind: "repeated",
      field: "Preferred-Languages",
      value: (languages[1] as SecurityTxtField).value,
      line: (languages[1] as SecurityTxtField).line,
    });
  for (const f of txt.fields) {
    if (WEB_FIELDS.includes(f.key) && /^http:/i.test(f.value))
      problems.push({ kind: "not-https", field: f.name, value: f.value, line: f.line });
    if (f.key === "encryption") {
      if (/BEGIN PGP|^mQ[A-Za-z0-9+/]{20,}/.test(f.value))
        problems.push({ kind: "key-inline", field: f.name, value: f.value.slice(0, 40), line: f.line });
      else if (/^http:/i.test(f.value)) problems.push({ kind: "not-https", field: f.name, value: f.value, line: f.line });
      else if (!/^(?:https:|dns:|openpgp4fpr:)/i.test(f.value))
        problems.push({ kind: "bad-encryption", field: f.name, value: f.value.slice(0, 60), line: f.line });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** The email addresses of `Contact: mailto:` fields, lower-cased. */
export function contactEmails(txt: SecurityTxt): string[] {
  return txt.fields
    .filter((f) => f.key === "contact" && /^mailto:/i.test(f.value))
    .map((f) => decodeURIComponent(f.value.slice(7).split("?")[0] as string).toLowerCase());
}

/** The fingerprint of an `Encryption: openpgp4fpr:` field, upper-case hex, or null. */
export function encryptionFingerprints(txt: SecurityTxt): string[] {
  return txt.fields
    .filter((f) => f.key === "encryption" && /^openpgp4fpr:/i.test(f.value))
    .map((f) => f.value.slice(12).replace(/[\s:]/g, "").toUpperCase());
}

/** The URIs of `Encryption:` fields, by scheme. */
export function encryptionUris(txt: SecurityTxt, scheme: "https" | "dns"): SecurityTxtField[] {
  return txt.fields.filter((f) => f.key === "encryption" && f.value.toLowerCase().startsWith(`${scheme}:`));
}

/** A security.txt file read for comparing with a policy: its fields, its problems and what it names. */
export class SecurityTxtFile {
  readonly txt: SecurityTxt;

  constructor(text: string) {
    this.txt = parseSecurityTxt(text);
  }

  /** The file's fields, in order. */
  get fields(): SecurityTxtField[] {
    return this.txt.fields;
  }

  /** What RFC 9116 finds wrong with the file at a given time. */
  problems(now: Date): SecurityTxtProblem[] {
    return checkSecurityTxt(this.txt, now);
  }

  /** The email addresses of `Contact: mailto:` fields, lower-cased. */
  get contactEmails(): string[] {
    return contactEmails(this.txt);
  }

  /** The fingerprints of `Encryption: openpgp4fpr:` fields, upper-case hex. */
  get encryptionFingerprints(): string[] {
    return encryptionFingerprints(this.txt);
  }

  /** The URIs of `Encryption:` fields, by scheme. */
  encryptionUris(scheme: "https" | "dns"): SecurityTxtField[] {
    return encryptionUris(this.txt, scheme);
  }

  /** Whether an `Encryption: dns:` URI names the OPENPGPKEY record of one of these addresses; null when the URI is no such record. */
  namesRecordOf(value: string, addresses: readonly string[]): boolean | null {
    const record = parseOpenpgpkeyUri(value);
    return record ? addresses.some((address) => openpgpkeyNames(record, address)) : null;
  }
}

/**
 * The owner name RFC 7929 gives an address's OPENPGPKEY record: the local part hashed with SHA2-256,
 * truncated to 28 octets, in hex (`<hash>._openpgpkey.<domain>`).
 */
export function openpgpkeyLabel(localPart: string): string {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(localPart, "utf8").digest().subarray(0, 28).toString("hex");
}

/** The hashed local part and the domain of a `dns:<hash>._openpgpkey.<domain>?type=OPENPGPKEY` URI, or null. */
export function parseOpenpgpkeyUri(value: string): { label: string; domain: string } | null {
  const m = /^dns:(?:\/\/[^/]*\/)?([0-9a-f]+)\._openpgpkey\.([a-z0-9.-]+?)\.?(?:\?|$)/i.exec(value.trim());
  return m ? { label: (m[1] as string).toLowerCase(), domain: (m[2] as string).toLowerCase() } : null;
}

/** Whether an OPENPGPKEY URI names the record of `address` (its local part as written, or lower-cased). */
export function openpgpkeyNames(uri: { label: string; domain: string }, address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.slice(at + 1).toLowerCase() !== uri.domain) return false;
  const local = address.slice(0, at);
  return openpgpkeyLabel(local) === uri.label || openpgpkeyLabel(local.toLowerCase()) === uri.label;
}
