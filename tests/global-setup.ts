import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Every test run gets one temporary folder of its own, and every `os.tmpdir()` in the tests (and in the
 * CLI runs they spawn) points into it: the hundreds of folders the tests make are removed with it when
 * the run ends, instead of piling up in the machine's temporary folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-tests-"));
  const before = { TMPDIR: process.env.TMPDIR, TEMP: process.env.TEMP, TMP: process.env.TMP };
  process.env.TMPDIR = root;
  process.env.TEMP = root;
  process.env.TMP = root;
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
