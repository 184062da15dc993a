/** Linting many files: the worker pool gives the same results in input order, and --cache reuses them. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type BulkOptions, defaultConcurrency, IN_PROCESS_LIMIT, lintMany } from "../src/run/bulk.js";
import { createHmac } from "node:crypto";
import { CACHE_DIR_ENV, cacheFilePath, cacheKey, DEFAULT_CACHE_FILE } from "../src/run/cache.js";
import { VERSION } from "../src/version.js";
import type { LintResult } from "../src/types.js";
import { CACHE_DIR, type Run, runCli, tempRepo } from "./cli-run.js";
import { FIXTURES, NOW, ROOT } from "./helpers.js";

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    for (const kind of ["invalid", "valid"]) {
      const dir = path.join(FIXTURES, rule, kind);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort()) if (name.endsWith(".md")) out.push(path.relative(ROOT, path.join(dir, name)));
    }
  }
  return out;
}

const cli = (args: string[], cwd = ROOT, env: Record<string, string> = {}): Run => runCli(args, { cwd, env });

/** `count` distinct policies (the fixtures, each copy marked) in a fresh directory, named in shuffled order. */
function manyPolicies(count: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-many-"));
  const texts = fixtureFiles().map((f) => readFileSync(path.join(ROOT, f), "utf8"));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `policy-${String(i).padStart(4, "0")}.md`;
    writeFileSync(path.join(dir, name), `${texts[i % texts.length]}\n<!-- copy ${i} -->\n`);
    files.push(name);
  }
  // A fixed shuffle: input order is neither name nor directory order.
  return {
    dir,
    files: files
      .map((f, i) => ({ f, k: (i * 7919) % count }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.f),
  };
}

