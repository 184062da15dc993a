/**
 * Limits said out loud: `--concurrency` is capped at the core count (with a warning), `--recursive` says
 * when its depth limit left folders unsearched, and `init` never writes through a symbolic link.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findRepositories, MAX_SCAN_DEPTH } from "../src/run/scan.js";
import { GOOD, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

describe("--concurrency", () => {
  it("more than the cores is lowered to the core count, with a warning, and the run goes on", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD });
    const r = runCli(["--concurrency", "1000", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `secpolicy-lint: --concurrency 1000 is more than the ${availableParallelism()} cores here; using ${availableParallelism()}\n`,
    );
  });
});

describe("--recursive", () => {
  function deep(levels: number): string {
    const dir = tempRepo({}, false);
    const segments = Array.from({ length: levels }, (_, i) => `level${i}`);
    const repo = path.join(dir, ...segments);
    mkdirSync(path.join(repo, ".git"), { recursive: true });
    writeFileSync(path.join(repo, "SECURITY.md"), GOOD);
    return dir;
  }

  it("says when the depth limit left folders unsearched", () => {
    const dir = deep(MAX_SCAN_DEPTH + 2);
    const cutOff: string[] = [];
    expect(findRepositories(dir, MAX_SCAN_DEPTH, cutOff)).toEqual([]);
    expect(cutOff).toHaveLength(1);
    const none = runCli(["--recursive", "."], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(new RegExp(`no repositories found .*; the search stops ${MAX_SCAN_DEPTH} folder levels deep`));
    mkdirSync(path.join(dir, "shallow", ".git"), { recursive: true });
    writeFileSync(path.join(dir, "shallow", "SECURITY.md"), GOOD);
    const r = runCli(["--recursive", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`--recursive searches ${MAX_SCAN_DEPTH} folder levels deep; the subfolders of 1 folder at that depth were not searched`),
    );
  });

  it("is quiet when everything was searched", () => {
    const dir = deep(3);
    const r = runCli(["--recursive", "."], { cwd: dir });
    expect(r.stderr).not.toMatch(/folder levels deep/);
    expect(r.code).toBe(0);
  });
});

describe("init", () => {
  it("--force never writes through a symlinked SECURITY.md", () => {
    const victim = path.join(tempRepo({ "victim.txt": "precious\n" }, false), "victim.txt");
    const dir = tempRepo({ "package.json": JSON.stringify({ name: "x", version: "1.2.3" }) });
    symlinkSync(victim, path.join(dir, "SECURITY.md"));
    const r = runCli(["init", "--email", "security@lanternfish.dev", "--force"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
  });

  it("nor into a folder that links outside", () => {
    const outside = tempRepo({}, false);
    const dir = tempRepo({ "package.json": JSON.stringify({ name: "x", version: "1.2.3" }) });
    symlinkSync(outside, path.join(dir, "docs"));
    const r = runCli(["init", "--email", "security@lanternfish.dev", "--out", "docs/SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/links outside/);
  });

  it("--force replaces a regular file", () => {
    const dir = tempRepo({ "package.json": JSON.stringify({ name: "x", version: "1.2.3" }), "SECURITY.md": "old\n" });
    const r = runCli(["init", "--email", "security@lanternfish.dev", "--force"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toContain("security@lanternfish.dev");
  });
});
