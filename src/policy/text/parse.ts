import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

// The same tree remark-parse + remark-gfm build, without unified's processor, vfile and the
// serializer remark-gfm registers: less code to load at start-up.
const extensions = [gfm()];
const mdastExtensions = gfmFromMarkdown();

/**
 * The parser's extensions, for telling whether another parser (remark-parse with remark-gfm) builds the
 * same trees; also the options of every parse: the build keeps one parser per options object
 * (scripts/patches.mjs), so this object is passed each time, never a copy.
 */
export const gfmExtensions = { extensions, mdastExtensions } as const;

/**
 * The deepest blockquote or list nesting accepted. Parts of the markdown parser (remark-gfm's autolink
 * pass) take time quadratic in the depth and recurse once per level; policies nest a handful of levels.
 */
export const MAX_NESTING = 500;

/**
 * The UTF-16 code at `i`, or -1 past the end. The shape checks below look one or two characters ahead
 * of a line's end; `charCodeAt` would give NaN there, which V8's optimised code treats as an
 * out-of-bounds read and abandons (it was recompiled eight times in one bulk run). -1, like NaN, equals
 * no character the checks compare with.
 */
function code(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** Whether a character code is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where an ordered list marker (`1. `, `12) `: one to nine digits, `.` or `)`, then a space or tab) that
 * starts at `i` ends, or -1 when there is none.
 */
function orderedMarkerEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 9 && isDigit(code(text, j))) j++;
  if (j === i) return -1;
  const mark = code(text, j);
  const after = code(text, j + 1);
  return (mark === 46 || mark === 41) && (after === 32 || after === 9) ? j + 1 : -1;
}

/**
 * The most blockquote (`>`) and list (`- `, `* `, `+ `, `1. `, `1) `) markers that open any one line: a
 * cheap upper bound of the nesting.
 */
export function nestingDepth(text: string): number {
  let max = 0;
  let depth = 0;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = code(text, i);
    if (c === 10 || c === 13) {
      atStart = true;
      depth = 0;
      continue;
    }
    if (!atStart || c === 32 || c === 9) continue;
    const next = code(text, i + 1);
    const ordered = isDigit(c) ? orderedMarkerEnd(text, i) : -1;
    if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9)) || ordered !== -1) {
      depth++;
      if (depth > max) max = depth;
      if (ordered !== -1) i = ordered - 1;
    } else {
      atStart = false;
    }
  }
  return max;
}

/** Markdown the parser cannot be trusted to finish in reasonable time or stack: refused with a one-line message. */
export class MarkdownLimitError extends Error {
  override name = "MarkdownLimitError";
}

/** Markdown nested so deeply (thousands of blockquote or list levels) that the parser ran out of stack. */
export class NestingError extends MarkdownLimitError {
  override name = "NestingError";
}

/**
 * Limits on markdown shapes the parser (micromark) takes quadratic time on, far above what any policy
 * uses: setext headings (`Title` over `===`), closing brackets inside deeply nested ones (`[[[a](b)](b)`:
 * each `]` costs the parser the number of `[` still open, and the limit is on their sum in one paragraph),
 * closing brackets with none open (`](` repeated) and emphasis or strikethrough delimiter runs (`*a**a`,
 * `*_`, `~a~~a`) and `<` (each may open inline HTML such as an unclosed `<!--`, scanned to the end of the
 * paragraph) in one paragraph, and over the whole file lists, block quotes and footnote definitions
 * (containers: an item with a sub-list repeated, lists or quotes broken by headings or code blocks,
 * `[^1]: note` repeated: the parser's cost grows with their square over the whole file, not per list).
 * 32 KB of any of them took the parser 1-40 seconds; within these limits it stays within a small factor
 * of an ordinary policy of the same size.
 */
export const SHAPE_LIMITS = {
  setextHeadings: 200,
  bracketWork: 50_000,
  strayBrackets: 1_000,
  delimiterRuns: 400,
  angleBrackets: 500,
  containers: 300,
  footnotes: 300,
} as const;

/** Whether a line (from `start` to `end`) is blank: only spaces and tabs. */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = code(text, i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Whether a line is a setext underline: up to three spaces, a run of `=` or of `-`, trailing blanks. */
function underline(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && code(text, i) === 32) i++;
  const mark = code(text, i);
  if (mark !== 61 && mark !== 45) return false;
  while (i < end && code(text, i) === mark) i++;
  return blank(text, i, end);
}

