/** The folded text the lexicon matches against: the fast paths give what the character-by-character rule gives. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { lexicon } from "../src/policy/lexicon/index.js";
import { findPhrases, firstKind, fold, foldPhrase, hasPhrase, kindedPhrases } from "../src/policy/text/text.js";
import { FIXTURES, filesUnder, SHARED } from "./helpers.js";

/** The definition: lower case, every character that is not a letter, digit or mark a space, same length. */
function reference(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      out += "  ";
      i++;
      continue;
    }
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) {
      out += " ";
      continue;
    }
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

describe("fold", () => {
  it("agrees with the character-by-character definition on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => fold(s) === reference(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => fold(s) === reference(s)),
      { numRuns: 2000 },
    );
  });

  it("keeps offsets: ASCII, accented, dotted capital I and emoji", () => {
    for (const s of ["Report to SECURITY@Acme.dev!", "Sécurité: 72 heures", "İstanbul", "Fixed ✅ in 2.x 🔒"]) {
      expect(fold(s)).toHaveLength(s.length);
      expect(fold(s)).toBe(reference(s));
    }
    expect(fold("Safe-Harbor_2")).toBe("safe harbor 2");
  });

  it("agrees with the definition on text in other scripts, capital sigma and letters whose lower case is longer", () => {
    const samples = [
      "Сообщите об уязвимости в течение 72 часов",
      "ΟΔΥΣΣΕΑΣ Σ ΣΑ",
      "Σ",
      "aΣ.",
      "İSTANBUL güvenlik",
      "脆弱性の報告は72時間以内に",
      "보안 취약점을 보고해 주세요",
      "Ⅻ ǅ ß ẞ ﬁ",
    ];
    for (const s of samples) expect(fold(s)).toBe(reference(s));
    const letters = [..."ΣσςΑαİıIiЖжЁёßẞǅǄﬁ한国あ-. ,0"];
    const mixed = fc.string({ unit: fc.constantFrom(...letters), maxLength: 40 });
    fc.assert(
      fc.property(mixed, (s) => fold(s) === reference(s)),
      { numRuns: 3000 },
    );
  });

  it("finds phrases across punctuation, as whole words only", () => {
    const text = ` ${fold("We follow Safe-Harbor rules; unsafe harbors aside.")} `;
    expect(findPhrases(text, ["safe harbor"]).map((m) => text.slice(m.start, m.end))).toEqual(["safe harbor"]);
  });
});

/**
 * The matching rule, written the slow and obvious way: every phrase searched with indexOf, in list
 * order. The compiled matcher must give exactly this.
 */
function referenceFind(text: string, phrases: readonly string[]): Array<{ phrase: string; start: number; end: number }> {
  const out: Array<{ phrase: string; start: number; end: number }> = [];
  const boundary = (i: number) => i < 0 || i >= text.length || text[i] === " ";
  for (const phrase of phrases) {
    const folded = foldPhrase(phrase);
    if (folded === "") continue;
    const words = folded.split(" ");
    const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u.test(folded);
    for (let at = text.indexOf(words[0] as string); at !== -1; at = text.indexOf(words[0] as string, at + 1)) {
      if (!unspaced && !boundary(at - 1)) continue;
      let end = at + (words[0] as string).length;
      let ok = true;
      for (const word of words.slice(1)) {
        let j = end;
        while (text[j] === " ") j++;
        if ((j === end && !unspaced) || !text.startsWith(word, j)) {
          ok = false;
          break;
        }
        end = j + word.length;
      }
      if (ok && (unspaced || boundary(end))) out.push({ phrase, start: at, end });
    }
  }
  return out;
}

/** Every phrase list of the merged lexicon. */
const LISTS: Array<readonly string[]> = Object.values(lexicon).flatMap((v) =>
  Array.isArray(v)
    ? typeof v[0] === "string"
      ? [v as string[]]
      : []
    : typeof v === "object"
      ? Object.values(v).filter((x): x is string[] => Array.isArray(x))
      : [],
);

describe("findPhrases", () => {
  it("gives what the one-phrase-at-a-time reference gives, on every fixture and corpus file and every lexicon list", () => {
    const files = [...filesUnder(FIXTURES, ".md"), ...filesUnder(path.join(SHARED, "corpus"), ".md")];
    expect(files.length).toBeGreaterThan(100);
    expect(LISTS.length).toBeGreaterThan(30);
    let matches = 0;
    for (const file of files) {
      const text = ` ${fold(readFileSync(file, "utf8"))} `;
      for (const list of LISTS) {
        const expected = referenceFind(text, list);
        expect(findPhrases(text, list)).toEqual(expected);
        expect(hasPhrase(text, list)).toBe(expected.length > 0);
        matches += expected.length;
      }
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it("agrees with the reference on generated text made of lexicon words, spaces and CJK", () => {
    const phrases = ["safe harbor", "safe", "harbor safe", "in 48 hours", "报告", "安全 漏洞", "漏洞", "セキュリティ", "a", "a a"];
    const pieces = ["safe", "harbor", "in", "48", "hours", "报告", "安全", "漏洞", "セキュリティ", "a", "x", "harbors"];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(" ", "  ")), { maxLength: 30 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(findPhrases(t, phrases)).toEqual(referenceFind(t, phrases));
      }),
      { numRuns: 3000 },
    );
  });

  it("returns matches in list order, then by position, duplicates in the list included", () => {
    const text = " b a b a ";
    expect(findPhrases(text, ["b", "a", "b"]).map((m) => `${m.phrase}@${m.start}`)).toEqual(["b@1", "b@5", "a@3", "a@7", "b@1", "b@5"]);
  });
});

describe("kindedPhrases", () => {
  it("answers the first kind in order that has a phrase, as asking each list in turn does", () => {
    const lists = { a: ["report", "safe harbor"], b: ["safe", "harbor", "report"], c: ["报告"] };
    const kinded = kindedPhrases(["b", "a", "c"], lists);
    const each = (text: string) => (["b", "a", "c"] as const).find((k) => hasPhrase(text, lists[k])) ?? null;
    for (const text of [" safe harbor ", " please report ", " 请报告 ", " nothing ", " harbors safe ", " a report to the safe "]) {
      expect(firstKind(text, kinded)).toBe(each(text));
    }
    expect(firstKind(" please report ", kinded)).toBe("b");
    expect(firstKind(" 请报告 ", kinded)).toBe("c");
    expect(kinded.kindOf.get("report")).toBe("b");
  });
});
