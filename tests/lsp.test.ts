/**
 * The language server as an editor runs it: `node dist/cli.cjs lsp --stdio`, driven by a real LSP client
 * connection (vscode-languageserver-protocol) over the child's standard input and output.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  type CodeAction,
  createProtocolConnection,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  type TextEdit,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleById } from "../rules/index.js";
import { hoverMarkdown } from "../src/lsp/hover.js";
import { lintedPath } from "../src/lsp/lint-document.js";
import type { Finding } from "../src/types.js";
import { BIN, CACHE_DIR, PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";
import { filesUnder, ROOT, SHARED } from "./helpers.js";

beforeAll(requireBuild);

const NOW = "2026-11-21T12:00:00Z";
/** A policy with a placeholder address after a character beyond the BMP (two UTF-16 code units), and mojibake (fixable). */
const POLICY = PLACEHOLDER.replace("Email security@example.com.", "🔒 Email security@example.com.").replace(
  "## Disclosure Process",
  "## Disclosure Process\n\nReports are read by the maintainers' rÃ©sumÃ© team in MÃ¼nchen.",
);

interface Session {
  connection: ProtocolConnection;
  child: ChildProcess;
  received: PublishDiagnosticsParams[];
  exited: Promise<number | null>;
  stderr: () => string;
}

const sessions: Session[] = [];
afterAll(() => {
  for (const s of sessions) if (s.child.exitCode === null) s.child.kill();
});

async function start(bin = BIN, initializationOptions: object = { debounceMs: 20 }, nodeArgs: string[] = []): Promise<Session> {
  const child = spawn(process.execPath, [...nodeArgs, bin, "lsp", "--stdio"], {
    env: { ...process.env, SECPOLICY_LINT_NOW: NOW, SECPOLICY_LINT_CACHE_DIR: CACHE_DIR },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  const received: PublishDiagnosticsParams[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    received.push(p);
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const session = { connection, child, received, exited, stderr: () => stderr };
  sessions.push(session);
  const init = (await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions,
  })) as { capabilities: { hoverProvider?: boolean; codeActionProvider?: unknown }; serverInfo?: { name: string } };
  expect(init.serverInfo?.name).toBe("secpolicy-lint");
  expect(init.capabilities.hoverProvider).toBe(true);
  await connection.sendNotification("initialized", {});
  return session;
}

/** The first diagnostics for `uri` published after the `from`-th notification that satisfy `accept`. */
async function diagnostics(
  s: Session,
  uri: string,
  from: number,
  accept: (p: PublishDiagnosticsParams) => boolean = () => true,
): Promise<PublishDiagnosticsParams> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = s.received.slice(from).find((p) => p.uri === uri && accept(p));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; stderr: ${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function open(
  s: Session,
  file: string,
  text: string,
  languageId = "markdown",
): Promise<{ uri: string; published: PublishDiagnosticsParams }> {
  const uri = pathToFileURL(file).href;
  const mark = s.received.length;
  await s.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  return { uri, published: await diagnostics(s, uri, mark) };
}

/** Send a new version: the whole text, or (as editors do) incremental edits. */
async function change(s: Session, uri: string, version: number, text: string | TextEdit[]): Promise<PublishDiagnosticsParams> {
  const mark = s.received.length;
  const contentChanges = typeof text === "string" ? [{ text }] : text.map((e) => ({ range: e.range, text: e.newText }));
  await s.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges });
  return diagnostics(s, uri, mark, (p) => p.version === version);
}

async function stop(s: Session): Promise<void> {
  await s.connection.sendRequest("shutdown");
  await s.connection.sendNotification("exit");
  expect(await s.exited).toBe(0);
}

/** A diagnostic as the comparison with the CLI sees it. */
const shape = (d: Diagnostic) => ({
  ruleId: d.code,
  severity: d.severity,
  message: d.message,
  start: [d.range.start.line, d.range.start.character],
  end: [d.range.end.line, d.range.end.character],
});

/** The CLI's JSON findings for a file, in the same shape (LSP lines and characters are 0-based). */
function cliFindings(file: string) {
  const r = runCli(["--format", "json", path.basename(file)], { cwd: path.dirname(file) });
  expect(r.code, r.stderr).not.toBe(2);
  const [result] = JSON.parse(r.stdout) as {
    messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
  }[];
  return (result?.messages ?? []).map((m) => ({
    ruleId: m.ruleId,
    severity: m.severity === 2 ? 1 : 2,
    message: m.message,
    start: [m.line - 1, m.column - 1],
    end: [m.endLine - 1, m.endColumn - 1],
  }));
}

