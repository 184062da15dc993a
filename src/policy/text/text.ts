/**
 * Text helpers for matching lexicon phrases. Matching works on a "folded" copy of the text that has the
 * same length as the original (lower case, punctuation turned into spaces), so every match maps back to
 * an exact offset in the source without a second lookup.
 */

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
/**
 * Scripts written without spaces between words, or (Hangul) with particles glued to the noun
 * (`보고서를`, `48시간 이내에`): a phrase in them matches anywhere.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;
const NOT_ASCII_WORD = /[^a-z0-9]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]/gu;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Folded copies of recent long texts. Extractors fold the same block once per fact they look at; without
 * this, a block with many contacts or durations would cost time quadratic in its length.
 */
const FOLD_CACHE_MIN = 256;
const FOLD_CACHE_SIZE = 64;
const foldCache = new Map<string, string>();

/** Lower-case `text` and turn every character that is not a letter, digit or mark into a space. */
export function fold(text: string): string {
  if (text.length < FOLD_CACHE_MIN) return foldUncached(text);
  let out = foldCache.get(text);
  if (out === undefined) {
    out = foldUncached(text);
    if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
    foldCache.set(text, out);
  }
  return out;
}

function foldUncached(text: string): string {
  // Pure ASCII (most policies' blocks): two native passes instead of a loop.
  if (ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, " ");
  // Other text without astral characters or a capital sigma (the one letter whose lower case depends on
  // its neighbours): one native pass for the separators, one for the case, unless a letter's lower case is
  // longer than the letter (İ), which the loop below keeps as it is.
  if (!SURROGATE.test(text) && !text.includes("\u03a3")) {
    const spaced = text.replace(NOT_WORD, " ");
    const lower = spaced.toLowerCase();
    if (lower.length === spaced.length) return lower;
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // ASCII: the same answer as the Unicode test below, without a regular expression per character.
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) out += text[i] as string;
      else if (code >= 0x41 && code <= 0x5a) out += String.fromCharCode(code + 32);
      else out += " ";
      continue;
    }
    const ch = text[i] as string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // Astral characters (emoji and rare scripts): keep their length, treat them as separators.
      out += "  ";
      i++;
      continue;
    }
    if (!LETTER_OR_DIGIT.test(ch)) {
      out += " ";
      continue;
    }
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

/** Fold a lexicon phrase the way text is folded and squeeze its spaces. */
export function foldPhrase(phrase: string): string {
  return fold(phrase).replace(/ +/g, " ").trim();
}

export interface PhraseMatch {
  phrase: string;
  start: number;
  end: number;
}

/** One phrase of a list, folded and split into words. */
interface Entry {
  /** Where the phrase stands in its list: matches are returned in list order. */
  index: number;
  phrase: string;
  words: string[];
}

/**
 * A phrase list compiled for matching: Latin-script (spaced) phrases indexed by their first word, so one
 * pass over the words of a text finds every phrase of the list; phrases in scripts without spaces are
 * searched as substrings, and only in texts that are not pure ASCII.
 */
class PhraseSet {
  /**
   * Spaced phrases by a hash of their first word (`wordHash`): the text's words are hashed as they are
   * scanned, so looking one up takes no substring of the text (a string per word was most of the
   * matcher's garbage). Entries under a hash are checked against the text itself.
   */
  private readonly byFirstWord = new Map<number, Entry[]>();
  private readonly unspaced: Entry[] = [];
  /** A cheap test before a word is looked up: the first words' lengths and (ASCII) first letters. */
  private minLength = Infinity;
  private maxLength = 0;
  private readonly asciiStarts = new Uint8Array(128);
  private wideStarts = false;

  constructor(phrases: readonly string[]) {
    phrases.forEach((phrase, index) => {
      const folded = foldPhrase(phrase);
      // A phrase of symbols only (an emoji mark) folds to nothing and never matches here.
      if (folded === "") return;
      const entry = { index, phrase, words: folded.split(" ") };
      if (UNSPACED.test(folded)) {
        this.unspaced.push(entry);
        return;
      }
      const first = entry.words[0] as string;
      this.minLength = Math.min(this.minLength, first.length);
      this.maxLength = Math.max(this.maxLength, first.length);
      const code = first.charCodeAt(0);
      if (code < 128) this.asciiStarts[code] = 1;
      else this.wideStarts = true;
      const hash = wordHash(first, 0, first.length);
      const list = this.byFirstWord.get(hash);
      if (list) list.push(entry);
      else this.byFirstWord.set(hash, [entry]);
    });
  }

