/** Reading configuration files from an untrusted tree: only regular files, bounded, and errors that never quote them. */
import { readRegularFile } from "../safe-read.js";
import { ConfigError } from "../../config/schema.js";

/** The largest configuration file read (package.json included): far above any real one. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * The text of a configuration file. A FIFO, device or directory under a configuration file's name is
 * refused before anything is read from it (it is opened without blocking and checked on the open
 * descriptor), and so is a file too large to be a configuration.
 */
export function readConfigText(file: string): string {
  const read = readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString("utf8");
  if (read.reason === "not-regular") throw new ConfigError(`${file}: not a regular file, expected a JSON or YAML configuration file`);
  if (read.reason === "too-big") throw new ConfigError(`${file}: over the ${MAX_CONFIG_BYTES}-byte limit for a configuration file`);
  throw new ConfigError(`${file}: cannot read configuration (${read.code ?? "error"})`);
}

/**
 * Where a JSON syntax error is, as `:line:col`, from the position the parser names; never the text
 * around it (the engine's message quotes the file, which may be anything a link or package leads to).
 */
export function jsonErrorPlace(text: string, error: unknown): string {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!m) return "";
  const offset = Math.min(Number(m[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `:${line}:${offset - lineStart + 1}`;
}
