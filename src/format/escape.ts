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

// eslint-disable-next-line no-control-regex
const JSON_RAW = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw but terminals or line splitters act on (DEL,
 * C1 controls, bidirectional controls, the Unicode line and paragraph separators) written as `\uXXXX`
 * escapes: still the same JSON value, but no tool that splits lines on them can see a line start taken
 * from the linted file, and nothing in it drives a terminal.
 */
export function jsonLineSafe(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A line that starts with text from a file: a leading `::` is shown as `\x3a:` so that no line of the
 * report can be read as a GitHub Actions workflow command (`::error::`, `::add-mask::`, ...).
 */
export function escapeLineStart(text: string): string {
  const line = escapeLine(text);
  return /^\s*::/.test(line) ? line.replace(":", "\\x3a") : line;
}