describe("worker pool", () => {
  it("reports the same findings as one thread, in the order the files were named", () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(10);
    // Reversed so that input order is not the order a directory listing would give.
    const named = [...files].reverse();
    const pooled = cli(["--format", "json", "--concurrency", "2", ...named]);
    const single = cli(["--format", "json", "--concurrency", "0", ...named]);
    expect(pooled.stderr).toBe("");
    expect(pooled.code).toBe(single.code);
    expect(pooled.stdout).toBe(single.stdout);
    const results = JSON.parse(pooled.stdout) as Array<{ filePath: string }>;
    expect(results.map((r) => path.relative(ROOT, r.filePath))).toEqual(named);
  });

  it("keeps fatal results (missing files) in their place among pooled ones", () => {
    const files = fixtureFiles().slice(0, 12);
    const named = [...files.slice(0, 6), "no-such-file.md", ...files.slice(6)];
    const r = cli(["--format", "json", "--concurrency", "2", ...named]);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; fatalErrorCount: number; messages: Array<{ message: string }> }>;
    expect(results.map((x) => path.relative(ROOT, x.filePath))).toEqual(named);
    expect(results[6]?.messages[0]?.message).toBe("no such file or directory");
    expect(results.filter((x) => x.fatalErrorCount > 0)).toHaveLength(1);
  });

  it("prints the same report as one thread, byte for byte, in every format", () => {
    const { dir, files } = manyPolicies(48);
    for (const format of ["stylish", "json", "sarif", "github"]) {
      const single = cli(["--format", format, "--concurrency", "0", ...files], dir);
      expect(single.stdout.length).toBeGreaterThan(1000);
      for (const concurrency of ["1", "2"]) {
        const pooled = cli(["--format", format, "--concurrency", concurrency, ...files], dir);
        expect(pooled.stderr).toBe("");
        expect(pooled.code).toBe(single.code);
        expect(pooled.stdout).toBe(single.stdout);
      }
    }
    // --quiet and --output-file take the streamed path too.
    const quiet = cli(["--quiet", "--concurrency", "0", ...files], dir);
    expect(cli(["--quiet", "--concurrency", "2", ...files], dir).stdout).toBe(quiet.stdout);
    expect(cli(["-o", "report.txt", "--concurrency", "2", ...files], dir).stdout).toBe("");
    expect(readFileSync(path.join(dir, "report.txt"), "utf8")).toBe(cli(["--no-color", "--concurrency", "0", ...files], dir).stdout);
  }, 240_000);

  it("lintMany hands over every result in input order, collected or only streamed", async () => {
    const { dir, files } = manyPolicies(100);
    // The built module, so that the pool's worker (dist/worker.js) is there; from source it lints in-process.
    const built = (await import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href)) as { lintMany: typeof lintMany };
    const run = async (options: BulkOptions): Promise<{ returned: LintResult[]; streamed: LintResult[] }> => {
      const streamed: LintResult[] = [];
      const returned = await built.lintMany(files, { cwd: dir, now: NOW, ...options }, (r) => streamed.push(r));
      return { returned, streamed };
    };
    const single = await run({ concurrency: 0 });
    expect(single.returned.map((r) => r.displayPath)).toEqual(files);
    expect(single.streamed).toEqual(single.returned);
    for (const concurrency of [1, 2]) {
      const pooled = await run({ concurrency });
      expect(pooled.returned).toEqual(single.returned);
      expect(pooled.streamed).toEqual(single.returned);
      const streamedOnly = await run({ concurrency, collect: false });
      expect(streamedOnly.returned).toEqual([]);
      expect(streamedOnly.streamed).toEqual(single.returned);
    }
  }, 240_000);

  it("loses no file when a worker runs out of memory: the main thread lints it", () => {
    const { dir, files } = manyPolicies(10);
    // Half a megabyte of table rows: more tree than a worker's heap limit holds.
    let table = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported | Notes |\n| --- | --- | --- |\n";
    for (let n = 0; table.length < 500_000; n++)
      table += `| 1.${n}.x | :white_check_mark: | [notes](https://example.com/${n}) security@example.com |\n`;
    writeFileSync(path.join(dir, "huge.md"), table);
    const named = [...files.slice(0, 5), "huge.md", ...files.slice(5)];
    const single = cli(["--format", "json", "--concurrency", "0", ...named], dir);
    const pooled = cli(["--format", "json", "--concurrency", "1", ...named], dir, { SECPOLICY_LINT_DEBUG: "1" });
    expect(pooled.stderr).toContain("a worker stopped");
    expect(pooled.code).toBe(single.code);
    expect(pooled.stdout).toBe(single.stdout);
    expect((JSON.parse(pooled.stdout) as unknown[]).length).toBe(named.length);
  }, 240_000);

  it("with one worker, lints on the main thread too, and reports what one thread does", () => {
    const { dir, files } = manyPolicies(120);
    const single = cli(["--format", "json", "--concurrency", "0", ...files], dir);
    const shared = cli(["--format", "json", "--concurrency", "1", ...files], dir, { SECPOLICY_LINT_DEBUG: "1" });
    expect(shared.stdout).toBe(single.stdout);
    expect(shared.code).toBe(single.code);
    // The worker's first two files are sent before it has loaded; the main thread lints while it loads.
    const m = /(\d+) of 120 files linted on the main thread beside the worker/.exec(shared.stderr);
    expect(m, shared.stderr).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThan(0);
    expect(Number(m?.[1])).toBeLessThanOrEqual(118);
  }, 120_000);

  it("gives each file its own folder's configuration on every worker (configurations are sent once by number)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-two-configs-"));
    const text = readFileSync(path.join(FIXTURES, "no-mojibake", "invalid", "windows-1252.md"), "utf8");
    const named: string[] = [];
    for (const folder of ["loud", "quiet"]) mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, "quiet", ".secpolicylintrc.json"), JSON.stringify({ rules: { "no-mojibake": "off" } }));
    // Alternating folders, so every worker is sent both configurations and then refers to each by number.
    for (let i = 0; i < 40; i++) {
      const folder = i % 2 === 0 ? "loud" : "quiet";
      writeFileSync(path.join(dir, folder, `p${i}.md`), `${text}\n<!-- copy ${i} -->\n`);
      named.push(path.join(folder, `p${i}.md`));
    }
    const single = cli(["--format", "json", "--concurrency", "0", ...named], dir);
    const results = JSON.parse(single.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const mojibake = (r: { messages: Array<{ ruleId: string }> }): boolean => r.messages.some((m) => m.ruleId === "no-mojibake");
    expect(results.filter((r) => r.filePath.includes(`${path.sep}loud${path.sep}`)).every(mojibake)).toBe(true);
    expect(results.filter((r) => r.filePath.includes(`${path.sep}quiet${path.sep}`)).some(mojibake)).toBe(false);
    for (const concurrency of ["1", "2"])
      expect(cli(["--format", "json", "--concurrency", concurrency, ...named], dir).stdout).toBe(single.stdout);
  }, 120_000);

  it("starts workers only where at least two can run beside the main thread", () => {
    expect(defaultConcurrency(IN_PROCESS_LIMIT - 1, 16)).toBe(0);
    expect(defaultConcurrency(10_000, 1)).toBe(0);
    expect(defaultConcurrency(10_000, 2)).toBe(0);
    expect(defaultConcurrency(10_000, 3)).toBe(2);
    expect(defaultConcurrency(10_000, 8)).toBe(7);
    // No more workers than there are handfuls of files.
    expect(defaultConcurrency(IN_PROCESS_LIMIT * 2, 8)).toBe(2);
  });

  it("writes no partial report when a configuration met late in a streamed run is broken", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-broken-late-"));
    const text = readFileSync(path.join(FIXTURES, "no-mojibake", "invalid", "windows-1252.md"), "utf8");
    const named: string[] = [];
    // Enough files before the broken one that their JSON passes any output buffer.
    for (let i = 0; i < 120; i++) {
      mkdirSync(path.join(dir, `a${i}`));
      writeFileSync(path.join(dir, `a${i}`, "SECURITY.md"), text);
      named.push(path.join(`a${i}`, "SECURITY.md"));
    }
    mkdirSync(path.join(dir, "b"));
    writeFileSync(path.join(dir, "b", "SECURITY.md"), text);
    writeFileSync(path.join(dir, "b", ".secpolicylintrc.json"), JSON.stringify({ rules: { "no-such-rule": "error" } }));
    const before = cli(["--format", "json", ...named], dir);
    expect(before.code).toBe(1);
    expect(before.stdout.length).toBeGreaterThan(200_000);
    for (const concurrency of ["0", "2"]) {
      const r = cli(["--format", "json", "--concurrency", concurrency, ...named, path.join("b", "SECURITY.md")], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("no-such-rule: unknown rule");
    }
  }, 120_000);

  it("rejects a --concurrency that is not a whole number", () => {
    const r = cli(["--concurrency", "many", "SECURITY.md"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--concurrency expects a whole number");
  });
});

