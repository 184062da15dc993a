/**
 * Symbolic links in an untrusted file tree. A pull request can commit `SECURITY.md -> /etc/passwd`; the
 * linter must refuse such a file without reading it. A link is accepted only when it resolves inside
 * the linted root: the repository root, or the current directory outside a repository.
 */
import { lstatSync, realpathSync } from "node:fs";
import path from "node:path";

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
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
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      realRoot = path.resolve(root);
    }
    if (inside(real, realRoot)) return null;
  } else {
    // A path named outside the root: only a link in its last component is judged, against its own folder.
    if (!isLink(abs)) return null;
    let folder: string;
    try {
      folder = realpathSync(path.dirname(abs));
    } catch {
      folder = path.dirname(abs);
    }
    if (inside(real, folder)) return null;
  }
  return `symbolic link resolves outside ${root} (to ${real}), refused: the linter does not read files outside the linted repository`;
}

/** Whether a path is itself a symbolic link (not followed by directory walks). */
export { isLink };
