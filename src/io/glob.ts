/**
 * Whether a path argument is a glob pattern (`"docs/**\/SECURITY.md"`, quoted so the shell leaves it for the
 * linter to expand, or on Windows): it holds one of `*?[]{}`. `-` (standard input) never is. A pattern
 * can name any number of files; the entry (src/cli/launch.ts) counts a run with one as a long run.
 */
export function isGlob(arg: string): boolean {
  return arg !== "-" && /[*?[\]{}]/.test(arg);
}