const POLICY = `# Security Policy

## Reporting a Vulnerability

Please email security@lanternfish.dev with the details. We acknowledge reports within 3 working days.

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 2.x     | ✅        |
`;

function project(): string {
  return tempRepo({ "a.md": POLICY, "b.md": POLICY.replace("security@lanternfish.dev", "security@example.com") });
}

const messages = (results: LintResult[]): string[][] => results.map((r) => r.findings.map((f) => `${f.ruleId}: ${f.message}`));

// The in-process runs keep their cache key where the spawned ones do, never in the user's cache folder.
process.env[CACHE_DIR_ENV] = CACHE_DIR;

/**
 * Mark every cached finding, so a result that comes from the cache can be told from a fresh one, and sign
 * the entries again with the key from the cache folder: only the holder of the key can do this.
 */
function tamper(cacheFile: string): void {
  const data = JSON.parse(readFileSync(cacheFile, "utf8")) as {
    entries: Record<string, { hash: string; result: LintResult; mac: string }>;
  };
  const key = cacheKey(CACHE_DIR);
  for (const [filePath, entry] of Object.entries(data.entries)) {
    for (const f of entry.result.findings) f.message = `CACHED ${f.message}`;
    entry.mac = createHmac("sha256", key)
      .update(JSON.stringify([VERSION, filePath, entry.hash, entry.result]))
      .digest("hex");
  }
  writeFileSync(cacheFile, JSON.stringify(data));
}

