/**
 * Sentences: the unit a claim is read from. A block's text is split by Unicode's sentence rules (UAX #29,
 * which cover every lexicon language, CJK full stops included): by `Intl.Segmenter`, or, for a text of
 * common Latin characters only, by the same rules written out below (no ICU data to load); a line break
 * inside a paragraph is a soft wrap, not a sentence end, and each table cell is a sentence of its own.
 */
import { type Block, foldedText } from "./blocks.js";
import { firstIndex } from "./search.js";

export interface Sentence {
  /** Offsets into the block's text; `end` excludes the white space after the sentence. */
  start: number;
  end: number;
}

let segmenter: Intl.Segmenter | undefined;

/** Punctuation after which a sentence may end (UAX #29's ATerm, STerm and the CJK full stops). */
const TERMINAL = /[.!?;。！？\u0589\u061f\u06d4\u0964\u0965\u2026\uff0e\uff61]/;

/** Split a text into sentences, with line breaks read as spaces. */
export function splitSentences(text: string): Sentence[] {
  // Most blocks are one sentence (a list item, a heading, a short line): no terminal punctuation before
  // their last few characters means no break inside, and no segmenter is needed.
  const trimmedEnd = text.trimEnd().length;
  if (!TERMINAL.test(text.slice(0, Math.max(0, trimmedEnd - 1)))) {
    const start = text.length - text.trimStart().length;
    return trimmedEnd > start ? [{ start, end: trimmedEnd }] : [];
  }
  // Same length, so offsets stay; a soft wrap must not end the sentence it wraps.
  const flat = text.replace(/[\r\n]/g, " ");
  return withoutSpace(flat, sentenceEnds(flat) ?? segmenterEnds(flat));
}

/** Where `Intl.Segmenter` ends the sentences of a text (ICU's rules for "en"). */
function segmenterEnds(flat: string): number[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  const ends: number[] = [];
  for (const { segment, index } of segmenter.segment(flat)) ends.push(index + segment.length);
  return ends;
}

/** The sentences between consecutive ends, without the white space around them (a segment keeps its trailing spaces). */
function withoutSpace(flat: string, ends: readonly number[]): Sentence[] {
  const out: Sentence[] = [];
  let index = 0;
  for (const segmentEnd of ends) {
    let end = segmentEnd;
    while (end > index && /\s/.test(flat[end - 1] as string)) end--;
    let start = index;
    while (start < end && /\s/.test(flat[start] as string)) start++;
    if (end > start) out.push({ start, end });
    index = segmentEnd;
  }
  return out;
}

/** The sentences of a block, split on first use and kept on the block. */
export function sentencesOf(block: Block): Sentence[] {
  if (block.sentences) return block.sentences;
  let sentences: Sentence[];
  if (block.kind === "tableRow" && block.cells) {
    sentences = block.cells.flatMap((cell) =>
      splitSentences(cell.text).map((s) => ({ start: s.start + cell.offset, end: s.end + cell.offset })),
    );
  } else if (block.kind === "html") {
    sentences = [{ start: 0, end: block.text.length }];
  } else {
    sentences = splitSentences(block.text);
  }
  block.sentences = sentences;
  return sentences;
}

/**
 * The sentence that introduces a block, folded: the last sentence of the block before it in the same
 * section, when that one ends with a colon ("… can be found on our website:", "Here is an example report:").
 */
export function leadIn(previous: Block | undefined, block: Block): string | null {
  if (!previous || previous.kind === "html" || previous.section !== block.section || !/[:：]\s*$/.test(previous.text)) return null;
  const last = sentencesOf(previous).at(-1);
  return last ? foldedText(previous).slice(last.start, last.end) : null;
}

/** The sentence of a block that holds a text offset (the nearest one before it when the offset is between two). */
export function sentenceAt(block: Block, offset: number): Sentence {
  const list = sentencesOf(block);
  const i = firstIndex(list.length, (k) => (list[k] as Sentence).end > offset);
  const s = list[i];
  if (s && s.start <= offset) return s;
  return list[i - 1] ?? s ?? { start: 0, end: block.text.length };
}

