/**
 * The one guard for paths in an untrusted file tree: the root a path must stay inside, and symbolic links.
 * A pull request can commit `SECURITY.md -> /etc/passwd`; the linter must refuse such a file without
 * reading it. A link is accepted only when it resolves inside the linted root: the repository root, or the
 * current directory outside a repository. Reading (src/io/files.ts, repository.ts, config/), writing fixes
 * (fix.ts) and `init` all ask here.
 */
import { existsSync, lstatSync, realpathSync } from "node:fs";
import path from "node:path";

/** The nearest folder at or above `start` that holds `.git`, or null. */
export function findRepositoryRoot(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The root a file must stay inside: its repository root, or `cwd` outside a repository. */
export function lintedRoot(file: string, cwd: string): string {
  return findRepositoryRoot(path.dirname(file)) ?? cwd;
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
  if (inside(abs, path.resolve(root))) {
    if (inside(real, realOrSelf(root))) return null;
  } else {
    // A path named outside the root: only a link in its last component is judged, against its own folder.
    if (!isLink(abs)) return null;
    if (inside(real, realOrSelf(path.dirname(abs)))) return null;
  }
  return `symbolic link resolves outside ${root} (to ${real}), refused: the linter does not read files outside the linted repository`;
}

/** Whether a path is itself a symbolic link (not followed by directory walks). */
export { isLink };
