/**
 * The pieces the rules use in place of Node's `path` and `Buffer`, so that the rules also run in the
 * browser playground: they must answer as Node's own functions do.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { utf8Length } from "../src/policy/formats/scorecard.js";
import { pathInRepository } from "../src/paths.js";

/** What the rules computed before, with node:path: the relative path, or null when it leaves the root. */
function withNodePath(p: typeof path.posix, root: string, file: string): string | null {
  const relative = p.relative(root, file);
  return relative === "" || relative.startsWith("..") || p.isAbsolute(relative) ? null : relative.split(p.sep).join("/");
}

describe("pathInRepository", () => {
  const posix: Array<[string, string]> = [
    ["/repo", "/repo/SECURITY.md"],
    ["/repo", "/repo/.github/SECURITY.md"],
    ["/repo/", "/repo/docs/SECURITY.md"],
    ["/", "/SECURITY.md"],
    ["/repo", "/repository/SECURITY.md"],
    ["/repo", "/other/SECURITY.md"],
    ["/repo", "/repo"],
    ["/Repo", "/repo/SECURITY.md"],
  ];
  it.each(posix)("POSIX %s and %s: as path.posix.relative", (root, file) => {
    expect(pathInRepository(root, file)).toBe(withNodePath(path.posix, root, file));
  });
  const windows: Array<[string, string]> = [
    ["C:\\repo", "C:\\repo\\.github\\SECURITY.md"],
    ["C:\\Repo", "c:\\repo\\docs\\SECURITY.md"],
    ["C:\\", "C:\\SECURITY.md"],
    ["C:\\repo", "C:\\repository\\SECURITY.md"],
    ["C:\\repo", "D:\\repo\\SECURITY.md"],
    ["\\\\server\\share\\repo", "\\\\server\\share\\repo\\SECURITY.md"],
  ];
  it.each(windows)("Windows %s and %s: as path.win32.relative", (root, file) => {
    expect(pathInRepository(root, file)).toBe(withNodePath(path.win32, root, file));
  });
});

describe("utf8Length", () => {
  it.each(["", "ascii", "café", "漢字", "emoji 😀 and ✅", "lone \ud800 surrogate", "\udc00 low first", "end \ud83d"])(
    "%j: as Buffer.byteLength",
    (text) => {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
    },
  );
});