// ---------------------------------------------------------------------------------------------------
// UAX #29 without ICU. The first `Intl.Segmenter` loads ICU's break-iteration data, about 14 ms of a
// one-file run, and most policies are plain English. So a text made only of the characters classified
// below is split here by the sentence boundary rules of UAX #29 (Unicode Text Segmentation, section 5,
// rules SB1 to SB11), which for these characters give exactly the ends ICU gives for "en", the segmenter
// `Intl.Segmenter` uses; a text with any other character goes to the segmenter. tests/sentences.test.ts
// compares the two on every character of the set in context, on random text and on real policies.
//
// The set holds no CR, LF or Sep (line breaks are spaces by now; U+0085, U+2028 and U+2029 are left
// out), no Format or Extend (U+00AD is left out) and no OLetter, so rules SB3 to SB5 never apply.

/** Sentence_Break property values (UAX #29, table 4), for the characters of the set. */
const Other = 0;
const Sp = 1;
const Lower = 2;
const Upper = 3;
const Numeric = 4;
const ATerm = 5;
const STerm = 6;
const Close = 7;
const SContinue = 8;
/** Not in the set: the segmenter splits the text. */
const Outside = 9;

/** The class of U+0000–U+00FF: TAB, U+0020–U+007E and U+00A0–U+00FF except U+00AD are in the set. */
const LATIN: Uint8Array = (() => {
  const table = new Uint8Array(0x100).fill(Outside);
  const span = (from: number, to: number, value: number): void => void table.fill(value, from, to + 1);
  const each = (chars: string, value: number): void => {
    for (const ch of chars) table[ch.charCodeAt(0)] = value;
  };
  span(0x20, 0x7e, Other); // what stays Other: # $ % & * + / < = > @ \ ^ _ ` | ~
  span(0xa0, 0xff, Other); // and ¡ ¢ £ ¤ ¥ ¦ § ¨ © ¬ ® ¯ ° ± ² ³ ´ ¶ · ¸ ¹ ¼ ½ ¾ ¿ × ÷
  table[0xad] = Outside; // SOFT HYPHEN is Format
  each("\t \u00a0", Sp);
  span(0x61, 0x7a, Lower); // a–z
  each("\u00aa\u00b5\u00ba", Lower); // ª µ º
  span(0xdf, 0xf6, Lower); // ß–ö
  span(0xf8, 0xff, Lower); // ø–ÿ
  span(0x41, 0x5a, Upper); // A–Z
  span(0xc0, 0xd6, Upper); // À–Ö
  span(0xd8, 0xde, Upper); // Ø–Þ
  span(0x30, 0x39, Numeric); // 0–9
  each(".", ATerm);
  each("!?", STerm);
  each(`"'()[]{}\u00ab\u00bb`, Close); // quotation marks and brackets, « »
  each(",-:;", SContinue); // the semicolon since Unicode 16 (ICU 76); older segmenters read it as Other
  return table;
})();

/** The rest of the set: typographic quotes and dashes, and symbols common in policies. */
const BEYOND_LATIN = new Map<number, number>([
  [0x2013, SContinue], // – EN DASH
  [0x2014, SContinue], // — EM DASH
  [0x2018, Close], // ‘
  [0x2019, Close], // ’
  [0x201c, Close], // “
  [0x201d, Close], // ”
  [0x2022, Other], // • BULLET
  [0x2026, Other], // … HORIZONTAL ELLIPSIS
  [0x2192, Other], // → RIGHTWARDS ARROW
  [0x2705, Other], // ✅ WHITE HEAVY CHECK MARK
  [0x274c, Other], // ❌ CROSS MARK
]);

