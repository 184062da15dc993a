import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

// The same tree remark-parse + remark-gfm build, without unified's processor, vfile and the
// serializer remark-gfm registers: less code to load at start-up.
const extensions = [gfm()];
const mdastExtensions = gfmFromMarkdown();

/**
 * The deepest blockquote or list nesting accepted. Parts of the markdown parser (remark-gfm's autolink
 * pass) take time quadratic in the depth and recurse once per level; policies nest a handful of levels.
 */
export const MAX_NESTING = 500;

/** The most blockquote (`>`) and list (`- `, `* `, `+ `) markers that open any one line: a cheap upper bound of the nesting. */
export function nestingDepth(text: string): number {
  let max = 0;
  let depth = 0;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      atStart = true;
      depth = 0;
      continue;
    }
    if (!atStart || c === 32 || c === 9) continue;
    const next = text.charCodeAt(i + 1);
    if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) {
      depth++;
      if (depth > max) max = depth;
    } else {
      atStart = false;
    }
  }
  return max;
}

/** Markdown nested so deeply (thousands of blockquote or list levels) that the parser ran out of stack. */
export class NestingError extends Error {
  override name = "NestingError";
}

/**
 * Parse markdown into an mdast tree with GFM tables, autolinks and strikethrough. Some parser passes are
 * recursive; on a stack overflow this throws NestingError instead of a bare RangeError.
 */
export function parseMarkdown(text: string): Root {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    throw new NestingError(`markdown nested ${depth} levels deep (blockquotes or lists), expected at most ${MAX_NESTING}`);
  }
  try {
    return fromMarkdown(text, { extensions, mdastExtensions });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new NestingError("markdown nested too deeply to lint (the parser ran out of stack), expected at most a few thousand levels of blockquotes or lists");
    }
    throw error;
  }
}