describe("--cache", () => {
  it("reuses the results of unchanged files and re-lints a changed one", async () => {
    const cwd = project();
    const first = await lintMany(["a.md", "b.md"], { cwd, cache: true, now: NOW });
    const cacheFile = cacheFilePath(undefined, cwd);
    expect(existsSync(cacheFile)).toBe(true);
    expect(first.every((r) => r.findings.length > 0)).toBe(true);
    tamper(cacheFile);

    const again = await lintMany(["a.md", "b.md"], { cwd, cache: true, now: NOW });
    expect(messages(again)).toEqual(messages(first).map((m) => m.map((x) => x.replace(/: /, ": CACHED "))));

    writeFileSync(path.join(cwd, "b.md"), POLICY.replace("security@lanternfish.dev", "security@example.org"));
    const changed = await lintMany(["a.md", "b.md"], { cwd, cache: true, now: NOW });
    expect(changed[0]?.findings.every((f) => f.message.startsWith("CACHED "))).toBe(true);
    expect(changed[1]?.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);
    expect(changed[1]?.findings.map((f) => f.message).join("\n")).toContain("security@example.org");
  });

  it("re-lints every file when the configuration changes", async () => {
    const cwd = project();
    await lintMany(["a.md", "b.md"], { cwd, cache: true, now: NOW });
    tamper(cacheFilePath(undefined, cwd));
    writeFileSync(path.join(cwd, ".secpolicylintrc.json"), JSON.stringify({ rules: { "require-disclosure-process": "off" } }));
    const results = await lintMany(["a.md", "b.md"], { cwd, cache: true, now: NOW });
    const all = results.flatMap((r) => r.findings);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((f) => f.message.startsWith("CACHED "))).toBe(false);
    expect(all.some((f) => f.ruleId === "require-disclosure-process")).toBe(false);
  });

  it("re-lints when --rule overrides change, and on another day", async () => {
    const cwd = project();
    await lintMany(["a.md"], { cwd, cache: true, now: NOW });
    tamper(cacheFilePath(undefined, cwd));
    const overridden = await lintMany(["a.md"], { cwd, cache: true, now: NOW, ruleOverrides: ["require-disclosure-process=error"] });
    expect(overridden[0]?.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);
    tamper(cacheFilePath(undefined, cwd));
    const tomorrow = await lintMany(["a.md"], {
      cwd,
      cache: true,
      now: new Date("2026-11-22T12:00:00Z"),
      ruleOverrides: ["require-disclosure-process=error"],
    });
    expect(tomorrow[0]?.findings.some((f) => f.message.startsWith("CACHED "))).toBe(false);
  });

  it("writes the cache where --cache-location says, and survives a corrupt cache file", () => {
    const cwd = project();
    const first = cli(["--cache-location", "cache-dir/", "a.md", "b.md"], cwd);
    expect(first.code).toBe(1);
    expect(existsSync(path.join(cwd, "cache-dir", DEFAULT_CACHE_FILE))).toBe(true);
    expect(existsSync(path.join(cwd, DEFAULT_CACHE_FILE))).toBe(false);
    writeFileSync(path.join(cwd, "cache-dir", DEFAULT_CACHE_FILE), "{ not json");
    const again = cli(["--cache-location", "cache-dir/", "a.md", "b.md"], cwd);
    expect(again).toEqual(first);
    // Without --cache-location the cache is kept in the user's cache folder, outside the working tree.
    const plain = cli(["--cache", "a.md", "b.md"], cwd);
    expect(plain.stdout).toBe(first.stdout);
    expect(existsSync(path.join(cwd, DEFAULT_CACHE_FILE))).toBe(false);
    expect(readdirSync(path.join(CACHE_DIR, "results")).length).toBeGreaterThan(0);
  });
});
