/**
 * The edit that turns a rule off for one finding with inline comments (src/engine/directives.ts), placed
 * so that it changes nothing else the linter reads. A comment line inside a paragraph would split it in
 * two, inside a table it would end the table, inside a fence it would be code: so when the finding is on
 * the first line of its top-level block, a `disable-next-line` comment goes above that line; otherwise
 * the whole block is wrapped in `disable` … `enable` comments for the rule.
 */
import type { TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { parseMarkdown } from "../policy/text/parse.js";

/**
 * The reason the comment is written with. The linter accepts any text after ` -- `; this one says
 * plainly that it is to be replaced, so a review sees a suppression nobody justified.
 */
export const REASON_PLACEHOLDER = "TODO: say why this finding does not apply";

/** First and last line (0-based) of each top-level block of a markdown text. */
export type BlockLines = { start: number; end: number }[];

export function topLevelBlocks(text: string): BlockLines {
  try {
    const tree = parseMarkdown(text.replace(/^\uFEFF/, ""));
    return tree.children.flatMap((node) =>
      node.position ? [{ start: node.position.start.line - 1, end: node.position.end.line - 1 }] : [],
    );
  } catch {
    // A text the parser refuses has no findings to disable.
    return [];
  }
}

const comment = (body: string, indent = ""): string => `${indent}<!-- secpolicy-lint-${body} -->\n`;

/** The edits that turn `ruleId` off for a finding that starts on `line` (0-based). */
export function disableEdits(doc: TextDocument, blocks: BlockLines, ruleId: string, line: number): TextEdit[] {
  const at = (l: number) => ({ line: l, character: 0 });
  const block = blocks.find((b) => b.start <= line && line <= b.end);
  const reason = ` -- ${REASON_PLACEHOLDER}`;
  if (!block || block.start === line) {
    const text = doc.getText({ start: at(line), end: at(line + 1) });
    const indent = /^[ \t]*/.exec(text)?.[0] ?? "";
    return [{ range: { start: at(line), end: at(line) }, newText: comment(`disable-next-line ${ruleId}${reason}`, indent) }];
  }
  const enable = comment(`enable ${ruleId}`);
  const after = block.end + 1;
  // The block ends the text: the closing comment goes on a line of its own after it.
  const end =
    after < doc.lineCount
      ? { range: { start: at(after), end: at(after) }, newText: enable }
      : { range: { start: doc.positionAt(doc.getText().length), end: doc.positionAt(doc.getText().length) }, newText: `\n${enable}` };
  return [{ range: { start: at(block.start), end: at(block.start) }, newText: comment(`disable ${ruleId}${reason}`) }, end];
}
