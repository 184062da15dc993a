/**
 * Writing fixed text back to a policy file. Writes are atomic (a temporary file in the same directory,
 * then a rename), keep the file's byte order mark, line endings and mode, never go through a symlink that
 * leads out of the linted tree, and happen only when the file still holds the text that was linted. A
 * file whose mode says it is read-only is left alone. The rename replaces the file: a hard link to it
 * keeps the old text. Temporary files that a killed run left beside the file are removed.
 */
import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import type { LintResult } from "../types.js";
import { inside, realOrSelf } from "./guard.js";

export type WriteOutcome = { status: "written"; path: string } | { status: "unchanged" } | { status: "refused"; reason: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The temporary files of this module: `.<name>.<pid>.<8 hex digits>.tmp` beside the file `<name>`. */
const TEMP_NAME = /^\.(.+)\.(\d{1,10})\.[0-9a-f]{8}\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove temporary files of our own naming pattern for `target` that a killed run left behind: regular
 * files only (never a link), and only when the run that made them is gone.
 */
export function removeStaleTemps(target: string): string[] {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || m[1] !== base || alive(Number(m[2]))) continue;
    const file = path.join(dir, name);
    try {
      if (!lstatSync(file).isFile()) continue;
      unlinkSync(file);
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Write `output` to `file` in place of `original` (both without a byte order mark; the file's own mark
 * is kept). `root` is the linted tree: a symlink is followed only to a file inside it.
 */
export function writeFixedText(file: string, original: string, output: string, root: string): WriteOutcome {
  if (output === original) return { status: "unchanged" };
  let target = path.resolve(file);
  try {
    const real = realpathSync(target);
    const realRoot = realOrSelf(root);
    // A file inside the tree must really be inside it: a symlink anywhere on its path (the file itself
    // or a linked folder) may not lead out. A file named outside the tree may not be a symlink at all.
    const logicallyInside = inside(target, path.resolve(root));
    if (real !== target && (logicallyInside ? !inside(real, realRoot) : lstatSync(target).isSymbolicLink())) {
      return { status: "refused", reason: `it is a symlink to ${real}, outside ${root}` };
    }
    target = real;
  } catch (error) {
    return { status: "refused", reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }

  let bytes: Buffer;
  let mode: number;
  let uid: number;
  let gid: number;
  try {
    const stat = statSync(target);
    if (!stat.isFile()) return { status: "refused", reason: "it is not a regular file" };
    mode = stat.mode & 0o7777;
    // The rename would replace a file its owner made read-only (even as root, who may write anything).
    if ((mode & 0o200) === 0) return { status: "refused", reason: `it is read-only (mode ${mode.toString(8).padStart(4, "0")})` };
    uid = stat.uid;
    gid = stat.gid;
    bytes = readFileSync(target);
  } catch (error) {
    return { status: "refused", reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  const hasBom = bytes.subarray(0, 3).equals(BOM);
  const body = hasBom ? bytes.subarray(3) : bytes;
  let current: string;
  try {
    current = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return { status: "refused", reason: "it is not valid UTF-8, and rewriting it would change bytes the fix does not touch" };
  }
  if (current !== original) return { status: "refused", reason: "it changed since it was linted" };

  const data = Buffer.concat([hasBom ? BOM : Buffer.alloc(0), Buffer.from(output, "utf8")]);
  removeStaleTemps(target);
  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}.tmp`,
  );
  let fd: number | null = null;
  try {
    fd = openSync(temp, "wx", mode);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    chmodSync(temp, mode); // the umask may have narrowed the mode openSync set
    try {
      chownSync(temp, uid, gid);
    } catch {
      // Only root may give a file away; an ordinary user's file is theirs already.
    }
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // nothing to clean up
    }
    return { status: "refused", reason: `cannot write it (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  return { status: "written", path: target };
}

/**
 * Write the fixed text of results produced with `fix: true` back to their files (standard input is never
 * written). `root` is the linted tree: a symlink is followed only to a file inside it. Returns, per
 * result that had something to write, what happened.
 */
export function writeFixes(
  results: readonly LintResult[],
  root: string = process.cwd(),
): Array<{ result: LintResult; outcome: WriteOutcome }> {
  const out: Array<{ result: LintResult; outcome: WriteOutcome }> = [];
  for (const result of results) {
    if (result.output === undefined || result.originalSource === undefined || result.fatal || result.stdin) continue;
    out.push({ result, outcome: writeFixedText(result.filePath, result.originalSource, result.output, root) });
  }
  return out;
}
