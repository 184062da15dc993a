/** Which files to lint: named files, repositories (directories) and standard input. */
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import { isGlob } from "./glob.js";
import { escapeOf, findRepositoryRoot, isLink, lintedRoot, realOrSelf, type RootMemo } from "./guard.js";
import { DEFAULT_MAX_FILE_SIZE, decodeBuffer, type ReadResult } from "./decode.js";
import { readRegularFile } from "./safe-read.js";

export { DEFAULT_MAX_FILE_SIZE, decodeBuffer, type ReadResult };

/** Where GitHub looks for a security policy, in the order it picks the first one found. */
export const POLICY_FOLDERS = [".github", "", "docs"] as const;
const POLICY_NAME = /^security\.(?:md|markdown)$/i;

/** The policy GitHub would show for a repository rooted at `dir`, or null. */
export function discoverPolicy(dir: string): string | null {
  for (const folder of POLICY_FOLDERS) {
    const where = path.join(dir, folder);
    // Directory walks never follow links: a linked `.github` or `docs` folder is not searched.
    if (folder !== "" && isLink(where)) continue;
    let names: string[];
    try {
      names = readdirSync(where).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (!POLICY_NAME.test(name)) continue;
      const file = path.join(where, name);
      try {
        // A link is returned as found; resolveTargets refuses it when it leads out of the linted root.
        if (statSync(file).isFile()) return file;
      } catch {
        // A dangling link is not a policy.
      }
    }
  }
  return null;
}

export const NO_POLICY_HINT = "GitHub looks for SECURITY.md in .github/, the repository root and docs/";

export interface Target {
  /** Absolute path, or `<stdin>`-style name for standard input. */
  filePath: string;
  /** The path as the user gave it (or as discovered, relative to the current directory). */
  displayPath: string;
  stdin: boolean;
  /** Set when the argument cannot be linted: the message says why. */
  error?: string;
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Turn command-line paths into lint targets, in argument order. A target that reaches outside the linted
 * root through a symbolic link is refused. A file named twice (`a.md ./a.md`, or a link and its target)
 * is linted once, where first named: `--fix` must not write it twice. `memo` keeps the repository roots
 * found, for the rest of the run.
 */
export function resolveTargets(paths: readonly string[], cwd: string, stdinFilename?: string, memo: RootMemo = new Map()): Target[] {
  const seen = new Set<string>();
  const realRoots = new Map<string, string>();
  const out: Target[] = [];
  for (const target of resolveUnguarded(paths, cwd, stdinFilename)) {
    if (target.error || target.stdin) {
      out.push(target);
      continue;
    }
    let real: string | null = null;
    try {
      real = realpathSync(target.filePath);
    } catch {
      // A path that cannot be resolved is left to the reader to report.
    }
    if (real !== null) {
      const root = lintedRoot(target.filePath, cwd, memo);
      let realRoot = realRoots.get(root);
      if (realRoot === undefined) realRoots.set(root, (realRoot = realOrSelf(root)));
      const escape = escapeOf(path.resolve(target.filePath), real, root, realRoot);
      if (escape) {
        out.push({ ...target, error: escape });
        continue;
      }
    }
    real ??= target.filePath;
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(target);
  }
  return out;
}

function resolveUnguarded(paths: readonly string[], cwd: string, stdinFilename?: string): Target[] {
  if (paths.length === 0) {
    // The policy of this folder, else that of the repository it is in (run from a subfolder).
    const root = findRepositoryRoot(cwd);
    const found = discoverPolicy(cwd) ?? (root !== null && root !== path.resolve(cwd) ? discoverPolicy(root) : null);
    if (!found) return [{ filePath: cwd, displayPath: ".", stdin: false, error: `no SECURITY.md found (${NO_POLICY_HINT})` }];
    return [{ filePath: found, displayPath: display(found, cwd), stdin: false }];
  }
  return paths
    .flatMap((arg) => (isGlob(arg) && !exists(path.resolve(cwd, arg)) ? expandGlob(arg, cwd) : [arg]))
    .map((arg): Target => {
      if (arg === "-") {
        const name = stdinFilename ? path.resolve(cwd, stdinFilename) : "<stdin>";
        return { filePath: name, displayPath: stdinFilename ?? "<stdin>", stdin: true };
      }
      const abs = path.resolve(cwd, arg);
      let stat;
      try {
        stat = statSync(abs);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === "ENOENT"
            ? isGlob(arg)
              ? "no file matches this pattern"
              : "no such file or directory"
            : code === "EACCES"
              ? "permission denied"
              : `cannot read (${code ?? "error"})`;
        return { filePath: abs, displayPath: arg, stdin: false, error: why };
      }
      if (stat.isDirectory()) {
        const found = discoverPolicy(abs);
        if (!found)
          return { filePath: abs, displayPath: arg, stdin: false, error: `no SECURITY.md found in this directory (${NO_POLICY_HINT})` };
        return { filePath: found, displayPath: display(found, cwd), stdin: false };
      }
      return { filePath: abs, displayPath: arg, stdin: false };
    });
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pattern the shell left unexpanded (quoted, or on Windows), expanded as ESLint does: files only, in
 * sorted order, no dot folders unless the pattern names them, never into node_modules or through links.
 * A pattern that matches nothing stays as it is, to be reported as missing.
 */
function expandGlob(pattern: string, cwd: string): string[] {
  const matches = globSync(pattern, {
    cwd,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ["**/node_modules/**", "**/.git/**"],
    expandDirectories: false,
  });
  return matches.length === 0 ? [pattern] : matches.sort();
}

/** Read a file as text, or say why it cannot be linted. */
export function readPolicyFile(file: string, maxSize = DEFAULT_MAX_FILE_SIZE): ReadResult {
  // Checked on the open descriptor, opened without blocking: a FIFO swapped in after the targets were
  // resolved cannot hang the run.
  const read = readRegularFile(file, { maxBytes: maxSize });
  if (read.ok) return decodeBuffer(read.bytes);
  if (read.reason === "not-regular") return { error: "not a regular file" };
  if (read.reason === "too-big") return { error: `file is ${read.size} bytes, over the ${maxSize}-byte limit (--max-file-size)` };
  return { error: read.code === "EACCES" ? "permission denied" : `cannot read (${read.code ?? "error"})` };
}
