/**
 * Detection and repair of mojibake: UTF-8 bytes that were decoded with a
 * single-byte code page (Windows-1252 or Mac Roman) instead of UTF-8.
 *
 * Method:
 *  1. Scan the text once for maximal runs of "candidate" characters, i.e.
 *     characters that some byte 0x80..0xFF decodes to in either code page
 *     (plus the C1 controls, which lenient Windows-1252 / Latin-1 decoders
 *     produce for bytes 0x80..0x9F, and U+F8FF / U+FFFD, which stand for the
 *     Mac Roman byte 0xF0). ASCII never belongs to a garbled UTF-8 sequence,
 *     so it always ends a run.
 *  2. For every run and every code page, re-encode the run into bytes
 *     (the code page tables below, read backwards) and look for
 *     complete UTF-8 sequences (lead byte + continuation bytes) that decode
 *     as valid UTF-8 (fatal TextDecoder) to a plausible character. Only these
 *     sequences are repaired, so correct text inside the same run stays.
 *  3. Plausibility is judged per decoded character (its Unicode category and
 *     block) and against its neighbours (e.g. an Armenian letter glued to
 *     Latin letters, which is what Mac Roman "l’équipe" would turn into, is
 *     rejected).
 *  4. Steps 2–3 are repeated on the repaired run until nothing changes, which
 *     undoes double encodings and makes repairMojibake idempotent.
 *
 * The module is pure: no I/O; module state is limited to lookup tables and a
 * bounded memo of Unicode script lookups.
 *
 * Known limits: a byte lost as U+FFFD by a strict Windows-1252 decoder is only
 * restored when unambiguous (an emoji, VS16, ” or a ZWJ between emoji), and
 * an isolated Latin Extended-A letter garbled through Windows-1252 without a
 * C1 control (e.g. "Å¸" for Ÿ standing alone) is left alone, because correct
 * text such as a word ending in Ä/Å before a quote looks the same.
 */
import { once } from "../../once.js";

export type CodePage = "windows-1252" | "macintosh";

export interface MojibakeRun {
  /** UTF-16 offset in the input string, inclusive. */
  start: number;
  /** UTF-16 offset in the input string, exclusive. */
  end: number;
  /** The garbled text, `input.slice(start, end)`. */
  text: string;
  /** The correct text. */
  repaired: string;
  /** The wrong decoding that produced it. */
  codePage: CodePage;
}

// ---------------------------------------------------------------------------
// Code page tables (upper halves, bytes 0x80..0xFF)
// ---------------------------------------------------------------------------

/**
 * Windows-1252, bytes 0x80..0x9F. The five undefined bytes (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D) are listed as the C1 controls that WHATWG decoders produce.
 * Bytes 0xA0..0xFF are identical to Latin-1.
 */
const CP1252_80_9F =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/** Mac Roman, bytes 0x80..0xFF (Apple's mapping: 0xDB is €, 0xBD is Ω U+03A9, 0xF0 is U+F8FF). */
const MAC_80_FF =
  "\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8" +
  "\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC" +
  "\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8" +
  "\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u03A9\u00E6\u00F8" +
  "\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153" +
  "\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u20AC\u2039\u203A\uFB01\uFB02" +
  "\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4" +
  "\uF8FF\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7";

/**
 * Mac Roman characters with a second spelling: older tables (iconv-lite's among them) map 0xBD to
 * U+2126 and 0xDB to U+00A4, and strict decoders turn 0xF0 into U+FFFD, so both spellings map to the
 * same byte.
 */
const MAC_FIXED_BYTES: ReadonlyMap<number, number> = new Map([
  [0x03a9, 0xbd], // Ω GREEK CAPITAL LETTER OMEGA (Apple, WHATWG)
  [0x2126, 0xbd], // Ω OHM SIGN (older tables)
  [0x20ac, 0xdb], // € (Apple since Mac OS 8.5, WHATWG)
  [0x00a4, 0xdb], // ¤ (pre-euro Mac Roman)
  [0xf8ff, 0xf0], // Apple logo
  [0xfffd, 0xf0], // what strict decoders emit for 0xF0
]);

