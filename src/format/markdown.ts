/**
 * A Markdown report: the totals and a table of findings, for a GitHub job summary, a pull request comment
 * or a wiki page. Text from the linted file is escaped for Markdown and HTML, so a finding cannot add
 * links, images, HTML or table cells to the page it is shown on.
 */
import { escapeLine } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

/** One table cell of text: controls shown as escapes, HTML characters as entities, Markdown punctuation backslashed. */
export function markdownCell(text: string): string {
  return escapeLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export const markdown: Formatter = (results, options) => {
  const root = options.root ?? options.cwd;
  let errors = 0;
  let warnings = 0;
  const rows: string[] = [];
  for (const r of results) {
    const file = markdownCell(relativePath(r.filePath, root));
    if (r.fatal) {
      errors++;
      rows.push(`| ${file} | | error | | ${markdownCell(r.fatal)} |`);
    }
    for (const f of r.findings) {
      if (f.severity === "error") errors++;
      else warnings++;
      rows.push(
        `| ${file} | ${f.line}:${f.column} | ${f.severity} | [${markdownCell(f.ruleId)}](${f.docsUrl}) | ${markdownCell(f.message)} |`,
      );
    }
  }
  const head = `### secpolicy-lint\n\n${errors + warnings === 0 ? `No problems in ${plural(results.length, "file")}.` : `${plural(errors + warnings, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${plural(results.length, "file")}.`}\n`;
  if (rows.length === 0) return head;
  return `${head}\n| File | Line | Severity | Rule | Message |\n| --- | --- | --- | --- | --- |\n${rows.join("\n")}\n`;
};
