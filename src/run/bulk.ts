/**
 * Linting many files: the main thread reads files and configuration, consults the cache and hands
 * results back in input order, and a pool of worker threads (one per available core but one) parses and
 * lints, each worker with the next file already queued. With several workers the main thread does not
 * lint beside them: it would leave a worker waiting while it is busy, and its heap (which no resource
 * limit bounds) would grow with the trees. With one worker (`--concurrency 1`) it does: reading and
 * printing leave the main thread's core idle most of the time, so it lints every file that finds the
 * worker's queue full (files up to `GUARDED_CHARS`; larger ones wait for the worker, where a time budget
 * can stop them). A handful of files is linted in-process, where starting workers would cost more than
 * it saves; on two cores a run is linted in-process unless `--concurrency` says otherwise (see
 * `defaultConcurrency`).
 * A folder's configuration and a repository's facts are sent to each worker once, not with every file.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { ResourceLimits, Worker } from "node:worker_threads";
import { LintCache, cacheFilePath } from "./cache.js";
import { summarize } from "../engine/lint.js";
import { predictScorecard } from "../policy/formats/scorecard.js";
import { IN_PROCESS_LIMIT } from "./in-process.js";
import { type LintOptions, type Preparer, preparer, type RunResult, runWork, splitRunResult, type Work } from "./prepare.js";
import type { LintResult } from "../types.js";

export { IN_PROCESS_LIMIT };

/** Jobs a worker holds at once: the one it lints and the next, so it never waits for the main thread. */
const JOBS_PER_WORKER = 2;

/**
 * A worker's V8 heap limits. V8 lets an unbounded heap grow far past its live data before it collects;
 * a bound makes it collect sooner. A file too big for it (a megabyte of table rows) stops the
 * worker, and the main thread lints that file instead (see Pool.died).
 */
const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 128 };

export interface BulkOptions extends LintOptions {
  /** Worker threads to use besides the main thread; 0 lints in-process. Default: the available cores but one when that makes two or more, otherwise 0; 0 for a handful of files. */
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
  /**
   * A time budget per file, in milliseconds (`--timeout`). A file that a worker thread lints for longer
   * gets a fatal result and the worker is stopped; the other files are still linted. It is enforced where
   * files are linted in worker threads: every file of a pooled run, and in a run linted in-process, every
   * file larger than `GUARDED_CHARS` (smaller ones stay in-process, bounded by the parser's shape limits).
   * Only when running from the build (dist/), where the worker entry exists.
   */
  timeout?: number;
}

/** The default time budget per file (the CLI's `--timeout`, the language server's budget), in milliseconds. */
export const DEFAULT_TIMEOUT = 20_000;

/**
 * Files up to this many characters are linted in-process even with a time budget: the parse's shape
 * limits (src/parse.ts) and the fuzz suite keep them within a small factor of an ordinary policy, and
 * starting a worker would cost more than linting them. Larger files go to a worker that can be stopped.
 */
export const GUARDED_CHARS = 64 * 1024;

type TextWork = Extract<Work, { kind: "text" }>;
type TextOptions = TextWork["options"];

/** A job as the pool holds it. */
export interface JobMessage {
  seq: number;
  work: TextWork;
  keepSource: boolean;
}

/**
 * An object many jobs share, as sent to a worker: its number, and the object itself the first time that
 * worker is sent it (the worker keeps it by number). Sending a configuration with every file cost a
 * structured clone of it each time on both threads, and gave the worker a new object per file.
 */
export interface SharedRef<T> {
  id: number;
  value?: T;
}

/** A job as it crosses to a worker: the configuration and repository facts by reference. */
export interface WireJob {
  seq: number;
  keepSource: boolean;
  work: Omit<TextWork, "options"> & {
    options: Omit<TextOptions, "config" | "repository"> & {
      config: SharedRef<TextOptions["config"]>;
      repository?: SharedRef<NonNullable<TextOptions["repository"]>>;
    };
  };
}

/** A worker's answer: a result, or the error that stopped it; or, once at start, that it has loaded. */
export type ResultMessage = { seq: number; result: RunResult } | { seq: number; error: string } | { ready: true };

