/** The command line of the organisation scan: lint every repository, print the report and the summary, pick the exit code. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatters } from "../format/index.js";
import { summaryTable } from "../format/summary.js";
import { escapeLine } from "../format/escape.js";
import { MAX_SCAN_DEPTH, ScanError, scanRepositories } from "../run/scan.js";
import type { LintResult } from "../types.js";

export interface ScanCliOptions {
  format: string;
  quiet?: boolean;
  maxWarnings: number;
  maxFileSize?: number;
  config?: string;
  rule: string[];
  color: (toFile: boolean) => boolean;
  outputFile?: string;
  /** The folder CI paths are relative to (see FormatOptions.root). */
  root?: string;
  /** More reports of the same run (`--output format=file`). */
  outputs?: { format: string; file: string }[];
  writeReportFile?: (file: string, text: string) => void;
}

/**
 * Exit code 1 when any repository has an error, has no policy (its own or the organisation default), or the warnings exceed `--max-warnings`:
 * in an audit a missing policy is a finding, not a usage error. 2 for usage problems and for a repository
 * whose configuration is invalid (the other repositories are still linted and listed).
 */
export async function runScan(dirs: string[], options: ScanCliOptions): Promise<number> {
  if (dirs.includes("-")) throw new ScanError("--recursive takes directories, not standard input");
  const { results, repositories, notSearched } = await scanRepositories(dirs, { configFile: options.config, ruleOverrides: options.rule, maxFileSize: options.maxFileSize, errorsOnly: options.quiet === true });
  if (notSearched.length > 0) {
    const example = escapeLine(notSearched[0] as string);
    process.stderr.write(`secpolicy-lint: --recursive searches ${MAX_SCAN_DEPTH} folder levels deep; the subfolders of ${notSearched.length} folder${notSearched.length === 1 ? "" : "s"} at that depth were not searched (first: ${example}); run it on a deeper folder to include them\n`);
  }
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const shown: LintResult[] = options.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }))
    : results;
  const color = options.color(options.outputFile !== undefined);
  const formatter = formatters[options.format] ?? formatters.stylish;
  let output: string;
  const formatOptions = { color, cwd: process.cwd(), root: options.root };
  if (options.format === "stylish" || !formatters[options.format]) output = formatter!(shown, formatOptions) + summaryTable(repositories, { color });
  else {
    // Machine formats keep the shape they have without --recursive (JSON: the array of results); the
    // table goes to standard error for the person watching.
    output = formatter!(shown, formatOptions);
    process.stderr.write(summaryTable(repositories, { color: options.color(true) }));
  }
  if (options.outputFile) {
    try {
      mkdirSync(path.dirname(path.resolve(options.outputFile)), { recursive: true });
      writeFileSync(options.outputFile, output);
    } catch (error) {
      throw new ScanError(`cannot write ${options.outputFile} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  } else {
    process.stdout.write(output);
  }
  for (const { format, file } of options.outputs ?? []) options.writeReportFile?.(file, formatters[format]!(shown, { color: false, cwd: process.cwd(), root: options.root }));
  if (repositories.some((r) => r.configError)) return 2;
  // A repository that inherits the organisation's default policy has one: GitHub shows that policy for it.
  if (repositories.some((r) => (r.policyFile === null && !r.inheritedFrom) || r.errorCount > 0 || r.fatal)) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    process.stderr.write(`secpolicy-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
