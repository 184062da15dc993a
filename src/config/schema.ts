/**
 * The configuration schema, assembled from the rule registry: each rule's options are validated by the
 * zod schema the rule declares, so options exist in exactly one place.
 */
import * as z from "zod";
import { ruleById, rules } from "../../rules/index.js";
import { mergeOptions, recommendedSeverity } from "../engine/rule.js";
import type { Severity } from "../types.js";
import { type Profile, PROFILES } from "./presets.js";
import { once } from "../once.js";

export const PRESET_NAMES = ["recommended", "strict", "off", "github", "openssf", "disclose-io"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** Where the configuration came from, for messages and print-config. */
  sources: string[];
  /** Report inline disable comments that suppressed nothing, at this severity (on in `strict`). */
  reportUnusedDisables?: "off" | "warn" | "error";
  /** Ignore inline configuration comments. */
  noInlineConfig?: boolean;
}

/** A configuration problem: exit code 2 with a message naming the file and the bad value's path. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

// Schemas are built on first use: most runs validate no configuration (or only a severity).
const severitySchema = once(() => z.union([z.enum(["off", "warn", "error"]), z.literal(0), z.literal(1), z.literal(2)]));

export function toSeverity(value: "off" | "warn" | "error" | 0 | 1 | 2): Severity {
  if (value === 0) return "off";
  if (value === 1) return "warn";
  if (value === 2) return "error";
  return value;
}

/** The JSON shape a user writes; rule entries are checked against each rule's own schema. */
export interface UserConfig {
  $schema?: string;
  /** A built-in profile, a relative path to a JSON/YAML file, or an installed package; or several, applied in order. */
  extends?: string | string[];
  reportUnusedDisables?: boolean | "off" | "warn" | "error";
  noInlineConfig?: boolean;
  rules?: Record<string, unknown>;
}

function issuePath(prefix: string, issue: z.core.$ZodIssue): string {
  const parts = [prefix, ...issue.path.map(String)].filter((p) => p !== "");
  return parts.join(".");
}

