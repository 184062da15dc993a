/**
 * Durations: the time commitments of a policy ("within 48 hours", "1-2 weeks", "3 working days"),
 * normalised to hours, with what each one promises.
 */
import type { Range } from "../types.js";
import { type Block, rangeInSource, touchesCode } from "./blocks.js";
import { type DurationUnit, lexicon, type PromiseKind } from "./lexicon/index.js";
import { kindsOf } from "./sections.js";
import { findPhrases, fold, type PhraseMatch } from "./text.js";

export interface Duration {
  /** The phrase as written, e.g. `1-2 weeks`. */
  text: string;
  /** Lower and upper bound in hours (equal unless a range was given). Working days count 7/5 of a day. */
  minHours: number;
  maxHours: number;
  unit: DurationUnit;
  workingDays: boolean;
  /** What the duration promises, when the words around it say. */
  promise: PromiseKind | null;
  /** Whether the promise is for one severity tier only ("critical: 7 days"). */
  tiered: boolean;
  range: Range;
  block: Block;
}

const UNIT_HOURS: Record<DurationUnit, number> = { hour: 1, day: 24, week: 168, month: 720 };

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < folded.length) {
    while (i < folded.length && folded[i] === " ") i++;
    const start = i;
    while (i < folded.length && folded[i] !== " ") i++;
    if (i > start) tokens.push({ text: folded.slice(start, i), start, end: i });
  }
  return tokens;
}

const unitByWord = new Map<string, DurationUnit>();
for (const unit of Object.keys(lexicon.units) as DurationUnit[]) {
  for (const word of lexicon.units[unit]) unitByWord.set(fold(word).trim(), unit);
}
/** Unit words sorted longest first, to split `48hours` and `48小时` into number and unit. */
const unitWords = [...unitByWord.keys()].sort((a, b) => b.length - a.length);
const workingWords = new Set(lexicon.workingDays.map((w) => fold(w).trim()));

function numberOf(token: string): number | null {
  if (/^\d{1,4}$/.test(token)) return Number(token);
  const word = lexicon.numbers[token];
  return word === undefined ? null : word;
}

/** A token that is a number with its unit attached: `48h`, `72hrs`, `48小时`. */
function attached(token: string): { value: number; unit: DurationUnit } | null {
  const m = /^(\d{1,4})(\D+)$/u.exec(token);
  if (!m) return null;
  const unit = unitByWord.get(m[2] as string);
  return unit ? { value: Number(m[1]), unit } : null;
}

/** A token that starts with a unit word, for scripts that write `3天内`. */
function unitPrefix(token: string): DurationUnit | null {
  const exact = unitByWord.get(token);
  if (exact) return exact;
  for (const word of unitWords) {
    if (word.length > 1 && /[^\x00-\x7f]/.test(word) && token.startsWith(word)) return unitByWord.get(word) ?? null;
  }
  return null;
}

interface RawDuration {
  start: number;
  end: number;
  min: number;
  max: number;
  unit: DurationUnit;
  working: boolean;
}

