/**
 * The encoding facts the policy model carries: what decoding the bytes found (src/io/decode.ts, where
 * bytes become text) and the control characters that have no business in a markdown file.
 */
import type { DecodeFacts } from "../io/decode.js";

export type { DecodeFacts, Decoded, InvalidSequence, TextEncoding } from "../io/decode.js";

/** A control character in the text, by offset and code point. */
export interface ControlCharacter {
  offset: number;
  code: number;
}

/** The encoding facts the policy model carries (decoding facts are absent when a string was linted). */
export interface EncodingFacts {
  decoded: DecodeFacts | null;
  controls: ControlCharacter[];
}

/**
 * Control characters that do not belong in a markdown file: C0 except tab, line feed, carriage return
 * and form feed; DEL; and the C1 range (usually Windows-1252 text decoded as Latin-1).
 */
export function findControlCharacters(text: string): ControlCharacter[] {
  const out: ControlCharacter[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 9 || c === 10 || c === 12 || c === 13) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out.push({ offset: i, code: c });
  }
  return out;
}
