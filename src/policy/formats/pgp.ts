/**
 * OpenPGP public-key blocks and fingerprints found in SECURITY.md prose.
 *
 * Pure module: no file or network I/O. Armor parsing, base64, CRC-24 and a
 * light packet-header walk are done here synchronously; openpgp is only loaded
 * (lazily, via dynamic import) by `inspectKey`, so linting a policy that has no
 * key block never pays for loading it.
 *
 * References: RFC 4880 §6 / RFC 9580 §6.2 (ASCII armor), RFC 9580 §4.2
 * (packet headers). All offsets are UTF-16 offsets into the input string.
 */
import { trailingLength, trimEndChars } from "../text/trim.js";

/**
 * Offsets of line-based problems cover the line's content without indentation,
 * blockquote markers (`>`) or trailing whitespace.
 */
export type ArmorProblem =
  /** Stand-in text inside the body (sentence, `...`, FAKEKEY, XXXX…); consecutive lines are merged. */
  | { kind: "placeholder"; start: number; end: number; text: string }
  /** No END line; the span is the BEGIN line. */
  | { kind: "missing-end"; start: number; end: number }
  /** BEGIN/END line with the wrong dash count or label; the span is that line. */
  | { kind: "malformed-delimiter"; start: number; end: number; text: string }
  /** First body line that is neither base64, a checksum, nor a placeholder (or misplaced `=` padding). */
  | { kind: "not-base64"; start: number; end: number; text: string }
  /** `expected` = the 4 characters written after `=`; `actual` = CRC-24 of the decoded body. Span: checksum line. */
  | { kind: "bad-checksum"; start: number; end: number; expected: string; actual: string }
  /** No body data at all; the span is the whole block. */
  | { kind: "empty-body"; start: number; end: number }
  /** Decoded bytes carry no usable public key; the span is the body. */
  | { kind: "no-public-key-packet"; start: number; end: number; detail: string };

export interface ArmorBlock {
  /** From the BEGIN line to the end of the END line. Without an END line the
   * block stops after its last body line (at a code fence, the next BEGIN, a
   * blank line after body text, or the end of input). */
  start: number;
  end: number;
  /** First to last non-blank body line (headers excluded, checksum line included). */
  bodyStart: number;
  bodyEnd: number;
  headers: Record<string, string>;
  bytes: Uint8Array | null;
  problems: ArmorProblem[];
  /** The key read with openpgp, on first use (`Policy.inspectKey`). */
  inspected?: Promise<KeyInfo | ArmorProblem>;
}

export interface KeyInfo {
  fingerprint: string;
  created: Date;
  expires: Date | null;
  userIds: string[];
  emails: string[];
}

// ---------------------------------------------------------------------------
// Lines

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character (line terminator excluded). */
  end: number;
  /** Offset of the content after indentation / blockquote markers. */
  cStart: number;
  /** Offset just past the content with trailing whitespace removed. */
  cEnd: number;
  /** Content: the line without leading `[ \t>]*` and trailing whitespace. */
  text: string;
}

function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let pos = 0;
  for (;;) {
    const m = re.exec(input);
    const end = m ? m.index : input.length;
    const raw = input.slice(pos, end);
    // Markdown wraps armor in indented code, list items or blockquotes; none of
    // those characters can start a base64 line or a delimiter.
    const lead = /^[ \t>\u00a0]*/.exec(raw)?.[0].length ?? 0;
    const trail = trailingLength(raw.slice(lead), " \t\u00a0");
    const cStart = pos + lead;
    const cEnd = Math.max(cStart, end - trail);
    lines.push({ start: pos, end, cStart, cEnd, text: input.slice(cStart, cEnd) });
    if (!m) break;
    pos = m.index + m[0].length;
  }
  return lines;
}

// ---------------------------------------------------------------------------
// Delimiters and body lines