/** Find durations in a block's text (folded), as offsets into that text. */
export function scanDurations(text: string): RawDuration[] {
  const folded = fold(text);
  const tokens = tokenize(folded);
  const out: RawDuration[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const glued = attached(t.text);
    if (glued) {
      out.push({ start: t.start, end: t.end, min: glued.value, max: glued.value, unit: glued.unit, working: false });
      continue;
    }
    const first = numberOf(t.text);
    if (first === null) continue;
    const isWordNumber = !/^\d/.test(t.text);
    let j = i + 1;
    let second = first;
    // A range: `1-2 weeks`, `1 to 2 weeks`, `2 or 3 days`.
    const next = tokens[j];
    if (next) {
      const gap = text.slice(t.end, next.start).trim();
      const nextNumber = numberOf(next.text);
      if (nextNumber !== null && ["-", "–", "—", "~"].includes(gap) && nextNumber >= first) {
        second = nextNumber;
        j++;
      } else if (lexicon.rangeWords.includes(next.text) && tokens[j + 1]) {
        const after = numberOf((tokens[j + 1] as Token).text);
        if (after !== null && after >= first) {
          second = after;
          j += 2;
        }
      }
    }
    let working = false;
    let unitToken = tokens[j];
    if (unitToken && workingWords.has(unitToken.text)) {
      working = true;
      j++;
      unitToken = tokens[j];
    }
    if (!unitToken) continue;
    // The unit must follow closely: `48 hours`, `90-day`, not `48 (see below) hours`.
    const between = text.slice((tokens[j - 1] as Token).end, unitToken.start);
    if (!/^[\s-]{0,3}$/u.test(between)) continue;
    const unit = unitPrefix(unitToken.text);
    if (!unit) continue;
    // Single letters as units only right after digits (`48 h`); `a d` is not a duration.
    if (unitToken.text.length === 1 && isWordNumber) continue;
    if (isWordNumber && (t.text === "a" || t.text === "an") && second !== first) continue;
    if (working && unit !== "day") working = false;
    const unitEnd = unitToken.start + (unitByWord.has(unitToken.text) ? unitToken.text.length : unitWords.find((w) => unitToken.text.startsWith(w))?.length ?? unitToken.text.length);
    out.push({ start: t.start, end: unitEnd, min: first, max: second, unit, working });
    i = j;
  }
  return out;
}

function hours(value: number, unit: DurationUnit, working: boolean): number {
  const h = value * UNIT_HOURS[unit];
  return working ? Math.round((h * 7) / 5) : h;
}

const promiseKinds = Object.keys(lexicon.promises) as PromiseKind[];

function nearestPromise(folded: string, from: number, to: number, direction: "before" | "after"): PromiseKind | null {
  let best: { kind: PromiseKind; match: PhraseMatch } | null = null;
  const window = folded.slice(from, to);
  for (const kind of promiseKinds) {
    for (const match of findPhrases(window, lexicon.promises[kind])) {
      const better =
        best === null ||
        (direction === "before"
          ? match.end > best.match.end || (match.end === best.match.end && match.start < best.match.start)
          : match.start < best.match.start || (match.start === best.match.start && match.end > best.match.end));
      if (better) best = { kind, match };
    }
  }
  return best ? best.kind : null;
}

/** Promises of headings, column headers and list labels: the same few texts are asked about for every duration. */
const promiseCache = new Map<string, PromiseKind | null>();

function promiseIn(text: string): PromiseKind | null {
  const cached = promiseCache.get(text);
  if (cached !== undefined) return cached;
  const folded = ` ${fold(text)} `;
  const kind = nearestPromise(folded, 0, folded.length, "before");
  if (promiseCache.size >= 256) promiseCache.clear();
  promiseCache.set(text, kind);
  return kind;
}

const SENTENCE_END = /[.!?。！？;；]\s|\n/g;
/**
 * How far from a duration its promise words are looked for. Bounding the window keeps a block with many
 * durations in one endless sentence linear; real sentences are far shorter.
 */
const PROMISE_WINDOW = 400;

/** Where each sentence of a block's text ends (match index, end of the separator), computed once per text. */
const boundaryCache = new WeakMap<Block, { index: number; after: number }[]>();

function boundariesOf(block: Block): { index: number; after: number }[] {
  let list = boundaryCache.get(block);
  if (!list) {
    list = [];
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(block.text); m; m = SENTENCE_END.exec(block.text)) list.push({ index: m.index, after: m.index + m[0].length });
    boundaryCache.set(block, list);
  }
  return list;
}

function sentenceBounds(block: Block, at: number, end: number): [number, number] {
  const list = boundariesOf(block);
  // The last boundary ending at or before `at` (binary search), then the first one starting at or after `end`.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as { after: number }).after <= at) lo = mid + 1;
    else hi = mid;
  }
  const start = lo > 0 ? (list[lo - 1] as { after: number }).after : 0;
  let stop = block.text.length;
  for (let k = lo; k < list.length; k++) {
    const b = list[k] as { index: number };
    if (b.index >= end) {
      stop = b.index;
      break;
    }
  }
  return [Math.max(start, at - PROMISE_WINDOW), Math.min(stop, end + PROMISE_WINDOW)];
}

