/** Apply fixes to a text: pure, no I/O. The write path (atomic, symlink-safe) is in src/fix.ts. */
import type { Finding, Fix } from "../types.js";

export interface AppliedFixes {
  output: string;
  applied: Fix[];
  /** Fixes left out because they overlap an earlier one or fall outside the text. */
  skipped: Fix[];
}

/**
 * Apply non-overlapping fixes, from the end of the text backwards so earlier offsets stay valid. Of two
 * overlapping fixes the one that starts first wins; the other is skipped (a later pass may apply it).
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
  let output = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const fix = chosen[i] as Fix;
    output = output.slice(0, fix.range.start) + fix.text + output.slice(fix.range.end);
  }
  return { output, applied: chosen, skipped };
}

/** The fixes a list of findings carries. */
export function fixesOf(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => (f.fix ? [f.fix] : []));
}
