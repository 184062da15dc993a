/**
 * Dates a policy gives for itself: "Last updated: 2025-06-17", "Last reviewed June 2025", "Effective date:
 * 17 June 2025". Only a date right after such a label counts; dates in changelogs, advisories or version
 * tables are history, not the policy's own age.
 */
import type { Range } from "../../types.js";
import { type Block, rangeInSource } from "../text/blocks.js";
import { findDates } from "./dates.js";
import { trimEndChars } from "../text/trim.js";

export type DateLabelKind = "updated" | "reviewed" | "effective";

export interface LabeledDate {
  /** The label as written: `Last updated`. */
  label: string;
  kind: DateLabelKind;
  date: Date;
  /** The date as written. */
  text: string;
  /** Whether only the month is given (`June 2025`). */
  monthOnly: boolean;
  range: Range;
  block: Block;
}

const LABEL =
  /\b(last[ -](?:updated|modified|revised|reviewed|review|edited|changed|update)|(?:policy |document )?(?:updated|reviewed|revised)(?: on)?|effective(?: date| as of| from| since)?|date of (?:last )?(?:update|review|revision)|review date|revision date)\b/gi;
/** What may stand between a label and its date: punctuation, emphasis, "on", "as of". */
const GAP = /^[\s*_:~|\-–—]*(?:(?:on|as of|at|since)\s[\s*_:~|]*)?$/i;

function kindOf(label: string): DateLabelKind {
  const l = label.toLowerCase();
  if (l.includes("effective")) return "effective";
  if (l.includes("review")) return "reviewed";
  return "updated";
}

/** Labeled dates in one text; offsets are into that text. */
export function findLabeledDates(
  text: string,
): Array<{ label: string; kind: DateLabelKind; date: Date; text: string; monthOnly: boolean; start: number; end: number }> {
  const dates = findDates(text);
  const out: Array<{ label: string; kind: DateLabelKind; date: Date; text: string; monthOnly: boolean; start: number; end: number }> = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    const labelEnd = m.index + m[0].length;
    const date = dates.find((d) => d.start >= labelEnd && d.start - labelEnd <= 16 && GAP.test(text.slice(labelEnd, d.start)));
    if (!date) continue;
    // "updated" on its own is a label only at the start of a line or after a separator ("Policy updated: …").
    const bare = /^(?:updated|reviewed|revised)/i.test(m[0]);
    if (bare && m.index !== 0 && !/[\n*_(|>]$/.test(trimEndChars(text.slice(Math.max(0, m.index - 3), m.index), " \t\r\f\v"))) continue;
    if (out.some((o) => o.start === date.start)) continue;
    out.push({
      label: m[0],
      kind: kindOf(m[0]),
      date: date.date,
      text: date.text,
      monthOnly: !/\d{1,2}\D+\d{4}|\d{4}\D\d{1,2}\D\d{1,2}/.test(date.text) || /^\d{4}-\d{2}$/.test(date.text),
      start: date.start,
      end: date.end,
    });
  }
  return out;
}

/** Labeled dates of every prose block, with source ranges. */
export function collectLabeledDates(blocks: readonly Block[]): LabeledDate[] {
  const out: LabeledDate[] = [];
  for (const block of blocks) {
    if (block.kind === "html") continue;
    for (const d of findLabeledDates(block.text)) {
      out.push({
        label: d.label,
        kind: d.kind,
        date: d.date,
        text: d.text,
        monthOnly: d.monthOnly,
        range: rangeInSource(block, d.start, d.end),
        block,
      });
    }
  }
  return out;
}
