/**
 * Turning command-line paths into work: the one place that resolves targets, reads and decodes files,
 * finds each file's configuration and repository facts. `lint()` runs the work in-process and
 * `lintMany()` spreads it over worker threads; both get exactly the same inputs from here.
 */
import path from "node:path";
import { rules } from "../../rules/index.js";
import { isResolvedConfig, loadConfig, resolveConfigObject } from "../io/config/load.js";
import { applyRuleOverrides, ConfigError, type ResolvedConfig, type UserConfig } from "../config/schema.js";
import { currentTime, type LintTextOptions, lintText, lintTextAndFix, summarize } from "../engine/lint.js";
import type { RepositoryInfo } from "../engine/rule.js";
import { DEFAULT_MAX_FILE_SIZE, decodeBuffer, type ReadResult, readPolicyFile, resolveTargets, type Target } from "../io/files.js";
import { MarkdownLimitError } from "../policy/text/parse.js";
import type { Policy } from "../policy/model.js";
import type { RootMemo } from "../io/guard.js";
import { loadRepository, repositoryInfo } from "../io/repository.js";
import type { LintResult } from "../types.js";

export interface LintOptions {
  cwd?: string;
  /** An explicit configuration file; otherwise each file's nearest configuration applies. */
  configFile?: string;
  /**
   * A configuration as data, instead of any file: an object shaped like a configuration file (validated,
   * `extends` resolved from `cwd`) or a ResolvedConfig from `resolveConfig`/`loadConfig`. Wins over `configFile`.
   */
  config?: UserConfig | ResolvedConfig;
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
  /** Told about files that look like misnamed configuration files (the CLI prints them on standard error). */
  onConfigWarning?: (message: string) => void;
  /** Run only the rules set to `error` (`--quiet`, as in ESLint 9: rules set to `warn` are not run). */
  errorsOnly?: boolean;
  /** The repository root for repository facts, instead of the nearest folder with `.git` (used by the organisation scan). */
  root?: string;
}

/**
 * A target of a run. The organisation scan's targets also name their repository root (repository facts
 * come from there, not from the nearest `.git`) and ask for the Scorecard prediction.
 */
export interface RunTarget extends Target {
  root?: string;
  scorecard?: boolean;
}

/**
 * A result as the run layer hands it on: a LintResult, with what the organisation scan asked for. Those
 * fields are taken off (see `splitRunResult`) before a result reaches a formatter or the library's caller.
 */
export interface RunResult extends LintResult {
  /** The predicted Scorecard Security-Policy score, read from the policy model the lint built (targets with `scorecard`). */
  scorecard?: number;
  /** The target's configuration is invalid (targets of a preparer made with `configErrors: "result"`). */
  configError?: boolean;
}

/** A run result as the LintResult it is, and the scan's extras. */
export function splitRunResult(run: RunResult): { result: LintResult; scorecard?: number; configError?: boolean } {
  const { scorecard, configError, ...result } = run;
  return { result, scorecard, configError };
}

/** One target, ready to lint: its text and everything `lintText` needs; or the result that says why not. */
export type Work =
  | { kind: "fatal"; result: RunResult }
  | { kind: "text"; target: RunTarget; text: string; options: LintTextOptions; fix: boolean; scorecard?: boolean };

export interface Preparer {
  targets: RunTarget[];
  prepare(target: RunTarget): Promise<Work>;
  /**
   * Load the configuration of every target now: a broken one then stops the run before any file is
   * linted, so a report streamed file by file is never cut off halfway by it.
   */
  loadConfigs(): Promise<void>;
}

/** How a preparer of given targets treats a target's invalid configuration. */
export interface TargetOptions {
  /**
   * "throw" (the default): a ConfigError stops the run. "result": the target gets a fatal result marked
   * `configError` and the other targets are still linted (the organisation scan: one repository's broken
   * configuration does not stop the audit of the others).
   */
  configErrors?: "throw" | "result";
}

/**
 * The configuration of a file in a directory, as the CLI finds it: `config` (data) or `configFile`, else
 * the nearest configuration file; then `ruleOverrides`, `reportUnusedDisables`, `noInlineConfig` and
 * `errorsOnly`. Each resolved configuration is kept for the next file in the same directory.
 */
