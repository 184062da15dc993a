/**
 * secpolicy-lint's programmatic API. The command-line interface is a thin layer over these functions.
 *
 *     import { lint, lintText } from "secpolicy-lint";
 *     const results = await lint(["SECURITY.md"]);
 */
import { rules } from "../rules/index.js";
import { isResolvedConfig, loadConfig, resolveConfigObject } from "./io/config/load.js";
import { preset, type ResolvedConfig, type UserConfig } from "./config/schema.js";
import {
  lintText as lintTextWith,
  lintTextAndFix as lintTextAndFixWith,
  type LintTextOptions as EngineTextOptions,
} from "./engine/lint.js";
import { runPrepared } from "./run/bulk.js";
import { type LintOptions, preparer, splitRunResult } from "./run/prepare.js";
import type { LintResult } from "./types.js";

export { rules } from "../rules/index.js";
export { type BulkOptions, lintMany } from "./run/bulk.js";
export type { LintOptions } from "./run/prepare.js";
export { loadConfig } from "./io/config/load.js";
export { ConfigError, type ResolvedConfig, type RuleSetting, type UserConfig } from "./config/schema.js";
export type { Rule, RuleContext, RuleMeta } from "./engine/rule.js";
export { applyFixes } from "./engine/apply-fixes.js";
export { writeFixedText, writeFixes, type WriteOutcome } from "./io/fix.js";
export { formatters } from "./format/index.js";
export { findRepositories, type RepositorySummary, type ScanResult, scanRepositories } from "./run/scan.js";
export { buildPolicy, type Policy } from "./policy/model.js";
export { type DecodeFacts, decodeText } from "./io/decode.js";
export type { Finding, LintResult, Severity } from "./types.js";

export interface LintTextOptions extends Omit<EngineTextOptions, "config"> {
  /**
   * The configuration: an object shaped like a configuration file (`{ extends, rules, … }`, validated
   * and resolved, `extends` paths relative to `cwd`) or a ResolvedConfig from `resolveConfig` or
   * `loadConfig`. Without it, `recommended` applies; no configuration file is looked for.
   */
  config?: UserConfig | ResolvedConfig;
  /** Where relative `extends` paths of a configuration object resolve from (default: the current directory). */
  cwd?: string;
}

/**
 * Resolve a configuration: an object shaped like a configuration file, validated by the same schemas as
 * the CLI's files and with its `extends` followed, into the settings every rule runs with. Without an
 * object, the configuration file that applies to `cwd` is found and resolved, as the CLI does. Throws
 * ConfigError on anything the CLI would refuse.
 */
export async function resolveConfig(config?: UserConfig | ResolvedConfig, options: { cwd?: string } = {}): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  if (config === undefined) return loadConfig(cwd);
  return isResolvedConfig(config) ? structuredClone(config) : resolveConfigObject(config, cwd);
}

async function engineOptions(options: LintTextOptions): Promise<EngineTextOptions> {
  const { config, cwd, ...rest } = options;
  return { ...rest, config: config === undefined ? { rules: preset("recommended"), sources: [] } : await resolveConfig(config, { cwd }) };
}

/** Lint a markdown text with the given configuration (`recommended` by default). Throws ConfigError on a bad configuration. */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  return lintTextWith(text, await engineOptions(options), rules);
}

/** Lint a text, apply the fixes of fixable rules until none changes it, and return what remains with `output`. */
export async function lintTextAndFix(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  return lintTextAndFixWith(text, await engineOptions(options), rules);
}

/**
 * Lint files and repositories. Paths may be files (linted whatever their name), directories (the policy
 * GitHub would show for that repository) or `-` for standard input; no paths means the current
 * directory. Results come back in argument order; a path that cannot be linted gets a result with
 * `fatal` set. Configuration errors throw ConfigError. `lintMany` does the same work on worker threads.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<LintResult[]> {
  // The one run path, in this thread, with every result and its source text.
  const results: LintResult[] = [];
  await runPrepared(preparer(paths, options), { ...options, concurrency: 0, keepSource: true, cache: false, timeout: undefined }, (run) =>
    results.push(splitRunResult(run).result),
  );
  return results;
}

/** `lint` under the name ESLint's API uses for it. */
export const lintFiles: typeof lint = lint;
