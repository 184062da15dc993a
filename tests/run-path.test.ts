/**
 * One run path: the organisation scan lints its policies like any run (pool, cache, streaming), its
 * Scorecard prediction reads the model the lint built, and one function makes every exit code.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { preset } from "../src/config/schema.js";
import { lintText } from "../src/engine/lint.js";
import type { Policy } from "../src/policy/model.js";
import { predictScorecard } from "../src/policy/formats/scorecard.js";
import { EXIT, Outcome } from "../src/run/outcome.js";
import { preparer, runWork } from "../src/run/prepare.js";
import { planScan, scanRepositories } from "../src/run/scan.js";
import type { LintResult } from "../src/types.js";
import { BIN, CACHE_DIR, runCli } from "./cli-run.js";
import { ROOT } from "./helpers.js";

const REPOS = path.join(ROOT, "fixtures", "repos");

function result(counts: Partial<LintResult>): LintResult {
  return {
    filePath: "a.md",
    displayPath: "a.md",
    findings: [],
    errorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    source: "",
    ...counts,
  };
}

describe("Outcome: the exit code of every path", () => {
  it("makes a file that cannot be linted a usage problem in a lint and a finding in a scan", () => {
    for (const [fatal, code] of [
      ["usage", EXIT.usage],
      ["problem", EXIT.problems],
    ] as const) {
      const outcome = new Outcome({ maxWarnings: -1, fatal });
      outcome.add(result({ fatal: "unreadable" }));
      expect(outcome.exitCode()).toBe(code);
    }
  });

  it("counts warnings before --quiet takes them out, and says when they exceed --max-warnings", () => {
    const outcome = new Outcome({ quiet: true, maxWarnings: 1, fatal: "usage" });
    const shown = outcome.add(
      result({
        warningCount: 2,
        findings: [
          {
            ruleId: "x",
            severity: "warn",
            message: "m",
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 2,
            range: { start: 0, end: 1 },
            docsUrl: "",
          },
        ],
      }),
    );
    expect(shown.findings).toEqual([]);
    expect(shown.warningCount).toBe(0);
    const said: string[] = [];
    expect(outcome.exitCode({}, (m) => said.push(m))).toBe(EXIT.problems);
    expect(said).toEqual(["secpolicy-lint found too many warnings (maximum: 1).\n"]);
    expect(new Outcome({ maxWarnings: 2, fatal: "usage" }).exitCode()).toBe(EXIT.ok);
  });

  it("puts a usage problem before errors, errors and missing policies before the warning limit", () => {
    const outcome = new Outcome({ maxWarnings: 0, fatal: "problem" });
    outcome.add(result({ errorCount: 1, warningCount: 5 }));
    const said: string[] = [];
    expect(outcome.exitCode({ usage: true }, (m) => said.push(m))).toBe(EXIT.usage);
    expect(outcome.exitCode({}, (m) => said.push(m))).toBe(EXIT.problems);
    expect(said).toEqual([]);
    expect(new Outcome({ maxWarnings: -1, fatal: "problem" }).exitCode({ problems: true })).toBe(EXIT.problems);
  });
});

describe("the Scorecard prediction reads the model the lint built", () => {
  const text = "# Security\n\nReport vulnerabilities to security@example.org within 90 days of disclosure.\n";

  it("the engine shows its model to the inspect hook once, after the rules ran", async () => {
    const seen: Policy[] = [];
    await lintText(text, { config: { rules: preset("recommended"), sources: [] } }, rules, (policy) => seen.push(policy));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.source).toBe(text);
  });

  it("a scan target's result carries the prediction of its own text", async () => {
    const { targets, prepare } = preparer({
      targets: [
        {
          filePath: path.join(REPOS, "org-policy", "SECURITY.md"),
          displayPath: "SECURITY.md",
          stdin: false,
          root: path.join(REPOS, "org-policy"),
          scorecard: true,
        },
      ],
    });
    const work = await prepare(targets[0] as (typeof targets)[number]);
    if (work.kind !== "text") throw new Error(`not linted: ${work.result.fatal}`);
    const run = await runWork(work);
    expect(run.scorecard).toBe(predictScorecard(work.text.replace(/^\uFEFF/, "")).score);
    // Not asked: no prediction.
    expect((await runWork({ ...work, scorecard: false })).scorecard).toBeUndefined();
  });
});

describe("the organisation scan", () => {
  it("plans one target per policy, each with its repository root", () => {
    const plan = planScan([REPOS], ROOT);
    expect(plan.targets.length).toBeGreaterThanOrEqual(2);
    for (const target of plan.targets) {
      expect(target.scorecard).toBe(true);
      expect(target.filePath.startsWith(`${target.root}${path.sep}`)).toBe(true);
    }
    expect(
      plan.repositories.filter((r) => r.policyFile !== null && !r.policyFile.endsWith(".rst") && !r.policyFile.endsWith(".adoc")).length,
    ).toBeGreaterThanOrEqual(plan.targets.length);
  });

  it("the library's scanRepositories keeps each result's source text and leaves no run-layer field on it", async () => {
    const { results, repositories } = await scanRepositories([REPOS], { cwd: ROOT });
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const r of results) {
      expect("scorecard" in r || "configError" in r).toBe(false);
      if (!r.fatal) expect(r.source.length).toBeGreaterThan(0);
    }
    expect(repositories.some((r) => typeof r.scorecard === "number")).toBe(true);
  });

  it.skipIf(!existsSync(BIN))("prints the same bytes in-process, on the worker pool and from a warm cache", () => {
    const args = ["--recursive", "fixtures/repos", "--format", "json"];
    const inProcess = runCli([...args, "--concurrency", "0"]);
    const pooled = runCli([...args, "--concurrency", "2"]);
    const location = path.join(CACHE_DIR, "scan-cache");
    const cold = runCli([...args, "--cache-location", location]);
    const warm = runCli([...args, "--cache-location", location]);
    expect(inProcess.code).toBe(1);
    expect(JSON.parse(inProcess.stdout).length).toBeGreaterThanOrEqual(2);
    expect(inProcess.stderr).toContain("Repositories (");
    for (const other of [pooled, cold, warm])
      expect({ code: other.code, stdout: other.stdout, stderr: other.stderr }).toEqual({
        code: inProcess.code,
        stdout: inProcess.stdout,
        stderr: inProcess.stderr,
      });
    expect(existsSync(location)).toBe(true);
  });
});