export function configResolver(options: LintOptions = {}): (dir: string) => Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const configs = new Map<string, ResolvedConfig>();
  return async (dir) => {
    const key = options.config || options.configFile ? "" : dir;
    let config = configs.get(key);
    if (!config) {
      const given = options.config;
      const base =
        given === undefined
          ? await loadConfig(dir, {
              configFile: options.configFile ? path.resolve(cwd, options.configFile) : undefined,
              onWarning: options.onConfigWarning,
            })
          : isResolvedConfig(given)
            ? structuredClone(given)
            : await resolveConfigObject(given, cwd);
      config = applyRuleOverrides(base, options.ruleOverrides ?? []);
      if (options.reportUnusedDisables && (config.reportUnusedDisables ?? "off") === "off") config.reportUnusedDisables = "warn";
      if (options.noInlineConfig) config.noInlineConfig = true;
      if (options.errorsOnly) {
        for (const setting of Object.values(config.rules)) if (setting.severity === "warn") setting.severity = "off";
        if (config.reportUnusedDisables === "warn") config.reportUnusedDisables = "off";
      }
      configs.set(key, config);
    }
    return config;
  };
}

/**
 * Resolve `paths` (or take the targets given) and return a preparer that caches configurations and
 * repository facts across files.
 */
export function preparer(paths: readonly string[] | ({ targets: RunTarget[] } & TargetOptions), options: LintOptions = {}): Preparer {
  const cwd = options.cwd ?? process.cwd();
  const configFor = configResolver(options);
  const now = options.now ?? currentTime();
  const repositories = new Map<string, RepositoryInfo>();
  // The repository root of each folder looked at, shared by resolving the targets and reading their repositories.
  const roots: RootMemo = new Map();
  const fatal = (target: Target, message: string): Work => ({
    kind: "fatal",
    result: { ...summarize(target.filePath, target.displayPath, "", []), fatal: message },
  });
  const given = "targets" in paths ? paths : null;
  const targets: RunTarget[] = given ? given.targets : resolveTargets(paths as readonly string[], cwd, options.stdinFilename, roots);
  const configErrors = given?.configErrors ?? "throw";
  return {
    targets,
    async loadConfigs() {
      if (configErrors === "result") return;
      for (const target of targets) if (!target.error) await configFor(target.stdin ? cwd : path.dirname(target.filePath));
    },
    async prepare(target) {
      if (target.error) return fatal(target, target.error);
      let read: ReadResult | { text: string; decoded?: undefined };
      if (target.stdin) {
        const input = options.stdinText ?? "";
        const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
        const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
        // The limit files have: standard input is no way around it.
        if (size > max) return fatal(target, `standard input is over the ${max}-byte limit (--max-file-size)`);
        read = typeof input === "string" ? { text: input } : decodeBuffer(input);
      } else {
        read = readPolicyFile(target.filePath, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      }
      if ("error" in read) return fatal(target, read.error);
      let config: ResolvedConfig;
      try {
        config = await configFor(target.stdin ? cwd : path.dirname(target.filePath));
      } catch (error) {
        if (configErrors === "throw" || !(error instanceof ConfigError)) throw error;
        const work = fatal(target, error.message) as Extract<Work, { kind: "fatal" }>;
        work.result.configError = true;
        return work;
      }
      const root = target.root ?? options.root;
      const repository = root
        ? loadRepository(root)
        : repositoryInfo(target.stdin ? path.join(cwd, "x") : target.filePath, repositories, roots);
      return {
        kind: "text",
        target,
        text: read.text,
        options: { filePath: target.filePath, displayPath: target.displayPath, config, now, repository, decoded: read.decoded },
        fix: options.fix === true,
        ...(target.scorecard ? { scorecard: true } : {}),
      };
    },
  };
}

/**
 * Lint prepared work (in this thread or a worker), with fixes applied in memory when asked. A file that
 * cannot be linted becomes a fatal result, so the other files of the run are still linted and reported.
 */
export async function runWork(work: Extract<Work, { kind: "text" }>): Promise<RunResult> {
  const { target } = work;
  try {
    // The organisation scan's Scorecard prediction reads the model this lint builds: no second pass.
    let scorecard: number | undefined;
    const inspect = work.scorecard ? (policy: Policy): void => void (scorecard = policy.scorecard.score) : undefined;
    const result: RunResult = await (work.fix ? lintTextAndFix : lintText)(work.text, work.options, rules, inspect);
    if (target.stdin) result.stdin = true;
    if (scorecard !== undefined) result.scorecard = scorecard;
    return result;
  } catch (error) {
    // A bug must not cost the other files of the run their report: this file gets a one-line message.
    const message =
      error instanceof MarkdownLimitError
        ? error.message
        : `internal error while linting (${error instanceof Error ? error.message : String(error)}), please report it`;
    return { ...summarize(target.filePath, target.displayPath, "", []), fatal: message };
  }
}
