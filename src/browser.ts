/**
 * The linter as the browser playground uses it: a text, a preset, a clock; no file system, no repository,
 * no worker threads, no cache. It imports only the engine, the rules, the presets and the policy model
 * (scripts/build-playground.mjs bundles it with `platform: "browser"`, so a Node module in this graph
 * fails the build).
 *
 * The text is linted as the CLI lints a file that holds it: encoded as UTF-8 and decoded again, so the
 * encoding facts (a byte order mark, control characters) are the ones a file would give. Rules that read
 * the repository around the policy (other policy files, security.txt, Security Insights, the project's
 * version and GitHub slug) find no repository, as the CLI finds none for a file in an empty folder.
 */
import { rules } from "../rules/index.js";
import { PROFILES } from "./config/presets.js";
import { PRESET_NAMES, type PresetName, type ResolvedConfig, resolveConfig } from "./config/schema.js";
import { lintText, lintTextAndFix } from "./engine/lint.js";
import { DEFAULT_MAX_FILE_SIZE, type DecodeFacts, decodeBuffer } from "./io/decode.js";
import { unifiedDiff } from "./format/unified-diff.js";
import type { Finding, LintResult } from "./types.js";

export { PRESET_NAMES, type PresetName, unifiedDiff };
export type { Finding, LintResult };

/** The rules that read files beside the policy: in the playground they see no repository. */
export const REPOSITORY_RULES = [
  "single-policy-file",
  "consistent-security-txt",
  "consistent-security-insights",
  "supported-versions-current",
] as const;

/** Each preset with one line about it, in the order the picker lists them. */
export function presets(): Array<{ name: PresetName; description: string }> {
  const own: Record<string, string> = {
    recommended: "The recommended rules (the default)",
    strict: "Every recommended rule as an error; the policy must be in the file; unused disable comments are errors",
    off: "No rules (inline comments can still turn rules on)",
  };
  return PRESET_NAMES.map((name) => ({
    name,
    description: own[name] ?? (PROFILES as Record<string, { description: string }>)[name]?.description ?? name,
  }));
}

/** The settings a configuration file holding only `{ "extends": name }` gives. */
export function presetConfig(name: PresetName): ResolvedConfig {
  if (!(PRESET_NAMES as readonly string[]).includes(name))
    throw new Error(`unknown preset \`${name}\`, expected one of ${PRESET_NAMES.join(", ")}`);
  return resolveConfig({ extends: name }, null);
}

export interface PlaygroundOptions {
  preset: PresetName;
  /** The time date rules compare with (the page's clock unless a test fixes it). */
  now: Date;
  /** The name findings and the diff give the text. */
  fileName?: string;
}

/** The text as the file that holds it would be read, or why the CLI would refuse that file. */
function asFile(text: string): { text: string; decoded: DecodeFacts } | { error: string } {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > DEFAULT_MAX_FILE_SIZE)
    return { error: `the text is ${bytes.length} bytes, over the ${DEFAULT_MAX_FILE_SIZE}-byte limit a file has` };
  return decodeBuffer(bytes);
}

/** What the playground shows: a lint result, or why the text cannot be linted. */
export type PlaygroundResult = { result: LintResult } | { error: string };

/** Lint a policy text with `engine` (the engine's lint, or its lint-and-fix) as a file that holds it. */
async function lintAsFile(engine: typeof lintText, text: string, options: PlaygroundOptions): Promise<PlaygroundResult> {
  const file = asFile(text);
  if ("error" in file) return file;
  const config = presetConfig(options.preset);
  return {
    result: await engine(
      file.text,
      { decoded: file.decoded, config, now: options.now, filePath: options.fileName ?? "SECURITY.md" },
      rules,
    ),
  };
}

/** Lint a policy text. */
export function lintPolicy(text: string, options: PlaygroundOptions): Promise<PlaygroundResult> {
  return lintAsFile(lintText, text, options);
}

/** Lint a policy text and apply every fix, as `--fix-dry-run` does: `output` is the fixed text when a fix changed it. */
export function fixPolicy(text: string, options: PlaygroundOptions): Promise<PlaygroundResult> {
  return lintAsFile(lintTextAndFix, text, options);
}

/** Each rule's id and description, for the page's list of what ran. */
export function ruleList(): Array<{ id: string; description: string }> {
  return rules.map((r) => ({ id: r.meta.id, description: r.meta.description }));
}
