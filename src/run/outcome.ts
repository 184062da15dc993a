/**
 * What a run's results add up to: the counts, the results as reported (`--quiet`), and the exit code with
 * `--max-warnings`. One definition for every path: a lint of named files and the organisation scan.
 */
import type { LintResult } from "../types.js";

/** Exit codes, as ESLint and markdownlint-cli2 users expect them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** A result with its errors only (`--quiet`): warnings are neither shown nor counted as shown. */
export function onlyErrors(r: LintResult): LintResult {
  return { ...r, findings: r.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 };
}

export interface OutcomeOptions {
  /** `--quiet`: report errors only. */
  quiet?: boolean;
  /** `--max-warnings`: more warnings than this make exit code 1; -1 for no limit. */
  maxWarnings: number;
  /**
   * What a file that could not be linted (a fatal result) means: "usage" (exit 2) for a lint of named
   * files, "problem" (exit 1) in an organisation scan, where an unreadable policy is a finding of the audit.
   */
  fatal: "usage" | "problem";
}

/** The tally of a run, fed one result at a time. */
export class Outcome {
  warnings = 0;
  errors = false;
  fatal = false;

  constructor(private readonly options: OutcomeOptions) {}

  /** Count a result (warnings before `--quiet` takes them out, as ESLint does) and return it as reported. */
  add(result: LintResult): LintResult {
    this.warnings += result.warningCount;
    this.fatal ||= result.fatal !== undefined;
    this.errors ||= result.errorCount > 0;
    return this.options.quiet ? onlyErrors(result) : result;
  }

  /**
   * The exit code. `usage`: something outside the results already makes it 2 (a fix that could not be
   * written, a repository whose configuration is invalid); `problems`: something outside them makes it at
   * least 1 (a repository without a policy). `warn` is told when the warnings exceed `--max-warnings`.
   */
  exitCode(extra: { usage?: boolean; problems?: boolean } = {}, warn?: (message: string) => void): number {
    if (extra.usage || (this.fatal && this.options.fatal === "usage")) return EXIT.usage;
    if (this.errors || this.fatal || extra.problems) return EXIT.problems;
    if (this.options.maxWarnings >= 0 && this.warnings > this.options.maxWarnings) {
      warn?.(`secpolicy-lint found too many warnings (maximum: ${this.options.maxWarnings}).\n`);
      return EXIT.problems;
    }
    return EXIT.ok;
  }
}
