/**
 * Sentences without ICU: for a text made only of the characters its own UAX #29 rules cover,
 * splitSentences must give exactly what it gave when every text went to Intl.Segmenter (the reference
 * below, the implementation before, verbatim). Checked on every character of the set in every short
 * context, on random sentence-like texts (SENTENCE_RUNS, default 50,000), on every block of the fixtures
 * and of ../shared's policies when present, and on texts that must still go to the segmenter.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPolicy } from "../src/policy/model.js";
import { type Sentence, sentenceEnds, splitSentences } from "../src/policy/text/sentences.js";
import { FIXTURES, filesUnder, SHARED } from "./helpers.js";

const RUNS = Number(process.env.SENTENCE_RUNS ?? 50_000);
const SEED = process.env.SENTENCE_SEED === undefined ? undefined : Number(process.env.SENTENCE_SEED);

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
const TERMINAL = /[.!?;。！？\u0589\u061f\u06d4\u0964\u0965\u2026\uff0e\uff61]/;

/** splitSentences before the rules: the same fast path, then Intl.Segmenter for every text. */
function reference(text: string): Sentence[] {
  const trimmedEnd = text.trimEnd().length;
  if (!TERMINAL.test(text.slice(0, Math.max(0, trimmedEnd - 1)))) {
    const start = text.length - text.trimStart().length;
    return trimmedEnd > start ? [{ start, end: trimmedEnd }] : [];
  }
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

/** Where the segmenter ends the sentences of a text (a segment's end, trailing spaces included). */
const referenceEnds = (flat: string): number[] => [...segmenter.segment(flat)].map(({ segment, index }) => index + segment.length);

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** The characters splitSentences splits itself, listed here independently of the module's table. */
const ALLOWED = [
  "\t",
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff).filter((ch) => ch !== "\u00ad"),
  ..."\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2192\u2705\u274c",
];

/** One character of each Sentence_Break class in the set: Lower, Upper, Numeric, ATerm, STerm, Sp, Close, SContinue, Other. */
const REPRESENTATIVES = ["a", "A", "5", ".", "!", " ", ")", ",", "#"];

/** Both the module's boundaries (before trimming) and its sentences must be the segmenter's. */
function mismatch(text: string): string | null {
  const flat = text.replace(/[\r\n]/g, " ");
  const ends = sentenceEnds(flat);
  if (ends === null) return `${JSON.stringify(text)}: not split by the rules`;
  const want = referenceEnds(flat);
  if (ends.join() !== want.join()) return `${JSON.stringify(text)}: ends ${ends.join()}, segmenter ${want.join()}`;
  const got = JSON.stringify(splitSentences(text));
  const expected = JSON.stringify(reference(text));
  return got === expected ? null : `${JSON.stringify(text)}: ${got}, reference ${expected}`;
}

const mismatches = (texts: Iterable<string>): string[] => {
  const out: string[] = [];
  for (const text of texts) {
    const problem = mismatch(text);
    if (problem) out.push(problem);
  }
  return out.slice(0, 20);
};

/** Texts whose boundaries (before trimming) differ from the segmenter's, the first few. */
const endMismatches = (texts: Iterable<string>): string[] => {
  const out: string[] = [];
  for (const text of texts) {
    const ends = sentenceEnds(text)?.join() ?? "not split by the rules";
    const want = referenceEnds(text).join();
    if (ends !== want && out.push(`${JSON.stringify(text)}: ends ${ends}, segmenter ${want}`) >= 20) break;
  }
  return out;
};

describe("the character set and its classes", () => {
  it("is exactly the listed characters: every other UTF-16 unit goes to the segmenter", () => {
    const allowed = new Set(ALLOWED);
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      if ((sentenceEnds(ch) !== null) !== allowed.has(ch)) wrong.push(`U+${code.toString(16).padStart(4, "0")}`);
    }
    expect(wrong).toEqual([]);
    expect(sentenceEnds("Report it. 🔒 Thanks.")).toBeNull();
  });

  it("the rules: every arrangement of up to five characters, one of each class", () => {
    let texts = [""];
    const all: string[] = [];
    for (let length = 1; length <= 5; length++) {
      texts = texts.flatMap((t) => REPRESENTATIVES.map((ch) => t + ch));
      all.push(...texts);
    }
    expect(all).toHaveLength(66_429);
    expect(endMismatches(all)).toEqual([]);
  });

  it("every character, alone and between up to two characters of each class on one side and one on the other", () => {
    const short = ["", ...REPRESENTATIVES];
    const long = [...short, ...REPRESENTATIVES.flatMap((a) => REPRESENTATIVES.map((b) => a + b))];
    const contexts = [
      ...long.flatMap((left) => short.map((right) => [left, right])),
      ...short.flatMap((left) => long.map((right) => [left, right])),
    ];
    expect(endMismatches(ALLOWED.flatMap((ch) => contexts.map(([left, right]) => `${left}${ch}${right}`)))).toEqual([]);
  });

  it("every character in sentence-like contexts", () => {
    const contexts = [
      "Ab. X cd.",
      "Ab. Xcd. Ef.",
      "Ab.X cd.",
      "AbX cd. Ef.",
      "Ab X. cd. Ef",
      "Ab X. Cd! ef",
      "e.g.X the",
      "e.g. X the",
      "U.S.X Then",
      "Ab.) X cd.",
      "Ab.”X cd.",
      "Ab!X Cd.",
      "Ab? X 5 cd. E",
      "v1.X.3 is out. Fix",
      "Ab...X cd",
      "Ab. (X) cd. E",
      "Ab.X",
      "X. ab. CD",
      "X",
      "XX. X",
    ];
    expect(mismatches(ALLOWED.flatMap((ch) => contexts.map((c) => c.replaceAll("X", ch))))).toEqual([]);
  });
});

