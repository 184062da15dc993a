/**
 * A worker thread of the bulk pool (src/run/bulk.ts): it receives decoded texts with the settings to lint
 * them by and posts back each result. The main thread does all file and configuration I/O.
 */
import { parentPort } from "node:worker_threads";
import type { JobMessage, ResultMessage, SharedRef, WireJob } from "./bulk.js";
import { runWork } from "./prepare.js";

const port = parentPort;
if (!port) throw new Error("secpolicy-lint: worker.js runs only as a worker thread");

/** The shared objects (configurations, repository facts) received so far, by number. */
const shared = new Map<number, unknown>();
function resolve<T>(ref: SharedRef<T>): T {
  if (ref.value !== undefined) shared.set(ref.id, ref.value);
  if (!shared.has(ref.id)) throw new Error(`secpolicy-lint: worker was sent shared object ${ref.id} before its value`);
  return shared.get(ref.id) as T;
}

/** A job with its shared objects looked up. */
function unwire(wire: WireJob): JobMessage {
  const { config, repository, ...options } = wire.work.options;
  return {
    seq: wire.seq,
    keepSource: wire.keepSource,
    work: { ...wire.work, options: { ...options, config: resolve(config), ...(repository ? { repository: resolve(repository) } : {}) } },
  };
}

port.on("message", (wire: WireJob) => {
  let job: JobMessage;
  try {
    job = unwire(wire);
  } catch (error) {
    port.postMessage({ seq: wire.seq, error: error instanceof Error ? error.message : String(error) } satisfies ResultMessage);
    return;
  }
  runWork(job.work).then(
    (result) => {
      if (!job.keepSource) result.source = "";
      port.postMessage({ seq: job.seq, result } satisfies ResultMessage);
    },
    (error: unknown) => {
      port.postMessage({
        seq: job.seq,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies ResultMessage);
    },
  );
});
// Loaded: the pool starts a file's time budget from here, not from the thread's start.
port.postMessage({ ready: true } satisfies ResultMessage);
