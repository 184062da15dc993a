/**
 * Blocks: the units of visible text the model reads (headings, paragraphs, table rows, raw HTML), each
 * with a map from its text back to source offsets and the section and list items it sits in.
 */
import type { Heading, ListItem, Nodes, PhrasingContent, Root, RootContent, Table, TableRow } from "mdast";
import type { Range } from "../../types.js";
import type { Section } from "../facts/sections.js";
import type { Sentence } from "./sentences.js";
import { firstIndex } from "./search.js";
import { fold } from "./text.js";

export interface Segment {
  /** Offsets into the block's text. */
  textStart: number;
  textEnd: number;
  /** Offsets into the source. */
  srcStart: number;
  srcEnd: number;
  /** Whether the text is the source verbatim (then offsets map one to one). */
  exact: boolean;
  /** Inline code: examples and configuration, not prose. */
  code: boolean;
}

export interface Cell {
  text: string;
  /** Offset of the cell's text within the row's text. */
  offset: number;
  range: Range;
}

export interface Block {
  kind: "heading" | "paragraph" | "tableRow" | "html";
  text: string;
  range: Range;
  segments: Segment[];
  section: Section | null;
  /** The first lines of the list items this block is nested in, outermost first. */
  listLabels: string[];
  /** For table rows: the cells, the header cells of the table, and whether this row is the header. */
  cells?: Cell[];
  header?: string[];
  isHeader?: boolean;
  /** The table this row belongs to, for table rows. */
  table?: Table;
  /** Whether this paragraph opens a list item (its first line is the item's label). */
  opensListItem?: boolean;
  /** The block's sentences, split on first use (`sentencesOf`). */
  sentences?: Sentence[];
  /** The text folded for phrase matching, on first use (`foldedText`). */
  folded?: string;
  /** The inline-code segments, on first use (`touchesCode`). */
  codeSegments?: Segment[];
  /** Where each clause of the text ends, on first use (durations read promises per clause). */
  clauses?: { index: number; after: number }[];
  /** Whether the block speaks of severity tiers, on first use (durations). */
  tiered?: boolean;
  /** Whether the block speaks about reporting, on first use (channels: a block can hold thousands of links). */
  aboutReporting?: boolean;
}

interface Builder {
  text: string;
  segments: Segment[];
}

function offsets(node: Nodes): Range | null {
  const p = node.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined) return null;
  return { start: p.start.offset, end: p.end.offset };
}

function pushText(b: Builder, value: string, node: Nodes, source: string, code: boolean): void {
  const r = offsets(node);
  if (!r) {
    b.text += value;
    return;
  }
  let srcStart = r.start;
  let srcEnd = r.end;
  if (code) {
    // Inline code: the value sits inside the backtick fence.
    const inner = source.indexOf(value, r.start);
    if (inner !== -1 && inner + value.length <= r.end) {
      srcStart = inner;
      srcEnd = inner + value.length;
    }
  }
  const exact = source.slice(srcStart, srcEnd) === value;
  b.segments.push({ textStart: b.text.length, textEnd: b.text.length + value.length, srcStart, srcEnd, exact, code });
  b.text += value;
}

function collectInline(nodes: readonly PhrasingContent[] | readonly Nodes[], b: Builder, source: string): void {
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        pushText(b, node.value, node, source, false);
        break;
      case "inlineCode":
        pushText(b, node.value, node, source, true);
        break;
      case "break":
        b.text += "\n";
        break;
      case "image":
      case "imageReference":
      case "footnoteReference":
      case "html":
        // An image's alt text and inline HTML are not prose of the block.
        b.text += " ";
        break;
      default:
        if ("children" in node) collectInline(node.children as PhrasingContent[], b, source);
    }
  }
}

/** Map an offset in a block's text to a source offset. */
export function toSource(block: Block, textOffset: number, edge: "start" | "end" = "start"): number {
  // Segments are appended in text order and never overlap, so binary searches find them (a block can
  // have tens of thousands of segments, and every fact maps its offsets).
  const segs = block.segments;
  const n = segs.length;
  // The first segment that ends after the offset (start edge) or at/after it (end edge): the only candidate.
  const at = firstIndex(n, (i) =>
    edge === "start" ? (segs[i] as Segment).textEnd > textOffset : (segs[i] as Segment).textEnd >= textOffset,
  );
  const s = segs[at];
  if (s && (edge === "start" ? textOffset >= s.textStart : textOffset > s.textStart)) {
    if (s.exact) return s.srcStart + (textOffset - s.textStart);
    return edge === "start" ? s.srcStart : s.srcEnd;
  }
  // Between segments (inserted separators): the nearest segment boundary, or the block's own range.
  if (edge === "start") {
    const next = segs[firstIndex(n, (i) => (segs[i] as Segment).textStart >= textOffset)];
    return next ? next.srcStart : block.range.start;
  }
  const last = segs[firstIndex(n, (i) => (segs[i] as Segment).textEnd > textOffset) - 1];
  return last ? last.srcEnd : block.range.end;
}

/** Map a source offset inside a block back to an offset in its text (the nearest segment's start when the offset is markup). */
export function toText(block: Block, srcOffset: number): number {
  const segs = block.segments;
  const i = firstIndex(segs.length, (k) => (segs[k] as Segment).srcEnd > srcOffset);
  const s = segs[i];
  if (!s) return block.text.length;
  if (srcOffset < s.srcStart) return s.textStart;
  return s.exact ? s.textStart + (srcOffset - s.srcStart) : s.textStart;
}

