/**
 * A cache is a hint, never a verdict: a committed or planted cache cannot make a failing policy pass,
 * cannot put anything raw on the terminal, cannot redirect the cache write through a link, and cannot
 * cost the run its report.
 */
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheKey, LintCache } from "../src/run/cache.js";
import type { LintResult } from "../src/types.js";
import { VERSION } from "../src/version.js";
import { CACHE_DIR, PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

type Entries = Record<string, { hash: string; result: LintResult; mac?: string }>;
const CACHE = "committed-cache.json";

/** A repository with a failing policy, linted once so that `committed-cache.json` holds a genuine entry. */
function linted(): { dir: string; baseline: ReturnType<typeof runCli> } {
  const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
  const baseline = runCli(["--cache-location", CACHE, "SECURITY.md"], { cwd: dir });
  expect(baseline.code).toBe(1);
  expect(existsSync(path.join(dir, CACHE))).toBe(true);
  return { dir, baseline };
}

function edit(file: string, change: (entries: Entries) => void): void {
  const data = JSON.parse(readFileSync(file, "utf8")) as { entries: Entries };
  change(data.entries);
  writeFileSync(file, JSON.stringify(data));
}

function resign(entries: Entries): void {
  const key = cacheKey(CACHE_DIR);
  for (const [file, e] of Object.entries(entries))
    e.mac = createHmac("sha256", key)
      .update(JSON.stringify([VERSION, file, e.hash, e.result]))
      .digest("hex");
}

const clean = (r: LintResult): void => {
  r.findings = [];
  r.errorCount = r.warningCount = r.fixableErrorCount = r.fixableWarningCount = 0;
};

describe("a cache that cannot be forged", () => {
  it("an entry edited to hold no findings is a miss: the failing policy still fails", () => {
    const { dir, baseline } = linted();
    // The hash is made of public values, so anyone can build this entry offline and commit it.
    edit(path.join(dir, CACHE), (entries) => Object.values(entries).forEach((e) => clean(e.result)));
    const r = runCli(["--cache-location", CACHE, "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(baseline.stdout);
  });

  it("an entry signed under another key is a miss", () => {
    const { dir } = linted();
    edit(path.join(dir, CACHE), (entries) => {
      for (const e of Object.values(entries)) {
        clean(e.result);
        e.mac = createHmac("sha256", Buffer.alloc(32, 7)).update("anything").digest("hex");
      }
    });
    expect(runCli(["--cache-location", CACHE, "SECURITY.md"], { cwd: dir }).code).toBe(1);
  });

  it("keeps the key outside the repository, readable by its owner only", () => {
    linted();
    const key = path.join(CACHE_DIR, "hmac-key");
    expect(statSync(key).size).toBe(32);
    if (process.platform !== "win32") expect(statSync(key).mode & 0o777).toBe(0o600);
  });

  it("without --cache-location, a cache committed in the working tree is never read or written", () => {
    const { dir } = linted();
    const committed = path.join(dir, ".secpolicylintcache");
    writeFileSync(committed, readFileSync(path.join(dir, CACHE)));
    edit(committed, (entries) => Object.values(entries).forEach((e) => clean(e.result)));
    const before = readFileSync(committed, "utf8");
    const r = runCli(["--cache", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(committed, "utf8")).toBe(before);
  });
});

describe("everything read from a cache is checked and escaped", () => {
  it("a signed entry with a hostile rule id or null findings is a miss, and nothing raw is printed", () => {
    for (const poison of [
      (r: LintResult) => ((r.findings[0] as { ruleId: string }).ruleId = "x\n::error::forged"),
      (r: LintResult) => ((r.findings[0] as { ruleId: string }).ruleId = "\u001b]52;c;ZWNobyBwd25lZA==\u0007"),
      (r: LintResult) => ((r as unknown as { findings: null }).findings = null),
      (r: LintResult) => ((r.findings[0] as { line: unknown }).line = "1\n::add-mask::x"),
    ]) {
      const { dir, baseline } = linted();
      edit(path.join(dir, CACHE), (entries) => {
        Object.values(entries).forEach((e) => poison(e.result));
        resign(entries);
      });
      const r = runCli(["--cache-location", CACHE, "SECURITY.md"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(baseline.stdout);
      expect(r.stdout.split("\n").some((l) => l.trim().startsWith("::"))).toBe(false);
      expect(r.stdout).not.toMatch(/\u001b\]/);
    }
  });

  it("a signed entry with a hostile message is printed escaped, as a fresh finding would be", () => {
    const { dir } = linted();
    edit(path.join(dir, CACHE), (entries) => {
      for (const e of Object.values(entries))
        (e.result.findings[0] as { message: string }).message = "x\n::error::forged \u001b]52;c;AA==\u0007 \u061c";
      resign(entries);
    });
    for (const format of ["stylish", "github", "json"]) {
      const r = runCli(["--format", format, "--cache-location", CACHE, "SECURITY.md"], { cwd: dir });
      expect(r.stdout.split("\n").some((l) => l.trim().startsWith("::error::forged"))).toBe(false);
      expect(r.stdout).not.toMatch(/[\u001b\u0007\u061c]/);
    }
  });
});

describe("a cache that cannot be turned against the run", () => {
  it("never writes through a link planted at the temporary name", () => {
    const dir = tempRepo({});
    const victim = path.join(tempRepo({ "victim.txt": "precious\n" }, false), "victim.txt");
    const file = path.join(dir, "cache.json");
    // The old temporary name was predictable: `<cache>.<pid>.tmp`.
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    const cache = LintCache.open(file, Buffer.alloc(32, 1));
    const result = {
      filePath: "/x/SECURITY.md",
      displayPath: "SECURITY.md",
      findings: [],
      errorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      source: "",
    };
    cache.set("/x/SECURITY.md", "a".repeat(64), result);
    expect(cache.save()).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(lstatSync(file).isFile()).toBe(true);
    expect(LintCache.open(file, Buffer.alloc(32, 1)).get("/x/SECURITY.md", "a".repeat(64))).toBeDefined();
    expect(LintCache.open(file, Buffer.alloc(32, 2)).get("/x/SECURITY.md", "a".repeat(64))).toBeUndefined();
  });

  const hostile: [string, (file: string) => void][] = [
    ["a directory", (file) => mkdirSync(file)],
    [
      "nested two million levels deep",
      (file) =>
        writeFileSync(file, `{"version":${JSON.stringify(VERSION)},"entries":{"a":${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}}}`),
    ],
    ["a FIFO", (file) => execFileSync("mkfifo", [file])],
    ["a link to a file outside", (file) => symlinkSync(path.join(tempRepo({ "x.json": "{}" }, false), "x.json"), file)],
  ];
  for (const [name, make] of hostile) {
    it(`a cache that is ${name} loses nothing of the report`, () => {
      const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
      const plain = runCli(["SECURITY.md"], { cwd: dir });
      make(path.join(dir, CACHE));
      const r = runCli(["--cache-location", CACHE, "SECURITY.md"], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(plain.stdout);
    });
  }

  it("an unwritable cache folder loses nothing of the report", () => {
    if (process.platform === "win32" || process.getuid?.() === 0) return;
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    mkdirSync(path.join(dir, "ro"), { mode: 0o555 });
    const plain = runCli(["SECURITY.md"], { cwd: dir });
    const r = runCli(["--cache-location", "ro/", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
  });
});
