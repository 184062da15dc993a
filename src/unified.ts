/**
 * secpolicy-lint as a unified plugin: lint the markdown file a remark pipeline holds and add the
 * findings to it as vfile messages, as remark-lint's rules do.
 *
 *     import remarkGfm from "remark-gfm";
 *     import remarkParse from "remark-parse";
 *     import secpolicyLint from "secpolicy-lint/unified";
 *     import { unified } from "unified";
 *     const file = await unified().use(remarkParse).use(remarkGfm).use(secpolicyLint).process(await read("SECURITY.md"));
 *
 * The configuration is the one the CLI finds for the file's path; the repository facts (version files,
 * security.txt, Security Insights) are read around it the same way. The tree remark-parse with remark-gfm
 * built is linted as it is, without parsing the text again.
 */
import path from "node:path";
import type { Root } from "mdast";
import type { Plugin, Processor, Transformer } from "unified";
import * as z from "zod";
import { rules } from "../rules/index.js";
import { ConfigError, type ResolvedConfig, type UserConfig } from "./config/schema.js";
import { currentTime, lintText } from "./engine/lint.js";
import type { RepositoryInfo } from "./engine/rule.js";
import { decodeBuffer, DEFAULT_MAX_FILE_SIZE, type ReadResult } from "./io/files.js";
import { escapeLine } from "./format/escape.js";
import { gfmExtensions, MarkdownLimitError } from "./policy/text/parse.js";
import { configResolver } from "./run/prepare.js";
import { loadRepository, repositoryInfo } from "./io/repository.js";
import type { Finding, LintResult } from "./types.js";

/** The file a unified pipeline processes, as unified's transformers receive it. */
type VFile = Parameters<Transformer<Root, Root>>[1];

/** The `source` of every message the plugin adds. */
export const SOURCE = "secpolicy-lint";

export interface SecpolicyLintOptions {
  /**
   * The configuration, instead of the file found for the linted file's path: an object shaped like a
   * configuration file (`extends` resolved from the file's `cwd`), a resolved configuration, or a string
   * that is extended (a preset such as `"strict"`, or a configuration file's path).
   */
  config?: UserConfig | ResolvedConfig | string;
  /** A configuration file to use instead of the one found (the CLI's `--config`), relative to the file's `cwd`. */
  configFile?: string;
  /** `id=severity` settings applied last (the CLI's `--rule`). */
  ruleOverrides?: string[];
  /** Report inline disable comments that suppressed nothing (`--report-unused-disables`). */
  reportUnusedDisables?: boolean;
  /** Ignore inline configuration comments (`--no-inline-config`). */
  noInlineConfig?: boolean;
  /** Run only the rules set to `error` (`--quiet`). */
  errorsOnly?: boolean;
  /** The repository root for repository facts, instead of the nearest folder with `.git` above the file. */
  root?: string;
  /** "Today" for date rules: a Date or an ISO date (default: now, or `SECPOLICY_LINT_NOW`). */
  now?: Date | string;
  /** The largest file linted, in bytes (`--max-file-size`, default 1 MiB). */
  maxFileSize?: number;
}

const optionsSchema = z
  .object({
    config: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    configFile: z.string().optional(),
    ruleOverrides: z.array(z.string()).optional(),
    reportUnusedDisables: z.boolean().optional(),
    noInlineConfig: z.boolean().optional(),
    errorsOnly: z.boolean().optional(),
    root: z.string().optional(),
    now: z.union([z.date(), z.string()]).optional(),
    maxFileSize: z.number().int().positive().optional(),
  })
  .strict();

/** The plugin's options, checked: a mistake is refused with the option's name, never ignored. */
function checkOptions(raw: unknown): SecpolicyLintOptions {
  const parsed = optionsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
      throw new ConfigError(
        `secpolicy-lint/unified: unknown option \`${issue.keys[0]}\`, expected one of ${Object.keys(optionsSchema.shape).join(", ")}`,
      );
    }
    const where = issue && issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "options";
    throw new ConfigError(`secpolicy-lint/unified: invalid ${where}: ${issue?.message ?? "unexpected value"}`);
  }
  const options = parsed.data as SecpolicyLintOptions;
  if (typeof options.now === "string" && Number.isNaN(new Date(options.now).getTime())) {
    throw new ConfigError(`secpolicy-lint/unified: invalid \`now\`: \`${options.now}\`, expected an ISO date such as 2026-12-01`);
  }
  return options;
}

/** A set of strings naming what parser extensions handle, to tell whether two parsers build the same trees. */
function signature(micromark: unknown, fromMarkdown: unknown): string {
  const keys = new Set<string>();
  let transforms = 0;
  const flat = (list: unknown): Record<string, unknown>[] =>
    Array.isArray(list) ? list.flatMap(flat) : typeof list === "object" && list !== null ? [list as Record<string, unknown>] : [];
  for (const extension of flat(micromark)) {
    for (const [field, value] of Object.entries(extension)) {
      for (const key of typeof value === "object" && value !== null ? Object.keys(value) : []) keys.add(`syntax ${field} ${key}`);
    }
  }
  for (const extension of flat(fromMarkdown)) {
    for (const [field, value] of Object.entries(extension)) {
      if (field === "transforms" && Array.isArray(value)) transforms += value.length;
      else if (Array.isArray(value)) for (const item of value) keys.add(`tree ${field} ${String(item)}`);
      else if (typeof value === "object" && value !== null) for (const key of Object.keys(value)) keys.add(`tree ${field} ${key}`);
    }
  }
  return [...keys].sort().join("\n") + `\ntransforms ${transforms}`;
}