/** The class of every character of a text, or null when one is outside the set. */
function classesOf(flat: string): Uint8Array | null {
  const classes = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const code = flat.charCodeAt(i);
    const value = code < 0x100 ? (LATIN[code] as number) : (BEYOND_LATIN.get(code) ?? Outside);
    if (value === Outside) return null;
    classes[i] = value;
  }
  return classes;
}

/**
 * What the text before a position ends with, read as the `SATerm Close* Sp*` that rules SB6 to SB11
 * start from: not that ("none"), the terminal itself, closing punctuation after it, or spaces after those.
 */
type Tail = "none" | "term" | "close" | "space";

interface State {
  classes: Uint8Array;
  tail: Tail;
  /** The terminal (ATerm or STerm) the tail starts with, and the class of the character before it. */
  term: number;
  beforeTerm: number;
  /** The first letter or terminal at or after the last position SB8 looked from (its look-ahead's stop). */
  stop: number;
}

/** Move the tail over the character at `i`. */
function advance(s: State, i: number): void {
  const value = s.classes[i] as number;
  if (value === ATerm || value === STerm) {
    s.tail = "term";
    s.term = value;
    s.beforeTerm = i > 0 ? (s.classes[i - 1] as number) : Other;
  } else if (value === Close && (s.tail === "term" || s.tail === "close")) s.tail = "close";
  else if (value === Sp && s.tail !== "none") s.tail = "space";
  else s.tail = "none";
}

/** SB6: ATerm × Numeric ("3.5", "v1.2"). */
const sb6 = (s: State, next: number): boolean => s.term === ATerm && s.tail === "term" && next === Numeric;

/** SB7: (Upper | Lower) ATerm × Upper ("U.S.A.", "i.E"). */
const sb7 = (s: State, next: number): boolean =>
  s.term === ATerm && s.tail === "term" && (s.beforeTerm === Upper || s.beforeTerm === Lower) && next === Upper;

/**
 * SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower: after a full stop,
 * the sentence goes on when the next letter is lower case ("e.g. the", "etc.) and", "No. 5 is"). The
 * stop is found once per stretch of other characters, so the look-ahead stays linear.
 */
function sb8(s: State, i: number): boolean {
  if (s.term !== ATerm) return false;
  if (s.stop < i) {
    s.stop = i;
    while (s.stop < s.classes.length && !isLetterOrTerm(s.classes[s.stop] as number)) s.stop++;
  }
  return s.classes[s.stop] === Lower;
}

const isLetterOrTerm = (value: number): boolean => value === Lower || value === Upper || value === ATerm || value === STerm;

/** SB8a: SATerm Close* Sp* × (SContinue | SATerm) ("e.g., ", "?!", "..."). */
const sb8a = (next: number): boolean => next === SContinue || next === ATerm || next === STerm;

/** SB9: SATerm Close* × (Close | Sp | ParaSep); SB10: SATerm Close* Sp* × (Sp | ParaSep). */
const sb9or10 = (s: State, next: number): boolean => next === Sp || (next === Close && s.tail !== "space");

/**
 * Where the sentences of a text end by UAX #29 (the last end is the text's length), or null when the
 * text has a character outside the set. @internal Exported for the tests.
 */
export function sentenceEnds(flat: string): number[] | null {
  const classes = classesOf(flat);
  if (!classes) return null;
  const ends: number[] = [];
  const s: State = { classes, tail: "none", term: Other, beforeTerm: Other, stop: -1 };
  for (let i = 1; i < classes.length; i++) {
    advance(s, i - 1);
    // SB998: no break but after a terminal's tail (SB11), and there only when no earlier rule holds.
    if (s.tail === "none") continue;
    const next = classes[i] as number;
    if (sb6(s, next) || sb7(s, next) || sb8(s, i) || sb8a(next) || sb9or10(s, next)) continue;
    ends.push(i); // SB11: SATerm Close* Sp* ParaSep? ÷
  }
  if (classes.length > 0) ends.push(classes.length); // SB2 (SB1, the start, is implicit)
  return ends;
}
