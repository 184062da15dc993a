// The performance benchmark: `npm run bench` (after `npm run build`). Every case runs its commands
// interleaved (a, b, c, a, b, c, ...) so that load from other processes falls on all of them alike, and
// reports the median wall time of each. A full run (every case, not --short) writes its table into the
// generated block of docs/performance.md; the figures live there and nowhere else. Options:
//   --short        few files and 2 runs: proves the benchmark works (CI), says nothing about speed
//   --runs <n>     repetitions per command of the bulk and cache cases (default 5)
//   --cold-runs <n>  repetitions of the one-file cold run (default 21)
//   --files <n>    policies in the bulk cases (default 2000)
//   --memory-files <n>  policies in the peak-memory case (default 10000)
//   --only <cases>  run only these cases, comma-separated: cold, bulk, cache, memory, lsp (default: all)
//   --edits <n>    edits timed in the language server case (default 40)
//   --no-write     print the table only, leaving docs/performance.md as it is
// It installs nothing: markdownlint-cli2 is a devDependency, the parse floor is bundled with esbuild, the
// language server is driven by vscode-languageserver-protocol (a devDependency).
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import lsp from "vscode-languageserver-protocol/node";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const short = args.includes("--short");
const numberArg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const RUNS = numberArg("--runs", short ? 2 : 5);
const COLD_RUNS = numberArg("--cold-runs", short ? 2 : 21);
const FILES = numberArg("--files", short ? 20 : 2000);
const MEMORY_FILES = numberArg("--memory-files", short ? 40 : 10000);
const EDITS = numberArg("--edits", short ? 4 : 40);
const CASES = ["cold", "bulk", "cache", "memory", "lsp"];
const only = args.includes("--only") ? String(args[args.indexOf("--only") + 1]).split(",") : CASES;
const unknown = only.filter((c) => !CASES.includes(c));
if (unknown.length > 0) {
  process.stderr.write(`bench: --only: unknown case ${unknown.join(", ")}; the cases are ${CASES.join(", ")}\n`);
  process.exit(2);
}
const runs = (name) => only.includes(name);

const MDL = path.join(ROOT, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
if (!existsSync(path.join(ROOT, "dist", "cli.cjs"))) throw new Error("dist/cli.cjs is missing: run `npm run build` first");
if (!existsSync(MDL)) throw new Error("markdownlint-cli2 is missing: run `npm ci`");

const work = mkdtempSync(path.join(tmpdir(), "secpolicy-bench-"));
// A copy of the build, so a rebuild during a long benchmark changes nothing. The build loads openpgp and
// iconv-lite from node_modules when a file needs them: link the project's node_modules beside the copy.
cpSync(path.join(ROOT, "dist"), path.join(work, "dist"), { recursive: true });
symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"), "dir");
const CLI = path.join(work, "dist", "cli.cjs");
const log = (line) => process.stderr.write(`${line}\n`);

/** Policy texts to copy: the fixtures, and ../shared/corpus when it is there. */
function templates() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".md")) out.push(readFileSync(p, "utf8"));
    }
  };
  const corpus = path.resolve(ROOT, "..", "shared", "corpus");
  if (existsSync(corpus)) walk(corpus);
  walk(path.join(ROOT, "fixtures"));
  return out;
}

/** `count` policies in a fresh directory, each text a little different so no cache can merge them. */
function generate(name, count) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  const texts = templates();
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `policy-${String(i).padStart(5, "0")}.md`);
    writeFileSync(file, `${texts[i % texts.length]}\n<!-- copy ${i} -->\n`);
    files.push(path.relative(dir, file));
  }
  return { dir, files };
}

/** The parse floor: remark-parse + remark-gfm alone, bundled like the CLI, parsing every file once. */
async function parseFloor() {
  const entry = path.join(work, "floor.mjs");
  writeFileSync(
    entry,
    `import { readFileSync } from "node:fs";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
const processor = unified().use(remarkParse).use(remarkGfm);
let nodes = 0;
for (const file of process.argv.slice(2)) nodes += processor.parse(readFileSync(file, "utf8")).children.length;
if (nodes < 0) console.log(nodes);
`,
  );
  const outfile = path.join(work, "floor.bundle.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    outfile,
    nodePaths: [path.join(ROOT, "node_modules")],
    logLevel: "error",
  });
  return outfile;
}

