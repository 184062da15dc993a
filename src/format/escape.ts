/**
 * Make text from a linted file safe to print on a terminal: control characters (C0, C1, DEL), escape
 * sequences and bidirectional-override characters are shown as `\xNN` / `\u{NNNN}` instead of acting.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}

/** One line of output: also turn tabs and line breaks into escapes. */
export function escapeLine(text: string): string {
  return escapeForTerminal(text).replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/**
 * A line that starts with text from a file: a leading `::` is shown as `\x3a:` so that no line of the
 * report can be read as a GitHub Actions workflow command (`::error::`, `::add-mask::`, ...).
 */
export function escapeLineStart(text: string): string {
  const line = escapeLine(text);
  return /^\s*::/.test(line) ? line.replace(":", "\\x3a") : line;
}
