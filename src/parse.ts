import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parse markdown into an mdast tree with GFM tables, autolinks and strikethrough. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
