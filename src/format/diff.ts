/**
 * `--format diff`: a unified diff of what the fixes change, per file (`--- a/path` / `+++ b/path`), for
 * review before `--fix` or in a pull request comment. Files without fixes print nothing.
 */
import path from "node:path";
import { applyFixes, fixesOf } from "../engine/apply-fixes.js";
import type { LintResult } from "../types.js";
import type { Formatter } from "./types.js";
import { unifiedDiff } from "./unified-diff.js";

export { unifiedDiff };

export const diff: Formatter = (results: readonly LintResult[], options) => {
  let out = "";
  for (const r of results) {
    if (r.fatal) continue;
    const before = r.originalSource ?? r.source;
    const after = r.output ?? applyFixes(r.source, fixesOf(r.findings)).output;
    const name = path.isAbsolute(r.displayPath) ? path.relative(options.cwd, r.displayPath) || r.displayPath : r.displayPath;
    out += unifiedDiff(before, after, name.split(path.sep).join("/"));
  }
  return out;
};
