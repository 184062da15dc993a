/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, escaped the way
 * the Actions toolkit escapes them, so nothing from the linted file can start a workflow command.
 */
import path from "node:path";
import type { LintResult } from "../types.js";
import { escapeForTerminal } from "./escape.js";
import { relativePath } from "./paths.js";
import { fromStream, type StreamFormatter } from "./types.js";

/** The toolkit's `escapeData`: `%` first, then carriage return and line feed. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The toolkit's `escapeProperty`: as escapeData, and `:` and `,` too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Text from a linted file: control, format and line-separator characters are shown, not obeyed. */
function safe(text: string): string {
  return escapeForTerminal(text);
}

function command(kind: "error" | "warning", properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(safe(String(v)))}`)
    .join(",");
  return `::${kind} ${props}::${escapeData(safe(message))}\n`;
}

/**
 * One result's annotations, with the file relative to the repository root. A path GitHub cannot attach to
 * (outside the repository, or the repository folder itself where no policy was found) is left out, so the
 * annotation shows on the run instead of being dropped.
 */
function annotations(r: LintResult, root: string): string {
  const rel = relativePath(r.filePath, root);
  const file = rel === "" || rel === "." || path.isAbsolute(rel) ? null : rel;
  let out = "";
  if (r.fatal)
    out += command(
      "error",
      file === null ? { title: "secpolicy-lint" } : { file, title: "secpolicy-lint" },
      file === null ? `${r.displayPath}: ${r.fatal}` : r.fatal,
    );
  for (const f of r.findings) {
    out += command(
      f.severity === "error" ? "error" : "warning",
      { ...(file === null ? {} : { file }), line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId },
      `${f.message} (${f.docsUrl})`,
    );
  }
  return out;
}

export const githubStream: StreamFormatter = (options) => ({ push: (r) => annotations(r, options.root ?? options.cwd), end: () => "" });

export const github = fromStream(githubStream);
