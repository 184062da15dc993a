#!/usr/bin/env node
/**
 * The CLI's entry (dist/cli.cjs). It first checks the Node version: on a Node older than `engines` says,
 * it prints one line and exits 2 before anything else loads (an exit of 1 would read as "violations").
 *
 * Node 20 has no compile cache for ES modules, and a cold run spent about a sixth of its time parsing
 * and compiling the bundle. So the program (src/cli/program.ts) is bundled as a classic script
 * (dist/chunk-cli.js, see scripts/build.mjs) and run through `vm.Script` with a V8 code cache: after a
 * run without a usable cache, the bytecode of the functions that run compiled is written to the user's
 * cache directory (`$SECPOLICY_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/secpolicy-lint`, else
 * `%LOCALAPPDATA%\secpolicy-lint` on Windows, else `~/.cache/secpolicy-lint`: the folder the results
 * cache keeps its key in, by one rule: src/io/cache-folder.ts), never into the installed package, and later runs skip parsing
 * and compiling them.
 *
 * The cache is an optimisation only. Its file name is made from the program's path and the package
 * version; its header names what it was made from (the Node version, the architecture, and the program
 * file's size, modification time and inode, which a rebuild, checkout or copy changes), and V8 itself
 * rejects data of another V8 version, other flags or another source length. A cache that is missing,
 * stale, rejected or unreadable is ignored silently and replaced; where the folder cannot be written
 * every run compiles as before. The folder belongs to the user running the linter (created 0700), never to
 * the repository being linted. `SECPOLICY_LINT_CODE_CACHE=0` turns it off.
 */

// Bundled into this entry: plain functions and constants, nothing that runs on load (the Node check below still comes first).
import { userCacheDir } from "../io/cache-folder.js";
import { isShort, lints } from "./argv.js";

declare const __SECPOLICY_LINT_VERSION__: string;
/** package.json's `engines.node` (">=20.19"), put in by the build. */
declare const __SECPOLICY_LINT_ENGINES__: string;

// The oldest Node this program runs on, checked before anything else: older releases lack
// process.getBuiltinModule, which everything below uses.
const required = __SECPOLICY_LINT_ENGINES__.replace(/^>=\s*/, "");
const older = (have: string, need: string): boolean => {
  const [a = 0, b = 0, c = 0] = have.split(".").map(Number);
  const [x = 0, y = 0, z = 0] = need.split(".").map(Number);
  return a !== x ? a < x : b !== y ? b < y : c < z;
};
if (older(process.versions.node, required) || typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule !== "function") {
  const lacks = older(process.versions.node, required) ? "" : " without process.getBuiltinModule";
  process.stderr.write(`secpolicy-lint: Node.js ${required} or later is required; this is Node.js ${process.versions.node}${lacks}\n`);
  process.exit(2);
}

// Built-in modules are taken with process.getBuiltinModule, not imported: an import would be hoisted
// above the version check.
const { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } =
  process.getBuiltinModule("node:fs");
const path = process.getBuiltinModule("node:path");
const { fileURLToPath } = process.getBuiltinModule("node:url");
const { setFlagsFromString } = process.getBuiltinModule("node:v8");
const { Script } = process.getBuiltinModule("node:vm");

const bundleUrl = new URL("./chunk-cli.js", import.meta.url);
const bundle = fileURLToPath(bundleUrl);
// The build writes the program in ASCII only (scripts/build.mjs): read as latin1, it becomes a one-byte
// string without UTF-8 decoding.
const source = readFileSync(bundle, "latin1");
const useCache = process.env.SECPOLICY_LINT_CODE_CACHE !== "0";

/** FNV-1a over the program's path: one cache file per installed copy, so two installs do not take turns. */
function pathHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}
const cacheFile = path.join(userCacheDir(), `chunk-cli-${__SECPOLICY_LINT_VERSION__}-${pathHash(bundle)}.v8cache`);

/** The cache file's first line: what the data was made from (stat, not a hash of the text: that costs milliseconds). */
function cacheKey(): Buffer {
  const stat = statSync(bundle, { bigint: true });
  return Buffer.from(`secpolicy-lint v8 cache\0${process.version}\0${process.arch}\0${stat.size}\0${stat.mtimeNs}\0${stat.ino}\n`);
}
const key = useCache ? cacheKey() : Buffer.alloc(0);

