/**
 * Whether a supported-versions row covers a version. Rows are written `5.1.x`, `>= 2.0`, `< 1.0`,
 * `1.x`, `v3`, `2.4.*`, `Latest` or `main`; they are turned into semver ranges and matched with the
 * semver package, never compared by hand.
 */
import semver from "semver";
import { trimEndChars } from "../text/trim.js";

/** Rows that name the newest release or the development branch rather than a number. */
const NEWEST =
  /^(?:the\s+)?(?:latest|current|newest|main|master|trunk|head|stable|edge|nightly|next|development|dev|default branch|all(?:\s+versions)?)\b/i;

export type RowRange = { kind: "newest" } | { kind: "range"; range: string } | { kind: "unknown" };

function singleRange(part: string): RowRange {
  let text = part.trim();
  if (NEWEST.test(text)) return { kind: "newest" };
  // "1.2 and later", "2.0+", "1.4 or newer"
  const later = /^v?(\d+(?:\.\d+){0,2})(?:\s*\+|\s+(?:and|or)\s+(?:later|above|newer|higher|up))$/i.exec(text);
  if (later) text = `>=${later[1]}`;
  // "v3", "V2.x": a leading v on each comparator
  text = text.replace(/(^|[\s<>=~^])v(?=\d)/gi, "$1");
  // "2.4.*" and "2.x.x": semver reads both; a trailing "." or "," is noise
  text = trimEndChars(text, ".,;:");
  if (text === "") return { kind: "unknown" };
  const range = semver.validRange(text, { loose: true });
  return range ? { kind: "range", range } : { kind: "unknown" };
}

/**
 * Read a row's version expression: the newest release, a semver range, or something we cannot read.
 * A row may name several (`2.2.x / latest`, `1.x, 2.x`): it covers what any of them covers.
 */
export function rowRange(expression: string): RowRange {
  const text = expression
    .replace(/[`*_]{2,}|`/g, "")
    .replace(/\([^()]*\)/g, " ")
    .replace(/≥|=>/g, ">=")
    .replace(/≤|=</g, "<=")
    .replace(/\s+/g, " ")
    .trim();
  // White space is already squeezed to single spaces; the parts are trimmed after the split.
  const parts = text
    .split(/\/|,|;|&|\|\||\bor\b(?!\s(?:later|newer|above|higher))/i)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const read = parts.map(singleRange);
  if (read.some((r) => r.kind === "newest")) return { kind: "newest" };
  const ranges = read.flatMap((r) => (r.kind === "range" ? [r.range] : []));
  return ranges.length > 0 ? { kind: "range", range: ranges.join(" || ") } : { kind: "unknown" };
}

/** Whether `version` falls in the row; a pre-release counts as the release it leads to. */
export function rowCovers(row: RowRange, version: string): boolean {
  if (row.kind === "newest") return true;
  if (row.kind === "unknown") return false;
  const options = { loose: true, includePrerelease: true };
  if (semver.satisfies(version, row.range, options)) return true;
  const release = semver.coerce(version)?.version;
  return release !== undefined && semver.satisfies(release, row.range, options);
}

/**
 * The series a row for this version would name: `0.3.x` below 1.0, `2.4.x` when the table's rows name
 * minor releases, `2.x` otherwise.
 */
export function seriesOf(version: string, rows: readonly string[] = []): string {
  const v = semver.parse(version, { loose: true });
  if (!v) return version;
  const minorRows = rows.some((r) => /^\D{0,3}\d+\.\d+(?:\.[x*]|$)/i.test(r.trim()));
  return v.major === 0 || minorRows ? `${v.major}.${v.minor}.x` : `${v.major}.x`;
}
