/**
 * secpolicy-lint's programmatic API. The command-line interface is a thin layer over these functions.
 *
 *     import { lint, lintText } from "secpolicy-lint";
 *     const results = await lint(["SECURITY.md"]);
 */
import { type WriteOutcome, writeFixedText } from "./fix.js";
import { type LintOptions, preparer, runWork } from "./prepare.js";
import type { LintResult } from "./types.js";

export { rules } from "../rules/index.js";
export { type BulkOptions, lintMany } from "./bulk.js";
export type { LintOptions } from "./prepare.js";
export { loadConfig } from "./config/load.js";
export { ConfigError, type ResolvedConfig } from "./config/schema.js";
export type { Rule, RuleContext, RuleMeta } from "./engine/rule.js";
export { lintText, lintTextAndFix, type LintTextOptions } from "./engine/lint.js";
export { applyFixes } from "./engine/apply-fixes.js";
export { writeFixedText, type WriteOutcome } from "./fix.js";
export { formatters } from "./format/index.js";
export { findRepositories, type RepositorySummary, type ScanResult, scanRepositories } from "./scan.js";
export { buildPolicy, type Policy } from "./policy/model.js";
export { type DecodeFacts, decodeText } from "./policy/encoding.js";
export type { Finding, LintResult, Severity } from "./types.js";

/**
 * Lint files and repositories. Paths may be files (linted whatever their name), directories (the policy
 * GitHub would show for that repository) or `-` for standard input; no paths means the current
 * directory. Results come back in argument order; a path that cannot be linted gets a result with
 * `fatal` set. Configuration errors throw ConfigError. `lintMany` does the same work on worker threads.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult[]> {
  const { targets, prepare } = preparer(paths, options);
  const results: LintResult[] = [];
  for (const target of targets) {
    const work = await prepare(target);
    results.push(work.kind === "fatal" ? work.result : await runWork(work));
  }
  return results;
}

/**
 * Write the fixed text of results produced with `fix: true` back to their files (standard input is never
 * written). `root` is the linted tree: a symlink is followed only to a file inside it. Returns, per
 * result that had something to write, what happened.
 */
export function writeFixes(results: readonly LintResult[], root: string = process.cwd()): Array<{ result: LintResult; outcome: WriteOutcome }> {
  const out: Array<{ result: LintResult; outcome: WriteOutcome }> = [];
  for (const result of results) {
    if (result.output === undefined || result.originalSource === undefined || result.fatal || result.stdin) continue;
    out.push({ result, outcome: writeFixedText(result.filePath, result.originalSource, result.output, root) });
  }
  return out;
}
