/** Find and read configuration files. Configuration is data: JSON or YAML, never code. */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { linkEscape } from "../links.js";
import { jsonErrorPlace, readConfigText } from "./read.js";
import { resolveWithExtends } from "./extends.js";
import { ConfigError, type ResolvedConfig, type UserConfig, validateConfig } from "./schema.js";

export const CONFIG_FILES = [".secpolicylintrc.json", ".secpolicylintrc.yaml", ".secpolicylintrc.yml", "package.json"] as const;
export const PACKAGE_KEY = "secpolicy-lint";

function readText(file: string): string {
  // A configuration file reached through a link that leaves the repository is never read.
  const escape = linkEscape(file, findRepositoryRoot(path.dirname(file)) ?? process.cwd());
  if (escape) throw new ConfigError(`${file}: ${escape}`);
  return readConfigText(file);
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  const { LineCounter, parseDocument } = await import("./yaml.js");
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

function parseJson(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new ConfigError(`${file}${jsonErrorPlace(body, e)}: invalid JSON`);
  }
}

/** Read and validate one configuration file (JSON, YAML, or package.json's `secpolicy-lint` key). */
export async function readConfigFile(file: string): Promise<UserConfig | null> {
  const text = readText(file);
  const base = path.basename(file);
  let raw: unknown;
  if (base === "package.json") {
    const pkg = parseJson(text, file);
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

/** The repository root above a directory: the nearest folder with `.git`, or null. */
export function findRepositoryRoot(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The configuration file that applies to a directory: the nearest one from the directory up to the
 * repository root (or the file system root outside a repository).
 */
export async function findConfigFile(startDir: string): Promise<{ file: string; config: UserConfig } | null> {
  let dir = path.resolve(startDir);
  for (;;) {
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

export interface LoadConfigOptions {
  /** An explicit configuration file (`--config`): discovery is skipped. */
  configFile?: string;
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
  const found = await findConfigFile(directory);
  return resolveWithExtends(found?.config ?? null, found?.file ?? null, findRepositoryRoot(directory), readConfigFile);
}