function describeIssue(prefix: string, issue: z.core.$ZodIssue): string {
  let message = issue.message.replace(/^Invalid input: /, "");
  if (issue.code === "unrecognized_keys")
    message = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`;
  if (issue.code === "invalid_union") {
    const key = prefix === "" ? issue.path[0] : "rules";
    message =
      key === "extends"
        ? "expected a preset name, a relative path to a JSON or YAML file or a package name, or a list of them"
        : key === "reportUnusedDisables"
          ? 'expected true, false, "off", "warn" or "error"'
          : 'expected "off", "warn", "error", 0, 1 or 2';
  }
  const path = issuePath(prefix, issue);
  return path ? `${path}: ${message}` : message;
}

function fail(file: string, prefix: string, error: z.ZodError): never {
  const first = error.issues[0];
  throw new ConfigError(`${file}: ${first ? describeIssue(prefix, first) : "invalid configuration"}`);
}

/** What an `extends` entry may name besides a preset: a relative path, or an npm package name (at most 214 characters). */
const EXTENDS_PATH = /^\.\.?[/\\]/;
const EXTENDS_PACKAGE = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** One `extends` entry, as the loader accepts it: a preset name, a relative path, or a package name. */
const extendsEntry = once(() =>
  z
    .union([z.enum(PRESET_NAMES), z.string().regex(EXTENDS_PATH), z.string().max(214).regex(EXTENDS_PACKAGE)])
    .meta({ description: "A built-in preset, a relative path to a JSON or YAML file, or an installed package with a shared policy" }),
);

/** The top level of a configuration file; the top-level check leaves rule entries to `ruleEntry`. */
function topLevelShape(rulesSchema: z.ZodType) {
  return z
    .object({
      $schema: z.string().optional(),
      extends: z
        .union([extendsEntry(), z.array(extendsEntry())])
        .optional()
        .meta({ description: "What the rules start from: a preset, a shared policy file or package, or several applied in order" }),
      reportUnusedDisables: z
        .union([z.boolean(), z.enum(["off", "warn", "error"])])
        .optional()
        .meta({ description: "Report secpolicy-lint-disable comments that suppress nothing (true means warn; on as error in strict)" }),
      noInlineConfig: z.boolean().optional().meta({ description: "Ignore secpolicy-lint-disable comments" }),
      rules: rulesSchema.optional(),
    })
    .strict();
}

const topLevel = once(() => topLevelShape(z.record(z.string(), z.unknown())));

const ruleObject = once(() => z.object({ severity: severitySchema().optional(), options: z.unknown().optional() }).strict());

/** A rule's entry: a severity, or `{ severity, options }` with the options its own schema takes. */
function ruleEntry(options: z.ZodType) {
  return z.union([severitySchema(), z.object({ severity: severitySchema().optional(), options: options.optional() }).strict()]);
}

/**
 * The whole configuration file as one schema, assembled from the same parts `validateConfig` checks with
 * (each rule's entry with the rule's own options schema): the JSON Schema for editors is generated from
 * it (`npm run docs`), so the editor and the loader accept the same files.
 */
export function configFileSchema(describe: (id: string, description: string) => string = (_id, d) => d): z.ZodType {
  const entries: Record<string, z.ZodType> = {};
  for (const rule of rules)
    entries[rule.meta.id] = ruleEntry(rule.meta.options)
      .optional()
      .meta({ description: describe(rule.meta.id, rule.meta.description) });
  return topLevelShape(z.object(entries).strict());
}

/** Validate a parsed configuration file; throws ConfigError naming `file` and the bad value's path. */
export function validateConfig(raw: unknown, file: string): UserConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError(`${file}: expected an object at the top level`);
  }
  // Rule ids are checked on the raw object, before the schema copies it: a copy drops a `__proto__` key
  // (it sets the copy's prototype instead), which would hide it from the check below.
  const rawRules = (raw as Record<string, unknown>).rules;
  if (rawRules !== null && typeof rawRules === "object" && !Array.isArray(rawRules)) {
    for (const id of Object.keys(rawRules))
      if (!ruleById(id))
        throw new ConfigError(`${file}: rules.${id}: unknown rule, expected one of ${rules.map((r) => r.meta.id).join(", ")}`);
  }
  // An `extends` entry that is no preset, path or package name gets a message listing the presets.
  const listed = (raw as { extends?: unknown }).extends;
  for (const entry of typeof listed === "string" ? [listed] : Array.isArray(listed) ? listed : []) {
    if (typeof entry === "string" && entry !== "" && extendsKind(entry) === null) {
      throw new ConfigError(
        `${file}: extends: unknown preset \`${entry}\`, expected one of ${PRESET_NAMES.join(", ")}, a relative path to a JSON or YAML file, or an installed package name`,
      );
    }
  }
  const parsed = topLevel().safeParse(raw);
  if (!parsed.success) fail(file, "", parsed.error);
  const config = parsed.data;
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const rule = ruleById(id);
    if (!rule) throw new ConfigError(`${file}: rules.${id}: unknown rule, expected one of ${rules.map((r) => r.meta.id).join(", ")}`);
    if (typeof entry === "string" || typeof entry === "number") {
      const s = severitySchema().safeParse(entry);
      if (!s.success) fail(file, `rules.${id}`, s.error);
      continue;
    }
    const o = ruleObject().safeParse(entry);
    if (!o.success) fail(file, `rules.${id}`, o.error);
    if (o.data.options !== undefined) {
      const opts = rule.meta.options.safeParse(o.data.options);
      if (!opts.success) fail(file, `rules.${id}.options`, opts.error);
    }
  }
  return config as UserConfig;
}

/** What an `extends` entry names: a built-in preset, a relative file path, a package name, or nothing valid. */
export function extendsKind(entry: string): "preset" | "path" | "package" | null {
  if ((PRESET_NAMES as readonly string[]).includes(entry)) return "preset";
  if (EXTENDS_PATH.test(entry)) return "path";
  if (EXTENDS_PACKAGE.test(entry) && entry.length <= 214) return "package";
  return null;
}

