/**
 * Bounded work per file: the markdown shapes micromark takes quadratic time on are refused by a linear
 * pre-check (one line, exit 2, the other files still linted), shapes just inside the limits lint within
 * a small factor of an ordinary policy of the same size, and standard input has the size limit files
 * have. Times are relative: each input against an ordinary policy of the same size, in the same run.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { hostileShape, nestingDepth, SHAPE_LIMITS } from "../src/policy/text/parse.js";
import { GOOD, PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

const KB = 1024;
/** `unit` repeated to exactly `size` characters. */
const fill = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** Blocks separated by blank lines, to about `size` characters. */
const paragraphs = (block: string, size: number): string => fill(`${block}\n\n`, size);
/** An ordinary policy of `size` characters. */
const ordinary = (size: number): string => fill(`${GOOD}\n`, size);

async function timeLint(text: string): Promise<{ ms: number; fatal: string | undefined }> {
  const start = process.hrtime.bigint();
  const [result] = await lint(["-"], { stdinText: text, now: new Date("2026-11-21T12:00:00Z") });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, fatal: result?.fatal };
}

/** The median time of `text` over the median time of an ordinary policy of its size, runs alternating. */
async function ratio(text: string, runs = 3): Promise<{ ratio: number; ms: number; base: number; fatal: string | undefined }> {
  const plain = ordinary(text.length);
  await timeLint(plain);
  const a: number[] = [];
  const b: number[] = [];
  let fatal: string | undefined;
  for (let i = 0; i < runs; i++) {
    const t = await timeLint(text);
    fatal = t.fatal;
    a.push(t.ms);
    b.push((await timeLint(plain)).ms);
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  // Below a few milliseconds the ratio is noise; the floor keeps it meaningful.
  const base = Math.max(median(b), 10);
  return { ratio: median(a) / base, ms: median(a), base, fatal };
}

/** The reproductions of issue 15 (before: 6 to more than 40 seconds each, on two cores). */
const REPRODUCTIONS: [string, string, RegExp][] = [
  ["setext underline runs (`a⏎=⏎`, 32 KB)", fill("a\n=\n", 32 * KB), /setext headings/],
  ["bracket runs (`[[[…a](b)](b)…`, 64 KB)", `${"[".repeat(13_000)}a${"](b)".repeat(13_000)}`, /nested `\[`/],
  ["`~a~~a` runs (32 KB)", fill("~a~~a", 32 * KB), /runs of/],
  ["`*a**a` runs (64 KB)", fill("*a**a", 64 * KB), /runs of/],
  ["`*_` runs (32 KB)", fill("*_", 32 * KB), /runs of/],
  ["ordered lists nested 20,000 deep (`1. ` × 20,000, 60 KB)", `${"1. ".repeat(20_000)}x\n`, /nested 20000 levels deep/],
  // Found by the fuzz suite's repeated fragments: 17 s and 7 s at 64 KB.
  ["items with a sub-list, repeated (64 KB)", fill("- item\n  - nested\n", 64 * KB), /lists, nested lists or block quotes/],
  [
    "lists broken by headings, repeated (64 KB)",
    fill("1. first\n2) second\n## Reporting a Vulnerability\n", 64 * KB),
    /lists, nested lists or block quotes/,
  ],
  ["footnote definitions and headings, repeated (64 KB)", fill("[^1]: note\n# Security Policy\n", 64 * KB), /footnote definitions/],
  [
    "code blocks and nested quotes, repeated (64 KB)",
    fill("```\ncode\n```\n> quote\n>> deeper\n", 64 * KB),
    /lists, nested lists or block quotes/,
  ],
  ["unclosed `<!--` runs (64 KB)", fill("a.<!--", 64 * KB), /more than 500 `<`/],
  ["`](` repeated (64 KB)", fill("](", 64 * KB), /unmatched `\]`/],
];

describe("the known super-linear shapes are refused in linear time", () => {
  for (const [name, text, message] of REPRODUCTIONS) {
    it(name, async () => {
      const r = await ratio(text);
      console.log(`parse limits: ${name}: ${r.ms.toFixed(0)} ms (ordinary ${r.base.toFixed(0)} ms, x${r.ratio.toFixed(2)})`);
      expect(r.fatal).toMatch(message);
      expect(r.ratio).toBeLessThanOrEqual(20);
    });
  }

  it("a refused file gets one line and exit 2, and the other files are still linted", () => {
    const dir = tempRepo({ "a.md": PLACEHOLDER, "b.md": fill("*_", 32 * KB), "c.md": GOOD });
    const r = runCli(["--format", "json", "a.md", "b.md", "c.md"], { cwd: dir });
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { fatal?: boolean; message: string; ruleId: string | null }[] }[];
    expect(results.map((x) => path.basename(x.filePath))).toEqual(["a.md", "b.md", "c.md"]);
    expect(results[0]?.messages.some((m) => m.ruleId === "no-placeholder-contact")).toBe(true);
    expect(results[1]?.messages).toHaveLength(1);
    expect(results[1]?.messages[0]?.fatal).toBe(true);
    expect(results[2]?.messages.every((m) => !m.fatal)).toBe(true);
  });
});

