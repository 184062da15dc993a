/**
 * Linting one open document: which documents are policies, and the lint of an editor's text with the
 * configuration and repository facts the CLI would use for a file at that path. Nothing is written.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_TIMEOUT, GUARDED_CHARS, Pool, workerFile } from "../run/bulk.js";
import { findRepositoryRoot } from "../io/guard.js";
import { currentTime } from "../engine/lint.js";
import { linkEscape } from "../io/guard.js";
import type { DecodeFacts } from "../io/decode.js";
import { DEFAULT_MAX_FILE_SIZE, readPolicyFile } from "../io/files.js";
import { runWork, type Work } from "../run/prepare.js";
import type { Finding } from "../types.js";
import type { LintContexts } from "./context.js";

/** The names GitHub reads a policy from (any case), as `src/files.ts` discovers them. */
const POLICY_NAME = /^security\.(?:md|markdown)$/i;
const MARKDOWN_NAME = /\.(?:md|markdown|mdown|mkd|mkdn)$/i;

/**
 * The path of a document the server lints, or null. Only files on disk (`file:` URIs) are linted: their
 * folder decides the configuration. By default only policies (`SECURITY.md`, `SECURITY.markdown`, any
 * case, in any folder); with `allMarkdown`, every markdown file the client sends.
 */
export function lintedPath(uri: string, languageId: string, allMarkdown: boolean): string | null {
  let file: string;
  try {
    if (!uri.startsWith("file:")) return null;
    file = fileURLToPath(uri);
  } catch {
    return null;
  }
  const name = path.basename(file);
  if (POLICY_NAME.test(name)) return file;
  return allMarkdown && (languageId === "markdown" || MARKDOWN_NAME.test(name)) ? file : null;
}

/** The outcome of linting one version of a document. */
export interface DocumentLint {
  version: number;
  /** The findings; their offsets are into the document's text once `shift` is added. */
  findings: Finding[];
  /** 1 when the document starts with a byte order mark, which the linter does not count in its offsets. */
  shift: number;
  /** Why the document was not linted: a configuration error, a size limit, a refused markdown shape. */
  problem?: string;
}

export interface DocumentInput {
  uri: string;
  file: string;
  version: number;
  text: string;
}

export class DocumentLinter {
  /** The worker for large documents, whose lint can be stopped; started on first need. */
  private pool: Pool | null = null;
  private seq = 0;

  constructor(private readonly contexts: LintContexts) {}

  async lint(doc: DocumentInput): Promise<DocumentLint> {
    const { file, text, version } = doc;
    const bytes = Buffer.byteLength(text);
    if (bytes > DEFAULT_MAX_FILE_SIZE)
      return {
        version,
        findings: [],
        shift: 0,
        problem: `Not linted: the document is ${bytes} bytes, over the ${DEFAULT_MAX_FILE_SIZE}-byte limit`,
      };
    const outcome = await this.contexts.configFor(path.dirname(file));
    if ("error" in outcome) return { version, findings: [], shift: 0, problem: `Configuration error: ${outcome.error}` };
    const decoded = this.decodedAsOnDisk(file, text);
    const shift = decoded === undefined && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const displayPath = path.basename(file);
    const work: Extract<Work, { kind: "text" }> = {
      kind: "text",
      target: { filePath: file, displayPath, stdin: false },
      text,
      options: {
        filePath: file,
        displayPath,
        config: outcome.config,
        now: currentTime(),
        repository: this.contexts.repositoryFor(file),
        decoded,
      },
      fix: false,
    };
    const result = await this.run(work);
    if (result.fatal) return { version, findings: [], shift, problem: `Not linted: ${result.fatal}` };
    return { version, findings: result.findings, shift };
  }

  /**
   * A document whose text is the file's as saved gets what decoding the file found (its encoding, byte
   * order mark, invalid bytes), as the CLI would; an edited text is linted as the editor holds it.
   */
  private decodedAsOnDisk(file: string, text: string): DecodeFacts | undefined {
    // As the CLI: a file that links out of its repository (or folder) is not read.
    if (linkEscape(file, findRepositoryRoot(path.dirname(file)) ?? path.dirname(file))) return undefined;
    const read = readPolicyFile(file, DEFAULT_MAX_FILE_SIZE);
    return "text" in read && read.text === text ? read.decoded : undefined;
  }

  /**
   * Small documents are linted here: the parser's shape limits bound them. A large one goes to a worker
   * thread that is stopped when it runs out of time, so one document cannot hold the server.
   */
  private async run(work: Extract<Work, { kind: "text" }>) {
    const file = work.text.length > GUARDED_CHARS ? workerFile() : null;
    if (!file) return runWork(work);
    this.pool ??= new Pool(file, 1, DEFAULT_TIMEOUT);
    return this.pool.run({ seq: this.seq++, work, keepSource: false });
  }

  async dispose(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
