// Record what the built CLI (dist/cli.cjs) finds, or compare it with a recording: the proof that a change
// meant to keep behaviour (a move, a refactor) kept it. Build first (`npm run build`).
//
//     node scripts/compare-findings.mjs record findings-before.json
//     node scripts/compare-findings.mjs compare findings-before.json
//
// It covers every .md file under fixtures/ and, when ../shared is present, ../shared/seeds/* and
// ../shared/corpus/*.md (JSON findings under the recommended and the strict configuration), and the
// `--recursive` runs over fixtures/repos and over a folder of repositories made from the corpus (stylish
// and JSON: standard output, standard error and exit code). Absolute paths are written as <root> or
// <tmp>, so a recording made in one checkout compares in another. The time is fixed by SECPOLICY_LINT_NOW.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist", "cli.cjs");
const shared = path.resolve(root, "..", "shared");
const [mode, baseline] = process.argv.slice(2);
if (!["record", "compare"].includes(mode ?? "") || !baseline) {
  process.stderr.write("usage: node scripts/compare-findings.mjs record|compare <baseline.json>\n");
  process.exit(2);
}
if (!existsSync(cli)) {
  process.stderr.write("compare-findings: dist/cli.cjs is missing; run `npm run build` first\n");
  process.exit(2);
}

const env = { ...process.env, SECPOLICY_LINT_NOW: "2026-12-02T00:00:00Z", SECPOLICY_LINT_CODE_CACHE: "0", NO_COLOR: "1" };
delete env.FORCE_COLOR;
delete env.GITHUB_ACTIONS;

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== "node_modules") walk(p, out);
    else if (e.isFile() && e.name.endsWith(".md")) out.push(p);
  }
  return out;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "secpolicy-compare-"));
const clean = (text) => text.split(root).join("<root>").split(tmp).join("<tmp>").split(shared).join("<shared>");

function run(args, cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  return { args: args.map(clean), code: r.status, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

const files = walk(path.join(root, "fixtures")).map((f) => path.relative(root, f));
if (existsSync(shared)) {
  const seeds = path.join(shared, "seeds");
  if (existsSync(seeds)) for (const f of readdirSync(seeds).sort()) files.push(path.join(seeds, f));
  const corpus = path.join(shared, "corpus");
  if (existsSync(corpus)) for (const f of readdirSync(corpus).sort()) if (f.endsWith(".md")) files.push(path.join(corpus, f));
}

const strict = path.join(tmp, "strict.json");
writeFileSync(strict, JSON.stringify({ extends: "strict" }));
const record = {};
// Each file alone: a file's findings do not depend on the files linted beside it.
const chunk = 40;
for (const config of [[], ["--config", strict]]) {
  for (let i = 0; i < files.length; i += chunk) {
    const part = files.slice(i, i + chunk);
    const r = run(["--format", "json", ...config, ...part]);
    record[`files ${config.length ? "strict" : "default"} ${i}`] = r;
  }
}

// The organisation scan over fixtures/repos, and over a folder of repositories made from the corpus.
for (const format of ["stylish", "json"]) {
  record[`recursive fixtures/repos ${format}`] = run(["--recursive", "--format", format, "fixtures/repos"]);
  record[`recursive fixtures/repos ${format} quiet`] = run([
    "--recursive",
    "--quiet",
    "--max-warnings",
    "0",
    "--format",
    format,
    "fixtures/repos",
  ]);
}
const corpus = path.join(shared, "corpus");
if (existsSync(corpus)) {
  const org = path.join(tmp, "org");
  for (const f of readdirSync(corpus).sort()) {
    if (!f.endsWith(".md")) continue;
    const repo = path.join(org, f.replace(/\.md$/, "").replace(/[^\w.-]/g, "_"));
    mkdirSync(path.join(repo, ".git"), { recursive: true });
    copyFileSync(path.join(corpus, f), path.join(repo, "SECURITY.md"));
  }
  for (const format of ["stylish", "json"]) record[`recursive corpus ${format}`] = run(["--recursive", "--format", format, "org"], tmp);
}
rmSync(tmp, { recursive: true, force: true });

if (mode === "record") {
  writeFileSync(baseline, `${JSON.stringify(record, null, 1)}\n`);
  process.stdout.write(`compare-findings: recorded ${Object.keys(record).length} runs over ${files.length} files to ${baseline}\n`);
} else {
  const before = JSON.parse(readFileSync(baseline, "utf8"));
  let differ = 0;
  for (const key of new Set([...Object.keys(before), ...Object.keys(record)])) {
    const a = before[key];
    const b = record[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    differ++;
    process.stdout.write(`differs: ${key}\n`);
    for (const field of ["code", "stdout", "stderr"]) {
      if (a?.[field] === b?.[field]) continue;
      const x = String(a?.[field]);
      const y = String(b?.[field]);
      let at = 0;
      while (at < x.length && x[at] === y[at]) at++;
      process.stdout.write(
        `  ${field}: before …${JSON.stringify(x.slice(Math.max(0, at - 80), at + 120))}\n  ${field}: after  …${JSON.stringify(y.slice(Math.max(0, at - 80), at + 120))}\n`,
      );
    }
  }
  process.stdout.write(`compare-findings: ${Object.keys(record).length} runs over ${files.length} files, ${differ} differ\n`);
  process.exit(differ ? 1 : 0);
}
