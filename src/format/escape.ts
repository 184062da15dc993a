/**
 * The one escaper for everything secpolicy-lint prints: findings, file names, rule ids, fix previews,
 * diffs and anything read back from a cache. Control characters (C0, C1, DEL) and every Unicode format
 * character (category Cf: bidirectional controls such as U+061C and U+202E, zero-width and invisible
 * characters, tags) are shown as `\xNN` / `\u{NNNN}` instead of acting, so no escape sequence (CSI, OSC)
 * reaches a terminal and no text reorders or hides what is around it. The Unicode line and paragraph
 * separators are escaped too. A line never starts with `::`, which GitHub Actions reads as a workflow
 * command.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;
// eslint-disable-next-line no-control-regex
const UNSAFE_OR_TAB_CR_LF = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;

function show(c: string): string {
  const code = c.codePointAt(0) as number;
  if (code === 9) return "\\t";
  if (code === 10) return "\\n";
  if (code === 13) return "\\r";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** Text from a linted file, safe to print: line feeds and tabs are kept, everything else that acts is escaped. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, show);
}

/** One line of output: tabs and line breaks are escaped as well. */
export function escapeLine(text: string): string {
  return text.replace(UNSAFE_OR_TAB_CR_LF, show);
}

/** Whether a line of output would be read as a GitHub Actions workflow command (its trimmed start is `::`). */
export function isCommandLine(line: string): boolean {
  return /^\s*::/.test(line);
}

/** Keep an already escaped line from starting with `::`: its first colon is shown as `\x3a`. */
export function defuseCommand(line: string): string {
  return isCommandLine(line) ? line.replace(":", "\\x3a") : line;
}

/**
 * A line that starts with text from a file: escaped as `escapeLine`, and a leading `::` is shown as
 * `\x3a:` so that no line of the report can be read as a workflow command (`::error::`, `::add-mask::`).
 */
export function escapeLineStart(text: string): string {
  return defuseCommand(escapeLine(text));
}

/**
 * Several lines of text from a file (a fix preview): each line escaped with `escapeLineStart`, tabs kept;
 * line feeds and CR LF pairs stay line breaks, a lone carriage return (which some log readers take as a
 * line break) is shown as `\r`.
 */
export function escapeBlock(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const crlf = line.endsWith("\r");
      const body = crlf ? line.slice(0, -1) : line;
      const escaped = defuseCommand(body.replace(UNSAFE_BUT_TAB, show));
      return crlf ? `${escaped}\r` : escaped;
    })
    .join("\n");
}

const JSON_RAW = /[\u007f-\u009f\u2028\u2029]|\p{Cf}/gu;

/**
 * JSON text with the characters JSON.stringify leaves raw but terminals or line splitters act on (DEL,
 * C1 controls, the Unicode line and paragraph separators, format characters) written as `\uXXXX`
 * escapes: still the same JSON value, but no tool that splits lines on them can see a line start taken
 * from the linted file, and nothing in it drives a terminal or reorders text.
 */
export function jsonLineSafe(json: string): string {
  return json.replace(JSON_RAW, (c) => {
    let out = "";
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return out;
  });
}
