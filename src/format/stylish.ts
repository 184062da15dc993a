/** The default human-readable output, in the layout ESLint users know. */
import { Chalk } from "chalk";
import type { LintResult } from "../types.js";
import { escapeLine, escapeLineStart } from "./escape.js";
import { type FormatStream, fromStream, type StreamFormatter } from "./types.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Stylish, file by file: each file's findings as it comes, the summary at the end. */
export const stylishStream: StreamFormatter = (options): FormatStream => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  return {
    push(result: LintResult): string {
      const rows: string[][] = [];
      if (result.fatal) {
        rows.push(["0:0", c.red("error"), escapeLine(result.fatal), ""]);
        errors++;
      }
      for (const f of result.findings) {
        rows.push([
          `${f.line}:${f.column}`,
          f.severity === "error" ? c.red("error") : c.yellow("warning"),
          escapeLine(f.message),
          c.dim(escapeLine(f.ruleId)),
        ]);
      }
      errors += result.errorCount;
      warnings += result.warningCount;
      fixable += result.fixableErrorCount + result.fixableWarningCount;
      if (rows.length === 0) return "";
      const widths = [0, 1].map((i) => Math.max(...rows.map((r) => visibleLength(r[i] ?? ""))));
      let out = `\n${c.underline(escapeLineStart(result.displayPath))}\n`;
      for (const r of rows) {
        const [pos = "", sev = "", msg = "", id = ""] = r;
        out +=
          `  ${c.dim(pos.padEnd(widths[0] ?? 0))}  ${sev}${" ".repeat((widths[1] ?? 0) - visibleLength(sev))}  ${msg}  ${id}`.trimEnd() +
          "\n";
      }
      return out;
    },
    end(): string {
      const total = errors + warnings;
      if (total === 0) return "";
      const summary = `✖ ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
      let out = `\n${errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary)}\n`;
      if (fixable > 0) out += c.dim(`  ${plural(fixable, "problem")} potentially fixable with the \`--fix\` option.\n`);
      return out;
    },
  };
};

export const stylish = fromStream(stylishStream);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function visibleLength(text: string): number {
  return text.replace(ANSI, "").length;
}
