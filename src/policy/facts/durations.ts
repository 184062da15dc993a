/**
 * Durations: the time commitments of a policy ("within 48 hours", "1-2 weeks", "3 working days"),
 * normalised to hours, with what each one promises.
 */
import type { Range } from "../../types.js";
import { type Block, foldedText, rangeInSource, touchesCode } from "../text/blocks.js";
import { type DurationUnit, lexicon, type PromiseKind } from "../lexicon/index.js";
import { kindsOf } from "./sections.js";
import { findPhrases, fold, hasPhrase, kindedPhrases, type PhraseMatch } from "../text/text.js";
import { firstIndex } from "../text/search.js";
import { sentenceAt } from "../text/sentences.js";

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
  /** Whether the token holds a character outside ASCII (only those can be in a script without spaces). */
  wide: boolean;
}

const DIGIT = /\d/;
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Split folded text at spaces, and also between digits and the non-ASCII letters glued to them, so
 * that `在48小时内` reads as `在` `48` `小时内`. ASCII stays whole (`48h` is split later by `attached`).
 */
function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    while (i < n && folded.charCodeAt(i) === 32) i++;
    let start = i;
    let wide = false;
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (c === 32) break;
      if (i > start) {
        const prev = folded.charCodeAt(i - 1);
        if ((isDigitCode(prev) && c >= 0x80) || (prev >= 0x80 && isDigitCode(c))) {
          tokens.push({ text: folded.slice(start, i), start, end: i, wide });
          start = i;
          wide = false;
        }
      }
      if (c >= 0x80) wide = true;
      i++;
    }
    if (i > start) tokens.push({ text: folded.slice(start, i), start, end: i, wide });
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

/** Number words by value, in a Map: "constructor" or "toString" in the text are words, not numbers. */
const numberWords = new Map(Object.entries(lexicon.numbers));

function numberOf(token: string): number | null {
  if (isDigitCode(token.charCodeAt(0))) return /^\d{1,4}$/.test(token) ? Number(token) : null;
  return numberWords.get(token) ?? null;
}

/** A token that is a number with its unit attached: `48h`, `72hrs`, `48小时`. */
function attached(token: string): { value: number; unit: DurationUnit } | null {
  if (!isDigitCode(token.charCodeAt(0))) return null;
  const m = /^(\d{1,4})(\D+)$/u.exec(token);
  if (!m) return null;
  const unit = unitByWord.get(m[2] as string);
  return unit ? { value: Number(m[1]), unit } : null;
}

/** Scripts without spaces between words (and Hangul, whose particles attach): their units may be glued to what follows. */
const GLUED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The unit words in scripts that glue words together, longest first (tested once, not per token). */
const gluedUnitWords = unitWords.filter((w) => GLUED.test(w));

/** The longest unit word in a glued script that starts `token` (`3天内`, `時間以内`). */
function gluedPrefix(token: string): string | null {
  for (const word of gluedUnitWords) {
    if (token.startsWith(word)) return word;
  }
  return null;
}

/** A token that is a unit, or starts with one in a script without spaces: the unit and its length. */
function unitAt(token: string): { unit: DurationUnit; length: number } | null {
  const exact = unitByWord.get(token);
  if (exact) return { unit: exact, length: token.length };
  const word = gluedPrefix(token);
  const unit = word ? unitByWord.get(word) : undefined;
  return word && unit ? { unit, length: word.length } : null;
}

const workingPrefixes = [...workingWords].sort((a, b) => b.length - a.length);
const workingAfterWords = new Set(lexicon.workingDaysAfter.map((w) => fold(w).trim()));

interface UnitRead {
  unit: DurationUnit;
  working: boolean;
  /** Offset (in the folded text) where the unit phrase ends. */
  end: number;
  /** Index of the last token the unit phrase used. */
  last: number;
}

/** Whether only a little white space or a hyphen separates two tokens (`48 hours`, `90-day`). */
function close(text: string, a: Token, b: Token): boolean {
  return /^[\s-]{0,3}$/u.test(text.slice(a.end, b.start));
}

/**
 * Read the unit of a duration from token `j` on: an optional working-day word before it (`3 business
 * days`, `3 рабочих дня`, glued in `3営業日`, `3个工作日`, `2 Werktagen`), the unit, and an optional
 * working-day word after it (`3 días hábiles`, `5 jours ouvrés`).
 */
