/**
 * Trimming without regular expressions. A pattern such as `/=+$/` is tried at every start position, so
 * a long run of `=` followed by anything else costs quadratic time; these scan once from the end.
 */

/** How many characters at the end of `text` are in `chars`. */
export function trailingLength(text: string, chars: string): number {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.length - end;
}

/** `text` without the characters in `chars` at its end. */
export function trimEndChars(text: string, chars: string): string {
  return text.slice(0, text.length - trailingLength(text, chars));
}
