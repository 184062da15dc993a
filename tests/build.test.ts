/**
 * The published build: a small CLI entry that runs the bundled program (through a V8 code cache), whose
 * start-up code leaves optional parts to chunks loaded on first use.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GOOD, PLACEHOLDER } from "./cli-run.js";
import { ROOT } from "./helpers.js";

const DIST = path.join(ROOT, "dist");
/** The program dist/cli.cjs runs: a classic script, not an ES module (Node 20 caches code for scripts only). */
const PROGRAM = "chunk-cli.js";

/** The files Node loads before running the CLI: the entry, the program it runs, and their static imports. */
function startupFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(path.join(DIST, file), "utf8");
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["'](\.\/[^"']+)["']/g))
      visit(path.normalize(m[1] as string));
    if (file === entry) visit(PROGRAM);
  };
  visit(entry);
  return [...seen];
}

const startupCode = (): string =>
  startupFiles("cli.cjs")
    .map((f) => readFileSync(path.join(DIST, f), "utf8"))
    .join("\n");

describe("build", () => {
  it("bundles the CLI, its program and its worker with source maps", () => {
    for (const file of ["cli.cjs", PROGRAM, `${PROGRAM}.map`, "worker.js", "index.js"])
      expect(existsSync(path.join(DIST, file)), file).toBe(true);
    expect(readFileSync(path.join(DIST, "cli.cjs"), "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    expect(readFileSync(path.join(DIST, "cli.cjs"), "utf8")).toContain(`./${PROGRAM}`);
  });

  it("leaves the YAML parser out of start-up: it loads only for a YAML configuration", () => {
    const files = startupFiles("cli.cjs");
    expect(files.length).toBeGreaterThan(1);
    const code = startupCode();
    expect(code).toMatch(/(?:import|__secpolicyImport)\("\.\/chunk-[\w-]+\.js"\)/);
    expect(code).not.toContain("YAMLParseError");
  });

  it("keeps zod's locales out of start-up: sources import zod as a namespace", () => {
    // `import { z } from "zod"` keeps every locale in the bundle; `import * as z` lets esbuild drop them.
    // Minified output escapes non-ASCII letters (`Ung\\xFCltige`): look for ASCII words of the German and Spanish locales.
    expect(startupCode()).not.toMatch(/Eingabe|Entrada inv/);
  });

  it("keeps the program a script: no import(), import.meta or ES module syntax for vm.Script to choke on", () => {
    const program = readFileSync(path.join(DIST, PROGRAM), "utf8");
    expect(program).not.toMatch(/\bimport\s*\(|\bimport\.meta\b|^#!/);
    expect(program).not.toMatch(/(?:^|[;}])\s*(?:import\s*[\w{*]|export\s*[\w{*])/m);
  });
});

describe("code cache", () => {
  /** The user cache folder each test gives the CLI (XDG_CACHE_HOME), and the one file the cache may be. */
  let home = "";
  function cacheOf(): string {
    const folder = path.join(home, "secpolicy-lint");
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".v8cache")) : [];
    expect(files.length).toBeLessThanOrEqual(1);
    return path.join(folder, files[0] ?? "none.v8cache");
  }

  /** A copy of the CLI's start-up files, so the tests can break its cache without touching dist/. */
  function copy(): string {
    home = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-home-"));
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-cache-"));
    for (const file of readdirSync(DIST).filter((f) => /^(?:cli\.cjs|chunk-[\w-]+\.js)$/.test(f)))
      copyFileSync(path.join(DIST, file), path.join(dir, file));
    writeFileSync(path.join(dir, "SECURITY.md"), PLACEHOLDER);
    writeFileSync(path.join(dir, "GOOD.md"), GOOD);
    return dir;
  }

  function run(dir: string, args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [path.join(dir, "cli.cjs"), ...args], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        SECPOLICY_LINT_NOW: "2026-11-21T12:00:00Z",
        SECPOLICY_LINT_CODE_CACHE: "",
        NO_COLOR: "1",
        XDG_CACHE_HOME: home,
        SECPOLICY_LINT_CACHE_DIR: "",
        ...env,
      },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("is written by the first run to the user's cache folder, never the package's, used by the next, and changes nothing the CLI prints", () => {
    const dir = copy();
    const files = readdirSync(dir).sort();
    const first = run(dir, ["SECURITY.md"]);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/no-placeholder-contact/);
    expect(first.stderr).toBe("");
    const cache = cacheOf();
    expect(existsSync(cache)).toBe(true);
    expect(statSync(path.dirname(cache)).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual(files);
    const written = statSync(cache).mtimeMs;
    for (const args of [["SECURITY.md"], ["GOOD.md"], ["--format", "json", "SECURITY.md"]]) {
      const again = run(dir, args);
      const plain = run(dir, args, { SECPOLICY_LINT_CODE_CACHE: "0" });
      expect(again).toEqual(plain);
    }
    // An accepted cache is not written again.
    expect(statSync(cache).mtimeMs).toBe(written);
  });

  it("is written only by a run that lints, so it holds the linter's code", () => {
    const dir = copy();
    // Runs that lint nothing, fail, or lint in bulk (worker threads, a repository scan) write no cache.
    const many = Array.from({ length: 8 }, () => "GOOD.md");
    for (const args of [["--version"], ["--help"], ["rules"], ["missing.md"], ["-r", "."], many]) {
      const r = run(dir, args);
      expect(existsSync(cacheOf()), args.join(" ")).toBe(false);
      if (args === many) expect(r.code, r.stderr).toBe(0);
    }
    expect(run(dir, ["GOOD.md"]).code).toBe(0);
    expect(existsSync(cacheOf())).toBe(true);
  });

  it("ignores a damaged or stale cache silently and replaces it", () => {
    const dir = copy();
    const expected = run(dir, ["SECURITY.md"], { SECPOLICY_LINT_CODE_CACHE: "0" });
    expect(existsSync(cacheOf())).toBe(false);
    expect(run(dir, ["SECURITY.md"])).toEqual(expected);
    const cache = cacheOf();
    for (const damage of [Buffer.from("not a cache"), Buffer.alloc(0)]) {
      writeFileSync(cache, damage);
      expect(run(dir, ["SECURITY.md"])).toEqual(expected);
      expect(readFileSync(cache).subarray(0, 23).toString()).toBe("secpolicy-lint v8 cache");
    }
    // The right header over data V8 rejects (as after a Node upgrade with the same version string).
    const header = readFileSync(cache);
    const end = header.indexOf(10) + 1;
    writeFileSync(cache, Buffer.concat([header.subarray(0, end), Buffer.alloc(4096, 7)]));
    expect(run(dir, ["SECURITY.md"])).toEqual(expected);
    expect(readFileSync(cache).length).toBeGreaterThan(end + 4096);
    // A rebuilt program (another size and time) does not use the old cache.
    writeFileSync(path.join(dir, PROGRAM), `${readFileSync(path.join(dir, PROGRAM), "utf8")}\n`);
    expect(run(dir, ["SECURITY.md"])).toEqual(expected);
  });

  it("removes the caches of other versions and installs that no run has written for a month when it writes its own", () => {
    const dir = copy();
    const folder = path.join(home, "secpolicy-lint");
    mkdirSync(folder, { recursive: true });
    const old = Date.now() / 1000 - 40 * 24 * 60 * 60;
    const files = {
      stale: "chunk-cli-0.0.9-0badc0de.v8cache",
      staleTemp: "chunk-cli-0.0.9-0badc0de.v8cache.4242.tmp",
      recent: "chunk-cli-0.0.8-feedbeef.v8cache",
      other: "results-cache-0badc0de.json",
      lookalike: "chunk-cli-0.0.7-00000000.v8cache.bak",
    };
    for (const name of Object.values(files)) writeFileSync(path.join(folder, name), "x");
    for (const name of [files.stale, files.staleTemp, files.other, files.lookalike]) utimesSync(path.join(folder, name), old, old);
    // A stale name that is a folder is not a cache file.
    mkdirSync(path.join(folder, "chunk-cli-0.0.6-11111111.v8cache"));
    utimesSync(path.join(folder, "chunk-cli-0.0.6-11111111.v8cache"), old, old);
    expect(run(dir, ["GOOD.md"]).code).toBe(0);
    const left = readdirSync(folder).sort();
    expect(left).not.toContain(files.stale);
    expect(left).not.toContain(files.staleTemp);
    for (const kept of [files.recent, files.other, files.lookalike, "chunk-cli-0.0.6-11111111.v8cache"]) expect(left).toContain(kept);
    // This run's own cache was written.
    expect(left.filter((f) => f.endsWith(".v8cache") && !Object.values(files).includes(f) && !f.includes("0.0.6"))).toHaveLength(1);
  });

  it("loads the YAML chunk from the program", () => {
    const dir = copy();
    writeFileSync(path.join(dir, ".secpolicylintrc.yaml"), "rules:\n  no-placeholder-contact: off\n");
    mkdirSync(path.join(dir, ".git"));
    const r = run(dir, ["SECURITY.md"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(/no-placeholder-contact/);
  });
});

describe("self-contained build", () => {
  /** The published CLI files (package.json `files` under dist/, less the library), copied alone to an empty folder. */
  function published(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-alone-"));
    for (const file of readdirSync(DIST).filter((f) => /^(?:cli\.cjs|(?:worker|chunk-[\w-]+)\.js)$/.test(f)))
      copyFileSync(path.join(DIST, file), path.join(dir, file));
    return dir;
  }
  const env = { ...process.env, SECPOLICY_LINT_NOW: "2026-11-21T12:00:00Z", SECPOLICY_LINT_CODE_CACHE: "0", NO_COLOR: "1" };
  const lint = (cli: string, files: string[]) =>
    spawnSync(process.execPath, [cli, "--format", "json", ...files], { cwd: ROOT, encoding: "utf8", env, maxBuffer: 64 << 20 });

  it("lints every rule's fixtures from a copy of dist/ with no node_modules anywhere above it, as from the repository", () => {
    const alone = published();
    expect(existsSync(path.join(alone, "node_modules"))).toBe(false);
    const fixtures = path.join(ROOT, "fixtures");
    const files = readdirSync(fixtures)
      .flatMap((rule) => ["valid", "invalid"].map((kind) => path.join(fixtures, rule, kind)))
      .filter((dir) => existsSync(dir))
      .flatMap((dir) =>
        readdirSync(dir)
          .filter((f) => f.endsWith(".md"))
          .map((f) => path.relative(ROOT, path.join(dir, f))),
      );
    expect(files.length).toBeGreaterThan(100);
    const there = lint(path.join(alone, "cli.cjs"), files);
    const here = lint(path.join(DIST, "cli.cjs"), files);
    expect(there.stderr).toBe("");
    expect(there.status).toBe(1);
    expect(there.stdout).toBe(here.stdout);
    // The rules that load code on first use found what they exist to find: openpgp read a key, the
    // code page tables repaired mojibake.
    const messages = (JSON.parse(there.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages);
    expect(messages.some((m) => m.ruleId === "valid-pgp-key" && /expired/.test(m.message))).toBe(true);
    expect(messages.some((m) => m.ruleId === "no-mojibake")).toBe(true);
    expect(messages.some((m) => /internal error/i.test(m.message))).toBe(false);
    // A short run lints in the program's own thread (no worker): its lazy imports resolve from the copy too.
    const few = ["fixtures/valid-pgp-key/invalid/expired-key.md", "fixtures/no-mojibake/invalid/mac-roman.md"];
    const short = lint(path.join(alone, "cli.cjs"), few);
    expect(short.stderr).toBe("");
    expect(short.stdout).toBe(lint(path.join(DIST, "cli.cjs"), few).stdout);
    expect(short.stdout).toMatch(/expired/);
    expect(short.stdout).toMatch(/no-mojibake/);
  });

  it("says which Node it needs, and exits 2, on a Node older than `engines`", () => {
    const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/^>=\d+\.\d+/);
    const pretend = (script: string) =>
      spawnSync(
        process.execPath,
        ["--import", `data:text/javascript,${encodeURIComponent(script)}`, path.join(DIST, "cli.cjs"), "SECURITY.md"],
        { cwd: ROOT, encoding: "utf8", env },
      );
    for (const script of ['Object.defineProperty(process.versions, "node", { value: "18.20.4" })', "delete process.getBuiltinModule"]) {
      const r = pretend(script);
      expect(r.status, script).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`Node.js ${engines.replace(/^>=/, "")} or later is required`);
    }
  });
});