/** Run a command once; its wall time in seconds. */
function time(command, cwd) {
  // A command is an argument vector, or { argv, env } for one that needs environment variables of its own.
  const { argv, env } = Array.isArray(command) ? { argv: command, env: {} } : command;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // Exit code 2 with a quiet stderr is a file refused in the report (markdown past the parser's limits), not a failed run.
  const failed = r.status === null || r.status > 2 || (r.status === 2 && String(r.stderr).trim() !== "");
  if (r.error || failed)
    throw new Error(`${argv.slice(0, 3).join(" ")} failed (${r.error?.message ?? r.status}): ${String(r.stderr).slice(0, 500)}`);
  return seconds;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Time several commands interleaved, `RUNS` times each; `before` runs untimed before each round. */
function interleaved(commands, cwd, before, rounds = RUNS) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let run = 0; run < rounds; run++) {
    before?.();
    for (const [name, command] of Object.entries(commands)) times[name].push(time(command, cwd));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const node = process.execPath;
const rows = [];
const fmt = (s) => (s === undefined ? "" : s < 10 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`);
const ratio = (value, target, goodWhenBelow = true) => {
  const met = goodWhenBelow ? value <= target : value >= target;
  return `${value.toFixed(2)}× (target ${goodWhenBelow ? "≤" : "≥"} ${target}×: ${met ? "met" : "not met"})`;
};

const floor = await parseFloor();

// 1. A cold run on one file: the pre-commit hook. The CLI keeps a V8 code cache beside its program after
// its first run (see src/launch.ts): one untimed run writes it, as the first commit after an install
// would. The run without it (SECPOLICY_LINT_CODE_CACHE=0) is what the very first run costs.
if (runs("cold")) {
  const { dir, files } = generate("one", 1);
  log(`cold single file, ${COLD_RUNS} runs...`);
  time([node, CLI, files[0]], dir);
  const t = interleaved(
    {
      lint: [node, CLI, files[0]],
      uncached: { argv: [node, CLI, files[0]], env: { SECPOLICY_LINT_CODE_CACHE: "0" } },
      mdl: [node, MDL, files[0]],
      floor: [node, floor, files[0]],
      node: [node, "-e", "0"],
    },
    dir,
    undefined,
    COLD_RUNS,
  );
  rows.push({
    case: "cold run, 1 file",
    lint: t.lint,
    mdl: t.mdl,
    floor: t.floor,
    node: t.node,
    ratios: `vs node -e 0: ${ratio(t.lint / t.node, 2.0)}; vs markdownlint-cli2: ${(t.lint / t.mdl).toFixed(2)}×`,
  });
  rows.push({
    case: "cold run, 1 file, no code cache (first run)",
    lint: t.uncached,
    mdl: t.mdl,
    floor: t.floor,
    node: t.node,
    ratios: `vs node -e 0: ${(t.uncached / t.node).toFixed(2)}×; vs markdownlint-cli2: ${(t.uncached / t.mdl).toFixed(2)}×`,
  });
}

// 2. Bulk: the default run (workers from three cores on) against markdownlint-cli2 on the same files, a
// pool of one worker per core, and a run with one cheap rule on (valid-encoding reads no fact but the
// control characters): the model is built lazily, so that run must be measurably faster than the full one.
const bulk = runs("bulk") || runs("cache") ? generate("bulk", FILES) : undefined;
const cores = availableParallelism();
if (runs("bulk")) {
  const oneRule = path.join(work, "one-rule.json");
  writeFileSync(oneRule, JSON.stringify({ extends: "off", rules: { "valid-encoding": "error" } }));
  log(`bulk, ${FILES} files, ${RUNS} runs...`);
  const t = interleaved(
    {
      lint: [node, CLI, ...bulk.files],
      pool: [node, CLI, "--concurrency", String(cores), ...bulk.files],
      shared: [node, CLI, "--concurrency", "1", ...bulk.files],
      one: [node, CLI, "--config", oneRule, ...bulk.files],
      mdl: [node, MDL, ...bulk.files],
      floor: [node, floor, ...bulk.files],
      node: [node, "-e", "0"],
    },
    bulk.dir,
  );
  rows.push({
    case: `bulk, ${FILES} files, default (${cores} cores)`,
    lint: t.lint,
    mdl: t.mdl,
    floor: t.floor,
    node: t.node,
    ratios: `time vs markdownlint-cli2: ${ratio(t.lint / t.mdl, 0.7)}`,
  });
  rows.push({
    case: `bulk, ${FILES} files, --concurrency ${cores}`,
    lint: t.pool,
    mdl: t.mdl,
    floor: t.floor,
    node: t.node,
    ratios: `time vs markdownlint-cli2: ${(t.pool / t.mdl).toFixed(2)}×`,
  });
  rows.push({
    case: `bulk, ${FILES} files, --concurrency 1 (the main thread lints beside one worker)`,
    lint: t.shared,
    mdl: t.mdl,
    floor: t.floor,
    node: t.node,
    ratios: `time vs markdownlint-cli2: ${(t.shared / t.mdl).toFixed(2)}×`,
  });
  rows.push({
    case: `bulk, ${FILES} files, one cheap rule (valid-encoding)`,
    lint: t.one,
    floor: t.floor,
    node: t.node,
    ratios: `vs the full run: ${(t.one / t.lint).toFixed(2)}× (${t.one < t.lint * 0.95 ? "faster" : "not measurably faster"})`,
  });
}

// 3. The cache: a first run with an empty cache, then an unchanged re-run.
if (runs("cache")) {
  log(`cache, ${FILES} files, ${RUNS} runs...`);
  const cacheFile = path.join(work, "bench.cache");
  const t = interleaved(
    {
      first: [node, CLI, "--cache-location", cacheFile, ...bulk.files],
      again: [node, CLI, "--cache-location", cacheFile, ...bulk.files],
    },
    bulk.dir,
    () => rmSync(cacheFile, { force: true }),
  );
  rows.push({ case: `--cache, ${FILES} files: first run`, lint: t.first });
  rows.push({
    case: `--cache, ${FILES} files: unchanged re-run`,
    lint: t.again,
    ratios: `vs first run: ${ratio(t.again / t.first, 0.15)}`,
  });
}

// 4. Peak memory (resident set of the CLI process and its worker threads).
let memory = runs("memory") ? "n/a (no /usr/bin/time)" : "not measured (--only)";
if (runs("memory") && existsSync("/usr/bin/time")) {
  log(`peak memory, ${MEMORY_FILES} files...`);
  const many = generate("memory", MEMORY_FILES);
  const r = spawnSync("/usr/bin/time", ["-f", "%M", node, CLI, ...many.files], {
    cwd: many.dir,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const kb = Number(r.stderr.trim().split("\n").pop());
  const mb = kb / 1024;
  memory = `${mb.toFixed(0)} MB for ${MEMORY_FILES} files (target ≤ 150 MB: ${mb <= 150 ? "met" : "not met"})`;
}

// 5. The language server: an edit to an open 5 KB policy until its diagnostics arrive (the server's
// debounce set to 0 and reported beside it), against a cold CLI run on the same file, interleaved: a
// cold run, then a share of the edits, round after round.
if (runs("lsp")) {
  log(`language server, ${EDITS} edits of a 5 KB policy, ${RUNS} cold runs...`);
  const dir = path.join(work, "lsp");
  mkdirSync(path.join(dir, ".git"), { recursive: true });
  const base = templates().find((t) => Buffer.byteLength(t) >= 3000 && Buffer.byteLength(t) <= 6000) ?? templates()[0];
  let text = base;
  for (let i = 0; Buffer.byteLength(text) < 5 * 1024; i++)
    text += `\nReports about component ${i} are triaged by the maintainers of that component.\n`;
  const file = path.join(dir, "SECURITY.md");
  writeFileSync(file, text);
  time([node, CLI, "SECURITY.md"], dir);
  const server = await openInServer(file, text);
  const cold = [];
  const edits = [];
  for (let run = 0; run < RUNS; run++) {
    cold.push(time([node, CLI, "SECURITY.md"], dir));
    const share = Math.ceil((EDITS - edits.length) / (RUNS - run));
    for (let i = 0; i < share; i++) edits.push(await server.edit());
  }
  await server.stop();
  const sorted = [...edits].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))];
  rows.push({
    case: `warm re-lint after an edit, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB policy (lsp, median of ${EDITS})`,
    lint: median(edits),
    ratios: `vs a cold CLI run on the same file (${fmt(median(cold))}): ${(median(edits) / median(cold)).toFixed(3)}×; p90 ${fmt(p90)}; editors add the ${server.debounce} ms debounce`,
  });
}

/**
 * `dist/cli.cjs lsp --stdio` with `file` open. `edit()` changes one line, as a keystroke does (the client
 * sends the whole text), and resolves with the seconds until that version's diagnostics arrive.
 */
async function openInServer(file, text) {
  const child = spawn(node, [CLI, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (p) => waiting.get(p.version)?.(p));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { debounceMs: 0 },
  });
  await connection.sendNotification("initialized", {});
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  const uri = pathToFileURL(file).href;
  const first = published(1);
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
  await first;
  const lines = text.split("\n");
  let version = 1;
  return {
    // DEFAULT_DEBOUNCE_MS of src/lsp/schedule.ts.
    debounce: 200,
    async edit() {
      version++;
      const edited = [...lines.slice(0, 4), `${lines[4] ?? ""} edit ${version}`, ...lines.slice(5)].join("\n");
      const done = published(version);
      const start = process.hrtime.bigint();
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
      await done;
      return Number(process.hrtime.bigint() - start) / 1e9;
    },
    async stop() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await new Promise((resolve) => child.once("exit", resolve));
      connection.dispose();
    },
  };
}

rmSync(work, { recursive: true, force: true });

const header = ["case", "secpolicy-lint", "markdownlint-cli2", "parse floor", "node -e 0", "ratios"];
const table = [
  header,
  header.map(() => "---"),
  ...rows.map((r) => [r.case, fmt(r.lint), fmt(r.mdl), fmt(r.floor), fmt(r.node), r.ratios ?? ""]),
];
const out = [
  `secpolicy-lint benchmark${short ? " (--short: proves it runs, the numbers mean nothing)" : ""}: node ${process.version}, ${cpus().length} cores (${availableParallelism()} available), median of ${RUNS} interleaved runs (the cold run: ${COLD_RUNS})`,
  "",
  ...table.map((r) => `| ${r.join(" | ")} |`),
  "",
  `Peak memory: ${memory}`,
];
process.stdout.write(`${out.join("\n")}\n`);

// The figures of a full run replace the generated block of docs/performance.md.
const START = "<!-- bench:start (written by `npm run bench`; do not edit) -->";
const END = "<!-- bench:end -->";
if (!short && !args.includes("--no-write") && only.length === CASES.length && FILES === 2000 && MEMORY_FILES === 10000) {
  const doc = path.join(ROOT, "docs", "performance.md");
  const text = readFileSync(doc, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from === -1 || to < from) throw new Error(`docs/performance.md has no ${START} … ${END} block`);
  const day = new Date().toISOString().slice(0, 10);
  const block = `${START}\n\nMeasured ${day} with \`npm run bench\`:\n\n\`\`\`\n${out.join("\n")}\n\`\`\`\n\n`;
  writeFileSync(doc, text.slice(0, from) + block + text.slice(to));
  log("docs/performance.md: figures updated");
}