/**
 * What a duration promises, from the nearest words: first those before it in its sentence (or table
 * cell), then the column header, then the words after it, then the list items and headings it sits in.
 */
function inferPromise(block: Block, start: number, end: number): PromiseKind | null {
  const folded = fold(block.text);
  if (block.kind === "tableRow" && block.cells && block.header) {
    const index = block.cells.findIndex((c) => c.offset <= start && start <= c.offset + c.text.length);
    const cell = block.cells[index];
    if (cell) {
      const inCell = nearestPromise(folded, Math.max(cell.offset, start - PROMISE_WINDOW), start, "before");
      if (inCell) return inCell;
      const header = block.header[index];
      if (header && !block.isHeader) {
        const fromHeader = promiseIn(header);
        if (fromHeader) return fromHeader;
      }
    }
  }
  const [sStart, sEnd] = sentenceBounds(block, start, end);
  return (
    nearestPromise(folded, sStart, start, "before") ??
    nearestPromise(folded, end, sEnd, "after") ??
    [...block.listLabels].reverse().map(promiseIn).find((p) => p !== null) ??
    sectionPromise(block)
  );
}

function sectionPromise(block: Block): PromiseKind | null {
  for (let s = block.section; s; s = s.parent) {
    const p = promiseIn(s.title);
    if (p) return p;
    if (s.kind === "response-timeline") return "respond";
  }
  return null;
}

/**
 * Words that make a duration a lower bound or a negation rather than a promise: "beyond 60 days",
 * "at least 7 days", "not on the 60-day schedule", "(7 days minimum)".
 */
const NOT_A_PROMISE_BEFORE = ["beyond", "more than", "longer than", "at least", "exceed", "exceeds", "exceeding", "older than", "not on the", "not within", "no later than a minimum of", "minimum of"];
const NOT_A_PROMISE_AFTER = ["minimum", "at least", "or more", "or longer", "ago"];

function isLowerBound(folded: string, start: number, end: number): boolean {
  const before = folded.slice(Math.max(0, start - 24), start).trimEnd();
  if (findPhrases(before, NOT_A_PROMISE_BEFORE).some((m) => m.end === before.length)) return true;
  const after = folded.slice(end, end + 16).trimStart();
  return findPhrases(after, NOT_A_PROMISE_AFTER).some((m) => m.start === 0);
}

const tieredCache = new WeakMap<Block, boolean>();

function isTiered(block: Block): boolean {
  let tiered = tieredCache.get(block);
  if (tiered === undefined) {
    tiered = isTieredUncached(block);
    tieredCache.set(block, tiered);
  }
  return tiered;
}

function isTieredUncached(block: Block): boolean {
  const words = [block.text, ...block.listLabels];
  if (block.kind === "tableRow" && block.header) words.push(block.header.join(" "));
  return words.some((w) => findPhrases(` ${fold(w)} `, lexicon.severityWords).length > 0);
}

/** All durations of the document's prose. Durations in inline code are examples, not promises. */
export function collectDurations(blocks: readonly Block[]): Duration[] {
  const out: Duration[] = [];
  for (const block of blocks) {
    if (block.kind === "html" || block.kind === "heading" || block.isHeader) continue;
    for (const raw of scanDurations(block.text)) {
      if (touchesCode(block, raw.start, raw.end)) continue;
      out.push({
        text: block.text.slice(raw.start, raw.end),
        minHours: hours(raw.min, raw.unit, raw.working),
        maxHours: hours(raw.max, raw.unit, raw.working),
        unit: raw.unit,
        workingDays: raw.working,
        promise: isLowerBound(fold(block.text), raw.start, raw.end) ? null : inferPromise(block, raw.start, raw.end),
        tiered: isTiered(block),
        range: rangeInSource(block, raw.start, raw.end),
        block,
      });
    }
  }
  return out;
}

/** Whether a duration sits where a policy states its commitments. */
export function isCommitment(d: Duration): boolean {
  const kinds = kindsOf(d.block.section);
  return d.promise !== null || kinds.includes("response-timeline");
}
