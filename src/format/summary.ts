/** The organisation scan's summary: a table after the stylish report, an object in json. */
import { Chalk } from "chalk";
import type { RepositorySummary } from "../run/scan.js";
import { escapeLine } from "./escape.js";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const width = (s: string): number => s.replace(ANSI, "").length;

/** One row per repository: repository, policy file, errors, warnings, predicted Scorecard score. */
export function summaryTable(repositories: readonly RepositorySummary[], options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const header = ["repository", "policy", "errors", "warnings", "scorecard"];
  const rows = repositories.map((r) => {
    const linted = r.policyFile !== null && r.scorecard !== null;
    return [
      escapeLine(r.repository),
      r.policyFile === null
        ? r.inheritedFrom
          ? `${c.dim("organisation default")} ${escapeLine(r.inheritedFrom)}`
          : c.red("no policy")
        : r.fatal
          ? `${escapeLine(r.policyFile)} ${c.red(`(${escapeLine(r.fatal)})`)}`
          : linted
            ? escapeLine(r.policyFile)
            : `${escapeLine(r.policyFile)} ${c.dim("(not markdown, not linted)")}`,
      linted ? (r.errorCount > 0 ? c.red(String(r.errorCount)) : "0") : "-",
      linted ? (r.warningCount > 0 ? c.yellow(String(r.warningCount)) : "0") : "-",
      r.scorecard === null ? "-" : r.scorecard < 10 ? c.yellow(`${r.scorecard}/10`) : `${r.scorecard}/10`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - width(cell))).join("  ")}`.trimEnd();
  const missing = repositories.filter((r) => r.policyFile === null && !r.inheritedFrom).length;
  const inheriting = repositories.filter((r) => r.inheritedFrom).length;
  const failing = repositories.filter((r) => r.errorCount > 0 || r.fatal).length;
  let out = `\n${c.bold(`Repositories (${repositories.length})`)}\n${c.dim(line(header))}\n`;
  for (const r of rows) out += `${line(r)}\n`;
  const parts = [
    `${repositories.length} repositor${repositories.length === 1 ? "y" : "ies"}`,
    `${missing} without a policy`,
    `${failing} with errors`,
  ];
  if (inheriting > 0) parts.splice(1, 0, `${inheriting} covered by the organisation default`);
  out += `\n${missing + failing > 0 ? c.red.bold(parts.join(", ")) : c.green(parts.join(", "))}\n`;
  return out;
}

/** `--recursive --format json`: the ESLint-shaped results and one summary entry per repository. */
