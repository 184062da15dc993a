/**
 * HTML comments (`<!-- ... -->`) found with indexOf, not `/<!--[\s\S]*?-->/g`: a regular expression is
 * tried at every `<!--`, and many unclosed ones made it quadratic. Linear in the text's length.
 */

export interface HtmlComment {
  /** Offsets of the whole comment, `<!--` to `-->` inclusive. */
  start: number;
  end: number;
  /** The text between the markers. */
  inner: string;
  innerStart: number;
}

export function findHtmlComments(text: string): HtmlComment[] {
  const out: HtmlComment[] = [];
  let pos = 0;
  for (;;) {
    const open = text.indexOf("<!--", pos);
    if (open === -1) break;
    const close = text.indexOf("-->", open + 4);
    // Unclosed: no later comment can close either.
    if (close === -1) break;
    out.push({ start: open, end: close + 3, inner: text.slice(open + 4, close), innerStart: open + 4 });
    pos = close + 3;
  }
  return out;
}

/** The text with every comment replaced by spaces of the same length, so offsets still map. */
export function blankHtmlComments(text: string): string {
  let out = "";
  let pos = 0;
  for (const c of findHtmlComments(text)) {
    out += text.slice(pos, c.start) + " ".repeat(c.end - c.start);
    pos = c.end;
  }
  return out + text.slice(pos);
}
