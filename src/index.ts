/**
 * secpolicy-lint's programmatic API. The command-line interface is a thin layer over these functions.
 *
 *     import { lint, lintText } from "secpolicy-lint";
 *     const results = await lint(["SECURITY.md"]);
 */
import path from "node:path";
import { loadConfig } from "./config/load.js";
import { applyRuleOverrides, type ResolvedConfig } from "./config/schema.js";
import { currentTime, type LintTextOptions, lintText, summarize } from "./engine/lint.js";
import { NestingError } from "./parse.js";
import { DEFAULT_MAX_FILE_SIZE, decodeBuffer, type ReadResult, readPolicyFile, resolveTargets } from "./files.js";
import { repositoryInfo } from "./repository.js";
import type { LintResult } from "./types.js";

export { rules } from "../rules/index.js";
export { loadConfig } from "./config/load.js";
export { ConfigError, type ResolvedConfig } from "./config/schema.js";
export type { Rule, RuleContext, RuleMeta } from "./engine/rule.js";
export { lintText, type LintTextOptions } from "./engine/lint.js";
export { formatters } from "./format/index.js";
export { buildPolicy, type Policy } from "./policy/model.js";
export { type DecodeFacts, decodeText } from "./policy/encoding.js";
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
}

/** Lint one text; a file that cannot be linted becomes a fatal result, so the other files are still linted. */
async function lintOrReport(filePath: string, displayPath: string, text: string, options: LintTextOptions): Promise<LintResult> {
  try {
    return await lintText(text, options);
  } catch (error) {
    // A bug must not cost the other files of the run their report: this file gets a one-line message.
    const message =
      error instanceof NestingError ? error.message : `internal error while linting (${error instanceof Error ? error.message : String(error)}), please report it`;
    return { ...summarize(filePath, displayPath, "", []), fatal: message };
  }
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
      configs.set(key, config);
    }
    return config;
  };
  const now = options.now ?? currentTime();
  const results: LintResult[] = [];
  for (const target of targets) {
    if (target.error) {
      results.push({ ...summarize(target.filePath, target.displayPath, "", []), fatal: target.error });
      continue;
    }
    let read: ReadResult | { text: string; decoded?: undefined };
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
    results.push(
      await lintOrReport(target.filePath, target.displayPath, read.text, {
        filePath: target.filePath,
        displayPath: target.displayPath,
        config,
        now,
        decoded: read.decoded,
        repository: repositoryInfo(target.stdin ? path.join(cwd, "x") : target.filePath),
      }),
    );
  }
  return results;
}
