/**
 * GitHub Actions workflow commands: one `::error` / `::warning` annotation per finding, escaped the way
 * the Actions toolkit escapes them, so nothing from the linted file can start a workflow command.
 */
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

/** One result's annotations. */
function annotations(r: LintResult, cwd: string): string {
  const file = relativePath(r.filePath, cwd);
  let out = "";
  if (r.fatal) out += command("error", { file, title: "secpolicy-lint" }, r.fatal);
  for (const f of r.findings) {
    out += command(
      f.severity === "error" ? "error" : "warning",
      { file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId },
      `${f.message} (${f.docsUrl})`,
    );
  }
  return out;
}

export const githubStream: StreamFormatter = (options) => ({ push: (r) => annotations(r, options.cwd), end: () => "" });

export const github = fromStream(githubStream);
