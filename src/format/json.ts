/** Output in the shape of ESLint's JSON formatter, so tools that read ESLint results read ours. */
import type { Finding, LintResult } from "../types.js";
import { jsonLineSafe } from "./escape.js";
import { fromStream, type StreamFormatter } from "./types.js";

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
  /** In `suppressedMessages`: the inline comments that turned the message off. */
  suppressions?: { kind: "directive"; justification: string }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  /** Messages turned off by inline comments, each with its `suppressions` (as ESLint gives them). */
  suppressedMessages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** With --fix or --fix-dry-run, the fixed text (as ESLint gives it); absent when nothing changed. */
  output?: string;
}

export function toJsonResults(results: readonly LintResult[]): JsonResult[] {
  return results.map(toJsonResult);
}

function toJsonResult(r: LintResult): JsonResult {
  const messages: JsonMessage[] = [];
  if (r.fatal) messages.push({ ruleId: null, severity: 2, message: r.fatal, line: 0, column: 0, fatal: true });
  const toMessage = (f: Finding): JsonMessage => {
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
    if (f.suppressions) m.suppressions = f.suppressions;
    return m;
  };
  for (const f of r.findings) messages.push(toMessage(f));
  const result: JsonResult = {
    filePath: r.filePath,
    messages,
    suppressedMessages: (r.suppressedFindings ?? []).map(toMessage),
    errorCount: r.errorCount + (r.fatal ? 1 : 0),
    fatalErrorCount: r.fatal ? 1 : 0,
    warningCount: r.warningCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
  };
  if (r.output !== undefined) result.output = r.output;
  return result;
}

/** The JSON array, one element per result as it comes (`JSON.stringify` of the array gives the same text). */
export const jsonStream: StreamFormatter = () => {
  let first = true;
  return {
    push(r) {
      const element = jsonLineSafe(JSON.stringify(toJsonResult(r)));
      if (!first) return `,${element}`;
      first = false;
      return `[${element}`;
    },
    end: () => (first ? "[]\n" : "]\n"),
  };
};

export const json = fromStream(jsonStream);