/**
 * Whether a line starts a new inline block for the parser: a list item, a heading or a table row. Each
 * holds its own paragraph, so delimiter runs and brackets are counted afresh.
 */
/**
 * A list item's marker on a line, as `<indent>:<marker>` (the bullet, or the ordered delimiter), or null
 * when the line is no list item. Two item lines in a row with the same key belong to one list.
 */
function itemKey(text: string, start: number, end: number): string | null {
  let i = start;
  while (i < end && (code(text, i) === 32 || code(text, i) === 9 || code(text, i) === 62)) i++;
  const c = code(text, i);
  const next = code(text, i + 1);
  if ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9 || i + 1 === end)) return `${i - start}:${text[i]}`;
  const ordered = isDigit(c) ? orderedMarkerEnd(text, i) : -1;
  return ordered === -1 ? null : `${i - start}:${text[ordered - 1]}`;
}

/** Whether a line opens a footnote definition: up to three spaces, then `[^`. */
function footnoteDefinition(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && code(text, i) === 32) i++;
  return code(text, i) === 91 && code(text, i + 1) === 94;
}

function startsBlock(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (code(text, i) === 32 || code(text, i) === 9 || code(text, i) === 62)) i++;
  const c = code(text, i);
  const next = code(text, i + 1);
  if (c === 35 || c === 124) return true;
  if ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9)) return true;
  return isDigit(c) && orderedMarkerEnd(text, i) !== -1;
}

/**
 * Why the parser should not be given `text`, or null: one linear pass counts setext headings and nested
 * list items in the file, and per paragraph the open `[` at each `]`, the unmatched `]` and the runs of
 * `*`, `_` and `~`. The counts are
 * upper bounds (code spans and escapes are counted too), so they can only refuse early, never late.
 */
export function hostileShape(text: string): string | null {
  let setext = 0;
  let depth = 0;
  let bracketWork = 0;
  let stray = 0;
  let runs = 0;
  let angles = 0;
  let containers = 0;
  let previousQuotes = 0;
  let footnotes = 0;
  let previousItem: string | null = null;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart <= text.length) {
    // A line ends at LF, CR or CR LF, as the parser reads it.
    let lineEnd = lineStart;
    while (lineEnd < text.length && code(text, lineEnd) !== 10 && code(text, lineEnd) !== 13) lineEnd++;
    const isBlank = blank(text, lineStart, lineEnd);
    if (isBlank || startsBlock(text, lineStart, lineEnd)) {
      depth = 0;
      bracketWork = 0;
      stray = 0;
      runs = 0;
      angles = 0;
    }
    // A list item that does not continue the list of the item line before it may open a list (an upper
    // bound). Blank lines and indented lines (an item's continuation) keep the list they are in.
    const key = isBlank ? null : itemKey(text, lineStart, lineEnd);
    const indented = code(text, lineStart) === 32 || code(text, lineStart) === 9;
    const item: string | null = key ?? (isBlank || indented ? previousItem : null);
    // A line with more leading `>` than the line before opens block quotes.
    let quotes = 0;
    for (let i = lineStart; i < lineEnd; i++) {
      const c = code(text, i);
      if (c === 62) quotes++;
      else if (c !== 32 && c !== 9) break;
    }
    const opened = (key !== null && key !== previousItem ? 1 : 0) + Math.max(0, quotes - previousQuotes);
    containers += opened;
    if (opened > 0 && containers > SHAPE_LIMITS.containers) {
      return `markdown with more than ${SHAPE_LIMITS.containers} lists, nested lists or block quotes, expected fewer: the parser takes quadratic time on them`;
    }
    previousItem = item;
    previousQuotes = isBlank ? previousQuotes : quotes;
    if (footnoteDefinition(text, lineStart, lineEnd) && ++footnotes > SHAPE_LIMITS.footnotes) {
      return `markdown with more than ${SHAPE_LIMITS.footnotes} footnote definitions, expected fewer: the parser takes quadratic time on them`;
    }
    if (!isBlank && !previousBlank && underline(text, lineStart, lineEnd)) {
      if (++setext > SHAPE_LIMITS.setextHeadings)
        return `markdown with more than ${SHAPE_LIMITS.setextHeadings} setext headings (a line of \`=\` or \`-\` under text), expected fewer: the parser takes quadratic time on them`;
    }
    let previous = -1;
    for (let i = lineStart; i < lineEnd; i++) {
      const c = code(text, i);
      if (c === 92) {
        // A backslash escapes the next character.
        i++;
        previous = -1;
        continue;
      }
      if (c === 91) {
        depth++;
      } else if (c === 93) {
        bracketWork += depth;
        if (bracketWork > SHAPE_LIMITS.bracketWork)
          return "markdown with closing brackets inside hundreds of nested `[` in one paragraph, expected links nested a few levels at most: the parser takes quadratic time on them";
        if (depth > 0) depth--;
        else if (++stray > SHAPE_LIMITS.strayBrackets)
          return `markdown with more than ${SHAPE_LIMITS.strayBrackets} unmatched \`]\` in one paragraph, expected fewer: the parser takes quadratic time on them`;
      } else if (c === 60) {
        if (++angles > SHAPE_LIMITS.angleBrackets)
          return `markdown with more than ${SHAPE_LIMITS.angleBrackets} \`<\` in one paragraph, expected fewer: the parser takes quadratic time on them`;
      } else if ((c === 42 || c === 95 || c === 126) && c !== previous) {
        if (++runs > SHAPE_LIMITS.delimiterRuns)
          return `markdown with more than ${SHAPE_LIMITS.delimiterRuns} runs of \`*\`, \`_\` or \`~\` in one paragraph, expected fewer: the parser takes quadratic time on them`;
      }
      previous = c;
    }
    previousBlank = isBlank;
    lineStart = lineEnd + (code(text, lineEnd) === 13 && code(text, lineEnd + 1) === 10 ? 2 : 1);
  }
  return null;
}

