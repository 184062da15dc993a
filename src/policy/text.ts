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

interface CompiledPhrase {
  folded: string;
  words: string[];
  unspaced: boolean;
}

const phraseCache = new Map<string, CompiledPhrase>();
/** A phrase folded, split into words and tagged with its script, once per phrase (the lexicons hold thousands). */
function compiled(phrase: string): CompiledPhrase {
  let c = phraseCache.get(phrase);
  if (c === undefined) {
    const f = foldPhrase(phrase);
    c = { folded: f, words: f.split(" "), unspaced: UNSPACED.test(f) };
    phraseCache.set(phrase, c);
  }
  return c;
}

function isBoundary(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  return text[index] === " ";
}

/**
 * Every occurrence of each phrase in `foldedText` (already folded with `fold`). Latin-script phrases must
 * stand as whole words; phrases in scripts without spaces match anywhere. Spaces in a phrase match one
 * or more spaces in the text, so `safe harbor` finds `Safe-Harbor` and `safe  harbor`.
 */
export function findPhrases(foldedText: string, phrases: readonly string[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  for (const phrase of phrases) {
    const { folded: f, words, unspaced } = compiled(phrase);
    if (f === "") {
      // A phrase of symbols only (an emoji mark): match it literally.
      continue;
    }
    const first = words[0] as string;
    let from = 0;
    for (;;) {
      const at = foldedText.indexOf(first, from);
      if (at === -1) break;
      from = at + 1;
      if (!unspaced && !isBoundary(foldedText, at - 1)) continue;
      let end = at + first.length;
      let ok = true;
      for (let w = 1; w < words.length; w++) {
        let j = end;
        while (j < foldedText.length && foldedText[j] === " ") j++;
        if (j === end && !unspaced) {
          ok = false;
          break;
        }
        const word = words[w] as string;
        if (!foldedText.startsWith(word, j)) {
          ok = false;
          break;
        }
        end = j + word.length;
      }
      if (!ok) continue;
      if (!unspaced && !isBoundary(foldedText, end)) continue;
      matches.push({ phrase, start: at, end });
    }
  }
  return matches;
}
