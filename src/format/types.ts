import type { LintResult } from "../types.js";

export interface FormatOptions {
  /** Whether to colour the output (stylish only). */
  color: boolean;
  /** The current directory, for relative paths. */
  cwd: string;
}

export type Formatter = (results: readonly LintResult[], options: FormatOptions) => string;
