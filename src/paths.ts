/**
 * Paths inside a repository, without node:path: rules compute them, and the rules also run in the browser
 * playground (where no repository is ever found, but the module graph must load).
 */

const WINDOWS_ROOT = /^(?:[a-z]:[\\/]|\\\\)/i;

/**
 * The path of `file` inside the repository rooted at `root`, with `/` separators, or null when the file is
 * not inside it. Both are absolute and normalised, as `path.resolve` gives them; Windows paths (a drive
 * letter or a UNC share) may use either separator and are compared without regard to case, as
 * `path.win32.relative` compares them.
 */
export function pathInRepository(root: string, file: string): string | null {
  const windows = WINDOWS_ROOT.test(root);
  const slashes = (p: string): string => (windows ? p.replace(/\\/g, "/") : p);
  let end = root.length;
  while (end > 0 && slashes(root)[end - 1] === "/") end--;
  const base = `${slashes(root).slice(0, end)}/`;
  const target = slashes(file);
  const inside = windows ? target.toLowerCase().startsWith(base.toLowerCase()) : target.startsWith(base);
  if (!inside || target.length === base.length) return null;
  return target.slice(base.length);
}