const BEGIN_EXACT = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
const END_EXACT = "-----END PGP PUBLIC KEY BLOCK-----";
/** A BEGIN line, tolerating a wrong dash count, case, spacing or a missing "BLOCK". */
const BEGIN_RE = /^-{3,}\s*BEGIN\s+PGP\s+PUBLIC\s+KEY(?:\s+BLOCK)?\s*-*$/i;
/** Any END PGP … line closes a public key block (a wrong label is reported). */
/** What every BEGIN line holds, searched in the whole text before it is split into lines. */
const BEGIN_ANYWHERE = /BEGIN\s+PGP/i;
const END_RE = /^-{3,}\s*END\s+PGP\b[^\n]*$/i;
/** A Markdown code fence: an unterminated block never extends past one. */
const FENCE_RE = /^(?:`{3,}|~{3,})/;
/** Armor header line (RFC 9580 §6.2.2): `Key: Value`. */
const HEADER_RE = /^([A-Za-z][A-Za-z0-9-]*): ?(.*)$/;
const CHECKSUM_RE = /^=([A-Za-z0-9+/]{4})$/;
const BASE64_LINE_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Text that is clearly a stand-in for a key rather than damaged base64:
 * sentences, ellipses, brackets, and long placeholder words. Words are at least
 * six letters (or FAKE+KEY) so that a real base64 line practically never
 * matches by chance.
 */
function isPlaceholderLine(text: string): boolean {
  if (/\.\.|\u2026/.test(text)) return true; // "...", "..", "…"
  if (/[[\]<>{}()]/.test(text)) return true;
  if (/[A-Za-z]{2}[,;:!?]?\s+[A-Za-z]{2}/.test(text)) return true; // words separated by spaces
  if (/fake[-_ ]?key|placeholder|example|redacted|truncated|omitted|insert|replace|your[-_ ]?key|lorem ?ipsum/i.test(text)) {
    return true;
  }
  if (/X{8,}|x{8,}/.test(text)) return true; // XXXXXXXX
  return false;
}

// ---------------------------------------------------------------------------
// Base64 and CRC-24

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));

/** Decode unpadded-or-padded base64 that has already been validated. */
function decodeBase64(s: string): Uint8Array {
  const data = trimEndChars(s, "=");
  const out = new Uint8Array(Math.floor((data.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of data) {
    acc = (acc << 6) | (B64_INDEX.get(ch) ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function encodeCrc(crc: number): string {
  return [18, 12, 6, 0].map((shift) => B64[(crc >> shift) & 0x3f]).join("");
}

/** CRC-24 of RFC 4880 §6.1 (init 0xB704CE, generator 0x1864CFB). */
export function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

// ---------------------------------------------------------------------------
// Packet headers (RFC 9580 §4.2), enough to tell whether a public key is there

const TAG_NAMES: Record<number, string> = {
  1: "public-key encrypted session key",
  2: "signature",
  3: "symmetric-key encrypted session key",
  4: "one-pass signature",
  5: "secret key",
  6: "public key",
  7: "secret subkey",
  8: "compressed data",
  9: "symmetrically encrypted data",
  10: "marker",
  11: "literal data",
  12: "trust",
  13: "user id",
  14: "public subkey",
  17: "user attribute",
  18: "encrypted and integrity protected data",
  19: "modification detection code",
  20: "AEAD encrypted data",
  21: "padding",
};

function tagName(tag: number): string {
  return `tag ${tag}${TAG_NAMES[tag] ? ` (${TAG_NAMES[tag]})` : ""}`;
}

/** Walk packet headers; returns the tags, or an error message. */
function walkPackets(bytes: Uint8Array): { tags: number[] } | { error: string } {
  const tags: number[] = [];
  let pos = 0;
  const byteAt = (i: number): number => bytes[i] ?? -1;
  while (pos < bytes.length) {
    const first = byteAt(pos);
    if ((first & 0x80) === 0) {
      return { error: `byte ${pos} is not a packet header (0x${first.toString(16).padStart(2, "0")})` };
    }
    let tag: number;
    let p = pos + 1;
    if (first & 0x40) {
      tag = first & 0x3f;
      // New-format length, possibly a chain of partial lengths.
      for (;;) {
        const o = byteAt(p);
        let len: number;
        let partial = false;
        if (o < 0) return { error: `${tagName(tag)} at byte ${pos}: truncated length` };
        if (o < 192) {
          len = o;
          p += 1;
        } else if (o < 224) {
          const o2 = byteAt(p + 1);
          if (o2 < 0) return { error: `${tagName(tag)} at byte ${pos}: truncated length` };
          len = ((o - 192) << 8) + o2 + 192;
          p += 2;
        } else if (o === 255) {
          if (p + 5 > bytes.length) return { error: `${tagName(tag)} at byte ${pos}: truncated length` };
          len = byteAt(p + 1) * 2 ** 24 + (byteAt(p + 2) << 16) + (byteAt(p + 3) << 8) + byteAt(p + 4);
          p += 5;
        } else {
          len = 1 << (o & 0x1f);
          partial = true;
          p += 1;
        }
        if (p + len > bytes.length) {
          return {
            error: `${tagName(tag)} at byte ${pos} is truncated: needs ${len} bytes, ${bytes.length - p} left`,
          };
        }
        p += len;
        if (!partial) break;
      }
    } else {
      tag = (first >> 2) & 0x0f;
      const lengthType = first & 0x03;
      let len: number;
      if (lengthType === 3) {
        len = bytes.length - p; // indeterminate: rest of the data
      } else {
        const n = 1 << lengthType; // 1, 2 or 4 length octets
        if (p + n > bytes.length) return { error: `${tagName(tag)} at byte ${pos}: truncated length` };
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + byteAt(p + i);
        p += n;
      }
      if (p + len > bytes.length) {
        return { error: `${tagName(tag)} at byte ${pos} is truncated: needs ${len} bytes, ${bytes.length - p} left` };
      }
      p += len;
    }
    if (tag === 0) return { error: `byte ${pos}: packet tag 0 is reserved` };
    tags.push(tag);
    pos = p;
  }
  return { tags };
}

/** Synchronous check that decoded bytes carry a public key packet. */
function packetProblem(bytes: Uint8Array): string | null {
  const walked = walkPackets(bytes);
  if ("error" in walked) return `unparseable packets: ${walked.error}`;
  const { tags } = walked;
  if (tags.includes(6)) return null;
  if (tags.includes(5) || tags.includes(7)) {
    return "no public key packet (tag 6); the block contains SECRET key material (tag 5/7)";
  }
  const found = [...new Set(tags)].map(tagName).join(", ");
  return `no public key packet (tag 6); packets found: ${found || "none"}`;
}

// ---------------------------------------------------------------------------
// Armor blocks

function problemOrder(a: ArmorProblem, b: ArmorProblem): number {
  return a.start - b.start || a.end - b.end;
}

/** The END line of a block begun at `beginIdx`, or -1: the search stops at the next BEGIN or at a code fence. */
function findEnd(lines: readonly Line[], beginIdx: number): number {
  for (let k = beginIdx + 1; k < lines.length; k++) {
    const t = (lines[k] as Line).text;
    if (END_RE.test(t)) return k;
    if (BEGIN_RE.test(t) || FENCE_RE.test(t)) break;
  }
  return -1;
}

/** Armor headers: consecutive `Key: value` lines right after BEGIN, then an optional blank separator line; where the body starts. */
function readHeaders(lines: readonly Line[], beginIdx: number, limit: number): { headers: Record<string, string>; bodyIdx: number } {
  const headers: Record<string, string> = {};
  let i = beginIdx + 1;
  while (i < limit) {
    const m = HEADER_RE.exec((lines[i] as Line).text);
    if (!m) break;
    const key = m[1] as string;
    if (key !== "__proto__") headers[key] = m[2] ?? "";
    i++;
  }
  if (i < limit && (lines[i] as Line).text === "") i++;
  return { headers, bodyIdx: i };
}

/**
 * Where the body of an unterminated block ends (exclusive): at a code fence, another BEGIN, a blank line
 * once body text has started, or the end of input.
 */
function unterminatedBodyEnd(lines: readonly Line[], bodyIdx: number): number {
  let k = bodyIdx;
  let seen = false;
  for (; k < lines.length; k++) {
    const t = (lines[k] as Line).text;
    if (FENCE_RE.test(t) || BEGIN_RE.test(t) || END_RE.test(t)) break;
    if (t === "") {
      if (seen) break;
      continue;
    }
    seen = true;
  }
  return k;
}

/** The body's lines sorted out: base64 data, the checksum, runs of placeholder lines, the first line that is none of these. */
interface BodyLines {
  dataLines: Line[];
  checksumLine: Line | null;
  notBase64: Line | null;
  hasPlaceholder: boolean;
}

function classifyBody(text: string, body: readonly Line[], problems: ArmorProblem[]): BodyLines {
  const out: BodyLines = { dataLines: [], checksumLine: null, notBase64: null, hasPlaceholder: false };
  let placeholderRun: Line[] = [];
  const flushPlaceholders = (): void => {
    const first = placeholderRun[0];
    const last = placeholderRun[placeholderRun.length - 1];
    if (first && last) {
      problems.push({ kind: "placeholder", start: first.cStart, end: last.cEnd, text: text.slice(first.cStart, last.cEnd) });
      out.hasPlaceholder = true;
    }
    placeholderRun = [];
  };
  for (const line of body) {
    if (CHECKSUM_RE.test(line.text)) {
      flushPlaceholders();
      out.checksumLine = line;
    } else if (isPlaceholderLine(line.text)) {
      placeholderRun.push(line);
    } else {
      flushPlaceholders();
      if (BASE64_LINE_RE.test(line.text)) out.dataLines.push(line);
      else out.notBase64 ??= line;
    }
  }
  flushPlaceholders();
  // `=` padding may only end the last data line, and 4n+1 characters can never be base64.
  const { dataLines } = out;
  if (!out.notBase64 && !out.hasPlaceholder && dataLines.length > 0) {
    const padded = dataLines.slice(0, -1).find((l) => l.text.includes("="));
    const joinedLength = dataLines.reduce((n, l) => n + trimEndChars(l.text, "=").length, 0);
    if (padded) out.notBase64 = padded;
    else if (joinedLength % 4 === 1) out.notBase64 = dataLines[dataLines.length - 1] ?? null;
  }
  if (out.notBase64) problems.push({ kind: "not-base64", start: out.notBase64.cStart, end: out.notBase64.cEnd, text: out.notBase64.text });
  return out;
}

/** The key bytes of a clean body, checked against its checksum line and for a public-key packet; an empty body is a problem too. */
function decodeBody(
  body: BodyLines,
  span: { start: number; end: number; bodyStart: number; bodyEnd: number },
  problems: ArmorProblem[],
): Uint8Array | null {
  if (body.notBase64 || body.hasPlaceholder) return null;
  if (body.dataLines.length === 0) {
    problems.push({ kind: "empty-body", start: span.start, end: span.end });
    return null;
  }
  const bytes = decodeBase64(body.dataLines.map((l) => l.text).join(""));
  const checksumLine = body.checksumLine;
  if (checksumLine) {
    const expected = CHECKSUM_RE.exec(checksumLine.text)?.[1] ?? "";
    const actual = encodeCrc(crc24(bytes));
    if (expected !== actual) problems.push({ kind: "bad-checksum", start: checksumLine.cStart, end: checksumLine.cEnd, expected, actual });
  }
  const detail = packetProblem(bytes);
  if (detail) problems.push({ kind: "no-public-key-packet", start: span.bodyStart, end: span.bodyEnd, detail });
  return bytes;
}

function parseBlock(text: string, lines: Line[], beginIdx: number): { block: ArmorBlock; nextIdx: number } {
  const begin = lines[beginIdx] as Line;
  const problems: ArmorProblem[] = [];
  if (begin.text !== BEGIN_EXACT) problems.push({ kind: "malformed-delimiter", start: begin.cStart, end: begin.cEnd, text: begin.text });
  const endIdx = findEnd(lines, beginIdx);
  const { headers, bodyIdx } = readHeaders(lines, beginIdx, endIdx >= 0 ? endIdx : lines.length);
  const bodyEndIdx = endIdx >= 0 ? endIdx : unterminatedBodyEnd(lines, bodyIdx); // exclusive
  const body = lines.slice(bodyIdx, bodyEndIdx).filter((l) => l.text !== "");
  const sorted = classifyBody(text, body, problems);

  const endLine = endIdx >= 0 ? (lines[endIdx] as Line) : null;
  // Without an END line the block stops after the last line it consumed.
  const lastConsumed = lines[Math.max(beginIdx, bodyEndIdx - 1)] as Line;
  const firstBody = body[0];
  const lastBody = body[body.length - 1];
  const start = begin.cStart;
  const end = endLine ? endLine.cEnd : Math.max(begin.cEnd, lastConsumed.cEnd);
  const empty = endLine ? endLine.cStart : end;
  const bodyStart = firstBody && lastBody ? firstBody.cStart : empty;
  const bodyEnd = firstBody && lastBody ? lastBody.cEnd : empty;
  const bytes = decodeBody(sorted, { start, end, bodyStart, bodyEnd }, problems);

  if (endLine && endLine.text !== END_EXACT)
    problems.push({ kind: "malformed-delimiter", start: endLine.cStart, end: endLine.cEnd, text: endLine.text });
  if (!endLine) problems.push({ kind: "missing-end", start: begin.cStart, end: begin.cEnd });
  problems.sort(problemOrder);

  const nextIdx = endIdx >= 0 ? endIdx + 1 : Math.max(beginIdx + 1, bodyEndIdx);
  return { block: { start, end, bodyStart, bodyEnd, headers, bytes, problems }, nextIdx };
}

/**
 * Find every `-----BEGIN PGP PUBLIC KEY BLOCK-----` block in text (also
 * tolerating a wrong number of dashes, reported as malformed-delimiter).
 * Synchronous, no openpgp.
 */
export function findArmorBlocks(text: string): ArmorBlock[] {
  // Splitting into lines is the cost: a text without `BEGIN PGP` anywhere has no BEGIN line.
  if (!BEGIN_ANYWHERE.test(text)) return [];
  const lines = splitLines(text);
  const blocks: ArmorBlock[] = [];
  let idx = 0;
  while (idx < lines.length) {
    if (BEGIN_RE.test((lines[idx] as Line).text)) {
      const { block, nextIdx } = parseBlock(text, lines, idx);
      blocks.push(block);
      idx = nextIdx;
    } else {
      idx++;
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------
// Key inspection (openpgp, loaded lazily)

function emailsOf(userIds: string[]): string[] {
  const emails = new Set<string>();
  for (const uid of userIds) {
    const bracketed = /<([^<>\s@]+@[^<>\s]+)>/.exec(uid);
    const bare = /^\s*([^<>\s@]+@[^<>\s]+)\s*$/.exec(uid);
    const email = bracketed?.[1] ?? bare?.[1];
    if (email) emails.add(email.toLowerCase());
  }
  return [...emails];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parse the key packets with openpgp, loaded lazily with `await import("openpgp")`
 * so a policy without a key block never loads it. Returns a KeyInfo, or an
 * ArmorProblem of kind no-public-key-packet when openpgp cannot read a usable
 * public key (no decodable bytes, unparseable packets, or no valid
 * self-signed user ID).
 */
export async function inspectKey(block: ArmorBlock): Promise<KeyInfo | ArmorProblem> {
  const noKey = (detail: string): ArmorProblem => ({
    kind: "no-public-key-packet",
    start: block.bodyStart,
    end: block.bodyEnd,
    detail,
  });
  const known = block.problems.find((p) => p.kind === "no-public-key-packet");
  if (known) return known;
  if (!block.bytes || block.bytes.length === 0) {
    return noKey("no decodable key data in the armor body");
  }

  const openpgp = await import("openpgp");
  // Only reading metadata, not trusting the key: accept legacy algorithms so old
  // (e.g. SHA-1/MD5-signed or DSA) keys still report fingerprint and expiry.
  const config: import("openpgp").PartialConfig = {
    rejectHashAlgorithms: new Set(),
    rejectPublicKeyAlgorithms: new Set(),
    rejectCurves: new Set(),
    minRSABits: 0,
  };
  let key: Awaited<ReturnType<typeof openpgp.readKey>>;
  try {
    key = await openpgp.readKey({ binaryKey: block.bytes, config });
  } catch (e) {
    return noKey(`openpgp could not read a public key: ${errorMessage(e)}`);
  }
  if (key.isPrivate()) {
    return noKey("the block contains a SECRET key, not a public key");
  }

  // getExpirationTime checks self-signatures without regard to the current
  // date, so an expired key still reports its expiry. It returns null when no
  // user ID carries a valid self-signature (corrupt or missing signatures).
  let expiry: Date | number | null;
  try {
    expiry = await key.getExpirationTime(undefined, { ...openpgp.config, ...config });
  } catch (e) {
    return noKey(`openpgp could not verify the key's self-signatures: ${errorMessage(e)}`);
  }
  if (expiry === null) {
    return noKey("no user ID with a valid self-signature (the key is corrupt or unusable)");
  }

  const userIds = key.getUserIDs();
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    created: key.getCreationTime(),
    expires: expiry instanceof Date ? expiry : null,
    userIds,
    emails: emailsOf(userIds),
  };
}

