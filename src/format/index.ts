import { diff } from "./diff.js";
import { github, githubStream } from "./github.js";
import { json, jsonStream } from "./json.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { stylish, stylishStream } from "./stylish.js";
import type { Formatter, StreamFormatter } from "./types.js";

export type { FormatOptions, Formatter, FormatStream, StreamFormatter } from "./types.js";

/** The output formats, by the name `--format` takes. */
export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, diff, markdown };

/**
 * The formats that can be written file by file as results come, so a run over many files need not keep
 * them all: the same text as `formatters`. SARIF puts the run's outcome before the results, and diff
 * needs each file's text; they, and markdown, take all results at the end.
 */
export const streamFormatters: Record<string, StreamFormatter> = { stylish: stylishStream, json: jsonStream, github: githubStream };
