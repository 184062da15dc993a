/**
 * A file's bytes to the text that is linted, or why it cannot be: pure, so the CLI's loaders and the
 * browser playground (which lints pasted text as the file that would hold it) judge bytes alike.
 */
import { type DecodeFacts, decodeText } from "./decode.js";

/** The largest file linted unless `--max-file-size` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type ReadResult = { text: string; decoded: DecodeFacts } | { error: string };

/**
 * Decode file bytes (see `decodeText`): UTF-8, or UTF-16 recognised by its byte order mark or its NUL
 * bytes. Other content with NUL bytes is binary and refused.
 */
export function decodeBuffer(buffer: Uint8Array): ReadResult {
  const { text, facts } = decodeText(buffer);
  if (facts.encoding === "utf-8" && buffer.includes(0)) return { error: "binary file (contains NUL bytes), expected a markdown text file" };
  return { text, decoded: facts };
}