/** A unit at the start of `body`, after an optional glued working-day word: `営業日以内`, `个工作日内`, `werktagen`. */
function gluedUnit(body: string): { unit: DurationUnit; working: boolean; skip: number; length: number } | null {
  for (const word of workingPrefixes) {
    if (word.length >= body.length || !body.startsWith(word)) continue;
    const rest = body.slice(word.length);
    // Compounds in spaced scripts must end in a unit exactly (`werk`+`tagen`); others may run on (`営業`+`日以内`).
    if (GLUED.test(word) ? unitAt(rest) === null : !unitByWord.has(rest)) continue;
    const unit = unitAt(rest);
    return unit ? { unit: unit.unit, working: true, skip: word.length, length: unit.length } : null;
  }
  const unit = unitAt(body);
  return unit ? { unit: unit.unit, working: false, skip: 0, length: unit.length } : null;
}

function readUnit(text: string, tokens: readonly Token[], j: number): UnitRead | null {
  let token = tokens[j];
  if (!token) return null;
  let working = false;
  if (workingWords.has(token.text)) {
    const next = tokens[j + 1];
    if (!next || !close(text, token, next)) return null;
    working = true;
    j++;
    token = next;
  }
  const found = gluedUnit(token.text);
  if (!found) return null;
  working ||= found.working;
  const length = found.skip + found.length;
  let end = token.start + length;
  const after = tokens[j + 1];
  if (length === token.text.length && after && workingAfterWords.has(after.text) && close(text, token, after)) {
    working = true;
    end = after.end;
    j++;
  }
  return { unit: found.unit, working, end, last: j };
}