// ---------------------------------------------------------------------------
// Fingerprints in prose

/** Hex-ish groups (X allowed as placeholder) separated by one or two spaces. */
const FINGERPRINT_ANYWHERE = /fingerprint/i;
const FP_CANDIDATE_RE = /(?<![0-9A-Za-z])(?:0[xX](?=[0-9A-Fa-f]))?[0-9A-Fa-fXx]{4,}(?:[ \u00a0]{1,2}[0-9A-Fa-fXx]{4,})*(?![0-9A-Za-z])/g;

/**
 * Fingerprint-looking strings in prose. Only the first plausible candidate
 * after the word "fingerprint" on the same line is taken (so `Fingerprint:
 * ABCD 1234 …` and `| Fingerprint | ABCD … |` count, commit ids do not). A
 * candidate is valid when it is 40 or 64 hex digits after removing spaces (and
 * an optional 0x prefix); placeholder X's or a wrong length make it invalid.
 */
export function findFingerprints(text: string): Array<{ start: number; end: number; text: string; normalized: string; valid: boolean }> {
  const results: Array<{ start: number; end: number; text: string; normalized: string; valid: boolean }> = [];
  // Splitting into lines is the cost: most policies never say "fingerprint".
  if (!FINGERPRINT_ANYWHERE.test(text)) return results;
  for (const line of splitLines(text)) {
    const lineText = text.slice(line.start, line.end);
    const words = [...lineText.matchAll(/fingerprint/gi)];
    words.forEach((word, w) => {
      const from = word.index + word[0].length;
      const to = words[w + 1]?.index ?? lineText.length;
      const segment = lineText.slice(from, to);
      for (const m of segment.matchAll(FP_CANDIDATE_RE)) {
        const candidate = m[0];
        const normalized = candidate
          .replace(/^0x/i, "")
          .replace(/[ \u00a0]/g, "")
          .toUpperCase();
        // Rule out English words made of hex letters ("added", "face bead"):
        // need 8+ characters and a digit/X, one unbroken token, or 16+ characters.
        const plausible = normalized.length >= 8 && (/[0-9X]/.test(normalized) || !/\s/.test(candidate) || normalized.length >= 16);
        if (!plausible) continue;
        const start = line.start + from + m.index;
        results.push({
          start,
          end: start + candidate.length,
          text: candidate,
          normalized,
          valid: /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/.test(normalized),
        });
        break;
      }
    });
  }
  return results;
}
