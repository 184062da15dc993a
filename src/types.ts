/** Shared types of secpolicy-lint's public API. */

export type Severity = "off" | "warn" | "error";

/** A half-open range of UTF-16 offsets into the linted text. */
export interface Range {
  start: number;
  end: number;
}

export interface Fix {
  range: Range;
  text: string;
}

/** One problem found in one file, in the shape the formatters print. */
export interface Finding {
  ruleId: string;
  severity: Exclude<Severity, "off">;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets of the reported range, for tools that work on offsets. */
  range: Range;
  docsUrl: string;
  fix?: Fix;
  /** On a suppressed finding: the inline comments that turned it off, with the reason each gives after ` -- `. */
  suppressions?: Suppression[];
}

/** An inline `secpolicy-lint-disable…` comment that turned a finding off, in the shape of ESLint's. */
export interface Suppression {
  kind: "directive";
  /** The text after ` -- ` in the comment, or "". */
  justification: string;
}

/** Everything the linter found in one file. */
export interface LintResult {
  filePath: string;
  /** The path as the user named it, for display. */
  displayPath: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The text that was linted (after decoding), kept for fixes. */
  source: string;
  /**
   * Set when the linter was asked to fix and a fix changed the text: the fixed text. `source` and the
   * findings are then those of the fixed text (what remains to do).
   */
  output?: string;
  /** With `output`: the text as it was read, before the fixes. */
  originalSource?: string;
  /** True when the text came from standard input: fixes are never written anywhere. */
  stdin?: boolean;
  /** Findings turned off by inline `secpolicy-lint-disable` comments (not counted; SARIF lists them as suppressed). */
  suppressedFindings?: Finding[];
  /** A fatal problem reading the file: set instead of findings. */
  fatal?: string;
}
