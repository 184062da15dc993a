/** Apply fixes to a text: pure, no I/O. The write path (atomic, symlink-safe) is in src/io/fix.ts. */
import type { Finding, Fix } from "../types.js";

export interface AppliedFixes {
  output: string;
  applied: Fix[];
  /** Fixes left out because they overlap an earlier one or fall outside the text. */
  skipped: Fix[];
}

/**
 * Apply non-overlapping fixes in one pass over the text (the pieces between fixes and the fixes' texts
 * are joined once: linear in the text and the number of fixes). Of two overlapping fixes the one that
 * starts first wins; the other is skipped (a later pass may apply it).
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const sorted = [...fixes].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const chosen: Fix[] = [];
  const skipped: Fix[] = [];
  let lastEnd = -1;
  for (const fix of sorted) {
    const { start, end } = fix.range;
    if (start < 0 || end > text.length || end < start || start < lastEnd) {
      skipped.push(fix);
      continue;
    }
    chosen.push(fix);
    lastEnd = end;
  }
  const pieces: string[] = [];
  let at = 0;
  for (const fix of chosen) {
    pieces.push(text.slice(at, fix.range.start), fix.text);
    at = fix.range.end;
  }
  pieces.push(text.slice(at));
  return { output: pieces.join(""), applied: chosen, skipped };
}

/** The fixes a list of findings carries. */
export function fixesOf(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => (f.fix ? [f.fix] : []));
}
