/**
 * Bytes to text, with the facts about the encoding that the `valid-encoding` rule judges: invalid UTF-8
 * (with the byte offset of each bad sequence) and UTF-16 with or without a byte order mark. Pure
 * functions: the file loaders (src/io/files.ts) do the I/O. The policy model's own encoding facts
 * (control characters) are in src/policy/encoding.ts.
 */

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** One invalid UTF-8 sequence: where it was in the bytes, and where its U+FFFD is in the decoded text. */
export interface InvalidSequence {
  byteOffset: number;
  offset: number;
}

/** What decoding found. Offsets are into the decoded text without its byte order mark. */
export interface DecodeFacts {
  encoding: TextEncoding;
  /** The bytes started with a byte order mark (removed from the text). */
  bom: boolean;
  /** UTF-16 recognised from its NUL bytes although there was no byte order mark. */
  utf16WithoutBom: boolean;
  invalidUtf8: InvalidSequence[];
}

export interface Decoded {
  text: string;
  facts: DecodeFacts;
}

/**
 * Whether NUL-bearing bytes look like UTF-16 text without a byte order mark: almost every code unit of
 * ASCII-range text has one zero byte, always on the same side.
 */
export function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const units = bytes.length / 2;
  if (oddZero >= units * 0.6 && evenZero <= units * 0.05) return "utf-16le";
  if (evenZero >= units * 0.6 && oddZero <= units * 0.05) return "utf-16be";
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Decode UTF-8 as the WHATWG decoder does (each maximal invalid subpart becomes one U+FFFD) while
 * recording where every invalid sequence was. Only called when the fast strict decode failed.
 */
function decodeUtf8Lenient(bytes: Uint8Array): { text: string; invalid: InvalidSequence[] } {
  const invalid: InvalidSequence[] = [];
  const parts: string[] = [];
  let units: number[] = [];
  let length = 0;
  const flush = (): void => {
    if (units.length) parts.push(String.fromCharCode(...units));
    units = [];
  };
  const push = (unit: number): void => {
    units.push(unit);
    length++;
    if (units.length >= 8192) flush();
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      push(b);
      i++;
      continue;
    }
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    let cp = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    const start = i;
    i++;
    let ok = need > 0;
    for (let k = 0; ok && k < need; k++) {
      const c = bytes[i];
      if (c === undefined || c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
      i++;
    }
    if (!ok) {
      invalid.push({ byteOffset: start, offset: length });
      push(0xfffd);
      continue;
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      push(0xd800 + (v >> 10));
      push(0xdc00 + (v & 0x3ff));
    } else {
      push(cp);
    }
  }
  flush();
  return { text: parts.join(""), invalid };
}

/**
 * Decode a file's bytes. UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are
 * decoded; UTF-16 without one is recognised and decoded too, and flagged. Invalid UTF-8 is replaced by
 * U+FFFD, and every bad sequence is recorded. The byte order mark is not part of the returned text.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const facts: DecodeFacts = { encoding: "utf-8", bom: false, utf16WithoutBom: false, invalidUtf8: [] };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeUtf16(bytes.subarray(2), "utf-16le"), facts: { ...facts, encoding: "utf-16le", bom: true } };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeUtf16(bytes.subarray(2), "utf-16be"), facts: { ...facts, encoding: "utf-16be", bom: true } };
  }
  if (bytes.includes(0)) {
    const guess = guessUtf16(bytes);
    if (guess) return { text: decodeUtf16(bytes, guess), facts: { ...facts, encoding: guess, utf16WithoutBom: true } };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    facts.bom = true;
    body = bytes.subarray(3);
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), facts };
  } catch {
    const { text, invalid } = decodeUtf8Lenient(body);
    const shift = facts.bom ? 3 : 0;
    facts.invalidUtf8 = invalid.map((s) => ({ byteOffset: s.byteOffset + shift, offset: s.offset }));
    return { text, facts };
  }
}

/** The largest file linted unless `--max-file-size` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type ReadResult = { text: string; decoded: DecodeFacts } | { error: string };

/**
 * Decode file bytes (see `decodeText`): UTF-8, or UTF-16 recognised by its byte order mark or its NUL
 * bytes. Other content with NUL bytes is binary and refused.
 */
export function decodeBuffer(buffer: Uint8Array): ReadResult {
  const { text, facts } = decodeText(buffer);
  if (facts.encoding === "utf-8" && buffer.includes(0)) return { error: "binary file (contains NUL bytes), expected a markdown text file" };
  return { text, decoded: facts };
}