const F_CP1252 = 1;
const F_MAC = 2;

/** Per BMP code unit: which code pages can produce it from a byte >= 0x80. */
const FLAGS: Uint8Array = buildFlags();

function buildFlags(): Uint8Array {
  const flags = new Uint8Array(0x10000);
  for (let c = 0x80; c <= 0x9f; c++) flags[c] = (flags[c] ?? 0) | F_CP1252; // C1 controls
  for (let i = 0; i < CP1252_80_9F.length; i++) {
    const c = CP1252_80_9F.charCodeAt(i);
    flags[c] = (flags[c] ?? 0) | F_CP1252;
  }
  for (let c = 0xa0; c <= 0xff; c++) flags[c] = (flags[c] ?? 0) | F_CP1252;
  flags[0xfffd] = (flags[0xfffd] ?? 0) | F_CP1252; // lost undefined byte (wildcard)
  for (let i = 0; i < MAC_80_FF.length; i++) {
    const c = MAC_80_FF.charCodeAt(i);
    flags[c] = (flags[c] ?? 0) | F_MAC;
  }
  for (const c of MAC_FIXED_BYTES.keys()) flags[c] = (flags[c] ?? 0) | F_MAC;
  return flags;
}

function isCandidateUnit(c: number): boolean {
  return (FLAGS[c] ?? 0) !== 0;
}

// ---------------------------------------------------------------------------
// Re-encoding
// ---------------------------------------------------------------------------

/** Byte value meaning "this character has no byte in the code page". */
const NO_BYTE = -1;
/**
 * Byte value for U+FFFD in Windows-1252: one of the undefined bytes whose
 * identity was lost (strict decoders replace 0x81/0x8D/0x8F/0x90/0x9D by it).
 */
const WILD_BYTE = -2;
const CP1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d] as const;

/**
 * Character -> byte for each code page's upper half, read back from the tables above: the tables are the
 * one statement of each code page, decoding and encoding alike.
 */
const CP1252_BYTES: ReadonlyMap<number, number> = reverse(CP1252_80_9F, 0x80);
const MAC_BYTES: ReadonlyMap<number, number> = reverse(MAC_80_FF, 0x80);

function reverse(table: string, first: number): Map<number, number> {
  const bytes = new Map<number, number>();
  for (let i = 0; i < table.length; i++) bytes.set(table.charCodeAt(i), first + i);
  return bytes;
}

/** Re-encode `text` (BMP candidate characters only) into one byte per character. */
function encodeRun(text: string, page: CodePage): Int16Array {
  const out = new Int16Array(text.length);
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    let b: number = NO_BYTE;
    if (page === "windows-1252") {
      if (c >= 0x80 && c <= 0x9f)
        b = c; // C1 control: the byte itself
      else if (c === 0xfffd) b = WILD_BYTE;
      else if (c >= 0xa0 && c <= 0xff)
        b = c; // the upper half of Latin-1
      else b = CP1252_BYTES.get(c) ?? NO_BYTE;
    } else {
      b = MAC_FIXED_BYTES.get(c) ?? MAC_BYTES.get(c) ?? NO_BYTE;
    }
    out[j] = b;
  }
  return out;
}

// ---------------------------------------------------------------------------
// UTF-8 sequence matching
// ---------------------------------------------------------------------------

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const SEQ_BUF = new Uint8Array(4);

/** Decode one candidate sequence as strict UTF-8; null if invalid. */
function decodeUtf8(bytes: readonly number[]): string | null {
  const n = Math.min(bytes.length, SEQ_BUF.length);
  for (let k = 0; k < n; k++) SEQ_BUF[k] = bytes[k] ?? 0;
  try {
    return UTF8.decode(SEQ_BUF.subarray(0, n));
  } catch {
    return null;
  }
}