/**
 * Refuse markdown nested too deeply or shaped to make the parser slow (see `hostileShape`), with the
 * message a user sees. Applied to every text the linter lints, whoever parsed it.
 */
export function checkShape(text: string): void {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    throw new NestingError(`markdown nested ${depth} levels deep (blockquotes or lists), expected at most ${MAX_NESTING}`);
  }
  const shape = hostileShape(text);
  if (shape) throw new MarkdownLimitError(shape);
}

/**
 * Parse markdown into an mdast tree with GFM tables, autolinks and strikethrough. Some parser passes are
 * recursive; on a stack overflow this throws NestingError instead of a bare RangeError.
 */
export function parseMarkdown(text: string): Root {
  checkShape(text);
  try {
    return fromMarkdown(text, gfmExtensions);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new NestingError(
        "markdown nested too deeply to lint (the parser ran out of stack), expected at most a few thousand levels of blockquotes or lists",
      );
    }
    throw error;
  }
}

/**
 * Whether `tree` is a tree of exactly `text` as the parser builds it: every node placed, with offsets,
 * lines and columns that agree with the text, children in order and inside their parent, and the root
 * spanning the whole text. The one exception is the parser's own: GFM's autolink pass splits text into
 * text and links without positions (`a@b.c` in a sentence), so those two kinds may be unplaced inside a
 * placed parent. A tree another tool built (remark-parse in a unified pipeline) passes when it was parsed
 * from this text; a tree of other text, or with blocks a plugin made up, fails, and the text is parsed again.
 */
export function treeFitsText(tree: Root, text: string, index: { position(offset: number): { line: number; column: number } }): boolean {
  const placed = (node: Nodes): { start: number; end: number } | null | false => {
    const p = node.position;
    if (!p) return null;
    if (typeof p.start?.offset !== "number" || typeof p.end?.offset !== "number") return false;
    const { offset: start } = p.start;
    const { offset: end } = p.end;
    if (!(start >= 0 && start <= end && end <= text.length)) return false;
    const s = index.position(start);
    const e = index.position(end);
    return s.line === p.start.line && s.column === p.start.column && e.line === p.end.line && e.column === p.end.column
      ? { start, end }
      : false;
  };
  if (tree.type !== "root") return false;
  const root = placed(tree);
  if (!root || root.start !== 0 || root.end !== text.length) return false;
  const stack: Array<{ node: Nodes; start: number; end: number }> = [{ node: tree, ...root }];
  while (stack.length > 0) {
    const { node, start, end } = stack.pop() as { node: Nodes; start: number; end: number };
    if (!("children" in node)) continue;
    let previous = start;
    for (const child of node.children as Nodes[]) {
      const at = placed(child);
      if (at === false) return false;
      if (at === null) {
        // Unplaced text and links from the autolink pass; their children are text.
        if (child.type !== "text" && child.type !== "link") return false;
        if (child.type === "link" && !child.children.every((c) => c.type === "text" && !c.position)) return false;
        continue;
      }
      if (at.start < previous || at.end > end) return false;
      previous = at.end;
      stack.push({ node: child, ...at });
    }
  }
  return true;
}
