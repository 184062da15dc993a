/**
 * secpolicy-lint's programmatic API. The command-line interface is a thin layer over these functions.
 *
 *     import { lint, lintText } from "secpolicy-lint";
 *     const results = await lint(["SECURITY.md"]);
 */
import path from "node:path";
import { loadConfig } from "./config/load.js";
import { applyRuleOverrides, type ResolvedConfig } from "./config/schema.js";
import { currentTime, lintText, lintTextAndFix, summarize } from "./engine/lint.js";
import { DEFAULT_MAX_FILE_SIZE, decodeBuffer, readPolicyFile, resolveTargets } from "./files.js";
import type { RepositoryInfo } from "./engine/rule.js";
import { type WriteOutcome, writeFixedText } from "./fix.js";
import { loadRepository, repositoryInfo } from "./repository.js";
import type { LintResult } from "./types.js";

export { rules } from "../rules/index.js";
export { loadConfig } from "./config/load.js";
export { ConfigError, type ResolvedConfig } from "./config/schema.js";
export type { Rule, RuleContext, RuleMeta } from "./engine/rule.js";
export { lintText, lintTextAndFix, type LintTextOptions } from "./engine/lint.js";
export { applyFixes } from "./engine/apply-fixes.js";
export { writeFixedText, type WriteOutcome } from "./fix.js";
export { formatters } from "./format/index.js";
export { findRepositories, type RepositorySummary, type ScanResult, scanRepositories } from "./scan.js";
export { buildPolicy, type Policy } from "./policy/model.js";
export type { Finding, LintResult, Severity } from "./types.js";

export interface LintOptions {
  cwd?: string;
  /** An explicit configuration file; otherwise each file's nearest configuration applies. */
  configFile?: string;
  /** `id=severity` overrides, applied last. */
  ruleOverrides?: string[];
  /** Text for the `-` argument (standard input). */
  stdinText?: Buffer | string;
  stdinFilename?: string;
  maxFileSize?: number;
  now?: Date;
  /**
   * Apply the fixes of fixable rules in memory: each result then has `output` (the fixed text) when a fix
   * changed it, and the findings that remain. Nothing is written; see `writeFixedText` / `writeFixes`.
   */
  fix?: boolean;
  /** Report inline disable comments that suppressed nothing (`--report-unused-disables`). */
  reportUnusedDisables?: boolean;
  /** Ignore inline configuration comments (`--no-inline-config`). */
  noInlineConfig?: boolean;
  /** The repository root for repository facts, instead of the nearest folder with `.git` (used by the organisation scan). */
  root?: string;
}

/**
 * Lint files and repositories. Paths may be files (linted whatever their name), directories (the policy
 * GitHub would show for that repository) or `-` for standard input; no paths means the current
 * directory. Results come back in argument order; a path that cannot be linted gets a result with
 * `fatal` set. Configuration errors throw ConfigError.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const targets = resolveTargets(paths, cwd, options.stdinFilename);
  const configs = new Map<string, ResolvedConfig>();
  const configFor = async (dir: string): Promise<ResolvedConfig> => {
    const key = options.configFile ? "" : dir;
    let config = configs.get(key);
    if (!config) {
      config = applyRuleOverrides(await loadConfig(dir, { configFile: options.configFile ? path.resolve(cwd, options.configFile) : undefined }), options.ruleOverrides ?? []);
      if (options.reportUnusedDisables && (config.reportUnusedDisables ?? "off") === "off") config.reportUnusedDisables = "warn";
      if (options.noInlineConfig) config.noInlineConfig = true;
      configs.set(key, config);
    }
    return config;
  };
  const now = options.now ?? currentTime();
  const repositories = new Map<string, RepositoryInfo>();
  const results: LintResult[] = [];
  for (const target of targets) {
    if (target.error) {
      results.push({ ...summarize(target.filePath, target.displayPath, "", []), fatal: target.error });
      continue;
    }
    let read: { text: string } | { error: string };
    if (target.stdin) {
      const input = options.stdinText ?? "";
      read = typeof input === "string" ? { text: input } : decodeBuffer(input);
    } else {
      read = readPolicyFile(target.filePath, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    }
    if ("error" in read) {
      results.push({ ...summarize(target.filePath, target.displayPath, "", []), fatal: read.error });
      continue;
    }
    const dir = target.stdin ? cwd : path.dirname(target.filePath);
    const config = await configFor(dir);
    const result = await (options.fix ? lintTextAndFix : lintText)(read.text, {
      filePath: target.filePath,
      displayPath: target.displayPath,
      config,
      now,
      repository: options.root ? loadRepository(options.root) : repositoryInfo(target.stdin ? path.join(cwd, "x") : target.filePath, repositories),
    });
    if (target.stdin) result.stdin = true;
    results.push(result);
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
