/**
 * Findings as LSP diagnostics. A finding's range is UTF-16 offsets into the linted text, which is what
 * LSP positions count by default (`utf-16`): positions are taken from the offsets with the document's own
 * line index, so line breaks (`\n`, `\r\n`, `\r`) and characters beyond the BMP count as the editor counts them.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type Diagnostic, DiagnosticSeverity, type Range } from "vscode-languageserver";
import { escapeLine } from "../format/escape.js";
import type { Finding } from "../types.js";
import type { DocumentLint } from "./lint-document.js";

export const SOURCE = "secpolicy-lint";

/** What a diagnostic carries back to the server with a code action request: which finding it is. */
export interface DiagnosticData {
  version: number;
  index: number;
}

/** The document range of a finding (offsets into the linted text, moved past a byte order mark). */
export function findingRange(doc: TextDocument, finding: Finding, shift: number): Range {
  return { start: doc.positionAt(finding.range.start + shift), end: doc.positionAt(finding.range.end + shift) };
}

export function toDiagnostic(doc: TextDocument, finding: Finding, shift: number, data: DiagnosticData): Diagnostic {
  return {
    range: findingRange(doc, finding, shift),
    severity: finding.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    message: finding.message,
    data,
  };
}

/**
 * The diagnostics of a lint: one per finding, or one at the top that says why the document was not linted
 * (its message can quote a configuration file: controls and invisible characters are shown as escapes).
 */
export function diagnosticsOf(doc: TextDocument, lint: DocumentLint): Diagnostic[] {
  if (lint.problem !== undefined) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        message: escapeLine(lint.problem),
      },
    ];
  }
  return lint.findings.map((f, index) => toDiagnostic(doc, f, lint.shift, { version: lint.version, index }));
}