let ownSignature: string | undefined;

/**
 * Whether the processor parses markdown as the linter does: remark-parse with remark-gfm's extensions and
 * no others (another syntax, such as front matter or directives, builds other trees).
 */
function parsesLikeLinter(processor: Processor): boolean {
  if (typeof processor.parser !== "function") return false;
  const data = processor.data() as Record<string, unknown>;
  ownSignature ??= signature(gfmExtensions.extensions, gfmExtensions.mdastExtensions);
  return signature(data.micromarkExtensions ?? [], data.fromMarkdownExtensions ?? []) === ownSignature;
}

/** The file's text as the CLI reads it: bytes decoded (UTF-8 or UTF-16, with what decoding found), within the size limit. */
function readText(file: VFile, maxSize: number): ReadResult | { text: string; decoded?: undefined } {
  const value = file.value;
  if (typeof value === "string") {
    const size = Buffer.byteLength(value);
    return size > maxSize ? { error: `file is ${size} bytes, over the ${maxSize}-byte limit (maxFileSize)` } : { text: value };
  }
  if (value instanceof Uint8Array) {
    if (value.length > maxSize) return { error: `file is ${value.length} bytes, over the ${maxSize}-byte limit (maxFileSize)` };
    return decodeBuffer(value);
  }
  return {
    error: "no markdown text in the file to lint (give the processor the file's contents, as remark-cli and `processor.process` do)",
  };
}

/** Add one finding to the file as a vfile message, as remark-lint's rules add theirs. */
function addMessage(file: VFile, finding: Finding, source: string): void {
  const message = file.message(escapeLine(finding.message), {
    place: {
      start: { line: finding.line, column: finding.column, offset: finding.range.start },
      end: { line: finding.endLine, column: finding.endColumn, offset: finding.range.end },
    },
    ruleId: finding.ruleId,
    source: SOURCE,
  });
  message.url = finding.docsUrl;
  // Errors fail a run; warnings fail it under `--frail`.
  message.fatal = finding.severity === "error";
  if (finding.fix && finding.fix.range.start === finding.range.start && finding.fix.range.end === finding.range.end) {
    message.actual = escapeLine(source.slice(finding.range.start, finding.range.end));
    message.expected = [finding.fix.text];
  }
}

/** A problem that stops the file from being linted at all (the CLI's fatal result): a failing message with no rule. */
function addFatal(file: VFile, reason: string): void {
  const message = file.message(escapeLine(reason), { source: SOURCE });
  message.fatal = true;
}

/**
 * The unified plugin. Options may also come from remark-cli (`--use "secpolicy-lint/unified=config:'strict'"`)
 * or a `.remarkrc` file.
 */
const secpolicyLint: Plugin<[(SecpolicyLintOptions | null | undefined)?], Root> = function (
  this: Processor,
  raw?: SecpolicyLintOptions | null,
) {
  let options: SecpolicyLintOptions;
  try {
    options = checkOptions(raw);
  } catch (error) {
    // Told on each file, as one line (remark-cli prints an error thrown here with its stack).
    const reason = error instanceof Error ? error.message : String(error);
    return (_: Root, file: VFile): undefined => {
      file.fail(escapeLine(reason), { source: SOURCE });
    };
  }
  return async (tree: Root, file: VFile): Promise<undefined> => {
    const cwd = path.resolve(file.cwd);
    const filePath = file.path ? path.resolve(cwd, file.path) : undefined;
    const read = readText(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if ("error" in read) {
      addFatal(file, read.error);
      return undefined;
    }
    let config: ResolvedConfig;
    try {
      const given = typeof options.config === "string" ? { extends: options.config } : options.config;
      config = await configResolver({
        cwd,
        config: given as UserConfig | ResolvedConfig | undefined,
        configFile: options.configFile,
        ruleOverrides: options.ruleOverrides,
        reportUnusedDisables: options.reportUnusedDisables,
        noInlineConfig: options.noInlineConfig,
        errorsOnly: options.errorsOnly,
        onConfigWarning: (warning) => {
          file.info(escapeLine(warning), { source: SOURCE });
        },
      })(filePath ? path.dirname(filePath) : cwd);
    } catch (error) {
      // A bad configuration stops the file, as it stops the CLI: one line, no stack.
      if (error instanceof ConfigError) file.fail(escapeLine(error.message), { source: SOURCE });
      throw error;
    }
    const repository: RepositoryInfo = options.root
      ? loadRepository(path.resolve(cwd, options.root))
      : repositoryInfo(filePath ?? path.join(cwd, "x"));
    // The pipeline's tree is offered when its parser builds the linter's trees; the engine still checks
    // that every node's position agrees with the text before linting it instead of parsing again.
    const reuse = parsesLikeLinter(this) && String(file) === read.text;
    let result: LintResult;
    try {
      result = await lintText(
        read.text,
        {
          filePath,
          config,
          now: options.now === undefined ? currentTime() : new Date(options.now),
          repository,
          decoded: read.decoded,
          tree: reuse ? tree : undefined,
        },
        rules,
      );
    } catch (error) {
      addFatal(
        file,
        error instanceof MarkdownLimitError
          ? error.message
          : `internal error while linting (${error instanceof Error ? error.message : String(error)}), please report it`,
      );
      return undefined;
    }
    for (const finding of result.findings) addMessage(file, finding, result.source);
    return undefined;
  };
};

export default secpolicyLint;
export { secpolicyLint };