/** The settings of a preset. */
export function preset(name: PresetName): Record<string, RuleSetting> {
  // Keyed by rule id, and looked up with ids from the command line, configuration files and comments: no
  // prototype, so no id (`__proto__`, `constructor`, `toString`) can reach Object.prototype.
  const out = Object.create(null) as Record<string, RuleSetting>;
  const profile: Profile | undefined = (PROFILES as Record<string, Profile>)[name];
  for (const rule of rules) {
    const recommended: Severity = recommendedSeverity(rule.meta);
    // strict raises every recommended rule to error; rules that are off by default belong to profiles.
    let severity: Severity = name === "off" ? "off" : name === "strict" && recommended !== "off" ? "error" : recommended;
    // The declared defaults, as data: no schema is built for them.
    let options = mergeOptions(rule.meta.defaultOptions, undefined) as Record<string, unknown>;
    // strict wants the policy in the file: a link it hands itself to satisfies nothing there.
    if (name === "strict" && "allowDelegation" in options) options.allowDelegation = false;
    if (profile) {
      const setting = profile.rules[rule.meta.id];
      if (setting) {
        severity = setting.severity;
        if (setting.options)
          options = mergeOptions(rule.meta.defaultOptions, rule.meta.options.parse(setting.options)) as Record<string, unknown>;
      } else if (profile.othersOff) {
        severity = "off";
      }
    }
    out[rule.meta.id] = { severity, options };
  }
  return out;
}

/** Apply a validated user configuration on top of its preset (built-in `extends` only; see src/io/config/extends.ts). */
export function resolveConfig(user: UserConfig | null, source: string | null): ResolvedConfig {
  const name = typeof user?.extends === "string" ? user.extends : "recommended";
  const base = preset((PRESET_NAMES as readonly string[]).includes(name) ? (name as PresetName) : "recommended");
  return withInlineSettings({ rules: applyRules(base, user?.rules), sources: source ? [source] : [] }, user);
}

/**
 * The inline-directive settings of the configuration file that applies: `reportUnusedDisables` (on as an
 * error when the file extends `strict`) and `noInlineConfig`.
 */
export function withInlineSettings(resolved: ResolvedConfig, user: UserConfig | null): ResolvedConfig {
  const unused = user?.reportUnusedDisables;
  const extendsList = user?.extends === undefined ? [] : Array.isArray(user.extends) ? user.extends : [user.extends];
  if (unused !== undefined) resolved.reportUnusedDisables = unused === true ? "warn" : unused === false ? "off" : unused;
  else if (extendsList.includes("strict")) resolved.reportUnusedDisables = "error";
  if (user?.noInlineConfig) resolved.noInlineConfig = true;
  return resolved;
}

/** Apply validated rule entries on top of a set of rule settings (changed in place and returned). */
export function applyRules(base: Record<string, RuleSetting>, entries: Record<string, unknown> | undefined): Record<string, RuleSetting> {
  for (const [id, entry] of Object.entries(entries ?? {})) {
    const rule = ruleById(id);
    const current = Object.hasOwn(base, id) ? base[id] : undefined;
    if (!rule || !current) continue;
    if (typeof entry === "string" || typeof entry === "number") {
      current.severity = toSeverity(entry as "off");
      continue;
    }
    const { severity, options } = entry as { severity?: "off"; options?: unknown };
    if (severity !== undefined) current.severity = toSeverity(severity);
    else if (current.severity === "off") current.severity = rule.meta.severity;
    // Options merge over what the preset or an extended policy set, so layers add to each other.
    if (options !== undefined) current.options = mergeOptions(current.options, rule.meta.options.parse(options));
  }
  return base;
}

const CLI_SEVERITIES: Record<string, Severity> = { off: "off", warn: "warn", error: "error", "0": "off", "1": "warn", "2": "error" };

/** Apply `--rule id=severity` overrides from the command line. */
export function applyRuleOverrides(config: ResolvedConfig, overrides: readonly string[]): ResolvedConfig {
  for (const override of overrides) {
    const eq = override.indexOf("=");
    const id = eq === -1 ? override : override.slice(0, eq);
    const value = eq === -1 ? "" : override.slice(eq + 1);
    const setting = ruleById(id) && Object.hasOwn(config.rules, id) ? config.rules[id] : undefined;
    if (!setting)
      throw new ConfigError(`--rule ${override}: unknown rule \`${id}\`, expected one of ${rules.map((r) => r.meta.id).join(", ")}`);
    // The values severitySchema accepts, as the command line spells them (no schema to build for a flag).
    const severity = Object.hasOwn(CLI_SEVERITIES, value) ? CLI_SEVERITIES[value] : undefined;
    if (severity === undefined) throw new ConfigError(`--rule ${override}: expected ${id}=off, ${id}=warn or ${id}=error`);
    setting.severity = severity;
  }
  return config;
}
