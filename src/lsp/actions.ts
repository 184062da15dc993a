/**
 * Code actions on findings: apply a finding's fix, turn a rule off for the finding's line with inline
 * comments (src/lsp/disable.ts; the reason is a placeholder to replace), and apply every fix of the
 * document at once (`source.fixAll.secpolicy-lint`). Edits are computed from the findings of the version the client
 * holds, never from an older one.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type CodeAction, CodeActionKind, type Diagnostic, type TextEdit } from "vscode-languageserver";
import { applyFixes, fixesOf } from "../engine/apply-fixes.js";
import { INLINE_CONFIG_RULE_ID } from "../engine/directives.js";
import type { Finding } from "../types.js";
import { findingRange } from "./diagnostics.js";
import { type BlockLines, disableEdits, topLevelBlocks } from "./disable.js";
import type { DocumentLint } from "./lint-document.js";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.secpolicy-lint`;

function fixAction(doc: TextDocument, finding: Finding, shift: number, diagnostic: Diagnostic): CodeAction | null {
  const fix = finding.fix;
  if (!fix) return null;
  const edit: TextEdit = { range: findingRange(doc, { ...finding, range: fix.range }, shift), newText: fix.text };
  return {
    title: `Fix: ${finding.message}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [doc.uri]: [edit] } },
  };
}

/** Top-level block lines of each linted version, worked out on the first disable action asked for. */
const blocksOf = new WeakMap<DocumentLint, BlockLines>();

function disableAction(doc: TextDocument, lint: DocumentLint, finding: Finding, diagnostic: Diagnostic): CodeAction {
  let blocks = blocksOf.get(lint);
  if (!blocks) {
    blocks = topLevelBlocks(doc.getText());
    blocksOf.set(lint, blocks);
  }
  const edits = disableEdits(doc, blocks, finding.ruleId, findingRange(doc, finding, lint.shift).start.line);
  // One comment above the line, or two around the block the line is in (see src/lsp/disable.ts).
  const title = `Disable ${finding.ruleId} for this ${edits.length === 1 ? "line" : "block"}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [doc.uri]: edits } } };
}

/** Every fix of the document as one edit of the whole text (overlapping fixes: the first wins, as with `--fix`'s first pass). */
export function fixAllAction(doc: TextDocument, lint: DocumentLint): CodeAction | null {
  const fixes = fixesOf(lint.findings).map((f) => ({ ...f, range: { start: f.range.start + lint.shift, end: f.range.end + lint.shift } }));
  if (fixes.length === 0) return null;
  const text = doc.getText();
  const { output } = applyFixes(text, fixes);
  if (output === text) return null;
  const edit: TextEdit = { range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: output };
  return { title: "Fix all secpolicy-lint problems", kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [edit] } } };
}

/**
 * The actions for the diagnostics the client sent: each is matched to its finding by the index it
 * carries, and only when the lint it came from is of the document's current version.
 */
export function codeActions(
  doc: TextDocument,
  lint: DocumentLint | undefined,
  diagnostics: readonly Diagnostic[],
  only?: readonly string[],
): CodeAction[] {
  if (!lint || lint.version !== doc.version || lint.problem !== undefined) return [];
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of diagnostics) {
      const data = diagnostic.data as { version?: unknown; index?: unknown } | undefined;
      if (!data || data.version !== lint.version || typeof data.index !== "number") continue;
      const finding = lint.findings[data.index];
      if (!finding) continue;
      const fix = fixAction(doc, finding, lint.shift, diagnostic);
      if (fix) actions.push(fix);
      // Problems with inline comments are not a rule: no comment turns them off.
      if (finding.ruleId !== INLINE_CONFIG_RULE_ID) actions.push(disableAction(doc, lint, finding, diagnostic));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const all = fixAllAction(doc, lint);
    if (all) actions.push(all);
  }
  return actions;
}