const letters = [...range(0x61, 0x7a), ...range(0x41, 0x5a)];
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...letters, ...range(0xc0, 0xff)), minLength: 1, maxLength: 6 }),
  fc.constantFrom(
    "We",
    "the",
    "report",
    "Security",
    "CVE-2024-1234",
    "e.g.",
    "i.e.",
    "U.S.",
    "etc.",
    "vs.",
    "Mr.",
    "No.",
    "v1.2.3",
    "1.x",
    "2.0",
    "3.5%",
    "security@acme.dev",
    "https://example.com/a.b?c=d.",
    "README.md",
    "A.B.",
    "a.b",
    "iOS",
    "don't",
    "it’s",
    "Ünïcödé",
    "naïve",
  ),
  fc.integer({ min: 0, max: 99999 }).map(String),
);
const punctuation = fc.constantFrom(
  ". ",
  "! ",
  "? ",
  ".",
  "!",
  "?",
  "?!",
  "...",
  "…",
  ". . .",
  ":",
  ";",
  ",",
  " - ",
  "-",
  " – ",
  "—",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  '"',
  "'",
  "‘",
  "’",
  "“",
  "”",
  "«",
  "»",
  ".)",
  '." ',
  ".) ",
  "!) ",
  "•",
  "#",
  "*",
  "/",
  "`",
);
const space = fc.constantFrom(" ", " ", " ", "  ", "   ", "\t", "\u00a0", "\n", "\r\n", " \n ");
const token = fc.oneof(
  { arbitrary: word, weight: 6 },
  { arbitrary: punctuation, weight: 4 },
  { arbitrary: space, weight: 6 },
  { arbitrary: fc.constantFrom(...ALLOWED), weight: 1 },
);
const sentenceLike = fc.oneof(
  { arbitrary: fc.array(token, { maxLength: 40 }).map((parts) => parts.join("")), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...REPRESENTATIVES, "\u00a0", "’", "e.g.", "U.S."), maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...ALLOWED), maxLength: 30 }), weight: 1 },
);

describe("random sentence-like texts", () => {
  it(`split as the segmenter splits them (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(sentenceLike, (text) => {
        expect(mismatch(text)).toBeNull();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** The texts of a policy: each paragraph (the file split on blank lines), the whole file, and every block and cell of its model. */
function textsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const blocks = buildPolicy(text).blocks.flatMap((b) => [b.text, ...(b.cells ?? []).map((c) => c.text)]);
  return [text, ...text.split(/\n[ \t]*\n/), ...blocks];
}

/** The outcome for every text of some files: how many the rules split (all equal to the reference) and how many went to the segmenter. */
function checkFiles(files: string[]): { rules: number; segmenter: number } {
  let rules = 0;
  let fallback = 0;
  const problems: string[] = [];
  for (const file of files) {
    for (const text of textsOf(file)) {
      if (sentenceEnds(text.replace(/[\r\n]/g, " ")) === null) {
        fallback++;
        expect(splitSentences(text), `${path.basename(file)}: ${JSON.stringify(text.slice(0, 80))}`).toEqual(reference(text));
      } else {
        rules++;
        const problem = mismatch(text);
        if (problem) problems.push(`${path.basename(file)}: ${problem}`);
      }
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
  return { rules, segmenter: fallback };
}

describe("real policies", () => {
  const shared = [...filesUnder(path.join(SHARED, "corpus"), ".md"), ...filesUnder(path.join(SHARED, "seeds"), ".md")];

  it("every fixture, paragraph and block", () => {
    const { rules } = checkFiles(filesUnder(FIXTURES, ".md"));
    expect(rules).toBeGreaterThan(1000);
  });

  it.skipIf(shared.length === 0)("every policy of ../shared/corpus and ../shared/seeds, paragraph and block", () => {
    const { rules } = checkFiles(shared);
    expect(rules).toBeGreaterThan(1000);
  });
});

describe("texts outside the set", () => {
  it("go to the segmenter and get its answer", () => {
    const texts = [
      "我们会在48小时内回复。请不要公开。",
      "Wir antworten innerhalb von 2 Tagen. Danke! Ωmega. b",
      "Cafe\u0301. Next one. e\u0301tait. Fin.", // combining accent: Extend (SB5)
      "Report it.\u00ad Then wait. Done.", // soft hyphen: Format (SB5)
      "One.\u2029two. Three.", // paragraph separator: Sep (SB4)
      "One.\u0085two. Three.", // next line: Sep (SB4)
      "Thin\u2009space. Then. ok",
      "Report it. 🔒 Thanks. e.g. 🔐 this.",
      "✅ Supported.\ufe0f Next.",
      "Visit https://例え.jp. Then wait.",
      "Reply in 2 days\u3002 Then. \uff0e Fin",
    ];
    for (const text of texts) {
      expect(sentenceEnds(text), JSON.stringify(text)).toBeNull();
      expect(splitSentences(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