  /** Every match in `text` (folded), in list order and then by position; only the first if `firstOnly`. */
  find(text: string, firstOnly: boolean): PhraseMatch[] {
    const matches: Array<PhraseMatch & { index: number }> = [];
    if (this.byFirstWord.size > 0) {
      const words = wordsOf(text);
      for (let w = 0; w < words.length; w += 3) {
        const i = words[w] as number;
        const end = words[w + 1] as number;
        const length = end - i;
        const code = text.charCodeAt(i);
        const plausible =
          length >= this.minLength && length <= this.maxLength && (code < 128 ? this.asciiStarts[code] === 1 : this.wideStarts);
        const candidates = plausible ? this.byFirstWord.get(words[w + 2] as number) : undefined;
        if (candidates !== undefined) {
          for (const entry of candidates) {
            const first = entry.words[0] as string;
            if (first.length !== length || !text.startsWith(first, i)) continue;
            const stop = matchSpacedRest(text, end, entry.words);
            if (stop === -1) continue;
            matches.push({ index: entry.index, phrase: entry.phrase, start: i, end: stop });
            if (firstOnly) return matches;
          }
        }
      }
    }
    if (this.unspaced.length > 0 && !ASCII.test(text)) {
      for (const entry of this.unspaced) {
        const first = entry.words[0] as string;
        for (let from = 0; ;) {
          const at = text.indexOf(first, from);
          if (at === -1) break;
          from = at + 1;
          const stop = matchUnspacedRest(text, at + first.length, entry.words);
          if (stop === -1) continue;
          matches.push({ index: entry.index, phrase: entry.phrase, start: at, end: stop });
          if (firstOnly) return matches;
        }
      }
    }
    if (matches.length === 0) return [];
    if (matches.length > 1) matches.sort((a, b) => a.index - b.index || a.start - b.start);
    return matches.map(({ phrase, start, end }) => ({ phrase, start, end }));
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A hash kept to its low 30 bits fits V8's small integers, which a Map looks up without boxing; a 32-bit
 * one above 2^30 became a heap number for every word looked up.
 */
const SMALL_INTEGER = 0x3fffffff;

/**
 * The words of recent folded texts, as (start, end, `wordHash`) triples. A block's text is searched with
 * dozens of phrase lists, one per fact and kind; hashing its words once instead of once per list was a
 * fifth of the matcher's time in a bulk run.
 */
const WORDS_CACHE_SIZE = 256;
const wordsCache = new Map<string, Int32Array>();

/** The words of `text` (folded: words separated by spaces) as (start, end, hash) triples. */
function wordsOf(text: string): Int32Array {
  let words = wordsCache.get(text);
  if (words !== undefined) return words;
  const found: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    let end = text.indexOf(" ", i);
    if (end === -1) end = n;
    // The same hash a PhraseSet keys its first words by.
    found.push(i, end, wordHash(text, i, end));
    i = end;
  }
  words = Int32Array.from(found);
  if (wordsCache.size >= WORDS_CACHE_SIZE) wordsCache.clear();
  wordsCache.set(text, words);
  return words;
}

/** FNV-1a over the UTF-16 codes of `text` from `start` to `end`, to 30 bits: the key of a first word in a PhraseSet. */
function wordHash(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash & SMALL_INTEGER;
}

/** After a whole first word ending at `end`: the end of the phrase's other words, each after one or more spaces and ending at a word boundary, or -1. */
function matchSpacedRest(text: string, end: number, words: readonly string[]): number {
  for (let w = 1; w < words.length; w++) {
    let j = end;
    while (j < text.length && text.charCodeAt(j) === 32) j++;
    if (j === end) return -1;
    const word = words[w] as string;
    if (!text.startsWith(word, j)) return -1;
    end = j + word.length;
    if (end < text.length && text.charCodeAt(end) !== 32) return -1;
  }
  return end;
}

/** The same for scripts without spaces: the words may follow each other directly and need no boundary. */
function matchUnspacedRest(text: string, end: number, words: readonly string[]): number {
  for (let w = 1; w < words.length; w++) {
    let j = end;
    while (j < text.length && text.charCodeAt(j) === 32) j++;
    const word = words[w] as string;
    if (!text.startsWith(word, j)) return -1;
    end = j + word.length;
  }
  return end;
}

/** Phrase lists are module constants: each is compiled once, on first use. */
const compiledSets = new WeakMap<readonly string[], PhraseSet>();
function phraseSet(phrases: readonly string[]): PhraseSet {
  let set = compiledSets.get(phrases);
  if (set === undefined) {
    set = new PhraseSet(phrases);
    compiledSets.set(phrases, set);
  }
  return set;
}

/**
 * Every occurrence of each phrase in `foldedText` (already folded with `fold`), in the order of
 * `phrases` and then by position. Latin-script phrases must stand as whole words; phrases in scripts
 * without spaces match anywhere. Spaces in a phrase match one or more spaces in the text, so
 * `safe harbor` finds `Safe-Harbor` and `safe  harbor`.
 */
export function findPhrases(foldedText: string, phrases: readonly string[]): PhraseMatch[] {
  return phraseSet(phrases).find(foldedText, false);
}

/** Whether any of `phrases` occurs in `foldedText`, matched as `findPhrases` does; stops at the first. */
export function hasPhrase(foldedText: string, phrases: readonly string[]): boolean {
  return phraseSet(phrases).find(foldedText, true).length > 0;
}

/** Phrase lists of several kinds merged into one list, searched in one pass, with each phrase's kind. */
export interface KindedPhrases<K extends string> {
  /** The lists one after the other, in the order given. */
  phrases: readonly string[];
  /** The kind of each phrase; a phrase in several lists has the kind of the first. */
  kindOf: ReadonlyMap<string, K>;
}

export function kindedPhrases<K extends string>(order: readonly K[], lists: Readonly<Record<K, readonly string[]>>): KindedPhrases<K> {
  const kindOf = new Map<string, K>();
  for (const kind of order) for (const phrase of lists[kind]) if (!kindOf.has(phrase)) kindOf.set(phrase, kind);
  return { phrases: order.flatMap((kind) => lists[kind]), kindOf };
}

/** The first kind (in the merged order) with a phrase in `foldedText`, or null. */
export function firstKind<K extends string>(foldedText: string, kinded: KindedPhrases<K>): K | null {
  const first = findPhrases(foldedText, kinded.phrases)[0];
  return first ? (kinded.kindOf.get(first.phrase) ?? null) : null;
}
