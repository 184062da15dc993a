/**
 * The unified plugin (`secpolicy-lint/unified`): in a remark pipeline it reports what the library and the
 * CLI report, position for position, linting the tree remark-parse with remark-gfm built; and the real
 * remark-cli, given the built package, fails on the same findings as the CLI.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { type Plugin, unified } from "unified";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { LineIndex } from "../src/engine/positions.js";
import { decodeBuffer } from "../src/io/files.js";
import { escapeLine } from "../src/format/escape.js";
import { lint, lintText, type LintResult } from "../src/index.js";
import { parseMarkdown, treeFitsText } from "../src/policy/text/parse.js";
import { loadRepository } from "../src/io/repository.js";
import secpolicyLint, { type SecpolicyLintOptions } from "../src/unified.js";
import { GOOD, requireBuild, runCli, tempRepo } from "./cli-run.js";
import { FIXTURES, fixtureRepository, markdownFiles, NOW, only, ROOT, SHARED } from "./helpers.js";

const ALL = only(...rules.map((r) => r.meta.id));
const FIXTURE_FILES = rules.flatMap((r) => [
  ...markdownFiles(path.join(FIXTURES, r.meta.id, "valid")),
  ...markdownFiles(path.join(FIXTURES, r.meta.id, "invalid")),
]);
const SEEDS = markdownFiles(path.join(SHARED, "seeds"));

/** What a message says, in one comparable shape. */
interface Seen {
  ruleId: string | null;
  reason: string;
  fatal: boolean;
  start: { line: number; column: number; offset?: number };
  end: { line: number; column: number; offset?: number } | null;
  url?: string;
  expected?: string[];
}

function fromFindings(result: LintResult): Seen[] {
  const out: Seen[] = result.fatal
    ? [{ ruleId: null, reason: escapeLine(result.fatal), fatal: true, start: { line: 0, column: 0 }, end: null }]
    : [];
  for (const f of result.findings) {
    const seen: Seen = {
      ruleId: f.ruleId,
      reason: escapeLine(f.message),
      fatal: f.severity === "error",
      start: { line: f.line, column: f.column, offset: f.range.start },
      end: { line: f.endLine, column: f.endColumn, offset: f.range.end },
      url: f.docsUrl,
    };
    // The fix of a fixable finding is its `expected`.
    if (f.fix) seen.expected = [f.fix.text];
    out.push(seen);
  }
  return out;
}

function fromFile(file: VFile): Seen[] {
  return file.messages.map((m) => {
    expect(m.source).toBe("secpolicy-lint");
    const seen: Seen = {
      ruleId: m.ruleId ?? null,
      reason: m.reason,
      fatal: m.fatal === true,
      start: m.place && "start" in m.place ? m.place.start : { line: 0, column: 0 },
      end: m.place && "start" in m.place ? m.place.end : null,
    };
    if (m.url) seen.url = m.url;
    if (m.expected) seen.expected = m.expected;
    return seen;
  });
}

/** Parse with remark-parse and remark-gfm and run the plugin, as `process` does; also returns the tree the pipeline built. */
async function runPipeline(
  file: VFile,
  options: SecpolicyLintOptions = {},
  before?: (tree: Root) => void,
): Promise<{ tree: Root; untouched: Root }> {
  const hook: Plugin<[], Root> = () => (tree) => {
    before?.(tree);
  };
  const processor = unified().use(remarkParse).use(remarkGfm).use(hook).use(secpolicyLint, options);
  const tree = processor.parse(file);
  const untouched = structuredClone(tree);
  await processor.run(tree, file);
  return { tree, untouched };
}

/** GOOD (a policy that passes `recommended`) as SECURITY.md in a repository of its own. */
const goodFile = (): VFile => new VFile({ path: "SECURITY.md", cwd: tempRepo(), value: GOOD });

