/** Output in the shape of ESLint's JSON formatter, so tools that read ESLint results read ours. */
import type { LintResult } from "../types.js";
import type { Formatter } from "./types.js";

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  docsUrl?: string;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export function toJsonResults(results: readonly LintResult[]): JsonResult[] {
  return results.map((r) => {
    const messages: JsonMessage[] = [];
    if (r.fatal) messages.push({ ruleId: null, severity: 2, message: r.fatal, line: 0, column: 0, fatal: true });
    for (const f of r.findings) {
      const m: JsonMessage = {
        ruleId: f.ruleId,
        severity: f.severity === "error" ? 2 : 1,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        docsUrl: f.docsUrl,
      };
      if (f.fix) m.fix = { range: [f.fix.range.start, f.fix.range.end], text: f.fix.text };
      messages.push(m);
    }
    return {
      filePath: r.filePath,
      messages,
      errorCount: r.errorCount + (r.fatal ? 1 : 0),
      fatalErrorCount: r.fatal ? 1 : 0,
      warningCount: r.warningCount,
      fixableErrorCount: r.fixableErrorCount,
      fixableWarningCount: r.fixableWarningCount,
    };
  });
}

/**
 * JSON.stringify leaves DEL, C1 controls, bidirectional controls and line/paragraph separators raw; they
 * are written as `\uXXXX` escapes instead (the same JSON value), so the report is safe to print.
 */
// eslint-disable-next-line no-control-regex
const RAW = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export const json: Formatter = (results) =>
  `${JSON.stringify(toJsonResults(results)).replace(RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
