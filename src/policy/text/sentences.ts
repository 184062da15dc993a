/**
 * Sentences: the unit a claim is read from. A block's text is split with `Intl.Segmenter` (Unicode's
 * sentence rules, UAX #29, which cover every lexicon language, CJK full stops included); a line break
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
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  // Same length, so offsets stay; a soft wrap must not end the sentence it wraps.
  const flat = text.replace(/[\r\n]/g, " ");
  const out: Sentence[] = [];
  for (const { segment, index } of segmenter.segment(flat)) {
    let end = index + segment.length;
    while (end > index && /\s/.test(flat[end - 1] as string)) end--;
    let start = index;
    while (start < end && /\s/.test(flat[start] as string)) start++;
    if (end > start) out.push({ start, end });
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