/** The worker entry built beside this module (dist/worker.js); null when running from source. */
export function workerFile(): URL | null {
  const url = new URL("./worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}

/** How many worker threads to start for `files` files. */
export function defaultConcurrency(files: number, cores: number = availableParallelism()): number {
  if (files < IN_PROCESS_LIMIT) return 0;
  // The main thread reads, formats and prints (and V8 compiles and collects garbage on threads of its
  // own): N - 1 workers. With only one to run (two cores) the main thread lints alone: one worker with
  // the main thread linting beside it (`--concurrency 1`) is faster, but a second isolate holds its own
  // heap, and a run of 10,000 files then peaks near 200 MB instead of 140 MB (see docs/performance.md).
  const workers = cores - 1;
  if (workers < 2) return 0;
  return Math.min(workers, Math.ceil(files / IN_PROCESS_LIMIT));
}

interface Task {
  job: JobMessage;
  resolve: (r: RunResult) => void;
  reject: (e: Error) => void;
  /** Workers that died while holding this job. */
  deaths?: number;
}

interface Slot {
  worker: Worker;
  /** The shared objects this worker has been sent, by number. */
  sent: Set<number>;
  /** Jobs sent to the worker, oldest first. */
  running: Map<number, Task>;
  /** Set once the worker has died: its jobs are finished elsewhere. */
  dead: boolean;
  /** The time budget of the oldest running job, when there is one. */
  timer?: ReturnType<typeof setTimeout>;
  /** Whether the worker has loaded its code: budgets run from then, so start-up is not charged to a file. */
  ready: boolean;
}

/** A fatal result for a job's file. */
function refused(job: JobMessage, message: string): LintResult {
  const { target } = job.work;
  return { ...summarize(target.filePath, target.displayPath, "", []), fatal: message };
}

export class Pool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  /** The number of each shared object (a configuration, a repository's facts) sent to a worker. */
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  constructor(
    private readonly file: URL,
    size: number,
    private readonly timeout?: number,
  ) {
    this.maxRestarts = 4 * size;
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** `roomy`: without the heap limit, for the files of a worker that ran out of memory under a time budget. */
  private start(roomy = false): Slot {
    // Loaded on a pool's first start, not with the program: most runs never start one, and a one-file run
    // should not pay for loading the module (see src/cli/launch.ts on start-up).
    const { Worker } = process.getBuiltinModule("node:worker_threads");
    const worker = new Worker(this.file, roomy ? {} : { resourceLimits: WORKER_LIMITS });
    const slot: Slot = { worker, sent: new Set(), running: new Map(), dead: false, ready: false };
    worker.on("message", (message: ResultMessage) => this.done(slot, message));
    worker.on("error", (error) => this.died(slot, error));
    worker.on("exit", (code) => this.died(slot, new Error(`worker stopped with exit code ${code}`)));
    return slot;
  }

  /** Whether a job given now would be sent to a worker at once (a live worker has room in its queue). */
  hasRoom(): boolean {
    return this.waiting.length === 0 && this.slots.some((s) => !s.dead && s.running.size < JOBS_PER_WORKER);
  }

  /** A job as sent to `slot`: objects it has been sent before go by number. */
  private wire(slot: Slot, job: JobMessage): WireJob {
    const ref = <T extends object>(value: T): SharedRef<T> => {
      let id = this.ids.get(value);
      if (id === undefined) this.ids.set(value, (id = this.nextId++));
      if (slot.sent.has(id)) return { id };
      slot.sent.add(id);
      return { id, value };
    };
    const { config, repository, ...options } = job.work.options;
    return {
      seq: job.seq,
      keepSource: job.keepSource,
      work: { ...job.work, options: { ...options, config: ref(config), ...(repository ? { repository: ref(repository) } : {}) } },
    };
  }

  run(job: JobMessage): Promise<RunResult> {
    if (!this.slots.some((s) => !s.dead)) return runWork(job.work);
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.waiting.length > 0) {
      let best: Slot | undefined;
      for (const s of this.slots)
        if (!s.dead && s.running.size < JOBS_PER_WORKER && (!best || s.running.size < best.running.size)) best = s;
      if (!best) return;
      const task = this.waiting.shift() as Task;
      best.running.set(task.job.seq, task);
      best.worker.postMessage(this.wire(best, task.job));
      if (best.running.size === 1) this.arm(best);
    }
  }

  /**
   * Start the time budget of a slot's oldest job. A worker lints its jobs in the order it got them, so
   * the oldest is the one it is working on; the budget restarts when that one is done.
   */
  private arm(slot: Slot): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (this.timeout === undefined || slot.running.size === 0 || slot.dead || !slot.ready) return;
    slot.timer = setTimeout(() => this.expire(slot), this.timeout);
  }

  /**
   * The oldest job of a slot ran out of time: the worker is stopped (the only way to interrupt a parse),
   * that file gets a fatal result, and the slot's other jobs go back to the front of the queue for a
   * fresh worker, never to the main thread, which cannot be interrupted.
   */
  private expire(slot: Slot): void {
    if (slot.dead || this.closing) return;
    slot.dead = true;
    slot.timer = undefined;
    const [first, ...rest] = [...slot.running.values()];
    slot.running.clear();
    void slot.worker.terminate();
    this.slots[this.slots.indexOf(slot)] = this.start();
    if (first)
      first.resolve(
        refused(first.job, `took longer than ${this.timeout} ms to lint (--timeout), refused: the file's markdown is too slow to parse`),
      );
    this.waiting.unshift(...rest);
    this.next();
  }

  private done(slot: Slot, message: ResultMessage): void {
    if ("ready" in message) {
      slot.ready = true;
      this.arm(slot);
      return;
    }
    const task = slot.running.get(message.seq);
    slot.running.delete(message.seq);
    if (task) {
      if ("error" in message) task.reject(new Error(message.error));
      else task.resolve(message.result);
    }
    this.arm(slot);
    this.next();
  }

  /**
   * A worker died (out of memory, most likely, on a huge file): its unfinished files are linted on the
   * main thread, which has no such limit, and a fresh worker takes its place. Workers that keep dying
   * are not replaced; with none left, the main thread lints what waits.
   */
  private died(slot: Slot, error: Error): void {
    if (slot.dead || this.closing) return;
    slot.dead = true;
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    const orphans = [...slot.running.values()];
    slot.running.clear();
    if (this.timeout !== undefined) {
      // Under a time budget the main thread, which cannot be interrupted, lints nothing: the jobs go back
      // to the front of the queue for a fresh worker without the heap limit (the budget bounds what it
      // can do), and a file that has stopped two workers is refused.
      const roomy = this.start(true);
      this.slots[this.slots.indexOf(slot)] = roomy;
      for (const task of orphans) {
        task.deaths = (task.deaths ?? 0) + 1;
        if (task.deaths >= 2) {
          task.resolve(refused(task.job, "stopped two worker threads (out of memory), refused: the file's markdown is too large to parse"));
          continue;
        }
        // Straight to the roomy worker: another limited one would run out of memory the same way.
        roomy.running.set(task.job.seq, task);
        roomy.worker.postMessage(this.wire(roomy, task.job));
      }
      if (process.env.SECPOLICY_LINT_DEBUG)
        process.stderr.write(`secpolicy-lint: a worker stopped (${error.message}); its files go to a fresh worker\n`);
      this.next();
      return;
    }
    if (this.restarts < this.maxRestarts) {
      this.restarts++;
      this.slots[this.slots.indexOf(slot)] = this.start();
    }
    if (!this.slots.some((s) => !s.dead)) orphans.push(...this.waiting.splice(0));
    if (process.env.SECPOLICY_LINT_DEBUG)
      process.stderr.write(`secpolicy-lint: a worker stopped (${error.message}); linting its files on the main thread\n`);
    for (const task of orphans) runWork(task.job.work).then(task.resolve, task.reject);
    this.next();
  }

  private restarts = 0;
  private readonly maxRestarts: number;
  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.slots) if (s.timer !== undefined) clearTimeout(s.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Lint files and repositories like `lint()`, in parallel when there are many. `onResult` is called with
 * each result in input order as soon as it and all before it are done; the returned array holds them
 * all (without their source text unless `keepSource`), or none with `collect: false`.
 */
export async function lintMany(
  paths: readonly string[],
  options: BulkOptions = {},
  onResult?: (result: LintResult) => void,
): Promise<LintResult[]> {
  const results: LintResult[] = [];
  const collect = options.collect ?? true;
  await runPrepared(preparer(paths, options), options, (run) => {
    const { result } = splitRunResult(run);
    if (collect) results.push(result);
    onResult?.(result);
  });
  return results;
}

/**
 * The one run path: the targets of a preparer (named paths, or the organisation scan's policies) read on
 * the main thread, looked up in the cache, linted in-process or on the pool, and handed to `onResult` in
 * input order with what the run layer adds (see RunResult). `lintMany` and the organisation scan use it.
 */
export async function runPrepared(prepared: Preparer, options: BulkOptions, onResult: (result: RunResult) => void): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const { targets, prepare, loadConfigs } = prepared;
  // Results may be streamed as they come (`onResult`): a broken configuration must stop the run first.
  await loadConfigs();
  // Fixed results are written afterwards from their source text: keep it.
  const keepSource = options.keepSource ?? options.fix === true;
  const cache = options.cache ? LintCache.open(cacheFilePath(options.cacheLocation, cwd)) : null;
  const file = workerFile();
  // Never more workers than cores or files: `--concurrency 1000` on one file is not 1,000 threads.
  const size = file ? Math.min(options.concurrency ?? defaultConcurrency(targets.length), availableParallelism(), targets.length) : 0;
  const pool = file && size > 0 ? new Pool(file, size, options.timeout) : null;
  // An in-process run with a time budget lints large files in one worker that can be stopped.
  let guard: Pool | null = null;
  const guarded = (work: TextWork): boolean => !pool && file !== null && options.timeout !== undefined && work.text.length > GUARDED_CHARS;

  const slots: Array<Promise<RunResult>> = [];
  let emitted = 0;
  const emit = async (upTo: number): Promise<void> => {
    while (emitted < upTo) {
      const result = await (slots[emitted] as Promise<RunResult>);
      if (!keepSource) result.source = "";
      onResult(result);
      delete slots[emitted];
      emitted++;
    }
  };
  // With one worker the main thread lints beside it: each file that finds the worker's queue full (and
  // is small enough to need no time budget, see `guarded`).
  const shared = pool !== null && size === 1;
  // At most this many files are read but not yet reported: memory stays flat however many there are.
  // Linting beside its worker, the main thread keeps going past the worker's files a while: it reports
  // in input order, and a short window would leave it waiting for them with files it could lint.
  const window = pool ? size * 4 + (shared ? 12 : 0) : 1;
  let lintedHere = 0;
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
      const hash =
        cache && !target.stdin && !work.fix && textOptions.config && textOptions.repository && textOptions.now
          ? cache.hash(text, { config: textOptions.config, repository: textOptions.repository, now: textOptions.now })
          : null;
      const hit = hash ? cache?.get(target.filePath, hash) : undefined;
      if (hit) {
        const source = text.replace(/^\uFEFF/, "");
        // A cached result holds findings only: the scan's Scorecard prediction is made from the text (no markdown parse).
        slots[i] = Promise.resolve({
          ...hit,
          filePath: target.filePath,
          displayPath: target.displayPath,
          source,
          ...(work.scorecard ? { scorecard: predictScorecard(source).score } : {}),
        });
        continue;
      }
      const here = shared && work.text.length <= GUARDED_CHARS && !pool.hasRoom();
      if (here) lintedHere++;
      const linted =
        pool && !here
          ? pool.run({ seq: i, work, keepSource })
          : guarded(work)
            ? (guard ??= new Pool(file as URL, 1, options.timeout)).run({ seq: i, work, keepSource })
            : runWork(work);
      slots[i] =
        hash && cache ? linted.then((result) => (cache.set(target.filePath, hash, splitRunResult(result).result), result)) : linted;
      // Unhandled until emitted; mark it handled so an early failure surfaces in order, not as a crash.
      slots[i]?.catch(() => undefined);
      // After linting here, let the worker's answers in (they arrive as events, which a loop that only
      // awaits promises never reaches), so its queue is filled again before the next file.
      if (here) {
        await slots[i]?.catch(() => undefined);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await emit(targets.length);
    if (shared && process.env.SECPOLICY_LINT_DEBUG)
      process.stderr.write(`secpolicy-lint: ${lintedHere} of ${targets.length} files linted on the main thread beside the worker\n`);
  } finally {
    await pool?.close();
    await guard?.close();
  }
  cache?.save();
}
