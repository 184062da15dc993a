// `npm run corpus`: score the built linter against the hand-labelled policies in
// ../shared/labelled (labels.tsv, mapped to rules as its README says). Prints per rule the true and
// false positives and negatives, then every misjudged file × rule. Skips with a message, exit 0, where
// ../shared is absent (a user's clone). Options:
//   --json   print the score as JSON instead of a table
//   --show   after the table, the findings each misjudged file got from the rule in question
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MAPPING, parseLabels, score } from "./corpus-lib.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LABELLED = path.resolve(ROOT, "..", "shared", "labelled");
const args = process.argv.slice(2);

if (!existsSync(path.join(LABELLED, "labels.tsv"))) {
  process.stdout.write(
    `corpus: skipped, ${path.relative(ROOT, LABELLED)}/labels.tsv is absent (it is only beside the project's own checkouts)\n`,
  );
  process.exit(0);
}
const lib = path.join(ROOT, "dist", "index.js");
if (!existsSync(lib)) {
  process.stderr.write("corpus: dist/index.js is missing: run `npm run build` first\n");
  process.exit(2);
}
const { lint } = await import(pathToFileURL(lib).href);

const rows = parseLabels(readFileSync(path.join(LABELLED, "labels.tsv"), "utf8"));
// The labels judge staleness against this date (the labelled README).
const now = new Date("2026-12-02T00:00:00Z");
const fired = new Map();
const findings = new Map();
for (const row of rows) {
  const file = path.join(LABELLED, "files", row.file);
  const [result] = await lint([file], { now, cwd: path.dirname(file) });
  if (result.fatal) throw new Error(`${row.file}: ${result.findings.map((f) => f.message).join("; ")}`);
  fired.set(row.file, new Set(result.findings.map((f) => f.ruleId)));
  findings.set(row.file, result.findings);
}
const { perRule, misjudged, judgements } = score(rows, fired);

if (args.includes("--json")) {
  process.stdout.write(
    `${JSON.stringify({ judgements, misjudged: misjudged.length, perRule: Object.fromEntries(perRule), misjudgedPairs: misjudged }, null, 2)}\n`,
  );
  process.exit(0);
}
const pad = (s, n) => String(s).padEnd(n);
const lines = [`${pad("rule", 28)} ${["TP", "FP", "FN", "TN"].map((h) => h.padStart(4)).join("")}`];
for (const [id] of MAPPING) {
  const c = perRule.get(id);
  lines.push(`${pad(id, 28)} ${[c.tp, c.fp, c.fn, c.tn].map((n) => String(n).padStart(4)).join("")}`);
}
lines.push("", `${misjudged.length} of ${judgements} judgements misjudged (${rows.length} files × ${MAPPING.length} rules)`);
for (const m of misjudged) {
  lines.push(`  ${m.kind.padEnd(14)} ${pad(m.rule, 28)} ${m.file}`);
  if (args.includes("--show")) {
    for (const f of findings.get(m.file).filter((f) => f.ruleId === m.rule)) lines.push(`      ${f.line}:${f.column} ${f.message}`);
    if (m.note) lines.push(`      label note: ${m.note}`);
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
