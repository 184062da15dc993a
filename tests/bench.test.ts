/** `npm run bench -- --short` runs end to end and prints the table docs/performance.md quotes; times are not checked, and --short writes no figures. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

/** Run `npm run bench -- --short` with more arguments. */
const bench = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, "scripts", "bench.mjs"), "--short", ...args], { cwd: ROOT, encoding: "utf8" });

describe("bench --short", () => {
  it("prints one row per case with every column, the core count and the peak memory", () => {
    const r = bench("--files", "9", "--memory-files", "9");
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/node v\d+\.\d+\.\d+, \d+ cores .*median of 2 interleaved runs \(the cold run: 2\)/);
    const table = lines.filter((l) => l.startsWith("|"));
    expect(table[0]).toBe("| case | secpolicy-lint | markdownlint-cli2 | parse floor | node -e 0 | ratios |");
    const rows = table.slice(2).map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
    expect(rows.map((c) => c[0])).toEqual([
      "cold run, 1 file",
      "cold run, 1 file, no code cache (first run)",
      expect.stringMatching(/^bulk, 9 files, default \(\d+ cores\)$/),
      expect.stringMatching(/^bulk, 9 files, --concurrency \d+$/),
      "bulk, 9 files, --concurrency 1 (the main thread lints beside one worker)",
      "bulk, 9 files, one cheap rule (valid-encoding)",
      "--cache, 9 files: first run",
      "--cache, 9 files: unchanged re-run",
      expect.stringMatching(/^warm re-lint after an edit, 5\.\d KB policy \(lsp, median of 4\)$/),
    ]);
    for (const c of rows) expect(c[1]).toMatch(/^\d+(\.\d)? m?s$/);
    expect(rows[0]?.[2]).toMatch(/^\d+(\.\d)? m?s$/);
    expect(rows[0]?.[5]).toMatch(/^vs node -e 0: [\d.]+× \(target ≤ 2×: (met|not met)\); vs markdownlint-cli2: [\d.]+×$/);
    expect(rows[1]?.[5]).toMatch(/^vs node -e 0: [\d.]+×; vs markdownlint-cli2: [\d.]+×$/);
    expect(rows[2]?.[5]).toMatch(/^time vs markdownlint-cli2: [\d.]+× \(target ≤ 0.7×: (met|not met)\)$/);
    expect(rows[3]?.[5]).toMatch(/^time vs markdownlint-cli2: [\d.]+×$/);
    expect(rows[4]?.[5]).toMatch(/^time vs markdownlint-cli2: [\d.]+×$/);
    expect(rows[5]?.[5]).toMatch(/^vs the full run: [\d.]+× \((faster|not measurably faster)\)$/);
    expect(rows[7]?.[5]).toMatch(/vs first run: [\d.]+× \(target ≤ 0.15×/);
    expect(r.stderr).not.toContain("docs/performance.md");
    expect(rows[8]?.[5]).toMatch(/^vs a cold CLI run on the same file \(\d+ m?s\): [\d.]+×; p90 \d+ m?s; editors add the 200 ms debounce$/);
    expect(lines.at(-1)).toMatch(/^Peak memory: \d+ MB for 9 files \(target ≤ 150 MB: (met|not met)\)$/);
  }, 180_000);

  it("runs only the cases --only names, and refuses one it does not know", () => {
    const r = bench("--only", "cold,cache", "--files", "9");
    expect(r.status, r.stderr).toBe(0);
    const cases = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| case") && !l.startsWith("| ---"))
      .map((l) => l.split("|")[1]?.trim());
    expect(cases).toEqual([
      "cold run, 1 file",
      "cold run, 1 file, no code cache (first run)",
      "--cache, 9 files: first run",
      "--cache, 9 files: unchanged re-run",
    ]);
    expect(r.stdout).toContain("Peak memory: not measured (--only)");
    const bad = bench("--only", "cold,warm");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("bench: --only: unknown case warm; the cases are cold, bulk, cache, memory, lsp\n");
  }, 180_000);
});
