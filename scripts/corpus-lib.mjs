// The scoring behind `npm run corpus`: how a hand-labelled policy's columns map to the findings each rule
// should give, and the confusion counts per rule. Pure functions, so tests can check them without
// ../shared.

/**
 * Each scored rule and when it should fire, from a label row (the mapping of ../shared/labelled/README.md).
 * `yes(row, column)` is true when that column says `yes`.
 */
export const MAPPING = [
  ["require-supported-versions", (r) => !yes(r, "has_supported_versions_info") || yes(r, "all_versions_unsupported_or_template_rows")],
  ["require-private-reporting", (r) => !yes(r, "has_private_channel")],
  ["require-response-timeline", (r) => !yes(r, "has_response_timeline")],
  ["require-disclosure-process", (r) => !yes(r, "has_disclosure_process")],
  ["no-placeholder-contact", (r) => yes(r, "placeholder_contact")],
  ["consistent-contacts", (r) => yes(r, "mismatched_contacts")],
  ["no-mojibake", (r) => yes(r, "mojibake")],
  ["no-stale-date", (r) => yes(r, "stale_last_updated_date")],
  ["valid-links", (r) => yes(r, "malformed_link")],
  ["valid-pgp-key", (r) => yes(r, "placeholder_pgp") || yes(r, "pgp_key_defect")],
  ["no-template-text", (r) => yes(r, "unedited_github_template") || yes(r, "template_leftover")],
];

function yes(row, column) {
  const value = row[column];
  if (value === undefined) throw new Error(`labels.tsv has no column \`${column}\``);
  return value.trim().toLowerCase() === "yes";
}

/** Rows of a tab-separated file with a header line, as objects keyed by the header's names. */
export function parseLabels(tsv) {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines.shift() ?? "").split("\t");
  if (!header.includes("file")) throw new Error("labels.tsv has no `file` column");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""]));
  });
}

/**
 * Score the linter's rule ids per file against the labels. `fired` maps a file name to the set of rule ids
 * that reported at least one finding. Returns per-rule counts and the misjudged (file, rule) pairs.
 */
export function score(rows, fired) {
  const perRule = new Map(MAPPING.map(([id]) => [id, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const misjudged = [];
  for (const row of rows) {
    const got = fired.get(row.file);
    if (got === undefined) throw new Error(`no result for ${row.file}`);
    for (const [id, expect] of MAPPING) {
      const want = expect(row);
      const has = got.has(id);
      const c = perRule.get(id);
      if (want && has) c.tp++;
      else if (!want && !has) c.tn++;
      else if (has) {
        c.fp++;
        misjudged.push({ file: row.file, rule: id, kind: "false positive", note: row.note ?? "" });
      } else {
        c.fn++;
        misjudged.push({ file: row.file, rule: id, kind: "false negative", note: row.note ?? "" });
      }
    }
  }
  return { perRule, misjudged, judgements: rows.length * MAPPING.length };
}
