/** Find and read configuration files. Configuration is data: JSON or YAML, never code. */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { findRepositoryRoot, lintedRoot, linkEscape } from "../guard.js";
import { readConfigText } from "./read.js";
import { resolveWithExtends } from "./extends.js";
import { ConfigError, type ResolvedConfig, type UserConfig, validateConfig } from "../../config/schema.js";

export const CONFIG_FILES = [".secpolicylintrc.json", ".secpolicylintrc.yaml", ".secpolicylintrc.yml", "package.json"] as const;
export const PACKAGE_KEY = "secpolicy-lint";

function readText(file: string): string {
  // A configuration file reached through a link that leaves the repository is never read.
  const escape = linkEscape(file, lintedRoot(file, process.cwd()));
  if (escape) throw new ConfigError(`${file}: ${escape}`);
  return readConfigText(file);
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  const { LineCounter, parseDocument } = await import("../../policy/formats/yaml.js");
  const lineCounter = new LineCounter();
  // The core schema has no custom tags; merge keys are off and aliases are capped against alias bombs.
  const doc = parseDocument(text, { schema: "core", merge: false, uniqueKeys: true, prettyErrors: false, lineCounter });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    throw new ConfigError(`${file}${line ? `:${line.line}:${line.col}` : ""}: invalid YAML (${error.message.split("\n")[0]})`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${file}: invalid YAML (${(e as Error).message.split("\n")[0]})`);
  }
}

/** Line and column (1-based) of a UTF-16 offset. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return `${line}:${offset - start + 1}`;
}

/**
 * JSON, or with `comments` JSON with comments and trailing commas (as editors write `.json` configuration
 * files, and ESLint reads them). An error names its line and column and the kind of mistake, never the
 * text around it.
 */
function parseJson(text: string, file: string, comments = true): unknown {
  const body = text.replace(/^\uFEFF/, "");
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: comments, disallowComments: !comments, allowEmptyContent: false });
  const first = errors[0];
  if (first || !tree)
    throw new ConfigError(
      `${file}:${lineColumn(body, first?.offset ?? 0)}: invalid JSON (${first ? printParseErrorCode(first.error) : "ValueExpected"})`,
    );
  return jsonValue(tree);
}

/**
 * The value of a parsed JSON node, with every key an own property as JSON.parse makes it: a key such as
 * `__proto__` stays a key (for the rule id check to refuse) and never becomes the object's prototype.
 */
function jsonValue(node: JsonNode): unknown {
  if (node.type === "array") return (node.children ?? []).map(jsonValue);
  if (node.type !== "object") return node.value;
  const object: Record<string, unknown> = {};
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value)
      Object.defineProperty(object, String(key.value), { value: jsonValue(value), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Read and validate one configuration file (JSON, YAML, or package.json's `secpolicy-lint` key). */
export async function readConfigFile(file: string): Promise<UserConfig | null> {
  const text = readText(file);
  const base = path.basename(file);
  let raw: unknown;
  if (base === "package.json") {
    const pkg = parseJson(text, file, false);
    if (pkg === null || typeof pkg !== "object" || !(PACKAGE_KEY in pkg)) return null;
    raw = (pkg as Record<string, unknown>)[PACKAGE_KEY];
    return validateConfig(raw, `${file} (key "${PACKAGE_KEY}")`);
  }
  raw = /\.ya?ml$/i.test(file) ? await parseYaml(text, file) : parseJson(text, file);
  if (raw === null || raw === undefined) raw = {};
  return validateConfig(raw, file);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The configuration file that applies to a directory: the nearest one from the directory up to the
 * repository root (or the file system root outside a repository).
 */
export async function findConfigFile(
  startDir: string,
  onWarning?: (message: string) => void,
): Promise<{ file: string; config: UserConfig } | null> {
  let dir = path.resolve(startDir);
  for (;;) {
    if (onWarning)
      for (const name of nearMisses(dir))
        onWarning(`${path.join(dir, name)}: ignored; configuration files are named ${CONFIG_FILES.join(", ")}`);
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (!existsSync(candidate) || isDirectory(candidate)) continue;
      const config = await readConfigFile(candidate);
      if (config) return { file: candidate, config };
    }
    if (existsSync(path.join(dir, ".git"))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A name that looks meant for a configuration file but is not one (`.secpolicylintrc`, `.secpolicy-lint.yaml`, …). */
const NEAR_MISS = /^\.?secpolicy[-_.]?lint(?:[-_.]?rc)?(?:\.(?:json5?|jsonc|ya?ml|toml|js|cjs|mjs|ts))?$/i;

function nearMisses(dir: string): string[] {
  let names: string[];
  try {
    // Names only: a folder such as /tmp may hold thousands of entries, and only a near miss needs its type.
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter(
      (n) =>
        NEAR_MISS.test(n) &&
        !(CONFIG_FILES as readonly string[]).includes(n) &&
        !/^\.secpolicylintcache/i.test(n) &&
        isFile(path.join(dir, n)),
    )
    .sort();
}

/** Whether a path is a regular file itself (a link is not followed). */
function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

export interface LoadConfigOptions {
  /** An explicit configuration file (`--config`): discovery is skipped. */
  configFile?: string;
  /** Told about files discovery passes over that look like misnamed configuration files. */
  onWarning?: (message: string) => void;
}

/** The resolved configuration for a file in `directory`. */
export async function loadConfig(directory: string, options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  if (options.configFile) {
    const file = path.resolve(options.configFile);
    if (!existsSync(file)) throw new ConfigError(`${options.configFile}: configuration file not found`);
    const config = await readConfigFile(file);
    if (!config) throw new ConfigError(`${options.configFile}: no "${PACKAGE_KEY}" key in package.json`);
    return resolveWithExtends(config, file, findRepositoryRoot(path.dirname(file)), readConfigFile);
  }
  const found = await findConfigFile(directory, options.onWarning);
  return resolveWithExtends(found?.config ?? null, found?.file ?? null, findRepositoryRoot(directory), readConfigFile);
}

/** What a configuration object given to the API is called in messages. */
export const CONFIG_OBJECT = "configuration object";

/**
 * Resolve a configuration given as data (the API's `config` option), as if it were a configuration file
 * in `cwd`: validated by the same schemas, with `extends` (presets, files relative to `cwd`, packages)
 * followed by the same rules. Throws ConfigError.
 */
export async function resolveConfigObject(raw: unknown, cwd: string): Promise<ResolvedConfig> {
  const user = validateConfig(raw ?? {}, CONFIG_OBJECT);
  const dir = path.resolve(cwd);
  // A stand-in path in `cwd`: relative `extends` paths resolve from it, and messages name the object.
  const file = path.join(dir, `(${CONFIG_OBJECT})`);
  let resolved: ResolvedConfig;
  try {
    resolved = await resolveWithExtends(user, file, findRepositoryRoot(dir), readConfigFile);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message.split(file).join(CONFIG_OBJECT));
    throw error;
  }
  resolved.sources = resolved.sources.map((s) => (s === file ? CONFIG_OBJECT : s));
  return resolved;
}

/** Whether `config` is already resolved (from `loadConfig` or `resolveConfig`): only resolved ones list their `sources`. */
export function isResolvedConfig(config: unknown): config is ResolvedConfig {
  return typeof config === "object" && config !== null && Array.isArray((config as { sources?: unknown }).sources);
}
