import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

// The same tree remark-parse + remark-gfm build, without unified's processor, vfile and the
// serializer remark-gfm registers: less code to load at start-up.
const extensions = [gfm()];
const mdastExtensions = gfmFromMarkdown();

/** Parse markdown into an mdast tree with GFM tables, autolinks and strikethrough. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions, mdastExtensions });
}
