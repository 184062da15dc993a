/**
 * Hover on a finding: its message, and the rule's documentation (why it matters, how to fix) from the
 * pages the package ships in docs/rules/. The message can quote the policy's own text, so it is escaped
 * for markdown and HTML; the rest is our own documentation.
 */
import { readFileSync } from "node:fs";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type Hover, MarkupKind, type Position } from "vscode-languageserver";
import { ruleById } from "../../rules/index.js";
import { markdownCell } from "../format/markdown.js";
import type { Finding } from "../types.js";
import { findingRange } from "./diagnostics.js";
import type { DocumentLint } from "./lint-document.js";

/** Where docs/rules/ is from this module: beside dist/ in the package (dist/chunk-lsp.js), or in the source tree. */
const PAGES = new URL(import.meta.url.includes("/src/lsp/") ? "../../docs/rules/" : "../docs/rules/", import.meta.url);
const pages = new Map<string, string | null>();

/**
 * The part of a rule's page a hover shows: why the rule matters and how to fix, without the generated-file
 * note, the title, the summary table, the options and configuration (left to the page itself) and the
 * examples, which end the page.
 */
export function rulePageSummary(page: string): string {
  const out: string[] = [];
  let fence = false;
  let skipping = false;
  for (const line of page.replace(/^<!--[^\n]*-->\n/, "").split("\n")) {
    if (/^(?:```|~~~)/.test(line)) fence = !fence;
    else if (!fence && /^## /.test(line)) {
      if (/^## Examples\b/.test(line)) break;
      skipping = /^## (?:Options|Configuration)\b/.test(line);
    }
    if (skipping || (!fence && (/^# /.test(line) || /^\|/.test(line)))) continue;
    out.push(line);
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function rulePage(ruleId: string): string | null {
  if (pages.has(ruleId)) return pages.get(ruleId) ?? null;
  let page: string | null = null;
  if (ruleById(ruleId)) {
    try {
      page = rulePageSummary(readFileSync(new URL(`${ruleId}.md`, PAGES), "utf8"));
    } catch {
      // A copy of dist/ alone: the rule's description stands in.
    }
  }
  pages.set(ruleId, page);
  return page;
}

/** The hover text of one finding. */
export function hoverMarkdown(finding: Finding): string {
  const rule = ruleById(finding.ruleId);
  const parts = [
    `**secpolicy-lint** \`${finding.ruleId}\` (${finding.severity === "error" ? "error" : "warning"})`,
    markdownCell(finding.message),
  ];
  const page = rulePage(finding.ruleId);
  if (page) parts.push("---", page);
  else if (rule) parts.push("---", `${rule.meta.description}.`);
  parts.push(`[Documentation](${finding.docsUrl})`);
  return parts.join("\n\n");
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The hover at a position: every finding of the current version whose range holds it. */
export function hoverAt(doc: TextDocument, lint: DocumentLint | undefined, position: Position): Hover | null {
  if (!lint || lint.version !== doc.version) return null;
  const found = lint.findings.filter((f) => {
    const r = findingRange(doc, f, lint.shift);
    return !before(position, r.start) && !before(r.end, position);
  });
  if (found.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.map(hoverMarkdown).join("\n\n---\n\n") } };
}
