#!/usr/bin/env node
/** The command line: arguments -> lint -> format -> exit code. Everything else lives in the API. */
import { writeFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { ConfigError } from "./config/schema.js";
import { escapeLine } from "./format/escape.js";
import { formatters } from "./format/index.js";
import { lint } from "./index.js";
import type { LintResult } from "./types.js";
import { VERSION } from "./version.js";

/** Exit codes, as ESLint and markdownlint-cli2 users expect them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

interface CliOptions {
  format: string;
  outputFile?: string;
  maxWarnings?: string;
  quiet?: boolean;
  config?: string;
  rule: string[];
  color?: boolean;
  stdinFilename?: string;
  maxFileSize?: string;
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

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function onlyErrors(results: LintResult[]): LintResult[] {
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }));
}

async function run(paths: string[], options: CliOptions): Promise<number> {
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown format \`${options.format}\`, expected one of ${Object.keys(formatters).join(", ")}`);
  const maxWarnings = options.maxWarnings === undefined ? -1 : wholeNumber(options.maxWarnings, "--max-warnings");
  const maxFileSize = options.maxFileSize === undefined ? undefined : wholeNumber(options.maxFileSize, "--max-file-size");
  const stdinText = paths.includes("-") ? await readStdin() : undefined;
  let results = await lint(paths, {
    configFile: options.config,
    ruleOverrides: options.rule,
    stdinText,
    stdinFilename: options.stdinFilename,
    maxFileSize,
  });
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (options.quiet) results = onlyErrors(results);
  const output = formatter(results, { color: useColor(options.color, options.outputFile !== undefined), cwd: process.cwd() });
  if (options.outputFile) {
    try {
      writeFileSync(options.outputFile, output);
    } catch (error) {
      throw new UsageError(`cannot write ${options.outputFile} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  } else if (output) {
    process.stdout.write(output);
  }
  if (results.some((r) => r.fatal)) return EXIT.usage;
  if (results.some((r) => r.errorCount > 0)) return EXIT.problems;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    process.stderr.write(`secpolicy-lint found too many warnings (maximum: ${maxWarnings}).\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function program(): Command {
  const cmd = new Command("secpolicy-lint")
    .description("Lint a SECURITY.md vulnerability-disclosure policy")
    .version(VERSION, "-v, --version")
    .argument("[paths...]", "files, repository directories, or - for standard input (default: the policy GitHub shows for this directory)")
    .addOption(new Option("-f, --format <name>", "output format").default("stylish").choices(Object.keys(formatters)))
    .option("-o, --output-file <file>", "write the report to a file")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this")
    .option("--quiet", "report errors only")
    .option("-c, --config <file>", "use this configuration file instead of looking for one")
    .option("--rule <id=severity>", "set a rule's severity: off, warn or error (repeatable)", collect, [])
    .option("--color", "force colour output")
    .option("--no-color", "disable colour output")
    .option("--stdin-filename <name>", "the name to report for standard input")
    .option("--max-file-size <bytes>", "refuse files larger than this (default 1048576)")
    .showHelpAfterError("(run secpolicy-lint --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .action(async (paths: string[], options: CliOptions) => {
      process.exitCode = await run(paths, options);
    });
  return cmd;
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
    if (error instanceof ConfigError || error instanceof UsageError) {
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
