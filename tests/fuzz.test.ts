/**
 * No crash, no hang, deterministic: generated markdown and mutated fixtures (and ../shared/corpus files
 * when present) go through the whole pipeline, every rule (strict preset) and every formatter. Checks:
 * no exception, every position inside the file, the same output twice, JSON output parses, and no input
 * takes more than 20 times an ordinary policy of its size (measured in the same run).
 * CI runs FUZZ_RUNS (default 2,000) cases, and a fortieth as many runs of one fragment repeated up to
 * 64 KB (the shape of the parser's super-linear cases); `npm run fuzz` runs 100,000.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect, it } from "vitest";
import { preset } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import { LineIndex } from "../src/engine/positions.js";
import { formatters } from "../src/format/index.js";
import { MarkdownLimitError } from "../src/policy/text/parse.js";
import { FIXTURES, filesUnder, NOW, SHARED } from "./helpers.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const seeds = [
  ...filesUnder(FIXTURES, ".md"),
  ...filesUnder(path.join(SHARED, "corpus"), ".md"),
  ...filesUnder(path.join(SHARED, "seeds"), ".md"),
].map((f) => readFileSync(f, "utf8"));

const ARMOR = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF2x0vMBCAC7\n=AbCd\n-----END PGP PUBLIC KEY BLOCK-----\n";
const fragment = fc.oneof(
  fc.constantFrom(
    "# Security Policy\n",
    "## Supported Versions\n",
    "## Reporting a Vulnerability\n",
    "### Disclosure\n",
    "| Version | Supported |\n| --- | --- |\n| 1.x | ✅ |\n| < 1 | :x: |\n",
    "| a |\n|---|\n",
    "- item\n  - nested\n",
    "1. first\n2) second\n",
    "```\ncode\n```\n",
    "~~~pgp\n",
    "```",
    "> quote\n>> deeper\n",
    "security@acme.dev",
    "security [at] acme [dot] dev",
    "<mailto:a@b.c>",
    "[report](https://github.com/o/r/security/advisories/new)",
    "[x](mailto:sec@example.com)",
    "within 3 working days",
    "48 hours",
    "1-2 weeks",
    "90-day",
    "two business days",
    ARMOR,
    "Ã©tÃ©",
    "â€™",
    "\u001b[31m",
    "\u0000",
    "\u0085",
    "\u202e",
    "\ufeff",
    "\r\n",
    "\r",
    "\t",
    "<!--",
    "-->",
    '<a href="mailto:x@y.z">',
    "[^1]: note\n",
    "***",
    "___",
    "[",
    "](",
    "@",
    "a.",
    "**bold**",
    "`code`",
    "\\",
    "&amp;",
    "&#0;",
    "https://",
    "www.",
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.integer({ min: 1, max: 30 }).map((n) => ">".repeat(n) + " "),
  fc.integer({ min: 1, max: 20 }).map((n) => "  ".repeat(n) + "- x\n"),
  fc.constantFrom("\n", "\n\n", " "),
);
const generated = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(""));
const mutated = seeds.length
  ? fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fragment), { maxLength: 8 }))
      .map(([text, edits]) =>
        edits.reduce((t, [at, cut, insert]) => {
          const i = t.length ? at % t.length : 0;
          return t.slice(0, i) + insert + t.slice(i + cut);
        }, text),
      )
  : generated;
const input = fc.oneof({ arbitrary: generated, weight: 1 }, { arbitrary: mutated, weight: 1 });

const config = { rules: preset("strict"), sources: [] };

/** An ordinary policy (the fixtures' valid policies, end to end) of `size` characters. */
const ORDINARY = filesUnder(FIXTURES, ".md")
  .filter((f) => f.includes(`${path.sep}valid${path.sep}`))
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");
const ordinary = (size: number): string => ORDINARY.repeat(Math.ceil(size / ORDINARY.length)).slice(0, size);

const baselines = new Map<number, number>();
/** The median time of the pipeline on an ordinary policy of about `size` characters (sizes bucketed by powers of two). */
async function baseline(size: number): Promise<number> {
  const bucket = 2 ** Math.ceil(Math.log2(Math.max(size, 1024)));
  let ms = baselines.get(bucket);
  if (ms === undefined) {
    const text = ordinary(bucket);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await timed(() => pipeline(text)));
    ms = [...times].sort((a, b) => a - b)[1] as number;
    baselines.set(bucket, ms);
  }
  return ms;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * No input may take more than 20 times an ordinary policy of its size. The better of two runs is taken
 * (a collection pause rarely hits both), and below 10 ms the baseline is noise, so it is floored there.
 */
