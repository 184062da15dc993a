/**
 * `extends`: layer a configuration on built-in profiles, on JSON/YAML files next to it, or on a shared
 * policy published as an npm package (`"secpolicy-lint": "policy.json"` in its package.json). Shared
 * policies are data: they are read and validated, never imported or executed. A file outside the
 * repository and outside node_modules is refused, and so is a package folder that a link leads out of its
 * node_modules, and a cycle. Each file is layered once per resolution, where it is first named: a file
 * that several others extend (a diamond) is applied once, not once per path to it, so a chain of files
 * that each name the next twice costs linear, not exponential, time.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { jsonErrorPlace, readConfigText } from "./read.js";
import {
  ConfigError,
  applyRules,
  extendsKind,
  preset,
  type PresetName,
  type ResolvedConfig,
  type RuleSetting,
  type UserConfig,
  withInlineSettings,
} from "../../config/schema.js";

export type ReadConfig = (file: string) => Promise<UserConfig | null>;

/** The package.json field of a shared policy package that names its policy file. */
export const POLICY_FIELD = "secpolicy-lint";

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Whether `file` is inside a node_modules folder that Node would search from `dir` (dir/node_modules, ../node_modules, …). */
function inNodeModules(file: string, dir: string): boolean {
  let at = path.resolve(dir);
  for (;;) {
    const modules = path.join(at, "node_modules");
    if (inside(file, modules) || inside(file, real(modules))) return true;
    const parent = path.dirname(at);
    if (parent === at) return false;
    at = parent;
  }
}

/** Where `node_modules/<name>` is, walking up from `dir` as Node does, with the node_modules folder it is in. */
function findPackage(name: string, dir: string): { dir: string; modules: string } | null {
  let at = path.resolve(dir);
  for (;;) {
    const modules = path.join(at, "node_modules");
    const candidate = path.join(modules, ...name.split("/"));
    if (existsSync(path.join(candidate, "package.json"))) return { dir: candidate, modules };
    const parent = path.dirname(at);
    if (parent === at) return null;
    at = parent;
  }
}

interface Context {
  /** The repository root (or the first configuration file's folder): relative paths may not leave it. */
  root: string;
  read: ReadConfig;
  /** Files being resolved, outermost first, for cycle messages. */
  stack: string[];
  /** Files already layered in this resolution (real paths): each is applied once, where first named. */
  applied: Set<string>;
}

function readPackagePolicy(name: string, from: string): string {
  const found = findPackage(name, path.dirname(from));
  if (!found) {
    throw new ConfigError(
      `${from}: extends: unknown preset \`${name}\`, and no installed package of that name (no node_modules/${name}/package.json above ${path.dirname(from)})`,
    );
  }
  const { dir, modules } = found;
  // The package must really be in its node_modules folder, and that folder in its own parent: a link that
  // leads either one elsewhere (a pull request can commit `node_modules/policy -> /etc`) is refused
  // before anything in it is read. Links inside node_modules (pnpm's layout) stay inside.
  const realModules = real(modules);
  if (!inside(realModules, real(path.dirname(modules))) || !inside(real(dir), realModules)) {
    throw new ConfigError(
      `${from}: extends: package \`${name}\` is a link that leads outside ${modules}, refused: the linter does not read files outside the repository and its node_modules`,
    );
  }
  const manifest = path.join(dir, "package.json");
  const manifestText = readConfigText(manifest);
  let field: unknown;
  try {
    field = (JSON.parse(manifestText) as Record<string, unknown>)[POLICY_FIELD];
  } catch (e) {
    throw new ConfigError(`${manifest}${jsonErrorPlace(manifestText, e)}: invalid JSON`);
  }
  if (typeof field !== "string" || field === "") {
    throw new ConfigError(
      `${manifest}: extends: package \`${name}\` has no "${POLICY_FIELD}" field naming its policy file, expected e.g. "${POLICY_FIELD}": "policy.json"`,
    );
  }
  const file = path.resolve(dir, field);
  if (!inside(real(file), real(dir))) {
    throw new ConfigError(
      `${manifest}: "${POLICY_FIELD}": \`${field}\` points outside the package, expected a JSON or YAML file inside ${dir}`,
    );
  }
  return file;
}

async function layer(
  user: UserConfig,
  file: string,
  ctx: Context,
  base: Record<string, RuleSetting>,
  sources: string[],
): Promise<Record<string, RuleSetting>> {
  // Entries apply in order; a built-in profile sets every rule, a file or package adds its settings.
  // Without `extends`, a file builds on what it is layered on (recommended at the top).
  const entries = typeof user.extends === "string" ? [user.extends] : (user.extends ?? []);
  let rules = base;
  for (const entry of entries) {
    const kind = extendsKind(entry);
    if (kind === "preset") {
      rules = preset(entry as PresetName);
      continue;
    }
    let target: string;
    if (kind === "path") {
      // Shared policies are data: a path that names anything but a JSON or YAML file is refused unread.
      if (!/\.(?:json|ya?ml)$/i.test(entry)) {
        throw new ConfigError(
          `${file}: extends: \`${entry}\` is not a JSON or YAML file, expected a shared policy such as \`./policy.json\` (configuration is data, never code)`,
        );
      }
      target = path.resolve(path.dirname(file), entry);
      const resolved = real(target);
      if (!inside(resolved, real(ctx.root)) && !inNodeModules(resolved, path.dirname(file))) {
        throw new ConfigError(
          `${file}: extends: \`${entry}\` points outside the repository (${ctx.root}) and node_modules, expected a file inside them`,
        );
      }
      if (!existsSync(target) || !statSync(target).isFile()) throw new ConfigError(`${file}: extends: \`${entry}\` not found (${target})`);
    } else {
      target = readPackagePolicy(entry, file);
      if (!existsSync(target)) throw new ConfigError(`${file}: extends: policy file of package \`${entry}\` not found (${target})`);
    }
    const key = real(target);
    if (ctx.stack.includes(key)) {
      throw new ConfigError(`${file}: extends: cycle ${[...ctx.stack, key].map((f) => path.relative(ctx.root, f) || f).join(" -> ")}`);
    }
    if (ctx.applied.has(key)) continue;
    ctx.applied.add(key);
    const shared = await ctx.read(target);
    if (!shared) throw new ConfigError(`${target}: no "${POLICY_FIELD}" key in package.json`);
    ctx.stack.push(key);
    rules = await layer(shared, target, ctx, rules, sources);
    ctx.stack.pop();
    sources.push(target);
  }
  return applyRules(rules, user.rules);
}

/** Resolve a configuration read from `file`, following its `extends` chain. */
export async function resolveWithExtends(
  user: UserConfig | null,
  file: string | null,
  root: string | null,
  read: ReadConfig,
): Promise<ResolvedConfig> {
  if (!user || !file)
    return withInlineSettings({ rules: applyRules(preset("recommended"), user?.rules), sources: file ? [file] : [] }, user);
  const ctx: Context = { root: root ?? path.dirname(file), read, stack: [real(file)], applied: new Set() };
  const sources: string[] = [];
  const rules = await layer(user, file, ctx, preset("recommended"), sources);
  return withInlineSettings({ rules, sources: [...sources, file] }, user);
}