type MatchKind = "normal" | "dropped-f0" | "wildcard" | "wildcard-quote";

interface Match {
  /** Index of the first garbled character within the sub-run. */
  at: number;
  /** Number of garbled characters consumed. */
  len: number;
  /** The decoded character (one code point). */
  text: string;
  codePoint: number;
  kind: MatchKind;
}

function isCont(b: number | undefined): boolean {
  return b !== undefined && b >= 0x80 && b <= 0xbf;
}

/** Allowed range of the first continuation byte for a given lead byte. */
function secondRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function seqLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A character test by a regular expression built on its first use. Unicode property escapes cost a
 * fraction of a millisecond each to build, this module has twenty of them, and they are needed only for
 * a text with a candidate run, which most policies do not have.
 */
interface CharTest {
  test(ch: string): boolean;
}
function lazyRegExp(build: () => RegExp): CharTest {
  const re = once(build);
  return { test: (ch) => re().test(ch) };
}

const RE_PICTO = lazyRegExp(() => /\p{Extended_Pictographic}/u);
const RE_EMOJI_PART = lazyRegExp(() => /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}/u);

/** Find a UTF-8 sequence starting at byte `i`, or null. */
function matchAt(bytes: Int16Array, i: number, page: CodePage): Match | null {
  const lead = bytes[i];
  if (lead === undefined) return null;
  const len = seqLength(lead);
  if (len > 0 && i + len <= bytes.length) {
    const seq: number[] = [lead];
    let wildPos = -1;
    let ok = true;
    for (let k = 1; k < len; k++) {
      const b = bytes[i + k] ?? NO_BYTE;
      if (b === WILD_BYTE && wildPos < 0) {
        wildPos = k;
        seq.push(0);
        continue;
      }
      const [lo, hi] = k === 1 ? secondRange(lead) : [0x80, 0xbf];
      if (b < lo || b > hi) {
        ok = false;
        break;
      }
      seq.push(b);
    }
    if (ok && wildPos < 0) {
      const text = decodeUtf8(seq);
      if (text !== null) return { at: i, len, text, codePoint: text.codePointAt(0) ?? 0, kind: "normal" };
    } else if (ok) {
      // One byte was lost as U+FFFD (strict decoders, e.g. iconv-lite). Its
      // value is one of five; accept only an unambiguous emoji / VS16, or
      // E2 80 ?? which is "”" (U+201D), or a ZWJ between emoji (fixed later).
      if (len === 3 && lead === 0xe2 && seq[1] === 0x80 && wildPos === 2) {
        return { at: i, len, text: "\u201D", codePoint: 0x201d, kind: "wildcard-quote" };
      }
      const [lo, hi] = wildPos === 1 ? secondRange(lead) : [0x80, 0xbf];
      let found: string | null = null;
      let count = 0;
      for (const b of CP1252_UNDEFINED) {
        if (b < lo || b > hi) continue;
        seq[wildPos] = b;
        const text = decodeUtf8(seq);
        if (text === null) continue;
        const cp = text.codePointAt(0) ?? 0;
        if (cp === 0xfe0f || RE_PICTO.test(text)) {
          found = text;
          count++;
        }
      }
      if (found !== null && count === 1) {
        return { at: i, len, text: found, codePoint: found.codePointAt(0) ?? 0, kind: "wildcard" };
      }
    }
  }
  // Mac Roman: the U+F8FF that stood for the lead byte 0xF0 was dropped, so
  // the text starts at the continuation bytes of a 4-byte emoji (F0 9F xx xx).
  if (page === "macintosh" && lead === 0x9f && isCont(bytes[i + 1]) && isCont(bytes[i + 2])) {
    const text = decodeUtf8([0xf0, lead, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0]);
    if (text !== null) {
      const cp = text.codePointAt(0) ?? 0;
      if (cp >= 0x1f000 && cp <= 0x1faff && RE_EMOJI_PART.test(text)) {
        return { at: i, len: 3, text, codePoint: cp, kind: "dropped-f0" };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Plausibility of a decoded character
// ---------------------------------------------------------------------------

type Foreign = "either" | "both" | "none";

type Verdict =
  | { t: "ok" }
  | { t: "reject" }
  /** A letter of `script`; `needSame`: needs a same-script letter next to it. */
  | { t: "letter"; script: string; needSame: boolean; foreign: Foreign }
  /** A combining mark; `script` null for inherited marks (accents, VS16, keycap). */
  | { t: "mark"; script: string | null }
  /** Emoji recovered without its lead byte: weakest evidence. */
  | { t: "dropped" };

const RE_LETTER = lazyRegExp(() => /\p{L}/u);
const RE_MARK = lazyRegExp(() => /\p{M}/u);
const RE_UNASSIGNED = lazyRegExp(() => /\p{Cn}/u);
const RE_SPACE = lazyRegExp(() => /\s/u);
const RE_INHERITED = lazyRegExp(() => /\p{Script=Inherited}/u);

const SCRIPTS: ReadonlyArray<readonly [string, CharTest]> = [
  ["Latin", lazyRegExp(() => /\p{Script=Latin}/u)],
  ["Greek", lazyRegExp(() => /\p{Script=Greek}/u)],
  ["Cyrillic", lazyRegExp(() => /\p{Script=Cyrillic}/u)],
  ["Armenian", lazyRegExp(() => /\p{Script=Armenian}/u)],
  ["Hebrew", lazyRegExp(() => /\p{Script=Hebrew}/u)],
  ["Arabic", lazyRegExp(() => /\p{Script=Arabic}/u)],
  ["Syriac", lazyRegExp(() => /\p{Script=Syriac}/u)],
  ["Thaana", lazyRegExp(() => /\p{Script=Thaana}/u)],
  ["Nko", lazyRegExp(() => /\p{Script=Nko}/u)],
  ["CJK", lazyRegExp(() => /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Bopomofo}/u)],
  ["Hangul", lazyRegExp(() => /\p{Script=Hangul}/u)],
  ["Thai", lazyRegExp(() => /\p{Script=Thai}/u)],
  ["Devanagari", lazyRegExp(() => /\p{Script=Devanagari}/u)],
  ["Georgian", lazyRegExp(() => /\p{Script=Georgian}/u)],
  ["Common", lazyRegExp(() => /\p{Script=Common}|\p{Script=Inherited}/u)],
];

const scriptCache = new Map<string, string>();

function scriptOf(ch: string): string {
  const cached = scriptCache.get(ch);
  if (cached !== undefined) return cached;
  let script = "Other";
  for (const [name, re] of SCRIPTS) {
    if (re.test(ch)) {
      script = name;
      break;
    }
  }
  if (scriptCache.size < 4096) scriptCache.set(ch, script);
  return script;
}

/** Statically judge a decoded character (no context). */
function judge(m: Match, strong: boolean): Verdict {
  const cp = m.codePoint;
  const ch = m.text;
  if (m.kind === "dropped-f0") return { t: "dropped" };
  if (cp < 0xa0) return { t: "reject" }; // C1 controls
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return { t: "reject" }; // private use
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return { t: "reject" }; // nonchars
  if (cp === 0xfffd) return { t: "reject" }; // "ï¿½" is not worth turning into "�"
  if (RE_UNASSIGNED.test(ch)) {
    return cp >= 0x1f000 && cp <= 0x1faff ? { t: "ok" } : { t: "reject" }; // newer emoji
  }
  const isLetter = RE_LETTER.test(ch);
  const isMark = RE_MARK.test(ch);
  if (cp < 0x800) {
    // Two-byte sequences: the range where correct text in either code page
    // (e.g. Mac Roman "’é", "—à", "«É") most often forms valid UTF-8.
    if (cp <= 0xbf || cp === 0x192) return { t: "ok" }; // NBSP, ©, ®, °, «, », ƒ…
    if (cp <= 0xff) {
      // Latin-1 letters (and × ÷): "Ã©", "Ã\u00A0" (à) may stand alone.
      return isLetter ? { t: "letter", script: "Latin", needSame: false, foreign: "none" } : { t: "ok" };
    }
    if (cp <= 0x17f || (cp >= 0x218 && cp <= 0x21b)) {
      // Latin Extended-A, Romanian ș ț: Windows-1252 "Ä»" or "Å”" can be
      // correct text (a word ending in Ä/Å before a quote), so without
      // stronger evidence only accept the letter inside a word.
      return { t: "letter", script: "Latin", needSame: !strong, foreign: "none" };
    }
    if (cp >= 0x300 && cp <= 0x36f) return { t: "mark", script: null };
    const script = scriptOf(ch);
    if (isMark) {
      return script === "Cyrillic" ||
        script === "Hebrew" ||
        script === "Arabic" ||
        script === "Syriac" ||
        script === "Thaana" ||
        script === "Nko"
        ? { t: "mark", script }
        : { t: "reject" };
    }
    if (cp >= 0x370 && cp <= 0x3ff) {
      return isLetter ? { t: "letter", script, needSame: false, foreign: "either" } : { t: "reject" };
    }
    if (cp >= 0x400 && cp <= 0x4ff) {
      return isLetter ? { t: "letter", script, needSame: false, foreign: "either" } : { t: "reject" };
    }
    if (cp >= 0x5d0 && cp <= 0x5ea) return { t: "letter", script, needSame: true, foreign: "either" }; // no one-letter words
    if (cp >= 0x600 && cp <= 0x6ff) {
      return isLetter
        ? { t: "letter", script, needSame: false, foreign: "either" }
        : { t: "letter", script: "Arabic", needSame: true, foreign: "either" }; // digits, comma
    }
    if ((cp >= 0x531 && cp <= 0x58f) || (cp >= 0x700 && cp <= 0x7ff)) {
      // Armenian, Syriac, Thaana, NKo: the usual results of Mac Roman
      // apostrophes / Windows-1252 "Ü ß" before punctuation. Only inside words.
      return isLetter ? { t: "letter", script, needSame: true, foreign: "either" } : { t: "reject" };
    }
    return { t: "reject" }; // Latin Extended-B, IPA, modifiers, Cyrillic Supplement…
  }
  if (isMark) return { t: "mark", script: RE_INHERITED.test(ch) ? null : scriptOf(ch) };
  const script = scriptOf(ch);
  if (script === "Common") return { t: "ok" }; // symbols, punctuation, emoji, spaces, ZWJ, BOM, ー…
  if (isLetter) return { t: "letter", script, needSame: false, foreign: "both" };
  // Script-specific signs (Samaritan, Mongolian, Braille…): French "à\u00A0»"
  // would otherwise be Samaritan punctuation. Only next to their own letters.
  return { t: "letter", script, needSame: true, foreign: "either" };
}

/** A character in the tentative output around a match. */
interface Neighbour {
  /** The character, or "" at the start/end of the text. */
  ch: string;
  /** Part of an accepted match. */
  decoded: boolean;
  /** A candidate character left as it is inside the run (garbled or correct). */
  leftover: boolean;
}

type Relation = "same" | "foreign" | "neutral";

const RE_ASCII_BOUNDARY = lazyRegExp(() => /^[\s!-/:-@[-`{-~]$/u);

function isLeftoverLetter(n: Neighbour): boolean {
  return n.leftover && RE_LETTER.test(n.ch);
}

/** Start/end of text, whitespace, ASCII punctuation, or a repaired non-letter. */
function isBoundary(n: Neighbour): boolean {
  if (n.ch === "") return true;
  if (n.decoded) return !RE_LETTER.test(n.ch);
  return !n.leftover && RE_ASCII_BOUNDARY.test(n.ch);
}

function relation(script: string, n: Neighbour): Relation {
  if (n.ch === "" || n.leftover || !RE_LETTER.test(n.ch)) return "neutral";
  const s = scriptOf(n.ch);
  if (s === script) return "same";
  return s === "Common" ? "neutral" : "foreign";
}

function accepts(v: Verdict, prev: Neighbour, next: Neighbour): boolean {
  switch (v.t) {
    case "ok":
      return true;
    case "reject":
      return false;
    case "dropped":
      return !RE_LETTER.test(prev.ch) && !RE_LETTER.test(next.ch);
    case "mark":
      if (v.script === null) return prev.ch !== "" && !RE_SPACE.test(prev.ch) && !prev.leftover;
      return prev.ch !== "" && (RE_LETTER.test(prev.ch) || RE_MARK.test(prev.ch)) && scriptOf(prev.ch) === v.script;
    case "letter": {
      const a = relation(v.script, prev);
      const b = relation(v.script, next);
      if (v.foreign === "either" && (a === "foreign" || b === "foreign")) return false;
      if (v.foreign === "both" && a === "foreign" && b === "foreign") return false;
      if (v.needSame && a !== "same" && b !== "same") return false;
      // A lone non-Latin letter from a two-byte sequence must be a word of
      // its own (Russian "и"), not e.g. Mac Roman "–é’" read as "Ў’".
      if (v.foreign === "either" && a !== "same" && b !== "same") return isBoundary(prev) && isBoundary(next);
      // A lone letter from a longer sequence (no same-script letter next to
      // it) must not touch another script or an accented letter that stays:
      // French "Été\u00A0»" is not "Ét頻", Mac Roman „ÄÖÜ is not "々Ü".
      if (v.foreign === "both" && a !== "same" && b !== "same") {
        return a !== "foreign" && b !== "foreign" && !isLeftoverLetter(prev) && !isLeftoverLetter(next);
      }
      return true;
    }
  }
}

// ---------------------------------------------------------------------------
// Run processing
// ---------------------------------------------------------------------------

interface Piece {
  text: string;
  /** Span in the input this piece stands for. */
  start: number;
  end: number;
  /** Code page of the outermost wrong decoding, or null if unchanged. */
  codePage: CodePage | null;
}

interface Context {
  /** Character before the region in the input ("" at the start). */
  before: string;
  /** Character after the region in the input ("" at the end). */
  after: string;
}

function firstChar(s: string): string {
  const cp = s.codePointAt(0);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

function lastChar(s: string): string {
  if (s.length === 0) return "";
  const lo = s.charCodeAt(s.length - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && s.length >= 2) {
    const hi = s.charCodeAt(s.length - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.slice(-2);
  }
  return s.slice(-1);
}

function isCandidatePiece(p: Piece): boolean {
  return p.text.length === 1 && isCandidateUnit(p.text.charCodeAt(0));
}

interface Choice {
  matches: Match[];
  page: CodePage;
}

/**
 * Decide which UTF-8 sequences of a sub-run (pieces[a..b), all single
 * candidate characters) are mojibake, for the code page that explains most.
 */
function chooseMatches(pieces: readonly Piece[], a: number, b: number, outerPrev: string, outerNext: string): Choice | null {
  let text = "";
  for (let k = a; k < b; k++) text += pieces[k]?.text ?? "";
  let best: Choice | null = null;
  let bestScore = 0;
  for (const page of ["windows-1252", "macintosh"] as const) {
    const matches = findMatches(text, page, outerPrev, outerNext);
    let score = 0;
    for (const m of matches) score += m.len * 4 - (RE_MARK.test(m.text) ? 1 : 0);
    if (score > bestScore) {
      best = { matches, page };
      bestScore = score;
    }
  }
  return best;
}

function findMatches(text: string, page: CodePage, outerPrev: string, outerNext: string): Match[] {
  const bytes = encodeRun(text, page);
  const matches: Match[] = [];
  const verdicts: Verdict[] = [];
  for (let i = 0; i < bytes.length;) {
    const m = matchAt(bytes, i, page);
    if (m !== null) {
      // Strong evidence (used for Latin Extended-A results): C1 controls never
      // occur in correct text, and the Mac Roman lead bytes of those results
      // (ƒ, ≈) are not followed by accented letters in correct text, whereas
      // Windows-1252 "Ä"/"Å" may well be followed by a quote or a dash.
      const strong = page === "macintosh" || /[\u0080-\u009f]/u.test(text.slice(m.at, m.at + m.len));
      const v = judge(m, strong);
      if (v.t !== "reject") {
        matches.push(m);
        verdicts.push(v);
        i += m.len;
        continue;
      }
    }
    i++;
  }
  if (matches.length === 0) return matches;

  // Context checks against the tentative output; rejections can only make
  // neighbours worse, so re-check the neighbours of each rejected match.
  const accepted = matches.map(() => true);
  const neighbour = (k: number, side: -1 | 1): Neighbour => {
    const m = matches[k];
    if (m === undefined) return { ch: "", decoded: false, leftover: false };
    const pos = side < 0 ? m.at - 1 : m.at + m.len; // index in text
    if (pos < 0) return { ch: outerPrev, decoded: false, leftover: false };
    if (pos >= text.length) return { ch: outerNext, decoded: false, leftover: false };
    const other = matches[k + side];
    if (other !== undefined && accepted[k + side] === true && (side < 0 ? other.at + other.len === m.at : other.at === pos)) {
      return { ch: side < 0 ? lastChar(other.text) : firstChar(other.text), decoded: true, leftover: false };
    }
    return { ch: text[pos] ?? "", decoded: false, leftover: true };
  };
  const work: number[] = matches.map((_, k) => k);
  const queued = matches.map(() => true);
  while (work.length > 0) {
    const k = work.pop() ?? 0;
    queued[k] = false;
    const v = verdicts[k];
    if (accepted[k] !== true || v === undefined) continue;
    if (accepts(v, neighbour(k, -1), neighbour(k, 1))) continue;
    accepted[k] = false;
    for (const j of [k - 1, k + 1]) {
      if (j >= 0 && j < matches.length && accepted[j] === true && queued[j] !== true) {
        queued[j] = true;
        work.push(j);
      }
    }
  }
  const result: Match[] = [];
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    if (m === undefined || accepted[k] !== true) continue;
    if (m.kind === "wildcard-quote" && isEmojiEnd(neighbour(k, -1).ch) && RE_PICTO.test(neighbour(k, 1).ch)) {
      result.push({ ...m, text: "\u200D", codePoint: 0x200d }); // ZWJ inside an emoji sequence
    } else {
      result.push(m);
    }
  }
  return result;
}

const RE_EMOJI_END = lazyRegExp(() => /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u);

function isEmojiEnd(ch: string): boolean {
  return ch !== "" && RE_EMOJI_END.test(ch);
}

/** One repair pass over a region; returns null when nothing changed. */
function repairPass(pieces: readonly Piece[], ctx: Context): Piece[] | null {
  const out: Piece[] = [];
  let changed = false;
  let k = 0;
  while (k < pieces.length) {
    const p = pieces[k];
    if (p === undefined) break;
    if (!isCandidatePiece(p)) {
      out.push(p);
      k++;
      continue;
    }
    let b = k + 1;
    while (b < pieces.length && isCandidatePiece(pieces[b] as Piece)) b++;
    const prevPiece = pieces[k - 1];
    const nextPiece = pieces[b];
    const outerPrev = prevPiece === undefined ? ctx.before : lastChar(prevPiece.text);
    const outerNext = nextPiece === undefined ? ctx.after : firstChar(nextPiece.text);
    const choice = chooseMatches(pieces, k, b, outerPrev, outerNext);
    let pos = k;
    for (const m of choice?.matches ?? []) {
      while (pos < k + m.at) out.push(pieces[pos++] as Piece);
      const first = pieces[pos] as Piece;
      const last = pieces[pos + m.len - 1] as Piece;
      let codePage: CodePage | null = null;
      for (let j = pos; j < pos + m.len && codePage === null; j++) codePage = pieces[j]?.codePage ?? null;
      out.push({ text: m.text, start: first.start, end: last.end, codePage: codePage ?? choice?.page ?? null });
      pos += m.len;
      changed = true;
    }
    while (pos < b) out.push(pieces[pos++] as Piece);
    k = b;
  }
  return changed ? out : null;
}

const MAX_PASSES = 8;

/** Characters that, on their own, still look like mojibake. */
const TYPICAL_MOJIBAKE = new Set<number>([0xc2, 0xc3, 0xe2, 0xf0, 0xef, 0x201a, 0x221a, 0x192, 0x2248, 0xac]);

function onlyTypical(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    if (cp <= 0x9f || cp === 0xfffd || cp === 0xf8ff || TYPICAL_MOJIBAKE.has(cp)) continue;
    return false;
  }
  return true;
}

function codePointBefore(text: string, i: number): string {
  return i <= 0 ? "" : lastChar(text.slice(Math.max(0, i - 2), i));
}

function processRegion(input: string, start: number, end: number, runs: MojibakeRun[]): void {
  const ctx: Context = { before: codePointBefore(input, start), after: firstChar(input.slice(end, end + 2)) };
  let pieces: Piece[] = [];
  for (let i = start; i < end; i++) pieces.push({ text: input[i] ?? "", start: i, end: i + 1, codePage: null });
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = repairPass(pieces, ctx);
    if (next === null) break;
    pieces = next;
  }
  // Group adjacent repaired pieces of the same code page into runs.
  let k = 0;
  while (k < pieces.length) {
    const p = pieces[k] as Piece;
    if (p.codePage === null) {
      k++;
      continue;
    }
    let j = k + 1;
    let repaired = p.text;
    while (j < pieces.length && pieces[j]?.codePage === p.codePage) {
      repaired += (pieces[j] as Piece).text;
      j++;
    }
    const last = pieces[j - 1] as Piece;
    const text = input.slice(p.start, last.end);
    const before = pieces[k - 1];
    const after = pieces[j];
    const nextToGarble =
      (before !== undefined && before.codePage === null && isCandidatePiece(before)) ||
      (after !== undefined && after.codePage === null && isCandidatePiece(after));
    // More plausible than the input: shorter, and containing a character that
    // is not itself typical mojibake. A lone "Ã" or "â" still counts (it is
    // the repair of "SÃƒO" or "gÃ¢teau") unless it touches leftover garble.
    const onlyControls = /^[\u0080-\u009f\ufffd\uf8ff]*$/u.test(repaired);
    const stillGarbled = onlyTypical(repaired) && (nextToGarble || onlyControls);
    const plausible = repaired.length < text.length && !stillGarbled;
    if (plausible) runs.push({ start: p.start, end: last.end, text, repaired, codePage: p.codePage });
    k = j;
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Find the mojibake in `text`. Runs are sorted, do not overlap, and only
 * cover garbled characters (correct text next to them is not included).
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isCandidateUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isCandidateUnit(text.charCodeAt(j))) j++;
    // A single character can never be a multi-byte sequence.
    if (j - i >= 2) processRegion(text, i, j, runs);
    i = j;
  }
  return runs;
}

/** Replace every run found by {@link findMojibake} with its repair. */
export function repairMojibake(text: string): string {
  const runs = findMojibake(text);
  if (runs.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const r of runs) {
    out += text.slice(pos, r.start) + r.repaired;
    pos = r.end;
  }
  return out + text.slice(pos);
}