/** Map a range in a block's text to a source range. */
export function rangeInSource(block: Block, start: number, end: number): Range {
  const s = toSource(block, start, "start");
  const e = toSource(block, end, "end");
  return e > s ? { start: s, end: e } : { start: s, end: Math.max(s, e) };
}

/** Whether [start, end) of a block's text touches inline code. */
export function touchesCode(block: Block, start: number, end: number): boolean {
  const list = (block.codeSegments ??= block.segments.filter((s) => s.code));
  const s = list[firstIndex(list.length, (i) => (list[i] as Segment).textEnd > start)];
  return s !== undefined && s.textStart < end;
}

function inlineBlock(
  kind: Block["kind"],
  node: Nodes,
  children: readonly PhrasingContent[],
  source: string,
  listLabels: string[],
): Block | null {
  const range = offsets(node);
  if (!range) return null;
  const b: Builder = { text: "", segments: [] };
  collectInline(children, b, source);
  return { kind, text: b.text, range, segments: b.segments, section: null, listLabels };
}

function rowBlock(row: TableRow, table: Table, header: string[], isHeader: boolean, source: string, listLabels: string[]): Block | null {
  const range = offsets(row);
  if (!range) return null;
  const b: Builder = { text: "", segments: [] };
  const cells: Cell[] = [];
  row.children.forEach((cell, i) => {
    if (i > 0) b.text += " | ";
    const offset = b.text.length;
    collectInline(cell.children, b, source);
    cells.push({ text: b.text.slice(offset), offset, range: offsets(cell) ?? range });
  });
  return { kind: "tableRow", text: b.text, range, segments: b.segments, section: null, listLabels, cells, header, isHeader, table };
}

function firstLine(text: string): string {
  const nl = text.indexOf("\n");
  return (nl === -1 ? text : text.slice(0, nl)).trim();
}

/** The header cells' texts of a table. */
function headerOf(table: Table, source: string): string[] {
  const header: string[] = [];
  for (const cell of table.children[0]?.children ?? []) {
    const b: Builder = { text: "", segments: [] };
    collectInline(cell.children, b, source);
    header.push(b.text.trim());
  }
  return header;
}

/** The rows of a table, each a block; the first is the header row. */
function tableBlocks(table: Table, source: string, listLabels: string[]): Block[] {
  const header = headerOf(table, source);
  const out: Block[] = [];
  table.children.forEach((row, i) => {
    const block = rowBlock(row, table, header, i === 0, source, listLabels);
    if (block) out.push(block);
  });
  return out;
}

/** Raw HTML as a block: its text is the source, verbatim. */
function htmlBlock(node: Nodes & { value: string }, source: string, listLabels: string[]): Block | null {
  const range = offsets(node);
  if (!range) return null;
  const segment: Segment = {
    textStart: 0,
    textEnd: node.value.length,
    srcStart: range.start,
    srcEnd: range.end,
    exact: source.slice(range.start, range.end) === node.value,
    code: false,
  };
  return { kind: "html", text: node.value, range, segments: [segment], section: null, listLabels };
}

/** The label a list item gives the blocks nested in it: the first line of its first paragraph. */
function itemLabel(item: ListItem, source: string): string {
  const first = item.children[0];
  if (!first || first.type !== "paragraph") return "";
  const b: Builder = { text: "", segments: [] };
  collectInline(first.children, b, source);
  return firstLine(b.text);
}

/**
 * Collect the blocks of a document in source order. Code blocks are not blocks: they are not prose.
 * An explicit work stack instead of recursion: 5,000 nested blockquotes must not overflow the call
 * stack. Tasks run last-in first-out, so they are pushed in reverse to keep source order.
 */
export function collectBlocks(root: Root, source: string): Block[] {
  const blocks: Block[] = [];
  const tasks: (() => void)[] = [];
  const push = (block: Block | null): void => {
    if (block) blocks.push(block);
  };
  const visit = (nodes: readonly RootContent[], listLabels: string[]): void => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i] as RootContent;
      tasks.push(() => handle(node, listLabels));
    }
  };
  // A list item's own first paragraph is a block in the parent's context; deeper blocks see its label.
  const item = (node: ListItem, listLabels: string[]): void => {
    const label = itemLabel(node, source);
    const [head, ...rest] = node.children;
    const before = blocks.length;
    tasks.push(() => visit(rest, label ? [...listLabels, label] : listLabels));
    tasks.push(() => {
      const opened = blocks[before];
      if (opened && head?.type === "paragraph") opened.opensListItem = true;
    });
    if (head) visit([head], listLabels);
  };
  const handle = (node: RootContent, listLabels: string[]): void => {
    switch (node.type) {
      case "heading":
        push(inlineBlock("heading", node, (node as Heading).children, source, listLabels));
        break;
      case "paragraph":
        push(inlineBlock("paragraph", node, node.children, source, listLabels));
        break;
      case "table":
        // One push per row: a spread of a table of many thousand rows would overflow the argument list.
        for (const row of tableBlocks(node, source, listLabels)) blocks.push(row);
        break;
      case "html":
        push(htmlBlock(node, source, listLabels));
        break;
      case "list":
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i] as ListItem;
          tasks.push(() => item(child, listLabels));
        }
        break;
      case "blockquote":
      case "footnoteDefinition":
        visit(node.children, listLabels);
        break;
      default:
        break;
    }
  };
  visit(root.children, []);
  for (let task = tasks.pop(); task; task = tasks.pop()) task();
  return blocks;
}

/** A block's text folded for phrase matching: lower case, punctuation as spaces, same offsets; computed once (extractors ask for it once per fact). */
export function foldedText(block: Block): string {
  return (block.folded ??= fold(block.text));
}
