/** The shape of a rule: metadata (id, severity, options schema, messages) and a check over the policy model. */
import * as z from "zod";
import type { Policy } from "../policy/model.js";
import type { ProjectVersion } from "../io/manifests.js";
import type { Fix, Range, Severity } from "../types.js";
import { once } from "../once.js";

export const REPOSITORY_URL = "https://github.com/secpolicy-lint/secpolicy-lint";

/** The rule id under which problems with inline directives are reported (src/engine/directives.ts). */
export const INLINE_CONFIG_RULE_ID = "inline-config";

/**
 * Where a rule's documentation lives; every finding links to it. The pages in docs/rules/ are generated
 * from the rules (`npm run docs`); problems with inline comments link to the section on them in docs/usage.md.
 */
export function docsUrl(ruleId: string): string {
  if (ruleId === INLINE_CONFIG_RULE_ID) return `${REPOSITORY_URL}/blob/main/docs/usage.md#inline-disable-comments`;
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

export interface RuleMeta<Options extends z.ZodObject = z.ZodObject, MessageId extends string = string> {
  id: string;
  /** One sentence, imperative: "Require a private channel for vulnerability reports". */
  description: string;
  /** Severity in the recommended preset. */
  severity: Exclude<Severity, "off">;
  /** Off in the recommended preset; `severity` is what a profile or configuration that turns it on gets. */
  defaultOff?: boolean;
  /** Whether the rule can offer fixes. The engine drops fixes from rules that do not say so. */
  fixable?: boolean;
  /**
   * The schema that validates the options a user sets (every option may be left out; each carries its
   * default as documentation, for the generated docs and JSON Schema). Built on first use (a configuration
   * that sets options, docs), not when the rule is loaded.
   */
  readonly options: z.ZodType<Partial<z.output<Options>>>;
  /** The options when none are set, as plain data (ESLint's `meta.defaultOptions`); user options merge over them (`mergeOptions`). */
  readonly defaultOptions: z.output<Options>;
  /** Message templates by id; `{name}` is replaced by the report's data. */
  messages: Record<MessageId, string>;
}

/** What the repository around the file says, when it is known. */
export interface RepositoryInfo {
  root: string | null;
  /** `owner/name` of the GitHub repository, from package.json or the git remote. */
  slug: string | null;
  /** The project's current version, from its manifest or newest release tag (unknown when absent). */
  version?: ProjectVersion | null;
  /** Policy files GitHub would consider, in the order it picks them: the first is the one it shows. */
  policyFiles?: RepositoryFile[];
  /** security.txt files the repository ships (`.well-known/security.txt` and the like). */
  securityTxt?: RepositoryFile[];
  /** OpenSSF Security Insights files (`SECURITY-INSIGHTS.yml` at the root, `.github/security-insights.yml`), in the order tools look. */
  securityInsights?: RepositoryFile[];
}

/** A file of the repository, read once when the repository is loaded. */
export interface RepositoryFile {
  /** Path relative to the repository root, with `/` separators. */
  path: string;
  /** The file's text; null when it could not be read (too large, binary, unreadable). */
  text: string | null;
}

export interface Report<MessageId extends string = string> {
  messageId: MessageId;
  /** Raise this finding to an error although the rule is set to warn (a rule's docs say when). */
  escalate?: boolean;
  data?: Record<string, string | number>;
  range: Range;
  fix?: Fix;
  /** Lower this finding to a warning even when the rule is set to error (e.g. an expired key). */
  severity?: "warn";
}

export interface RuleContext<Options = unknown, MessageId extends string = string> {
  options: Options;
  filePath: string;
  /** The current time; fixed by tests and by `SECPOLICY_LINT_NOW`. */
  now: Date;
  repository: RepositoryInfo;
  /** 1-based line of a source offset, for messages that point at another place ("as used at line 9"). */
  lineOf(offset: number): number;
  report(report: Report<MessageId>): void;
}

export interface Rule<Options extends z.ZodObject = z.ZodObject, MessageId extends string = string> {
  meta: RuleMeta<Options, MessageId>;
  check(policy: Policy, context: RuleContext<z.output<Options>, MessageId>): void | Promise<void>;
}

/**
 * What a rule file declares, in ESLint 9's shape: the options schema (types, bounds and descriptions, no
 * defaults), inside a function because building schemas is a noticeable part of start-up and most runs
 * never validate an option, and `defaultOptions`, the options when none are set. A rule without options
 * declares neither.
 */
export interface RuleDefinition<Options extends z.ZodObject, MessageId extends string> {
  meta: Omit<RuleMeta<Options, MessageId>, "options" | "defaultOptions"> & { options?: () => Options; defaultOptions?: z.output<Options> };
  check: Rule<Options, MessageId>["check"];
}

/**
 * The schema users' options are checked with: the declared one with every option optional (the defaults
 * fill in the rest) and its default attached as metadata, so the generated docs and JSON Schema show it.
 */
function userOptionsSchema(schema: z.ZodObject, defaults: Record<string, unknown>): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, option] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    shape[key] = Object.hasOwn(defaults, key) ? option.optional().meta({ default: defaults[key] }) : option.optional();
  }
  return z.object(shape).strict();
}

/** Declare a rule: gives the rule's options and message ids their types, and builds its schema on first use. */
export function defineRule<
  Options extends z.ZodObject = z.ZodObject<Record<string, never>, z.core.$strict>,
  MessageId extends string = string,
>(rule: RuleDefinition<Options, MessageId>): Rule<Options, MessageId> {
  const { options: build, defaultOptions = {} as z.output<Options>, ...meta } = rule.meta;
  const options = once(
    () =>
      userOptionsSchema(build ? build() : z.object({}).strict(), defaultOptions as Record<string, unknown>) as unknown as z.ZodType<
        Partial<z.output<Options>>
      >,
  );
  return {
    check: rule.check,
    meta: Object.defineProperties(meta as RuleMeta<Options, MessageId>, {
      options: { get: options, enumerable: true, configurable: true },
      defaultOptions: { value: defaultOptions, enumerable: true, configurable: true },
    }),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Options set over the options below them, as ESLint merges `meta.defaultOptions`: objects merge key by
 * key, recursively; arrays and other values replace. Neither argument is changed.
 */
export function mergeOptions<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? structuredClone(base) : structuredClone(over)) as T;
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    // Defined, not assigned: a key named `__proto__` stays an own key and never sets the prototype.
    Object.defineProperty(out, key, {
      value: Object.hasOwn(out, key) ? mergeOptions(out[key], value) : structuredClone(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/** A rule of any options, as the registry holds it. */
export type AnyRule = Rule<z.ZodObject, string>;

/** A rule's severity in the recommended preset: `off` for rules that profiles turn on. */
export function recommendedSeverity(meta: Pick<RuleMeta, "severity" | "defaultOff">): Severity {
  return meta.defaultOff ? "off" : meta.severity;
}

/** Fill a message template: `{url}` is replaced by `data.url`. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
