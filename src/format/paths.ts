/** Paths as CI tools want them: relative to the working directory (the repository root in CI), `/` separators. */
import path from "node:path";

export function relativePath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath.split(path.sep).join("/");
  const rel = path.relative(cwd, filePath);
  if (rel === "") return ".";
  if (rel.startsWith("..") || path.isAbsolute(rel)) return filePath.split(path.sep).join("/");
  return rel.split(path.sep).join("/");
}