function applyAction(text: string, uri: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  expect(edits?.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(TextDocument.create(uri, "markdown", 1, text), edits ?? []);
}

async function actionsFor(s: Session, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return (await s.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as CodeAction[];
}

describe("lsp --stdio", () => {
  it("publishes the CLI's findings for an opened policy, fixes one with a code action and clears it", async () => {
    const dir = tempRepo({ "SECURITY.md": POLICY });
    const file = path.join(dir, "SECURITY.md");
    const s = await start();
    const { uri, published } = await open(s, file, POLICY);
    expect(published.version).toBe(1);
    const expected = cliFindings(file);
    expect(expected.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["no-placeholder-contact", "no-mojibake"]));
    expect(published.diagnostics.map(shape)).toEqual(expected);
    for (const d of published.diagnostics) {
      expect(d.source).toBe("secpolicy-lint");
      expect(d.codeDescription?.href).toBe(`https://github.com/secpolicy-lint/secpolicy-lint/blob/main/docs/rules/${d.code}.md`);
    }
    // Characters count UTF-16 code units, as the client does: the lock emoji before the address is two.
    const placeholder = published.diagnostics.find((d) => d.code === "no-placeholder-contact") as Diagnostic;
    const line = POLICY.split("\n")[placeholder.range.start.line] as string;
    expect(line.slice(placeholder.range.start.character, placeholder.range.end.character)).toBe("security@example.com");

    const mojibake = published.diagnostics.filter((d) => d.code === "no-mojibake");
    expect(mojibake.length).toBe(3);
    const actions = await actionsFor(s, uri, mojibake[0] as Diagnostic);
    const fix = actions.find((a) => a.title.startsWith("Fix: "));
    expect(fix?.kind).toBe("quickfix");
    const fixed = applyAction(POLICY, uri, fix as CodeAction);
    expect(fixed).toContain("résumÃ©");
    // Sent as the editor sends an applied edit: incrementally.
    const after = await change(s, uri, 2, (fix as CodeAction).edit?.changes?.[uri] ?? []);
    expect(after.diagnostics.filter((d) => d.code === "no-mojibake").length).toBe(2);
    expect(after.diagnostics.some((d) => d.code === "no-placeholder-contact")).toBe(true);

    // Fix all applies the others.
    const all = (await s.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    expect(all.map((a) => a.kind)).toEqual(["source.fixAll.secpolicy-lint"]);
    const clean = applyAction(fixed, uri, all[0] as CodeAction);
    expect(clean).toContain("résumé team in München");
    expect((await change(s, uri, 3, clean)).diagnostics.map((d) => d.code)).toEqual(["no-placeholder-contact"]);
    await stop(s);
  });

  it("turns a rule off for a line with a disable comment whose reason is a placeholder, and shows the rule's docs on hover", async () => {
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    const file = path.join(dir, "SECURITY.md");
    const s = await start();
    const { uri, published } = await open(s, file, PLACEHOLDER);
    const d = published.diagnostics.find((x) => x.code === "no-placeholder-contact") as Diagnostic;

    const hover = (await s.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: d.range.start })) as Hover;
    const value = (hover.contents as { kind: string; value: string }).value;
    expect((hover.contents as { kind: string }).kind).toBe("markdown");
    expect(value).toContain("`no-placeholder-contact`");
    // The message quotes the file: its markdown is escaped.
    expect(value).toContain("security@example\\.com");
    // The page's advice, without its options and examples.
    expect(value).toContain("## How to fix");
    expect(value).not.toMatch(/^## (?:Options|Configuration|Examples)/m);
    expect(value).toContain(ruleById("no-placeholder-contact")?.meta.description);
    expect(value).toContain(d.codeDescription?.href);
    expect(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();

    const disable = (await actionsFor(s, uri, d)).find((a) => a.title === "Disable no-placeholder-contact for this line") as CodeAction;
    expect(disable).toBeDefined();
    const text = applyAction(PLACEHOLDER, uri, disable);
    expect(text.split("\n")[d.range.start.line]).toMatch(/^<!-- secpolicy-lint-disable-next-line no-placeholder-contact -- TODO: .+ -->$/);
    const after = await change(s, uri, 2, text);
    expect(after.diagnostics.some((x) => x.code === "no-placeholder-contact")).toBe(false);
    expect(after.diagnostics.some((x) => x.code === "inline-config")).toBe(false);

    // On a paragraph's second line, a comment line would split the paragraph: the block is wrapped instead,
    // and every other finding stays as it was.
    const second = PLACEHOLDER.replace("Email security@example.com.", "Write to the security team.\nEmail security@example.com.");
    const before = await change(s, uri, 3, second);
    const inner = before.diagnostics.find((x) => x.code === "no-placeholder-contact") as Diagnostic;
    const wrap = (await actionsFor(s, uri, inner)).find((a) => a.title === "Disable no-placeholder-contact for this block") as CodeAction;
    expect(wrap).toBeDefined();
    const wrapped = applyAction(second, uri, wrap);
    expect(wrapped).toContain(
      "<!-- secpolicy-lint-disable no-placeholder-contact -- TODO: say why this finding does not apply -->\nWrite to the security team.\nEmail security@example.com.",
    );
    expect(wrapped).toMatch(
      /working days\. Or use \[private reporting\]\([^)]*\)\.\n<!-- secpolicy-lint-enable no-placeholder-contact -->\n/,
    );
    const rest = (await change(s, uri, 4, wrapped)).diagnostics;
    expect(rest.map((x) => [x.code, x.message])).toEqual(before.diagnostics.filter((x) => x !== inner).map((x) => [x.code, x.message]));
    await stop(s);
  });

  it("lints again when the configuration changes, and shows a broken configuration as one clear diagnostic", async () => {
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    const file = path.join(dir, "SECURITY.md");
    const config = path.join(dir, ".secpolicylintrc.json");
    const s = await start();
    const { uri, published } = await open(s, file, PLACEHOLDER);
    expect(published.diagnostics.some((d) => d.code === "no-placeholder-contact")).toBe(true);

    const watched = async (): Promise<PublishDiagnosticsParams> => {
      const mark = s.received.length;
      await s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(config).href, type: 1 }] });
      return diagnostics(s, uri, mark);
    };
    writeFileSync(config, JSON.stringify({ rules: { "no-placeholder-contact": "off" } }));
    expect((await watched()).diagnostics.some((d) => d.code === "no-placeholder-contact")).toBe(false);

    writeFileSync(config, '{ "rules": { "no-placeholder-contact": ');
    const broken = (await watched()).diagnostics;
    expect(broken.length).toBe(1);
    expect(broken[0]?.message).toMatch(/^Configuration error: .*\.secpolicylintrc\.json:1:\d+: invalid JSON/);
    expect(broken[0]?.severity).toBe(1);

    writeFileSync(config, JSON.stringify({ rules: { "no-placeholder-contact": "warn" } }));
    const back = (await watched()).diagnostics.find((d) => d.code === "no-placeholder-contact");
    expect(back?.severity).toBe(2);

    // A configuration opened (or saved) in the editor counts as a change too, for clients that watch no files.
    const text = JSON.stringify({ rules: { "no-placeholder-contact": "off" } });
    writeFileSync(config, text);
    const mark = s.received.length;
    await s.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: pathToFileURL(config).href, languageId: "json", version: 1, text },
    });
    expect((await diagnostics(s, uri, mark)).diagnostics.some((d) => d.code === "no-placeholder-contact")).toBe(false);

    // With no notice at all, the next lint still sees the configuration as it is on disk now.
    writeFileSync(config, JSON.stringify({ rules: { "no-placeholder-contact": "error" } }));
    const edited = await change(s, uri, 2, `${PLACEHOLDER}\n`);
    expect(edited.diagnostics.find((d) => d.code === "no-placeholder-contact")?.severity).toBe(1);
    await stop(s);
  });

  it("publishes only the latest of quick edits, and reports a refused markdown shape instead of hanging", async () => {
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    const s = await start(BIN, { debounceMs: 150 });
    const { uri } = await open(s, path.join(dir, "SECURITY.md"), PLACEHOLDER);
    const mark = s.received.length;
    for (let v = 2; v <= 8; v++)
      await s.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: v },
        contentChanges: [{ text: `${PLACEHOLDER}\n<!-- ${v} -->\n` }],
      });
    await diagnostics(s, uri, mark, (p) => p.version === 8);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.received.slice(mark).map((p) => p.version)).toEqual([8]);

    // Over 64 KB, a document is linted in a worker thread that a time budget can stop: same findings.
    const large = `${PLACEHOLDER}\n${"Reports are handled in order of severity. ".repeat(1800)}\n`;
    expect(large.length).toBeGreaterThan(64 * 1024);
    const inWorker = await change(s, uri, 9, large);
    expect(inWorker.diagnostics.some((d) => d.code === "no-placeholder-contact" && d.range.start.line === 10)).toBe(true);

    const deep = `${">".repeat(2000)} deep\n`;
    const refused = await change(s, uri, 10, deep);
    expect(refused.diagnostics.length).toBe(1);
    expect(refused.diagnostics[0]?.message).toMatch(/^Not linted: /);
    await stop(s);
  });

  it("lints only policies by default; allMarkdown lints every markdown document", async () => {
    const dir = tempRepo({ "README.md": PLACEHOLDER, "docs/SECURITY.md": PLACEHOLDER });
    const s = await start();
    const other = pathToFileURL(path.join(dir, "README.md")).href;
    await s.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: other, languageId: "markdown", version: 1, text: PLACEHOLDER },
    });
    const policy = await open(s, path.join(dir, "docs", "SECURITY.md"), PLACEHOLDER);
    expect(policy.published.diagnostics.length).toBeGreaterThan(0);
    expect(s.received.some((p) => p.uri === other)).toBe(false);
    await stop(s);

    const all = await start(BIN, { allMarkdown: true });
    expect(
      (await open(all, path.join(dir, "README.md"), PLACEHOLDER)).published.diagnostics.some((d) => d.code === "no-placeholder-contact"),
    ).toBe(true);
    await stop(all);
  });

  it("counts lines as the CLI does in a document with CRLF line endings", async () => {
    const crlf = POLICY.replace(/\n/g, "\r\n");
    const dir = tempRepo({ "SECURITY.md": crlf });
    const s = await start();
    const { published } = await open(s, path.join(dir, "SECURITY.md"), crlf);
    expect(published.diagnostics.length).toBeGreaterThan(2);
    expect(published.diagnostics.map(shape)).toEqual(cliFindings(path.join(dir, "SECURITY.md")));
    await stop(s);
  });

  it.skipIf(!existsSync(path.join(SHARED, "seeds")))("gives the CLI's findings for every seed policy", async () => {
    const s = await start();
    for (const name of readdirSync(path.join(SHARED, "seeds"))
      .filter((n) => n.endsWith(".md"))
      .sort()) {
      // Editors hold the text without a byte order mark.
      const text = readFileSync(path.join(SHARED, "seeds", name), "utf8").replace(/^\uFEFF/, "");
      const dir = tempRepo({ "SECURITY.md": text });
      const file = path.join(dir, "SECURITY.md");
      const { published } = await open(s, file, text);
      expect(published.diagnostics.map(shape), name).toEqual(cliFindings(file));
    }
    await stop(s);
  });

  it("runs from a copy of dist/ alone, without node_modules", async () => {
    const dist = path.join(mkdtempSync(path.join(tmpdir(), "secpolicy-lsp-dist-")), "dist");
    mkdirSync(dist);
    for (const f of readdirSync(path.join(ROOT, "dist")).filter((n) => /\.c?js$/.test(n)))
      copyFileSync(path.join(ROOT, "dist", f), path.join(dist, f));
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    const s = await start(path.join(dist, "cli.cjs"));
    const { uri, published } = await open(s, path.join(dir, "SECURITY.md"), PLACEHOLDER);
    const d = published.diagnostics.find((x) => x.code === "no-placeholder-contact") as Diagnostic;
    expect(d).toBeDefined();
    // Without docs/rules/ beside it, the hover falls back to the rule's description.
    const hover = (await s.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: d.range.start })) as Hover;
    expect((hover.contents as { value: string }).value).toContain(ruleById("no-placeholder-contact")?.meta.description);
    expect((hover.contents as { value: string }).value).not.toContain("## How to fix");
    await stop(s);
  });

  it("speaks only over standard input and output: no socket, and no file written", async () => {
    const keyed = `${PLACEHOLDER}\n## PGP key\n\nFingerprint: 0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567\n\n<https://hackerone.com/lanternfish>\n`;
    const dir = tempRepo({ "SECURITY.md": keyed, ".secpolicylintrc.json": "{}" });
    const before = readdirSync(dir, { recursive: true }).map(String).sort();
    const s = await start(BIN, { debounceMs: 20 }, ["--import", path.join(ROOT, "tests", "support", "no-network.mjs")]);
    const { uri, published } = await open(s, path.join(dir, "SECURITY.md"), keyed);
    expect(published.diagnostics.some((d) => d.code === "no-placeholder-contact")).toBe(true);
    const d = published.diagnostics[0] as Diagnostic;
    for (const a of await actionsFor(s, uri, d)) expect(a.edit?.changes?.[uri]?.length).toBeGreaterThan(0);
    await stop(s);
    expect(s.stderr()).not.toContain("NETWORK ATTEMPT");
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(keyed);
  });

  it("refuses other transports and a missing --stdio with a usage error", () => {
    for (const args of [["lsp"], ["lsp", "--node-ipc"], ["lsp", "--socket=5007"], ["lsp", "--pipe", "x"]]) {
      const r = runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^secpolicy-lint: lsp: .*--stdio/);
    }
  });

  it("stays out of an ordinary run: the program only imports the server's chunk on demand", () => {
    const program = readFileSync(path.join(ROOT, "dist", "chunk-cli.js"), "utf8");
    expect(program).toContain('__secpolicyImport("./chunk-lsp.js")');
    expect(program).not.toMatch(/publishDiagnostics|vscode-languageserver|Content-Length/);
    const server = readFileSync(path.join(ROOT, "dist", "chunk-lsp.js"), "utf8");
    expect(server).toContain("textDocument/publishDiagnostics");
  });
});