describe("the plugin in a unified pipeline", () => {
  it.each(FIXTURE_FILES.map((f) => [path.relative(FIXTURES, f), f]))(
    "reports what lintText reports on %s, from the pipeline's own tree, left unchanged",
    async (_, fixture) => {
      const bytes = readFileSync(fixture);
      const repo = fixtureRepository(fixture);
      const filePath = repo?.filePath ?? fixture;
      const file = new VFile({ path: filePath, value: bytes });
      // The fixture's repository (fixtures/repos/…) or its own folder, for the plugin and for the library.
      const root = repo?.repository.root ?? path.dirname(fixture);
      const { tree, untouched } = await runPipeline(file, { config: ALL, now: NOW, root });
      const read = decodeBuffer(bytes);
      if ("error" in read) throw new Error(read.error);
      const library = await lintText(read.text, {
        config: ALL,
        now: NOW,
        filePath,
        decoded: read.decoded,
        repository: repo?.repository ?? loadRepository(root),
      });
      expect(fromFile(file)).toEqual(fromFindings(library));
      // The linter never changes the pipeline's tree.
      expect(tree).toEqual(untouched);
      // remark-parse with remark-gfm built the tree the linter builds, so the engine takes it as it is.
      if (String(file) === read.text) {
        const index = new LineIndex(read.text);
        expect(treeFitsText(tree, read.text, index)).toBe(true);
        expect(tree).toEqual(parseMarkdown(read.text));
      }
      if (fixture.includes(`${path.sep}invalid${path.sep}`)) expect(file.messages.length).toBeGreaterThan(0);
    },
  );

  it("reads a text with a byte order mark, bytes in UTF-16 and a file without a path as the library does", async () => {
    const placeholder = GOOD.replace("security@lanternfish.dev", "security@example.com");
    const cwd = tempRepo();
    const bytes = [Buffer.from(`\ufeff${placeholder}`), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(placeholder, "utf16le")])];
    for (const value of [`\ufeff${placeholder}`, ...bytes]) {
      const file = new VFile({ path: "SECURITY.md", cwd, value });
      await runPipeline(file, { config: "recommended", now: NOW });
      const read = typeof value === "string" ? { text: value, decoded: undefined } : decodeBuffer(value);
      if ("error" in read) throw new Error(read.error);
      const expected = await lintText(read.text, {
        config: { extends: "recommended" },
        now: NOW,
        filePath: path.join(cwd, "SECURITY.md"),
        decoded: read.decoded,
        cwd,
      });
      expect(fromFile(file)).toEqual(fromFindings(expected));
      expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toContainEqual(["no-placeholder-contact", 11, 7]);
    }
    const nameless = new VFile({ cwd, value: placeholder });
    await runPipeline(nameless, { config: "recommended", now: NOW });
    expect(fromFile(nameless)).toEqual(fromFindings(await lintText(placeholder, { now: NOW })));
  });

  it("gives every fixable finding's fix as `expected`, with the text it replaces as `actual`", async () => {
    const fixture = path.join(FIXTURES, "no-mojibake", "invalid", "mac-roman.md");
    const file = new VFile({ path: fixture, value: readFileSync(fixture) });
    await runPipeline(file, { config: only("no-mojibake"), now: NOW });
    expect(file.messages.length).toBeGreaterThan(0);
    for (const m of file.messages) {
      expect(m.expected?.length).toBe(1);
      const { start, end } = m.place && "start" in m.place ? m.place : { start: { offset: 0 }, end: { offset: 0 } };
      expect(m.actual).toBe(String(file).slice(start.offset, end.offset));
      expect(m.expected?.[0]).not.toBe(m.actual);
    }
  });

  it("lints the pipeline's tree: a node a plugin before it removed is not seen", async () => {
    const removeReporting = (tree: Root) => {
      const at = tree.children.findIndex((n) => n.type === "heading" && JSON.stringify(n).includes("Reporting"));
      tree.children.splice(at, 2);
    };
    const clean = goodFile();
    await runPipeline(clean, { config: "recommended", now: NOW });
    expect(fromFile(clean)).toEqual([]);
    const edited = goodFile();
    await runPipeline(edited, { config: "recommended", now: NOW }, removeReporting);
    expect(edited.messages.map((m) => m.ruleId)).toContain("require-private-reporting");
  });

  it("parses the text itself when the pipeline's parser has other extensions or the tree has generated nodes", async () => {
    const removeReporting = (tree: Root) => {
      const at = tree.children.findIndex((n) => n.type === "heading" && JSON.stringify(n).includes("Reporting"));
      tree.children.splice(at, 2);
    };
    // Another syntax extension (front matter, directives…) builds other trees: the linter's own parse decides.
    const file = goodFile();
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(function () {
        const data = this.data() as { fromMarkdownExtensions?: unknown[] };
        (data.fromMarkdownExtensions ??= []).push({ canContainEols: ["someOtherSyntax"] });
        return removeReporting;
      })
      .use(secpolicyLint, { config: "recommended", now: NOW });
    await processor.run(processor.parse(file), file);
    expect(fromFile(file)).toEqual([]);
    // A node without a position (made by a plugin) means the tree is not the text's.
    const generated = goodFile();
    await runPipeline(generated, { config: "recommended", now: NOW }, (tree) => {
      removeReporting(tree);
      tree.children.push({ type: "paragraph", children: [{ type: "text", value: "generated" }] });
    });
    expect(fromFile(generated)).toEqual([]);
  });

  it("finds and resolves the configuration file for the file's path, as the CLI does; options override it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-unified-config-"));
    mkdirSync(path.join(dir, ".git"));
    const placeholder = GOOD.replace("security@lanternfish.dev", "security@example.com");
    writeFileSync(path.join(dir, "SECURITY.md"), placeholder);
    writeFileSync(path.join(dir, ".secpolicylintrc.json"), JSON.stringify({ rules: { "no-placeholder-contact": "warn" } }));
    const run = async (options: SecpolicyLintOptions) => {
      const file = new VFile({ path: "SECURITY.md", cwd: dir, value: placeholder });
      await runPipeline(file, { now: NOW, ...options });
      return file.messages.filter((m) => m.ruleId === "no-placeholder-contact").map((m) => m.fatal);
    };
    expect(await run({})).toEqual([false]);
    const cli = runCli(["--format", "json", "SECURITY.md"], { cwd: dir });
    expect(
      (JSON.parse(cli.stdout) as { messages: { ruleId: string; severity: number }[] }[])[0]?.messages
        .filter((m) => m.ruleId === "no-placeholder-contact")
        .map((m) => m.severity),
    ).toEqual([1]);
    expect(await run({ config: "recommended" })).toEqual([true]);
    expect(await run({ ruleOverrides: ["no-placeholder-contact=off"] })).toEqual([]);
    expect(await run({ config: { rules: { "no-placeholder-contact": "error" } } })).toEqual([true]);
  });

  it("fails the file with a one-line message on a bad configuration or bad options", async () => {
    const file = goodFile();
    await expect(runPipeline(file, { config: { rules: { "no-such-rule": "error" } } })).rejects.toThrow(/no-such-rule/);
    expect(file.messages.at(-1)?.fatal).toBe(true);
    const misspelt = goodFile();
    await expect(runPipeline(misspelt, { colour: true } as SecpolicyLintOptions)).rejects.toThrow(
      /^secpolicy-lint\/unified: unknown option `colour`, expected one of config, configFile, /,
    );
    expect(misspelt.messages.at(-1)?.fatal).toBe(true);
    await expect(runPipeline(goodFile(), { now: "yesterday" })).rejects.toThrow(/invalid `now`/);
  });

  it("refuses hostile markdown with the CLI's message, whoever parsed it", async () => {
    const text = "Title\n===\n\n".repeat(250);
    const file = new VFile({ path: "SECURITY.md", value: text });
    await runPipeline(file, { config: "recommended", now: NOW });
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]?.fatal).toBe(true);
    expect(file.messages[0]?.ruleId).toBeUndefined();
    expect(file.messages[0]?.reason).toMatch(/setext headings/);
  });

  it.skipIf(SEEDS.length === 0).each(SEEDS.map((s) => [path.basename(s), s]))(
    "reports what lint() reports for the reference policy %s",
    async (_, seed) => {
      const file = new VFile({ path: seed, value: readFileSync(seed) });
      await runPipeline(file, { now: NOW });
      const [expected] = await lint([seed], { now: NOW });
      expect(fromFile(file)).toEqual(fromFindings(expected as LintResult));
    },
  );
});

