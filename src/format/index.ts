import { diff } from "./diff.js";
import { github } from "./github.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export type { FormatOptions, Formatter } from "./types.js";

/** The output formats, by the name `--format` takes. */
export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, diff };