describe("shapes just inside the limits stay within 20x of an ordinary policy", () => {
  const nest = Math.floor(Math.sqrt(2 * SHAPE_LIMITS.bracketWork)) - 2;
  const inside: [string, string][] = [
    ["setext headings at the limit, then ordinary text", `${"a\n=\n".repeat(SHAPE_LIMITS.setextHeadings)}\n${ordinary(56 * KB)}`],
    ["bracket nests at the limit, one per paragraph", paragraphs(`${"[".repeat(nest)}a${"](b)".repeat(nest)}`, 64 * KB)],
    ["`*_` runs at the limit, one paragraph each", paragraphs("*_".repeat(SHAPE_LIMITS.delimiterRuns / 2), 64 * KB)],
    ["`*a**a` runs at the limit, one paragraph each", paragraphs("*a**a".repeat(SHAPE_LIMITS.delimiterRuns / 2), 64 * KB)],
    ["`~a~~a` runs at the limit, one paragraph each", paragraphs("~a~~a".repeat(SHAPE_LIMITS.delimiterRuns / 2), 64 * KB)],
    ["lists at the limit, then ordinary text", `${"- item\n  - nested\n".repeat(SHAPE_LIMITS.containers / 2)}\n${ordinary(58 * KB)}`],
    [
      "footnote definitions at the limit, then ordinary text",
      `${"[^1]: note\n# Security Policy\n".repeat(SHAPE_LIMITS.footnotes)}\n${ordinary(56 * KB)}`,
    ],
    ["`<!--` at the limit, one paragraph each", paragraphs("a.<!--".repeat(SHAPE_LIMITS.angleBrackets), 64 * KB)],
    ["unmatched `]` at the limit, one paragraph each", paragraphs("](".repeat(SHAPE_LIMITS.strayBrackets), 64 * KB)],
  ];
  for (const [name, text] of inside) {
    it(name, { timeout: 120_000 }, async () => {
      expect(hostileShape(text)).toBe(null);
      const r = await ratio(text);
      console.log(`parse limits: ${name}: ${r.ms.toFixed(0)} ms (ordinary ${r.base.toFixed(0)} ms, x${r.ratio.toFixed(2)})`);
      expect(r.fatal).toBeUndefined();
      expect(r.ratio).toBeLessThanOrEqual(20);
    });
  }
});

describe("the pre-checks", () => {
  it("count ordered list markers as nesting", () => {
    expect(nestingDepth("1. 2) - > 10. x\n")).toBe(5);
    expect(nestingDepth("2024. A year\n1.5 is not a marker\n")).toBe(1);
  });

  it("leave ordinary policies, tables and long lists alone", () => {
    const table = `| Version | Supported |\n| --- | --- |\n${"| **1.x** | _yes_ ~~no~~ |\n".repeat(2_000)}`;
    const list = "- **Scope**: the *main* product\n".repeat(2_000);
    const lists = `${"- item\n  - nested\n".repeat(20)}\nText between lists.\n\n`.repeat(6);
    const thanks = `## Hall of fame\n\n${"- A reporter, who found a flaw\n  in the parser and wrote it up\n\n".repeat(1_000)}`;
    for (const text of [
      ordinary(200 * KB),
      table,
      list,
      lists,
      thanks,
      "[".repeat(100_000),
      "*".repeat(100_000),
      `Title\n=====\n\n${GOOD}`,
    ])
      expect(hostileShape(text)).toBe(null);
  });

  it("do not miss a shape behind CR line ends", () => {
    expect(hostileShape(fill("a\r=\r", 32 * KB))).toMatch(/setext/);
  });
});

describe("standard input", () => {
  it("has the size limit files have", () => {
    const dir = tempRepo({});
    const big = "a".repeat(2 * 1024 * 1024);
    const r = runCli(["-"], { cwd: dir, input: big });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/over the 1048576-byte limit/);
    const small = runCli(["--max-file-size", "100", "-"], { cwd: dir, input: GOOD });
    expect(small.code).toBe(2);
    expect(small.stdout).toMatch(/over the 100-byte limit/);
  });
});