async function withinBudget(text: string, ms: number): Promise<void> {
  const base = Math.max(await baseline(text.length), 10);
  expect(
    ms,
    `${text.length} characters took ${ms.toFixed(0)} ms, an ordinary policy ${base.toFixed(0)} ms: ${JSON.stringify(text.slice(0, 80))}`,
  ).toBeLessThanOrEqual(20 * base);
}

async function pipeline(text: string): Promise<string[]> {
  const result = await lintText(text, { config, now: NOW, filePath: "/repo/SECURITY.md", displayPath: "SECURITY.md" });
  const index = new LineIndex(result.source);
  for (const f of result.findings) {
    expect(f.range.start).toBeGreaterThanOrEqual(0);
    expect(f.range.end).toBeLessThanOrEqual(result.source.length);
    expect(f.range.start).toBeLessThanOrEqual(f.range.end);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(index.lineCount);
    expect(f.endLine).toBeLessThanOrEqual(index.lineCount);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message).not.toMatch(/\n/);
  }
  const outputs = Object.entries(formatters).map(([name, format]) => {
    const out = format([result], { color: false, cwd: "/repo" });
    if (name === "json" || name === "sarif") JSON.parse(out);
    return out;
  });
  return outputs;
}

it(`survives ${RUNS} generated and mutated policies`, { timeout: Math.max(120_000, RUNS * 100) }, async () => {
  let count = 0;
  await fc.assert(
    fc.asyncProperty(input, async (text) => {
      let first: string[] = [];
      let second: string[] = [];
      const a = await timed(async () => (first = await pipeline(text)));
      const b = await timed(async () => (second = await pipeline(text)));
      expect(second).toEqual(first);
      await withinBudget(text, Math.min(a, b));
      count++;
    }),
    { numRuns: RUNS, seed: SEED },
  );
  console.log(`fuzz: ${count} cases passed (${seeds.length} seed files)`);
  expect(count).toBe(RUNS);
});

/** One fragment (or a pair) repeated to up to 64 KB: the shape of every super-linear parser case found so far. */
const repeated = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 2 }), fc.integer({ min: 1024, max: 64 * 1024 }))
  .filter(([parts]) => parts.join("").length > 0)
  .map(([parts, size]) => {
    const unit = parts.join("");
    return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  });

it(
  `runs ${Math.ceil(RUNS / 40)} fragments repeated up to 64 KB within 20x an ordinary policy`,
  { timeout: Math.max(300_000, RUNS * 400) },
  async () => {
    // Bad markdown is refused (a fatal result): that must be quick too, so lintText's error counts as done.
    const guarded = async (text: string): Promise<void> => {
      try {
        await pipeline(text);
      } catch (error) {
        if (!(error instanceof MarkdownLimitError)) throw error;
      }
    };
    let count = 0;
    await fc.assert(
      fc.asyncProperty(repeated, async (text) => {
        const a = await timed(() => guarded(text));
        const b = await timed(() => guarded(text));
        await withinBudget(text, Math.min(a, b));
        count++;
      }),
      // A fixed seed unless FUZZ_SEED is given: a repeated fragment that is still slow for the parser is
      // an open finding to add to src/parse.ts's shape limits, found by `npm run fuzz`, not a flaky CI run.
      { numRuns: Math.ceil(RUNS / 40), seed: SEED ?? 15 },
    );
    expect(count).toBe(Math.ceil(RUNS / 40));
  },
);

it("regression: a GitHub link with a malformed %-escape (`%{{owner}}`) does not throw", async () => {
  const text = "# Security\n\nUse [the form](https://github.com/%{{github_user}}/{{project_slug}}/security/advisories/new).\n";
  expect((await pipeline(text)).length).toBe(Object.keys(formatters).length);
});

it("regression: a section title that spans lines gives a one-line message", async () => {
  // Found by the fuzz suite: a setext heading whose text runs over several lines.
  const text =
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF2x0vMBCAC7\n=AbCd\n-----END | Version | Supported |\n| --- | --- |\n| 1.x | ✅ |\n| < 1 | :x: |\n-----\necurity Policy\n\n## Reporting\n\nEmail [security@lanternfish.dev](mailto:secteam@lanternfish.dev).\n";
  const result = await lintText(text, { config, now: NOW });
  for (const f of result.findings) expect(f.message).not.toMatch(/[\r\n]/);
  expect(result.findings.some((f) => /^Missing versions in `mQENBF2x0vMBCAC7 =AbCd -----END/.test(f.message))).toBe(true);
});
