/**
 * A worker thread of the bulk pool (src/run/bulk.ts): it receives decoded texts with the settings to lint
 * them by and posts back each result. The main thread does all file and configuration I/O.
 */
import { parentPort } from "node:worker_threads";
import type { JobMessage, ResultMessage } from "./bulk.js";
import { runWork } from "./prepare.js";

const port = parentPort;
if (!port) throw new Error("secpolicy-lint: worker.js runs only as a worker thread");
port.on("message", (job: JobMessage) => {
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
