/**
 * The user's cache folder for secpolicy-lint, where the results cache keeps its key and default caches
 * (src/run/cache.ts) and the CLI's entry its V8 code cache (src/cli/launch.ts): one rule for both. Built-in
 * modules are taken with process.getBuiltinModule, so the entry, which bundles this module, imports no
 * ES module facade of node:path or node:os.
 */

/** The environment variable that names the folder for the cache key and default caches (tests set it). */
export const CACHE_DIR_ENV = "SECPOLICY_LINT_CACHE_DIR";

/**
 * `$SECPOLICY_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/secpolicy-lint`, else `%LOCALAPPDATA%\secpolicy-lint`
 * on Windows, else `~/.cache/secpolicy-lint`.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const path = process.getBuiltinModule("node:path");
  const override = env[CACHE_DIR_ENV];
  if (override) return path.resolve(override);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "secpolicy-lint");
  if (process.platform === "win32" && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, "secpolicy-lint");
  return path.join(process.getBuiltinModule("node:os").homedir(), ".cache", "secpolicy-lint");
}