describe("lsp parts", () => {
  it("lints policy names in any case and folder, other markdown only with allMarkdown, and only files on disk", () => {
    const file = (name: string) => pathToFileURL(path.join(tmpdir(), "repo", name)).href;
    for (const name of ["SECURITY.md", ".github/security.md", "docs/Security.markdown"])
      expect(lintedPath(file(name), "markdown", false), name).toBe(path.join(tmpdir(), "repo", name));
    expect(lintedPath(file("README.md"), "markdown", false)).toBeNull();
    expect(lintedPath(file("SECURITY.rst"), "restructuredtext", false)).toBeNull();
    expect(lintedPath(file("README.md"), "markdown", true)).toBe(path.join(tmpdir(), "repo", "README.md"));
    expect(lintedPath(file("notes.txt"), "plaintext", true)).toBeNull();
    expect(lintedPath("untitled:SECURITY.md", "markdown", true)).toBeNull();
  });

  it("escapes the finding's message in a hover: text from the policy cannot add links, images or HTML", () => {
    const finding: Finding = {
      ruleId: "no-placeholder-contact",
      severity: "error",
      message:
        "Unexpected placeholder address `x` [click](https://evil.example) ![i](https://evil.example/i.png) <img src=x onerror=alert(1)>",
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      range: { start: 0, end: 1 },
      docsUrl: "https://github.com/secpolicy-lint/secpolicy-lint/blob/main/docs/rules/no-placeholder-contact.md",
    };
    const text = hoverMarkdown(finding);
    const message = text.split("\n\n")[1] as string;
    expect(message).not.toMatch(/[^\\]\[click\]\(|<img|!\[/);
    expect(message).toContain("&lt;img");
    expect(text).toContain(`[Documentation](${finding.docsUrl})`);
  });

  it("is imported only by the CLI's lsp command, and imports no entry point", () => {
    const outside = [...filesUnder(path.join(ROOT, "src"), ".ts"), ...filesUnder(path.join(ROOT, "rules"), ".ts")].filter(
      (f) => !f.includes(`${path.sep}lsp${path.sep}`),
    );
    const importers = outside
      .filter((f) => /from\s+["'][./]*lsp\/|import\(["'][./]*lsp\//.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f));
    expect(importers).toEqual([path.join("src", "cli", "program.ts")]);
    for (const f of filesUnder(path.join(ROOT, "src", "lsp"), ".ts"))
      expect(readFileSync(f, "utf8"), f).not.toMatch(/from\s+["']\.\.\/(?:cli\/|index\.js|unified\.js|browser\.js)/);
  });
});