/** A message of remark's JSON report, or of the CLI's, reduced to what both say. */
interface Reported {
  ruleId: string | null;
  fatal: boolean;
  message: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
}

const REMARK = path.join(ROOT, "node_modules", ".bin", "remark");
const ENV = { ...process.env, SECPOLICY_LINT_NOW: NOW.toISOString(), NO_COLOR: "1" };

/** A project in a temporary folder with the built package, remark-gfm and remark's JSON reporter installed (linked). */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-unified-project-"));
  mkdirSync(path.join(dir, ".git"));
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(ROOT, path.join(dir, "node_modules", "secpolicy-lint"), "dir");
  for (const name of ["vfile-reporter-json", "remark-gfm"])
    symlinkSync(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function remark(dir: string, args: string[]): { code: number | null; files: Map<string, Reported[]>; stderr: string } {
  const r = spawnSync(REMARK, ["--use", "secpolicy-lint/unified", "--no-stdout", "--report", "json", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: ENV,
    maxBuffer: 64 << 20,
  });
  const files = new Map<string, Reported[]>();
  let report: {
    path: string;
    messages: {
      ruleId?: string;
      source?: string;
      fatal?: boolean;
      reason: string;
      place?: { start: { line: number; column: number }; end?: { line: number; column: number } };
      line?: number;
      column?: number;
    }[];
  }[];
  try {
    report = JSON.parse(r.stderr);
  } catch {
    throw new Error(`remark printed no JSON report (exit ${r.status}):\n${r.stderr}`);
  }
  for (const entry of report) {
    files.set(
      entry.path,
      entry.messages.map((m) => {
        expect(m.source).toBe("secpolicy-lint");
        const start = m.place && "start" in m.place ? m.place.start : { line: m.line ?? 0, column: m.column ?? 0 };
        const end = m.place && "start" in m.place ? (m.place.end ?? null) : null;
        return {
          ruleId: m.ruleId ?? null,
          fatal: m.fatal === true,
          message: m.reason,
          line: start.line,
          column: start.column,
          endLine: end?.line ?? null,
          endColumn: end?.column ?? null,
        };
      }),
    );
  }
  return { code: r.status, files, stderr: r.stderr };
}

function cli(dir: string, files: string[]): Map<string, Reported[]> {
  const r = runCli(["--format", "json", ...files], { cwd: dir, env: { SECPOLICY_LINT_NOW: NOW.toISOString() } });
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
  const out = new Map<string, Reported[]>();
  for (const result of JSON.parse(r.stdout) as {
    filePath: string;
    messages: {
      ruleId: string | null;
      severity: number;
      message: string;
      line: number;
      column: number;
      endLine?: number;
      endColumn?: number;
    }[];
  }[]) {
    out.set(
      path.relative(dir, result.filePath),
      result.messages.map((m) => ({
        ruleId: m.ruleId,
        fatal: m.severity === 2,
        message: escapeLine(m.message),
        line: m.line,
        column: m.column,
        endLine: m.endLine ?? null,
        endColumn: m.endColumn ?? null,
      })),
    );
  }
  return out;
}

describe("remark-cli with the built package", () => {
  beforeAll(() => {
    requireBuild();
    if (!existsSync(path.join(ROOT, "dist", "unified.js"))) throw new Error("dist/unified.js is missing: run `npm run build` first");
  });

  it("reports every rule fixture as the CLI does, and fails the run", () => {
    const files: Record<string, Buffer> = {};
    for (const fixture of FIXTURE_FILES) if (!fixtureRepository(fixture)) files[path.relative(FIXTURES, fixture)] = readFileSync(fixture);
    const names = Object.keys(files).sort();
    expect(names.length).toBeGreaterThan(100);
    const dir = project(files);
    const fromCli = cli(dir, names);
    // remark alone parses without GFM, so the plugin parses the text itself; with remark-gfm it lints remark's tree.
    for (const extra of [[], ["--use", "remark-gfm"]]) {
      const fromRemark = remark(dir, [...extra, "--frail", ...names]);
      expect(fromRemark.code).toBe(1);
      let findings = 0;
      for (const name of names) {
        expect(fromRemark.files.get(name), `${extra.join(" ")} ${name}`).toEqual(fromCli.get(name));
        findings += fromCli.get(name)?.length ?? 0;
      }
      expect(findings).toBeGreaterThan(100);
    }
  });

  it("fails on errors without --frail, and on warnings only with it", () => {
    const warnOnly = GOOD.replace(/## Disclosure Process\n\n.*\n/, "");
    const dir = project({ "SECURITY.md": warnOnly, "GOOD.md": GOOD });
    const expected = cli(dir, ["SECURITY.md"]).get("SECURITY.md") ?? [];
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((m) => !m.fatal)).toBe(true);
    const lenient = remark(dir, ["SECURITY.md"]);
    expect(lenient.code).toBe(0);
    expect(lenient.files.get("SECURITY.md")).toEqual(expected);
    expect(remark(dir, ["--frail", "SECURITY.md"]).code).toBe(1);
    const good = remark(dir, ["--frail", "GOOD.md"]);
    expect(good.code).toBe(0);
    expect(good.files.get("GOOD.md")).toEqual([]);
    const placeholder = project({ "SECURITY.md": GOOD.replace("security@lanternfish.dev", "security@example.com") });
    expect(remark(placeholder, ["SECURITY.md"]).code).toBe(1);
  });

  it.skipIf(SEEDS.length === 0).each(SEEDS.map((s) => [path.basename(s), s]))(
    "exits non-zero on the reference policy %s as SECURITY.md, with the CLI's findings",
    (_, seed) => {
      const dir = project({});
      copyFileSync(seed, path.join(dir, "SECURITY.md"));
      const expected = cli(dir, ["SECURITY.md"]).get("SECURITY.md");
      expect(expected?.length).toBeGreaterThan(0);
      for (const extra of [[], ["--use", "remark-gfm"]]) {
        const fromRemark = remark(dir, [...extra, "--frail", "SECURITY.md"]);
        expect(fromRemark.code).not.toBe(0);
        expect(fromRemark.files.get("SECURITY.md")).toEqual(expected);
      }
    },
  );
});