/** Han numerals: `三天`, `两周`, `十四天`, `七十二小时`. */
const HAN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function hanNumber(run: string): number | null {
  const ten = run.indexOf("十");
  if (ten === -1) return run.length === 1 ? (HAN_DIGITS[run] ?? null) : null;
  if (run.indexOf("十", ten + 1) !== -1) return null;
  const tens = ten === 0 ? 1 : ten === 1 ? HAN_DIGITS[run[0] as string] : undefined;
  const ones = ten === run.length - 1 ? 0 : ten === run.length - 2 ? HAN_DIGITS[run[run.length - 1] as string] : undefined;
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

const isHanNumeral = (ch: string): boolean => ch === "十" || ch in HAN_DIGITS;

/**
 * Durations written with Han numerals inside a token: `在三个工作日内`, `一周内`. Not ordinals (`第一天`),
 * anniversaries (`一周年`) or the Japanese `一日も早く` ("as soon as possible").
 */
function hanDurations(token: Token): RawDuration[] {
  const out: RawDuration[] = [];
  const t = token.text;
  let k = 0;
  while (k < t.length) {
    if (!isHanNumeral(t[k] as string)) {
      k++;
      continue;
    }
    const start = k;
    while (k < t.length && isHanNumeral(t[k] as string)) k++;
    if (start > 0 && t[start - 1] === "第") continue;
    const value = hanNumber(t.slice(start, k));
    if (value === null) continue;
    // The classifier is part of the lexicon's words: `个月`, `个小时`, `个工作`+`日`.
    const found = gluedUnit(t.slice(k));
    if (!found) continue;
    const end = k + found.skip + found.length;
    const next = t[end] ?? "";
    if (next === "年" || next === "も") continue;
    out.push({
      start: token.start + start,
      end: token.start + end,
      min: value,
      max: value,
      unit: found.unit,
      working: found.working && found.unit === "day",
    });
    k = end;
  }
  return out;
}

const durationWords = new Map(Object.entries(lexicon.durationWords).map(([w, d]) => [fold(w).trim(), d] as const));
const gluedDurationWords = [...durationWords.keys()].filter((w) => GLUED.test(w));
/** Duration words of several words (`same day`, `dans la journée`): searched as phrases. */
const spacedDurationWords = [...durationWords.keys()].filter((w) => w.includes(" "));

/** Duration words inside a token of a script without spaces: `하루`, `일주일` in `일주일 이내에`. */
function wordDurations(token: Token): RawDuration[] {
  const out: RawDuration[] = [];
  for (const w of gluedDurationWords) {
    const d = durationWords.get(w);
    if (!d) continue;
    for (let at = token.text.indexOf(w); at !== -1; at = token.text.indexOf(w, at + w.length)) {
      out.push({ start: token.start + at, end: token.start + at + w.length, min: d.value, max: d.value, unit: d.unit, working: false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Characters that end a date part: `3月15日`, `2026年`, `3월 1일` are dates, not durations. */
const DATE_PART = /[年月년월]$/u;

interface RawDuration {
  start: number;
  end: number;
  min: number;
  max: number;
  unit: DurationUnit;
  working: boolean;
}

/** Find durations in a block's text, as offsets into that text; `folded` is the text folded, when the caller has it. */
export function scanDurations(text: string, folded: string = fold(text)): RawDuration[] {
  const tokens = tokenize(folded);
  const out: RawDuration[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.wide && GLUED.test(t.text) && !DIGIT.test(t.text)) {
      out.push(...hanDurations(t), ...wordDurations(t));
      continue;
    }
    const word = durationWords.get(t.text);
    if (word) {
      out.push({ start: t.start, end: t.end, min: word.value, max: word.value, unit: word.unit, working: false });
      continue;
    }
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
      if (nextNumber !== null && ["-", "–", "—", "~", "～", "〜"].includes(gap) && nextNumber >= first) {
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
    const unitToken = tokens[j];
    if (!unitToken) continue;
    // The unit must follow closely: `48 hours`, `90-day`, not `48 (see below) hours`.
    if (!close(text, tokens[j - 1] as Token, unitToken)) continue;
    const read = readUnit(text, tokens, j);
    if (!read) continue;
    // Single letters as units only right after digits (`48 h`); `a d` is not a duration.
    if (unitToken.text.length === 1 && isWordNumber) continue;
    if (isWordNumber && (t.text === "a" || t.text === "an") && second !== first) continue;
    // A day of a month (`3月15日`, `3월 1일`) is a date.
    if (DATE_PART.test(tokens[i - 1]?.text ?? "")) continue;
    out.push({ start: t.start, end: read.end, min: first, max: second, unit: read.unit, working: read.working && read.unit === "day" });
    i = read.last;
  }
  if (spacedDurationWords.length === 0) return out;
  const phrases = findPhrases(folded, spacedDurationWords).sort((a, b) => a.start - b.start);
  if (phrases.length === 0) return out;
  // `out` is in text order too: walk both, keeping a phrase only where no number-and-unit duration overlaps it.
  const found = out.length;
  let k = 0;
  for (const m of phrases) {
    while (k < found && (out[k] as RawDuration).end <= m.start) k++;
    if (k < found && (out[k] as RawDuration).start < m.end) continue;
    const d = durationWords.get(m.phrase);
    if (d) out.push({ start: m.start, end: m.end, min: d.value, max: d.value, unit: d.unit, working: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

function hours(value: number, unit: DurationUnit, working: boolean): number {
  const h = value * UNIT_HOURS[unit];
  return working ? Math.round((h * 7) / 5) : h;
}

/** Every promise phrase in one list (kind by kind), searched in one pass. */
const promises = kindedPhrases(Object.keys(lexicon.promises) as PromiseKind[], lexicon.promises);

function nearestPromise(folded: string, from: number, to: number, direction: "before" | "after"): PromiseKind | null {
  let best: PhraseMatch | null = null;
  for (const match of findPhrases(folded.slice(from, to), promises.phrases)) {
    const better =
      best === null ||
      (direction === "before"
        ? match.end > best.end || (match.end === best.end && match.start < best.start)
        : match.start < best.start || (match.start === best.start && match.end > best.end));
    if (better) best = match;
  }
  return best ? (promises.kindOf.get(best.phrase) ?? null) : null;
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

/**
 * How far from a duration its promise words are looked for. Bounding the window keeps a block with many
 * durations in one endless sentence linear; real sentences are far shorter.
 */
const PROMISE_WINDOW = 400;

/** Clause ends inside a sentence; a line break is a soft wrap, not one (the sentence is the outer bound). */
const CLAUSE_END = /[.!?。！？;；]\s|[,，、]\s?/g;

interface Boundary {
  /** Where the separator starts, and where the next clause starts after it. */
  index: number;
  after: number;
}

/** Where each clause of a block's text ends, computed once per block. */
function clausesOf(block: Block): Boundary[] {
  let list = block.clauses;
  if (!list) {
    list = [];
    CLAUSE_END.lastIndex = 0;
    for (let m = CLAUSE_END.exec(block.text); m; m = CLAUSE_END.exec(block.text))
      list.push({ index: m.index, after: m.index + m[0].length });
    block.clauses = list;
  }
  return list;
}

/** The clause around [at, end), bounded by PROMISE_WINDOW. */
function clauseBounds(block: Block, at: number, end: number): [number, number] {
  const list = clausesOf(block);
  // The last boundary ending at or before `at` (binary search), then the first one starting at or after `end`.
  const lo = firstIndex(list.length, (i) => (list[i] as Boundary).after > at);
  const start = lo > 0 ? (list[lo - 1] as Boundary).after : 0;
  let stop = block.text.length;
  for (let k = lo; k < list.length; k++) {
    const b = list[k] as Boundary;
    if (b.index >= end) {
      stop = b.index;
      break;
    }
  }
  return [Math.max(start, at - PROMISE_WINDOW), Math.min(stop, end + PROMISE_WINDOW)];
}

/** The sentence around [at, end) (see sentences.ts), bounded by PROMISE_WINDOW. */
function sentenceBounds(block: Block, at: number, end: number): [number, number] {
  const s = sentenceAt(block, at);
  return [Math.max(s.start, at - PROMISE_WINDOW), Math.min(Math.max(s.end, end), end + PROMISE_WINDOW)];
}

/**
 * What a duration promises, from the nearest words: first those before it in its sentence (or table
 * cell), then the column header, then the words after it, then the list items and headings it sits in.
 */
function inferPromise(block: Block, start: number, end: number): PromiseKind | null {
  const folded = foldedText(block);
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
  // Within its clause first: languages that put the verb last (`48시간 이내에 접수 확인을 드리고, 7일 이내에
  // 검토`) would otherwise lend a duration the promise of the clause before it.
  const [cStart, cEnd] = clauseBounds(block, start, end);
  const clauseStart = Math.max(sStart, cStart);
  const clauseEnd = Math.min(sEnd, cEnd);
  // Chinese, Japanese and Korean put the verb after the time it governs, and what comes before is the
  // point the time counts from (`收到报告后 90 天内公开`, `受領から90日後に公開`, `접수 후 90일 이내에 공개`):
  // there the words after the duration in its clause decide first.
  if (GLUED.test(block.text.slice(clauseStart, clauseEnd))) {
    const after = nearestPromise(folded, end, clauseEnd, "after");
    if (after) return after;
  }
  return (
    nearestPromise(folded, clauseStart, start, "before") ??
    nearestPromise(folded, end, clauseEnd, "after") ??
    nearestPromise(folded, sStart, start, "before") ??
    nearestPromise(folded, end, sEnd, "after") ??
    [...block.listLabels]
      .reverse()
      .map(promiseIn)
      .find((p) => p !== null) ??
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
const NOT_A_PROMISE_BEFORE = lexicon.lowerBoundsBefore;
const NOT_A_PROMISE_AFTER = lexicon.lowerBoundsAfter;

function isLowerBound(folded: string, start: number, end: number): boolean {
  const before = folded.slice(Math.max(0, start - 24), start).trimEnd();
  if (findPhrases(before, NOT_A_PROMISE_BEFORE).some((m) => m.end === before.length)) return true;
  const after = folded.slice(end, end + 16).trimStart();
  return findPhrases(after, NOT_A_PROMISE_AFTER).some((m) => m.start === 0);
}

/**
 * A time in the condition of an escalation ("if you do not get a response within 7 days, write to …") is
 * how long to wait before escalating, not a promise.
 */
function isEscalationWait(block: Block, start: number): boolean {
  const s = sentenceAt(block, start);
  return hasPhrase(foldedText(block).slice(Math.max(s.start, start - PROMISE_WINDOW), start), lexicon.contactRoles.escalation);
}

/** Whether a block speaks of severity tiers, worked out once per block. */
function isTiered(block: Block): boolean {
  return (block.tiered ??= isTieredUncached(block));
}

function isTieredUncached(block: Block): boolean {
  const words = [block.text, ...block.listLabels];
  if (block.kind === "tableRow" && block.header) words.push(block.header.join(" "));
  return words.some((w) => hasPhrase(` ${fold(w)} `, lexicon.severityWords));
}

/** All durations of the document's prose. Durations in inline code are examples, not promises. */
export function collectDurations(blocks: readonly Block[]): Duration[] {
  const out: Duration[] = [];
  for (const block of blocks) {
    if (block.kind === "html" || block.kind === "heading" || block.isHeader) continue;
    for (const raw of scanDurations(block.text, foldedText(block))) {
      if (touchesCode(block, raw.start, raw.end)) continue;
      out.push({
        text: block.text.slice(raw.start, raw.end),
        minHours: hours(raw.min, raw.unit, raw.working),
        maxHours: hours(raw.max, raw.unit, raw.working),
        unit: raw.unit,
        workingDays: raw.working,
        promise:
          isLowerBound(foldedText(block), raw.start, raw.end) || isEscalationWait(block, raw.start)
            ? null
            : inferPromise(block, raw.start, raw.end),
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
