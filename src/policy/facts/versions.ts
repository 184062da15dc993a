/** Versions: the rows of a supported-versions table or list, each with its version and its mark. */
import type { Table } from "mdast";
import type { Range } from "../../types.js";
import { type Block, foldedText, rangeInSource } from "../text/blocks.js";
import { negatedAt } from "./claims.js";
import { sentencesOf } from "../text/sentences.js";
import { findDates } from "./dates.js";
import { lexicon } from "../lexicon/index.js";
import { within } from "./sections.js";
import { findPhrases, hasPhrase, fold, type PhraseMatch } from "../text/text.js";
import { rowCovers, rowRange, seriesOf } from "./version-match.js";

export type SupportStatus = "supported" | "unsupported" | "unknown";

export interface VersionRow {
  /** For tables that give an end-of-support date instead of a mark ("Security Fixes Until"). */
  until: Date | null;
  /** The version expression as written: `5.1.x`, `>= 2.0`, `Latest`. */
  version: string;
  /** The mark as written: `:white_check_mark:`, `✅ Full support`, `No`. */
  mark: string;
  status: SupportStatus;
  range: Range;
  source: "table" | "list";
  table: Table | null;
}

export interface VersionFacts {
  rows: VersionRow[];
  /** Tables found in supported-versions sections (header rows excluded from `rows`). */
  tables: Table[];
  /** Prose in a supported-versions section that says which versions get fixes ("only the latest release"). */
  statements: Range[];
  /**
   * Sentences outside such a section that claim which versions get fixes ("Security fixes are provided for
   * the latest release only", in a scope or introduction section): what a section under another heading says.
   */
  claims: Range[];
  /** Whether rows cover a version: null when none of them can be read as versions. */
  covers(rows: readonly VersionRow[], version: string): boolean | null;
  /** The series a row for this version would name, in the style of these rows (`0.3.x`, `2.4.x`, `2.x`). */
  seriesOf(version: string, rows: readonly VersionRow[]): string;
}

/** Whether rows cover a version (a pre-release counts as its release): null when none can be read. */
function covers(rows: readonly VersionRow[], version: string): boolean | null {
  const ranges = rows.map((r) => rowRange(r.version));
  if (ranges.every((r) => r.kind === "unknown")) return null;
  return ranges.some((r) => rowCovers(r, version));
}

function seriesOfRows(version: string, rows: readonly VersionRow[]): string {
  return seriesOf(
    version,
    rows.map((r) => r.version),
  );
}

/** Nouns for what gets fixes: a sentence that names none ("keep up with the latest security patches") is advice, not a claim. */
const VERSION_NOUNS = [
  "version",
  "versions",
  "release",
  "releases",
  "branch",
  "branches",
  "versionen",
  "versión",
  "versiones",
  "versão",
  "versões",
  "versiya",
  "versiyalar",
  "версия",
  "версии",
  "версий",
  "версія",
  "версії",
  "версій",
  "релиз",
  "релизы",
  "版本",
  "버전",
  "バージョン",
  "リリース",
];

/** Sentences of prose outside supported-versions sections that say which versions get security fixes. */
function supportClaims(blocks: readonly Block[]): Range[] {
  const out: Range[] = [];
  for (const block of blocks) {
    if (block.kind !== "paragraph" || within(block.section, "supported-versions")) continue;
    const folded = foldedText(block);
    // The short lists first: most paragraphs name no version at all.
    if (!hasPhrase(folded, VERSION_NOUNS) || !hasPhrase(folded, WHICH_VERSIONS)) continue;
    const support = findPhrases(folded, SUPPORT_WORDS).sort((a, b) => a.start - b.start);
    if (support.length === 0) continue;
    let k = 0;
    for (const s of sentencesOf(block)) {
      // Matches and sentences in text order, walked together.
      while (k < support.length && (support[k] as PhraseMatch).start < s.start) k++;
      const own: PhraseMatch[] = [];
      for (let j = k; j < support.length && (support[j] as PhraseMatch).start < s.end; j++) {
        if ((support[j] as PhraseMatch).end <= s.end) own.push(support[j] as PhraseMatch);
      }
      if (own.length === 0) continue;
      const sentence = folded.slice(s.start, s.end);
      if (!hasPhrase(sentence, WHICH_VERSIONS) || !hasPhrase(sentence, VERSION_NOUNS)) continue;
      // "Versions before 2.0 are not supported" says which versions get nothing.
      if (own.every((m) => negatedAt(block, m.start, m.end))) continue;
      out.push(rangeInSource(block, s.start, s.end));
    }
  }
  return out;
}

