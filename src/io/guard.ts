/**
 * The one guard for paths in an untrusted file tree: the root a path must stay inside, and symbolic links.
 * A pull request can commit `SECURITY.md -> /etc/passwd`; the linter must refuse such a file without
 * reading it. A link is accepted only when it resolves inside the linted root: the repository root, or the
 * current directory outside a repository. Reading (src/io/files.ts, repository.ts, config/), writing fixes
 * (fix.ts) and `init` all ask here.
 */
import { existsSync, lstatSync, realpathSync } from "node:fs";
import path from "node:path";

/**
 * The answers of `findRepositoryRoot` for the folders it has looked at, for one run over many files: the
 * files of a folder, and the folders of a repository, then share one walk. A long-lived caller (the
 * language server) does not keep one, so a repository created later is found.
 */
export type RootMemo = Map<string, string | null>;

/** The nearest folder at or above `start` that holds `.git`, or null. */
export function findRepositoryRoot(start: string, memo?: RootMemo): string | null {
  let dir = path.resolve(start);
  const walked: string[] = [];
  let root: string | null;
  for (;;) {
    const known = memo?.get(dir);
    if (known !== undefined) {
      root = known;
      break;
    }
    walked.push(dir);
    if (existsSync(path.join(dir, ".git"))) {
      root = dir;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      root = null;
      break;
    }
    dir = parent;
  }
  if (memo) for (const folder of walked) memo.set(folder, root);
  return root;
}

/** The root a file must stay inside: its repository root, or `cwd` outside a repository. */
export function lintedRoot(file: string, cwd: string, memo?: RootMemo): string {
  return findRepositoryRoot(path.dirname(file), memo) ?? cwd;
}

/** Whether `child` is `parent` or below it, by the paths as written (no links resolved). */
export function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/** A path with its links resolved, or the path itself when it cannot be resolved (it does not exist yet). */
export function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether `file`, its links resolved, lies inside `root`, its links resolved. Throws when `file` does not exist. */
export function resolvesInside(file: string, root: string): boolean {
  return inside(realpathSync(file), realpathSync(root));
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why `file` must not be read, or null when it may be: the path (the file itself or a folder on the way
 * to it) is a symbolic link that resolves outside `root`. A path that does not exist is left to the
 * reader to report.
 */
export function linkEscape(file: string, root: string): string | null {
  const abs = path.resolve(file);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return null;
  }
  return escapeOf(abs, real, root);
}

/**
 * linkEscape for a path whose resolved form `real` is already known; `realRoot`, when given, is `root`
 * with its links resolved (one lookup for many files).
 */
export function escapeOf(abs: string, real: string, root: string, realRoot?: string): string | null {
  if (inside(abs, path.resolve(root))) {
    if (inside(real, realRoot ?? realOrSelf(root))) return null;
  } else {
    // A path named outside the root: only a link in its last component is judged, against its own folder.
    if (!isLink(abs)) return null;
    if (inside(real, realOrSelf(path.dirname(abs)))) return null;
  }
  return `symbolic link resolves outside ${root} (to ${real}), refused: the linter does not read files outside the linted repository`;
}

/** Whether a path is itself a symbolic link (not followed by directory walks). */
export { isLink };
