import type { LintResult } from "../types.js";

export interface FormatOptions {
  /** Whether to colour the output (stylish only). */
  color: boolean;
  /** The current directory, for relative paths. */
  cwd: string;
  /**
   * The repository root around the current directory (else the current directory): GitHub annotations
   * and SARIF locations are relative to it, as code scanning and the Actions log resolve them.
   */
  root?: string;
}

export type Formatter = (results: readonly LintResult[], options: FormatOptions) => string;

/**
 * A report written as the results come: `push` gives the text for one more result (in input order),
 * `end` the text after the last one. Their concatenation equals the formatter's output for all results.
 */
export interface FormatStream {
  push(result: LintResult): string;
  end(): string;
}

export type StreamFormatter = (options: FormatOptions) => FormatStream;

/** The formatter that runs a stream over all results at once. */
export function fromStream(stream: StreamFormatter): Formatter {
  return (results, options) => {
    const s = stream(options);
    let out = "";
    for (const r of results) out += s.push(r);
    return out + s.end();
  };
}
