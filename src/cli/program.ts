#!/usr/bin/env node
/** The command line: arguments -> lint -> format -> exit code. Everything else lives in the API. */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { InitError, runInit, type InitFlags } from "./commands/init.js";
import { printConfig } from "./commands/print-config.js";
import { formatRules, rulePage } from "./commands/rules.js";
import { findRepositoryRoot } from "../io/guard.js";
import { ConfigError } from "../config/schema.js";
import { escapeLine } from "../format/escape.js";
import { type Formatter, formatters, streamFormatters } from "../format/index.js";
import { writeFixes } from "../io/fix.js";
import { summaryTable } from "../format/summary.js";
import { COMMANDS } from "./argv.js";
import { DEFAULT_TIMEOUT, lintMany, runPrepared } from "../run/bulk.js";
import { EXIT, Outcome } from "../run/outcome.js";
import { preparer } from "../run/prepare.js";
import { MAX_SCAN_DEPTH, planScan, ScanError } from "../run/scan.js";
import { DEFAULT_MAX_FILE_SIZE } from "../io/files.js";
import type { LintResult } from "../types.js";
import { VERSION } from "../version.js";

export { EXIT };

interface CliOptions {
  /** Unset: stylish, plus GitHub annotations when running in GitHub Actions. */
  format?: string;
  outputFile?: string;
  maxWarnings?: string;
  quiet?: boolean;
  config?: string;
  rule: string[];
  color?: boolean;
  stdinFilename?: string;
  maxFileSize?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  reportUnusedDisables?: boolean;
  inlineConfig: boolean;
  recursive?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  concurrency?: string;
  /** `--output format=file`: more reports of the same run. */
  output: string[];
  timeout?: string;
}

class UsageError extends Error {}

function useColor(option: boolean | undefined, toFile: boolean): boolean {
  if (option !== undefined) return option;
  if (toFile) return false;
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return process.stdout.isTTY === true;
}

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got \`${value}\``);
  return Number(value);
}

/** `--max-warnings`: a whole number, or -1 for no limit (ESLint's default and spelling). */
function warningLimit(value: string | undefined): number {
  if (value === undefined || value === "-1") return -1;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number or -1 (no limit), got \`${value}\``);
  return Number(value);
}

/** Write a report file, creating its folder as ESLint does. */
export function writeReportFile(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** `--output format=file` values, checked before anything is linted. */
function extraOutputs(values: readonly string[]): { format: string; file: string }[] {
  return values.map((value) => {
    const eq = value.indexOf("=");
    const format = eq === -1 ? "" : value.slice(0, eq);
    const file = eq === -1 ? "" : value.slice(eq + 1);
    if (!Object.hasOwn(formatters, format) || file === "") {
      throw new UsageError(`--output ${value}: expected <format>=<file> with a format of ${Object.keys(formatters).join(", ")}`);
    }
    return { format, file };
  });
}

/** A warning printer that says each thing once, as one escaped line on standard error. */
function warnOnce(): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    process.stderr.write(`secpolicy-lint: warning: ${escapeLine(message)}\n`);
  };
}

/** The folder CI paths are relative to: the repository around the working directory, else the directory itself. */
const reportRoot = (): string => findRepositoryRoot(process.cwd()) ?? process.cwd();

/**
 * Standard input, read up to one byte past `limit`: enough for the linter to refuse it as too large
 * (as it refuses a file), without holding whatever a pipe may send.
 */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/** Write the fixes of `--fix`; say on standard error what could not be written. False when a write failed. */
function reportWrites(results: LintResult[]): boolean {
  let ok = true;
  for (const { result, outcome } of writeFixes(results, process.cwd())) {
    if (outcome.status !== "refused") continue;
    ok = false;
    process.stderr.write(`secpolicy-lint: did not fix ${escapeLine(result.displayPath)}: ${escapeLine(outcome.reason)}\n`);
  }
  if (results.some((r) => r.stdin && r.output !== undefined)) {
    process.stderr.write(
      "secpolicy-lint: standard input is never written; use --fix-dry-run --format json (the fixed text is its output) or --format diff\n",
    );
  }
  return ok;
}

/** Where the report goes: standard output in chunks as it comes, or the output file once at the end. */
class Report {
  private pending = "";

  constructor(private readonly outputFile: string | undefined) {}