/** Marks made of words are matched as words; emoji and `:shortcodes:` are matched as written. */
const WORDS_ONLY = /^[\p{L}\p{N}\p{M} -]+$/u;
/** Words that say versions get fixes: the support marks that are words, less the ones too short or vague for prose. */
const SUPPORT_WORDS = lexicon.supportedMarks.filter(
  (m) => WORDS_ONLY.test(m) && m.length > 3 && !["active", "current", "maintained"].includes(m),
);
/** Words that say which versions: the version statements less the bare nouns every sentence about versions has. */
const WHICH_VERSIONS = lexicon.versionStatements.filter((w) => !VERSION_NOUNS.includes(w));

function splitMarks(list: readonly string[]): { words: string[]; literal: string[] } {
  return { words: list.filter((m) => WORDS_ONLY.test(m)), literal: list.filter((m) => !WORDS_ONLY.test(m)).map((m) => m.toLowerCase()) };
}
const supportedMarks = splitMarks(lexicon.supportedMarks);
const unsupportedMarks = splitMarks(lexicon.unsupportedMarks);

function hasMark(text: string, folded: string, marks: { words: string[]; literal: string[] }): boolean {
  const lower = text.toLowerCase();
  return marks.literal.some((m) => lower.includes(m)) || hasPhrase(folded, marks.words);
}

/** Read a support mark: unsupported words first, since "not supported" contains "supported". */
export function classifyMark(text: string): SupportStatus {
  const folded = ` ${fold(text)} `;
  if (hasMark(text, folded, unsupportedMarks)) return "unsupported";
  return hasMark(text, folded, supportedMarks) ? "supported" : "unknown";
}

function columnIndex(header: readonly string[], words: readonly string[], fallback: number): number {
  const index = header.findIndex((h) => hasPhrase(` ${fold(h)} `, words));
  return index === -1 ? fallback : index;
}

const VERSION_HEADER = ["version", "versions", "release", "releases", "branch", "branches", "tag", "product", "package"];
const SUPPORT_HEADER = [
  "supported",
  "support",
  "status",
  "maintained",
  "security",
  "security updates",
  "security fixes",
  "eol",
  "end of life",
];
/** A version-like token: a digit, `x`/`*` wildcards, or a word releases go by. */
const VERSION_LIKE =
  /\d|\b(?:latest|current|main|master|stable|next|lts|all|newest|head|trunk|nightly|edge|older|previous|earlier|others?)\b/i;

/** Extract version rows from the blocks inside supported-versions sections. */
export function collectVersions(blocks: readonly Block[]): VersionFacts {
  const rows: VersionRow[] = [];
  const tables: Table[] = [];
  const statements: Range[] = [];
  for (const block of blocks) {
    if (!within(block.section, "supported-versions")) continue;
    if (block.kind === "tableRow" && block.cells && block.header && block.table) {
      if (!tables.includes(block.table)) tables.push(block.table);
      if (block.isHeader) continue;
      const vi = columnIndex(block.header, VERSION_HEADER, 0);
      let si = columnIndex(block.header, SUPPORT_HEADER, block.cells.length > 1 ? 1 : 0);
      if (si === vi && block.cells.length > 1) si = vi === 0 ? 1 : 0;
      const version = (block.cells[vi]?.text ?? "").trim();
      const markCell = block.cells[si]?.text ?? "";
      let status = classifyMark(markCell);
      if (status === "unknown") {
        // Some tables put the mark beside the version, or in a third column.
        const rest = block.cells
          .filter((_, i) => i !== vi)
          .map((c) => c.text)
          .join(" ");
        status = classifyMark(rest);
      }
      const until = status === "unknown" ? (findDates(markCell)[0]?.date ?? null) : null;
      rows.push({ version, mark: markCell.trim(), status, until, range: block.range, source: "table", table: block.table });
      continue;
    }
    if (block.kind !== "paragraph") continue;
    if (block.opensListItem) {
      // A list of versions: `- 2.x ✅`, `- 1.x: end of life`. An item without a mark lists a supported version.
      if (!VERSION_LIKE.test(block.text)) {
        // An item that says which versions in words (`- 最新版のみサポート`, `- nur die neueste Version`) is a statement.
        if (hasPhrase(foldedText(block), lexicon.versionStatements)) statements.push(block.range);
        continue;
      }
      const status = classifyMark(block.text);
      const version = (/^[^:|–—(]*/.exec(block.text)?.[0] ?? block.text).trim();
      rows.push({
        version,
        mark: "",
        status: status === "unknown" ? "supported" : status,
        until: null,
        range: block.range,
        source: "list",
        table: null,
      });
    } else if (block.listLabels.length === 0 && hasPhrase(foldedText(block), lexicon.versionStatements)) {
      statements.push(block.range);
    }
  }
  rows.sort((a, b) => a.range.start - b.range.start);
  return { rows, tables, statements, claims: supportClaims(blocks), covers, seriesOf: seriesOfRows };
}
