/**
 * `--fix` against a hostile or awkward tree: a file named twice is fixed once, a read-only file is left
 * alone, temporary files a killed run left behind are cleaned up, and fixing is linear in the fixes.
 */
import { chmodSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyFixes } from "../src/engine/apply-fixes.js";
import { removeStaleTemps } from "../src/io/fix.js";
import type { Fix } from "../src/types.js";
import { GOOD, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

const MOJIBAKE = `${GOOD}\nWeâ€™re grateful.\n`;
const FIXED = `${GOOD}\nWe’re grateful.\n`;

describe("--fix", () => {
  it("a file named twice is fixed once, without a 'changed since it was linted' failure", () => {
    const dir = tempRepo({ "a.md": MOJIBAKE });
    symlinkSync("a.md", path.join(dir, "b.md"));
    const r = runCli(["--fix", "a.md", "./a.md", "b.md"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, "a.md"), "utf8")).toBe(FIXED);
  });

  it("refuses a read-only file (exit 2) and leaves it as it was", () => {
    const dir = tempRepo({ "SECURITY.md": MOJIBAKE });
    chmodSync(path.join(dir, "SECURITY.md"), 0o444);
    const r = runCli(["--fix", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did not fix SECURITY\.md: it is read-only \(mode 0444\)/);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(MOJIBAKE);
    expect(statSync(path.join(dir, "SECURITY.md")).mode & 0o777).toBe(0o444);
  });

  it("removes stale temporary files of its own pattern, and nothing else", () => {
    const dir = tempRepo({ "SECURITY.md": MOJIBAKE, "keep.txt": "x" });
    const dead = ".SECURITY.md.999999999.0123abcd.tmp";
    const live = `.SECURITY.md.${process.pid}.0123abcd.tmp`;
    const other = ".OTHER.md.999999999.0123abcd.tmp";
    for (const name of [dead, live, other]) writeFileSync(path.join(dir, name), "left over");
    symlinkSync(path.join(dir, "keep.txt"), path.join(dir, ".SECURITY.md.999999998.0123abcd.tmp"));
    const r = runCli(["--fix", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(0);
    const names = readdirSync(dir);
    expect(names).not.toContain(dead);
    expect(names).toContain(live);
    expect(names).toContain(other);
    expect(names).toContain(".SECURITY.md.999999998.0123abcd.tmp");
    expect(readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("x");
    expect(removeStaleTemps(path.join(dir, "SECURITY.md"))).toEqual([]);
  });

  it("replaces the file: a hard link keeps the old text (as the README says)", () => {
    const dir = tempRepo({ "SECURITY.md": MOJIBAKE });
    linkSync(path.join(dir, "SECURITY.md"), path.join(dir, "hard.md"));
    expect(runCli(["--fix", "SECURITY.md"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(FIXED);
    expect(readFileSync(path.join(dir, "hard.md"), "utf8")).toBe(MOJIBAKE);
  });
});

describe("applying fixes is linear", () => {
  /** A text of `n` units, each with one two-character fix. */
  function input(n: number): { text: string; fixes: Fix[] } {
    const unit = "Weâ€™re here. ";
    const fixes: Fix[] = [];
    for (let i = 0; i < n; i++) fixes.push({ range: { start: i * unit.length + 2, end: i * unit.length + 5 }, text: "’" });
    return { text: unit.repeat(n), fixes };
  }

  it("four times the text and fixes costs at most ~8x", () => {
    const small = input(12_500);
    const large = input(50_000);
    const time = (x: { text: string; fixes: Fix[] }): number => {
      const start = performance.now();
      const { output } = applyFixes(x.text, x.fixes);
      expect(output).not.toContain("â€™");
      return performance.now() - start;
    };
    time(small);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5; i++) {
      a.push(time(small));
      b.push(time(large));
    }
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[2] as number;
    // Before: each fix copied the whole text (600 KB with 6,400 fixes took 36 s).
    expect(median(b) / Math.max(median(a), 2)).toBeLessThanOrEqual(8);
  });
});