  write(text: string): void {
    this.pending += text;
    if (!this.outputFile && this.pending.length >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.pending) process.stdout.write(this.pending);
    this.pending = "";
  }

  /** Write what remains, then `annotations` to standard output. */
  close(annotations: string): void {
    if (this.outputFile) {
      writeReportFile(this.outputFile, this.pending);
      if (annotations) process.stdout.write(annotations);
    } else {
      this.pending += annotations;
      this.flush();
    }
  }
}

async function run(paths: string[], options: CliOptions): Promise<number> {
  const formatter = formatters[options.format ?? "stylish"];
  if (!formatter) throw new UsageError(`unknown format \`${options.format}\`, expected one of ${Object.keys(formatters).join(", ")}`);
  const recursive = options.recursive === true;
  // In GitHub Actions with no --format: the usual report for the log, and annotations on the diff.
  const annotate = !recursive && options.format === undefined && process.env.GITHUB_ACTIONS === "true";
  const maxWarnings = warningLimit(options.maxWarnings);
  const outputs = extraOutputs(options.output);
  const maxFileSize = options.maxFileSize === undefined ? undefined : wholeNumber(options.maxFileSize, "--max-file-size");
  if (options.fix && options.fixDryRun) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  // The organisation scan reports; it never fixes (nor previews fixes with --format diff).
  const fix = !recursive && options.fix === true;
  // A diff is of the fixes: without --fix, --format diff previews them (a dry run) and writes nothing.
  const dryRun = !recursive && (options.fixDryRun === true || (options.format === "diff" && !options.fix));
  // `--recursive`: the policies of the repositories under the folders become the run's targets.
  const plan = recursive ? planScan(paths, process.cwd()) : null;
  if (plan && plan.notSearched.length > 0) {
    const example = escapeLine(plan.notSearched[0] as string);
    const n = plan.notSearched.length;
    process.stderr.write(
      `secpolicy-lint: --recursive searches ${MAX_SCAN_DEPTH} folder levels deep; the subfolders of ${n} folder${n === 1 ? "" : "s"} at that depth were not searched (first: ${example}); run it on a deeper folder to include them\n`,
    );
  }
  const stdinText = !plan && paths.includes("-") ? await readStdin(maxFileSize ?? DEFAULT_MAX_FILE_SIZE) : undefined;
  let concurrency = options.concurrency === undefined ? undefined : wholeNumber(options.concurrency, "--concurrency");
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT : wholeNumber(options.timeout, "--timeout");
  const cores = availableParallelism();
  if (concurrency !== undefined && concurrency > cores) {
    process.stderr.write(`secpolicy-lint: --concurrency ${concurrency} is more than the ${cores} cores here; using ${cores}\n`);
    concurrency = cores;
  }
  const lintOptions = {
    configFile: options.config,
    ruleOverrides: options.rule,
    stdinText,
    stdinFilename: options.stdinFilename,
    maxFileSize,
    fix: fix || dryRun,
    errorsOnly: options.quiet === true,
    onConfigWarning: warnOnce(),
    reportUnusedDisables: options.reportUnusedDisables === true,
    noInlineConfig: !options.inlineConfig,
    cache: options.cache === true || options.cacheLocation !== undefined,
    cacheLocation: options.cacheLocation,
    concurrency,
    timeout: timeout === 0 ? undefined : timeout,
    collect: false,
  };
  /** Lint every target (the named paths, or the scan's policies) on the one run path, in input order. */
  const each = async (onResult: (result: LintResult) => void): Promise<void> => {
    if (!plan) {
      await lintMany(paths, lintOptions, onResult);
      return;
    }
    let index = 0;
    // One repository's invalid configuration does not stop the audit of the others: it is a result.
    await runPrepared(preparer({ targets: plan.targets, configErrors: "result" }, lintOptions), lintOptions, (result) =>
      onResult(plan.record(index++, result)),
    );
    plan.finish();
  };
  const root = reportRoot();
  const formatOptions = { color: useColor(options.color, options.outputFile !== undefined), cwd: process.cwd(), root };
  const report = new Report(options.outputFile);
  const outcome = new Outcome({ quiet: options.quiet, maxWarnings, fatal: plan ? "problem" : "usage" });
  let annotations = "";
  let fixFailed = false;
  const stream = fix || dryRun || outputs.length > 0 ? undefined : streamFormatters[options.format ?? "stylish"];
  if (stream) {
    // Printed file by file as results come, in input order; no result is kept.
    const out = stream(formatOptions);
    const annotator = annotate ? streamFormatters.github?.({ color: false, cwd: process.cwd(), root }) : undefined;
    await each((result) => {
      const shown = outcome.add(result);
      report.write(out.push(shown));
      if (annotator) annotations += annotator.push(shown);
    });
    report.write(out.end());
    if (annotator) annotations += annotator.end();
  } else {
    // Fixes are written before the report, and SARIF and diff need every result: keep them all.
    const all: LintResult[] = [];
    await each((result) => all.push(result));
    fixFailed = fix && !reportWrites(all);
    const results = all.map((r) => outcome.add(r));
    // As in ESLint, a dry run reports what would remain; JSON also carries each fixed text as `output`.
    report.write(formatter(results, formatOptions));
    if (annotate) annotations = formatters.github?.(results, { color: false, cwd: process.cwd(), root }) ?? "";
    for (const { format, file } of outputs)
      writeReportFile(file, (formatters[format] as Formatter)(results, { color: false, cwd: process.cwd(), root }));
  }
  if (plan) {
    // The scan's summary: after the stylish report; machine formats keep the shape they have without
    // --recursive (JSON: the array of results), and the table goes to standard error for the person watching.
    if ((options.format ?? "stylish") === "stylish") report.write(summaryTable(plan.repositories, { color: formatOptions.color }));
    else process.stderr.write(summaryTable(plan.repositories, { color: useColor(options.color, true) }));
  }
  report.close(annotations);
  // In an audit a repository without a policy (its own or the organisation's default) is a finding; an invalid configuration is a usage problem.
  const configError = plan?.repositories.some((r) => r.configError) ?? false;
  const noPolicy = plan?.repositories.some((r) => r.policyFile === null && !r.inheritedFrom) ?? false;
  return outcome.exitCode({ usage: fixFailed || configError, problems: noPolicy }, (message) => process.stderr.write(message));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function program(): Command {
  const cmd = new Command("secpolicy-lint")
    .description("Lint a SECURITY.md vulnerability-disclosure policy")
    .version(VERSION, "-v, --version")
    .argument("[paths...]", "files, repository directories, or - for standard input (default: the policy GitHub shows for this directory)")
    .addOption(
      new Option("-f, --format <name>", "output format (default: stylish; in GitHub Actions stylish plus github annotations)").choices(
        Object.keys(formatters),
      ),
    )
    .option("-o, --output-file <file>", "write the report to a file (its folder is created)")
    .option(
      "--output <format=file>",
      "also write the report of this run in another format to a file, e.g. sarif=results.sarif (repeatable)",
      collect,
      [],
    )
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this (-1: no limit, the default)")
    .option("--quiet", "report errors only: rules set to warn are not run")
    .option("-c, --config <file>", "use this configuration file instead of looking for one")
    .option("--rule <id=severity>", "set a rule's severity: off, warn or error (repeatable)", collect, [])
    .option("--color", "force colour output")
    .option("--no-color", "disable colour output")
    .option("--stdin-filename <name>", "the name to report for standard input")
    .option("--max-file-size <bytes>", "refuse files larger than this (default 1048576)")
    .option("--fix", "write the fixes of fixable rules to the files, then report what remains")
    .option(
      "--fix-dry-run",
      "apply fixes in memory and report what remains; write nothing (JSON has each fixed text as `output`, --format diff shows the fixes)",
    )
    .option("--report-unused-disables", "report secpolicy-lint-disable comments that suppress nothing")
    .option("--no-inline-config", "ignore secpolicy-lint-disable comments")
    .option("-r, --recursive", "find every repository under the directories and lint each one's policy, with a summary table")
    .option("--cache", "reuse results of files unchanged since the last run (kept in your cache folder, signed)")
    .option("--cache-location <path>", "the cache file, or a directory for it (implies --cache)")
    .option(
      "--concurrency <n>",
      "worker threads besides the main thread for many files; 0 lints in-process, 1 lints on the main thread too (default: cores - 1 from 3 cores on, else 0)",
    )
    .option(
      "--timeout <ms>",
      `time budget per file in milliseconds, enforced in worker threads (files over 64 KB, or all files of a pooled run); 0 for none (default ${DEFAULT_TIMEOUT})`,
    )
    .showHelpAfterError("(run secpolicy-lint --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    // Program options come before a command name; `secpolicy-lint rules --format json` is the command's own.
    .enablePositionalOptions()
    .helpCommand(false)
    .action(async (paths: string[], options: CliOptions) => {
      process.exitCode = await run(paths, options);
    });
  addCommands(cmd);
  return cmd;
}

function addCommands(cmd: Command): void {
  cmd
    .command(COMMANDS.init)
    .description("write a SECURITY.md that passes every recommended rule (asks on a terminal when no flags are given)")
    .option("--email <addr>", "security contact email address")
    .option("--pvr", "point reporters at GitHub private vulnerability reporting (enable it in the repository's settings)")
    .option("--no-pvr", "do not mention private vulnerability reporting (then --email is needed)")
    .option("--versions <list>", 'supported versions, newest first, e.g. "2.x,1.x" (default: from package.json)')
    .option("--ack-days <n>", "days within which reports are acknowledged (default 3)")
    .option("--out <file>", "where to write the policy (default SECURITY.md)")
    .option("--force", "overwrite an existing file")
    .option("--insights", "also write a matching SECURITY-INSIGHTS.yml (OpenSSF Security Insights 2.0.0)")
    .action(async (flags: InitFlags) => {
      const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
      for (const file of await runInit(flags, process.cwd(), interactive)) process.stderr.write(`Wrote ${file}\n`);
    });
  cmd
    .command(COMMANDS.rules)
    .description("list the rules (id, default severity, fixable, description), or print one rule's documentation")
    .argument("[id]", "a rule id: print its page (options, examples)")
    .addOption(new Option("-f, --format <name>", "output format").choices(["text", "json"]).default("text"))
    .action((id: string | undefined, flags: { format: string }) => {
      process.stdout.write(id === undefined ? formatRules(flags.format) : rulePage(id, flags.format));
    });
  cmd
    .command(COMMANDS.lsp)
    .description("run the language server editors start: diagnostics as you type, fixes and rule docs on hover (see docs/editors.md)")
    .option("--stdio", "speak the Language Server Protocol over standard input and output (required)")
    .addOption(new Option("--node-ipc").hideHelp())
    .addOption(new Option("--socket <port>").hideHelp())
    .addOption(new Option("--pipe <name>").hideHelp())
    // vscode-languageclient passes the editor's process id: the server exits when that process is gone.
    .addOption(new Option("--clientProcessId <pid>").hideHelp())
    .action(async (flags: { stdio?: boolean; nodeIpc?: boolean; socket?: string; pipe?: string }) => {
      if (flags.nodeIpc || flags.socket !== undefined || flags.pipe !== undefined) {
        throw new UsageError(
          "lsp: only --stdio is supported, not --node-ipc, --socket or --pipe; start the server as `secpolicy-lint lsp --stdio`",
        );
      }
      if (!flags.stdio) throw new UsageError("lsp: expected --stdio: editors start the server as `secpolicy-lint lsp --stdio`");
      // Its own chunk of the build, loaded only here: ordinary runs never load the server or its protocol library.
      const { startServer } = await import("../lsp/server.js");
      startServer();
    });
  cmd
    .command(COMMANDS.printConfig)
    .description("print the effective configuration for a file, after presets and extends")
    .argument("[file]", "the file or repository whose configuration to print (default: the policy a lint run here would find)")
    .option("-c, --config <file>", "use this configuration file instead of looking for one")
    .option("--rule <id=severity>", "set a rule's severity (repeatable)", collect, [])
    .action(async (file: string | undefined, flags: { config?: string; rule: string[] }) => {
      process.stdout.write(await printConfig(file, { cwd: process.cwd(), configFile: flags.config, ruleOverrides: flags.rule }));
    });
}

export async function main(argv: string[]): Promise<number> {
  try {
    process.exitCode = 0;
    await program().parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof InitError || error instanceof ScanError) {
      // Messages can quote configuration text: print them as one escaped line.
      process.stderr.write(`secpolicy-lint: ${escapeLine(error.message)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`secpolicy-lint: internal error: ${escapeLine(error instanceof Error ? error.message : String(error))}\n`);
    if (process.env.SECPOLICY_LINT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ""}\n`);
    return EXIT.usage;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
