/**
 * A time budget per file (`--timeout`), enforced where the parse runs: a file that takes longer is
 * stopped with its worker thread and gets a one-line fatal result (exit 2), and the other files of the
 * run are still linted, in a run linted in-process (large files go to a worker) and in a pooled run. No
 * absolute time is asserted: the fatal message says the budget cut the file off, and the spawned run is
 * only bounded so that a regression fails the test rather than hanging the suite.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, CACHE_DIR, GOOD, PLACEHOLDER, requireBuild, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

const MB = 1024 * 1024;
/** 1 MiB of table rows: 20 s for the parser before; and 1 MiB of `a@a.`: over 90 s. */
const TABLE = (() => {
  let t = "# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n";
  for (let i = 0; t.length < MB; i++) t += `| ${i}.x | yes |\n`;
  return t;
})();
const AT_RUNS = "a@a.".repeat(MB / 4);

interface JsonResult {
  filePath: string;
  messages: { fatal?: boolean; message: string; ruleId: string | null }[];
}

function run(args: string[], cwd: string): { code: number | null; results: JsonResult[]; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, "--format", "json", "--max-file-size", String(4 * MB), ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, SECPOLICY_LINT_CACHE_DIR: CACHE_DIR, SECPOLICY_LINT_NOW: "2026-11-21T12:00:00Z" },
    maxBuffer: 64 * MB,
  });
  expect(r.signal, "the run was killed: the budget did not stop it").toBe(null);
  return { code: r.status, results: JSON.parse(r.stdout) as JsonResult[], stderr: r.stderr };
}

const TIMED_OUT = /^took longer than 3000 ms to lint \(--timeout\)/;

describe("--timeout", () => {
  it("in a run linted in-process, a slow large file is stopped and the others are linted", () => {
    const dir = tempRepo({ "table.md": TABLE, "a.md": PLACEHOLDER, "at.md": AT_RUNS, "good.md": GOOD });
    const r = run(["--timeout", "3000", "table.md", "a.md", "at.md", "good.md"], dir);
    expect(r.code).toBe(2);
    expect(r.results.map((x) => path.basename(x.filePath))).toEqual(["table.md", "a.md", "at.md", "good.md"]);
    for (const i of [0, 2]) {
      expect(r.results[i]?.messages).toHaveLength(1);
      expect(r.results[i]?.messages[0]?.fatal).toBe(true);
      expect(r.results[i]?.messages[0]?.message).toMatch(TIMED_OUT);
    }
    expect(r.results[1]?.messages.some((m) => m.ruleId === "no-placeholder-contact")).toBe(true);
    expect(r.results[3]?.messages).toEqual([]);
  });

  it("in a pooled run, the worker is replaced and the files queued behind the slow one are linted", () => {
    const files: Record<string, string> = { "table.md": TABLE };
    for (let i = 0; i < 9; i++) files[`p${i}.md`] = i % 2 ? GOOD : PLACEHOLDER;
    const dir = tempRepo(files);
    const names = ["p0.md", "table.md", "p1.md", "p2.md", "p3.md", "p4.md", "p5.md", "p6.md", "p7.md", "p8.md"];
    const r = run(["--timeout", "3000", "--concurrency", "2", ...names], dir);
    expect(r.code).toBe(2);
    expect(r.results.map((x) => path.basename(x.filePath))).toEqual(names);
    expect(r.results[1]?.messages[0]?.message).toMatch(TIMED_OUT);
    for (const [i, x] of r.results.entries()) {
      if (i === 1) continue;
      expect(
        x.messages.every((m) => !m.fatal),
        x.filePath,
      ).toBe(true);
    }
  });

  it("rejects a budget that is not a whole number", () => {
    const r = spawnSync(process.execPath, [BIN, "--timeout", "soon", "SECURITY.md"], {
      cwd: tempRepo({ "SECURITY.md": GOOD }),
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--timeout expects a whole number/);
  });
});
