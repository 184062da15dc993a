/**
 * A unified diff of two texts, line by line, with every line of file text escaped as the reports escape
 * it. Pure: `--format diff` prints it per file, and the browser playground shows its fix preview with it.
 */
import { escapeBlock, escapeLine } from "./escape.js";

const CONTEXT = 3;
/** Above this many cells the middle of two texts is shown as one replaced block rather than aligned. */
const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string };

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.replace(/\r$/, ""));
}

/** Line operations turning `a` into `b`: common prefix and suffix, and a longest common subsequence between. */
function lineOps(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: " ", line }));
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > MAX_CELLS) {
    for (const line of am) ops.push({ kind: "-", line });
    for (const line of bm) ops.push({ kind: "+", line });
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      const row = lcs[i] as Uint32Array;
      const next = lcs[i + 1] as Uint32Array;
      for (let j = m - 1; j >= 0; j--)
        row[j] = am[i] === bm[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: " ", line: am[i++] as string });
        j++;
      } else if (j < m && (i === n || (lcs[i + 1]?.[j] ?? 0) < (lcs[i]?.[j + 1] ?? 0))) {
        ops.push({ kind: "+", line: bm[j++] as string });
      } else {
        ops.push({ kind: "-", line: am[i++] as string });
      }
    }
  }
  for (const line of a.slice(a.length - suf)) ops.push({ kind: " ", line });
  return ops;
}

/** A unified diff of two texts, or "" when they are equal. */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return "";
  const ops = lineOps(splitLines(before), splitLines(after));
  const changed = ops.map((op, k) => (op.kind !== " " ? k : -1)).filter((k) => k >= 0);
  // Every line of text from the file goes through the report's escaper; a context line (` ::error`) is
  // still kept from reading as a workflow command once trimmed.
  const shownName = escapeLine(name);
  let out = `--- a/${shownName}\n+++ b/${shownName}\n`;
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] as number;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT + 1) last = changed[++k] as number;
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    let oldStart = 1;
    let newStart = 1;
    for (let x = 0; x < from; x++) {
      if (ops[x]?.kind !== "+") oldStart++;
      if (ops[x]?.kind !== "-") newStart++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((o) => o.kind !== "+").length;
    const newCount = hunk.filter((o) => o.kind !== "-").length;
    out += `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
    for (const op of hunk) out += `${escapeBlock(`${op.kind}${op.line}`)}\n`;
  }
  return out;
}
