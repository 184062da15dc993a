/**
 * The language server (`secpolicy-lint lsp --stdio`): diagnostics for policy documents as they are opened
 * and edited, code actions (fix, disable for a line, fix all) and hover with the rule's documentation.
 * Only the CLI's `lsp` command imports this module, on demand: it is its own chunk of the build, and
 * ordinary lint runs never load it. The server reads files and never writes them.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  type CodeActionParams,
  type Connection,
  createConnection,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { CONFIG_FILES } from "../io/config/load.js";
import { VERSION } from "../version.js";
import { codeActions, FIX_ALL_KIND } from "./actions.js";
import { LintContexts } from "./context.js";
import { diagnosticsOf } from "./diagnostics.js";
import { hoverAt } from "./hover.js";
import { type DocumentLint, DocumentLinter, lintedPath } from "./lint-document.js";
import { DEFAULT_DEBOUNCE_MS, LintScheduler } from "./schedule.js";

/** What a client may set in `initializationOptions`. */
interface ServerOptions {
  /** Lint every markdown document the client sends, not only policies (`SECURITY.md`). */
  allMarkdown: boolean;
  /** The quiet spell after an edit before linting, in milliseconds (0 to 5000). */
  debounceMs: number;
}

function serverOptions(raw: unknown): ServerOptions {
  const given = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const debounce = given.debounceMs;
  return {
    allMarkdown: given.allMarkdown === true,
    debounceMs:
      typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0 && debounce <= 5000 ? debounce : DEFAULT_DEBOUNCE_MS,
  };
}

/** Files whose change can change a finding: configuration files and the repository facts rules read. */
const WATCHED = [
  `**/{${CONFIG_FILES.join(",")}}`,
  "**/.secpolicylintrc.*",
  "**/{Cargo.toml,pyproject.toml}",
  "**/{SECURITY,Security,security}.{md,markdown,rst,adoc}",
  "**/security.txt",
  "**/{SECURITY-INSIGHTS,security-insights}.{yml,yaml}",
];

/** A configuration file, or a file one may extend (JSON or YAML): saving one drops the cached configurations. */
const CONFIG_LIKE = (name: string): boolean => /\.(?:json|jsonc|ya?ml)$/i.test(name);
/** The names configuration files are found by (src/config/load.ts): opening one drops the cached configurations. */
const CONFIG_NAME = (name: string): boolean => (CONFIG_FILES as readonly string[]).includes(name);

export function startServer(connection: Connection = createConnection(process.stdin, process.stdout)): void {
  const documents = new TextDocuments(TextDocument);
  const contexts = new LintContexts((message) => connection.console.warn(`secpolicy-lint: ${message}`));
  const linter = new DocumentLinter(contexts);
  /** The latest published lint of each document. */
  const lints = new Map<string, DocumentLint>();
  let options = serverOptions(undefined);

  const fileOf = (doc: TextDocument): string | null => lintedPath(doc.uri, doc.languageId, options.allMarkdown);

  const lintNow = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    const file = doc ? fileOf(doc) : null;
    if (!doc || !file) return;
    const version = doc.version;
    let lint: DocumentLint;
    try {
      lint = await linter.lint({ uri, file, version, text: doc.getText() });
    } catch (error) {
      // A bug must not end the server: the document says so, and the next edit tries again.
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`secpolicy-lint: internal error while linting ${file}: ${message}`);
      lint = { version, findings: [], shift: 0, problem: `Not linted: internal error (${message}), please report it` };
    }
    // A newer version (or a close) came while this one was linted: its own lint publishes.
    if (documents.get(uri)?.version !== version) return;
    lints.set(uri, lint);
    await connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(doc, lint) });
  };
  let scheduler = new LintScheduler(lintNow, options.debounceMs);

  const relintAll = (): void => {
    for (const doc of documents.all()) if (fileOf(doc)) scheduler.request(doc.uri, true);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    options = serverOptions(params.initializationOptions);
    scheduler = new LintScheduler(lintNow, options.debounceMs);
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: "secpolicy-lint", version: VERSION },
    };
  });
  let watchFiles = false;
  connection.onInitialized(() => {
    if (watchFiles)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED.map((globPattern) => ({ globPattern })),
      });
  });

  /** Documents just opened: their first content is linted at once, later edits after the quiet spell. */
  const opened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    if (fileOf(document)) opened.add(document.uri);
    else configTouched(document.uri, CONFIG_NAME);
  });
  documents.onDidChangeContent(({ document }) => {
    if (!fileOf(document)) return;
    scheduler.request(document.uri, opened.delete(document.uri));
  });
  documents.onDidSave(({ document }) => {
    if (!fileOf(document)) configTouched(document.uri, CONFIG_LIKE);
  });
  documents.onDidClose(({ document }) => {
    scheduler.forget(document.uri);
    opened.delete(document.uri);
    lints.delete(document.uri);
    if (fileOf(document)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** A configuration file was opened, or one it may extend saved, in the editor: configurations are read again. */
  function configTouched(uri: string, names: (name: string) => boolean): void {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return;
    }
    if (!names(path.basename(file))) return;
    contexts.dropConfigs();
    contexts.dropRepositories(file);
    relintAll();
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    // Any watched file may be a configuration or one it extends, or a repository fact: read them again.
    contexts.dropConfigs();
    for (const change of changes) {
      try {
        contexts.dropRepositories(fileURLToPath(change.uri));
      } catch {
        contexts.dropRepositories();
      }
    }
    relintAll();
  });

  connection.onCodeAction((params: CodeActionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? codeActions(doc, lints.get(doc.uri), params.context.diagnostics, params.context.only) : [];
  });
  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? hoverAt(doc, lints.get(doc.uri), params.position) : null;
  });
  connection.onShutdown(async () => {
    scheduler.dispose();
    await linter.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
