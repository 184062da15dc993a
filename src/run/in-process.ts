/**
 * Below this many files a run lints in-process and starts no worker threads (src/run/bulk.ts). Its own
 * module, with no imports, so the CLI's entry (src/cli/launch.ts) reads the same number without loading the run layer.
 */
export const IN_PROCESS_LIMIT = 8;