function readCache(): Buffer | undefined {
  if (!useCache) return undefined;
  try {
    const data = readFileSync(cacheFile);
    return data.length > key.length && data.subarray(0, key.length).equals(key) ? data.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/** How long the cache of another version or install is kept without being written: a month. */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Remove, from the folder this run's cache was written to, the code caches that no run has written for
 * a month (those of versions since upgraded and of installs since removed: each is most of a megabyte)
 * and the temporary files a killed run left. Only the linter's own code-cache files, only regular
 * files; a cache still in use is written again by its next run.
 */
function pruneCaches(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === cacheFile || !/^chunk-cli-[\w.+-]+\.v8cache(?:\.\d+\.tmp)?$/.test(name)) continue;
    try {
      const stat = lstatSync(file);
      if (stat.isFile() && now - stat.mtimeMs > STALE_MS) rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function writeCache(script: import("node:vm").Script): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    // Written whole under a temporary name, then renamed: a concurrent run reads the old file or the new.
    writeFileSync(temp, Buffer.concat([key, script.createCachedData()]), { flag: "wx", mode: 0o600 });
    renameSync(temp, cacheFile);
    pruneCaches(path.dirname(cacheFile));
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing to clean up, or nothing we may clean up.
    }
  }
}

const args = process.argv.slice(2);
// Only a run that lints (ends with 0 or 1) writes the cache, so it holds the linter's code and not only
// that of `--help`, `--version`, a subcommand or a usage error; a short one reads it (see src/cli/argv.ts).
const fast = isShort(args);
/**
 * V8 prints "unrecognized flag" for a flag it does not know, so the flag is set only on the V8 versions it
 * was measured on and is known to exist in (11 in Node 20, 12 in Node 22); later ones run as they are.
 */
const knownV8 = Number(process.versions.v8.split(".")[0]) <= 12;
/** Whether the user set a V8 flag themselves (on the command line or in NODE_OPTIONS): theirs wins. */
const userSet = (flag: string): boolean => [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes(flag));
if (lints(args) && !fast && knownV8 && !userSet("--heap-growing-percent")) {
  // A long run (many files) allocates a markdown tree per file and keeps almost none of it, but V8, finding
  // collection cheap, lets the old space grow severalfold before collecting. Growing it by half at most
  // lowers the peak for a little more CPU time (the figures are in docs/performance.md, "Bulk"). V8 reads
  // this flag whenever it sets the next limit. `node --heap-growing-percent=0 dist/cli.cjs` keeps V8's own heuristics.
  setFlagsFromString("--heap-growing-percent=50");
}
if (fast && knownV8 && !userSet("--semi-space-growth-factor")) {
  // V8's young generation starts at 1 MB and doubles whenever much of it survives a collection, which
  // start-up (the program's tables, the tree being built) always does: a one-file run grew it to 4 MB per
  // half and touched 7 MB of fresh memory there. Touching a page the first time is dear (a page fault), and
  // held at 1 MB the run takes about 950 fewer faults, more than paying for its few extra collections
  // (docs/performance.md, "Start-up"). A long run keeps V8's default: with many files, a young generation
  // held small collects far more often and the run takes half as long again.
  setFlagsFromString("--semi-space-growth-factor=1");
}
if (lints(args) && knownV8 && !userSet("regexp-tier-up")) {
  // V8 compiles a regular expression to bytecode on its first use and again to machine code on its
  // second. The linter runs hundreds of patterns, many with large Unicode classes, most of them more than
  // once per policy: compiling each once, straight to machine code, takes a one-file run about 4% fewer
  // instructions and a 200-file run about 2% (docs/performance.md, "Start-up").
  setFlagsFromString("--no-regexp-tier-up");
}
if (lints(args) && knownV8 && !userSet("--interrupt-budget")) {
  // V8 starts optimising a function after a budget of bytecode runs. In a short run that work mostly
  // competes with the run itself; in a long one, hundreds of the parser's and the model's functions
  // are each optimised, some several times, and every worker thread does it again: about a third of
  // the CPU time of a 2,000-file run went to the optimising compiler. A larger budget (16x the default)
  // leaves it to code that stays hot (see docs/performance.md, "Start-up" and "Bulk"). Set before the
  // program is compiled, as the code cache requires: V8 rejects cached data made under other flags.
  setFlagsFromString("--interrupt-budget=1048576");
}
const cachedData = fast ? readCache() : undefined;
// The program's file is one function expression, `(function (exports, require, module,
// __secpolicyMetaUrl, __secpolicyImport) { ... })`, written so by the build (scripts/build.mjs): compiled as
// it is read, with no copy of the text to wrap it.
const script = new Script(source, { filename: bundle, cachedData });
if (fast && useCache && (cachedData === undefined || script.cachedDataRejected === true)) {
  // At exit, so the data holds the functions this run compiled, not just the top level.
  process.once("exit", (code) => {
    if (code === 0 || code === 1) writeCache(script);
  });
}
type Program = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  metaUrl: string,
  load: (specifier: string) => Promise<unknown>,
) => void;
const run = script.runInThisContext() as Program;
const module = { exports: {} };
// The bundle's `import()`s (openpgp, the YAML chunk) resolve from here: dist/, like the bundle itself.
// This entry's own `require` (it is CommonJS) resolves from dist/, as the program's would: node:module
// need not load to make another.
run(module.exports, require, module, bundleUrl.href, (specifier) => import(specifier));
