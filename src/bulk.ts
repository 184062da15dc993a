/**
 * Linting many files: the main thread reads files and configuration, consults the cache and hands
 * results back in input order; a pool of worker threads (one per available core but one) and the main
 * thread itself, whenever no worker is free, parse and lint.
 * A handful of files is linted in-process, where starting workers would cost more than it saves.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { LintCache, cacheFilePath } from "./cache.js";
import { type LintOptions, preparer, runWork, type Work } from "./prepare.js";
import type { LintResult } from "./types.js";

/** Below this many files the pool is not started. */
export const IN_PROCESS_LIMIT = 8;

export interface BulkOptions extends LintOptions {
  /** Worker threads to use besides the main thread; 0 lints in-process. Default: the available cores but one (at least one), or 0 for a handful of files. */
  concurrency?: number;
  /** Keep each result's `source` text (needed for fixes); dropped by default to keep memory flat. */
  keepSource?: boolean;
  /** Reuse results of unchanged files from the cache file. */
  cache?: boolean;
  /** The cache file, or a directory to keep `.secpolicylintcache` in. */
  cacheLocation?: string;
  /**
   * Return every result (the default). False returns an empty array: the results reach only `onResult`,
   * and memory stays flat however many files there are.
   */
  collect?: boolean;
}

/** A job sent to a worker. */
export interface JobMessage {
  seq: number;
  work: Extract<Work, { kind: "text" }>;
  keepSource: boolean;
}

/** A worker's answer: a result, or the error that stopped it. */
export type ResultMessage = { seq: number; result: LintResult } | { seq: number; error: string };

/** The worker entry built beside this module (dist/worker.js); null when running from source. */
function workerFile(): URL | null {
  const url = new URL("./worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}

/** How many worker threads to start for `files` files. */
export function defaultConcurrency(files: number): number {
  if (files < IN_PROCESS_LIMIT) return 0;
  // The main thread lints too (whenever no worker is free), so N cores need N - 1 workers.
  const cores = availableParallelism() - 1;
  return Math.max(1, Math.min(cores, Math.ceil(files / IN_PROCESS_LIMIT)));
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<{ job: JobMessage; resolve: (r: LintResult) => void; reject: (e: Error) => void }> = [];
  private readonly running = new Map<Worker, { resolve: (r: LintResult) => void; reject: (e: Error) => void }>();

  constructor(file: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(file);
      worker.on("message", (message: ResultMessage) => this.done(worker, message));
      worker.on("error", (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private broken: Error | null = null;

  /** Whether a worker is free to take a job now. */
  get hasIdle(): boolean {
    return this.idle.length > 0 && !this.broken;
  }

  run(job: JobMessage): Promise<LintResult> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { job, resolve, reject } = this.waiting.shift() as (typeof this.waiting)[number];
      this.running.set(worker, { resolve, reject });
      worker.postMessage(job);
    }
  }

  private done(worker: Worker, message: ResultMessage): void {
    const task = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (task) {
      if ("error" in message) task.reject(new Error(message.error));
      else task.resolve(message.result);
    }
    this.next();
  }

  private fail(worker: Worker, error: Error): void {
    this.broken = error;
    const task = this.running.get(worker);
    this.running.delete(worker);
    task?.reject(error);
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Lint files and repositories like `lint()`, in parallel when there are many. `onResult` is called with
 * each result in input order as soon as it and all before it are done; the returned array holds them
 * all (without their source text unless `keepSource`), or none with `collect: false`.
 */
export async function lintMany(paths: readonly string[], options: BulkOptions = {}, onResult?: (result: LintResult) => void): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const { targets, prepare } = preparer(paths, options);
  // Fixed results are written afterwards from their source text: keep it.
  const keepSource = options.keepSource ?? options.fix === true;
  const collect = options.collect ?? true;
  const cache = options.cache ? LintCache.open(cacheFilePath(options.cacheLocation, cwd)) : null;
  const file = workerFile();
  const size = file ? (options.concurrency ?? defaultConcurrency(targets.length)) : 0;
  const pool = file && size > 0 ? new Pool(file, size) : null;

  const results: LintResult[] = [];
  const slots: Array<Promise<LintResult>> = [];
  let emitted = 0;
  const emit = async (upTo: number): Promise<void> => {
    while (emitted < upTo) {
      const result = await (slots[emitted] as Promise<LintResult>);
      if (!keepSource) result.source = "";
      if (collect) results.push(result);
      onResult?.(result);
      delete slots[emitted];
      emitted++;
    }
  };
  // At most this many files are read but not yet reported: memory stays flat however many there are.
  const window = pool ? size * 4 : 1;
  try {
    for (const [i, target] of targets.entries()) {
      if (i - emitted >= window) await emit(i - window + 1);
      const work = await prepare(target);
      if (work.kind === "fatal") {
        slots[i] = Promise.resolve(work.result);
        continue;
      }
      const { text, options: textOptions } = work;
      // Fixing needs the linted text of every pass: a cached result (findings only) cannot stand in.
      const hash = cache && !target.stdin && !work.fix && textOptions.config && textOptions.repository && textOptions.now
        ? cache.hash(text, { config: textOptions.config, repository: textOptions.repository, now: textOptions.now })
        : null;
      const hit = hash ? cache?.get(target.filePath, hash) : undefined;
      if (hit) {
        slots[i] = Promise.resolve({ ...hit, filePath: target.filePath, displayPath: target.displayPath, source: text.replace(/^\uFEFF/, "") });
        continue;
      }
      // A free worker takes the file; otherwise the main thread lints it itself, so it is never idle.
      let linted: Promise<LintResult>;
      if (pool?.hasIdle) linted = pool.run({ seq: i, work, keepSource });
      else {
        linted = runWork(work);
        if (pool) {
          await linted.catch(() => undefined);
          // Let finished workers report (their messages are macrotasks) before picking the next file.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      slots[i] = hash && cache ? linted.then((result) => (cache.set(target.filePath, hash, result), result)) : linted;
      // Unhandled until emitted; mark it handled so an early failure surfaces in order, not as a crash.
      slots[i]?.catch(() => undefined);
    }
    await emit(targets.length);
  } finally {
    await pool?.close();
  }
  cache?.save();
  return results;
}
