/**
 * `secpolicy-lint init`: write a SECURITY.md from a few answers. Defaults come from the repository
 * (package.json version and repository, git remote); on a terminal without flags it asks.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot } from "../config/load.js";
import { parseVersions, renderPolicy, type InitAnswers, versionsFromPackage } from "../init/template.js";
import { repositoryInfo } from "../repository.js";
import { readRegularFile } from "../safe-read.js";

export interface InitFlags {
  email?: string;
  pvr?: boolean;
  versions?: string;
  ackDays?: string;
  out?: string;
  force?: boolean;
}

export class InitError extends Error {}

function packageJson(root: string): { name?: string; version?: string } {
  const read = readRegularFile(path.join(root, "package.json"), { maxBytes: 4 * 1024 * 1024 });
  if (!read.ok) return {};
  try {
    return JSON.parse(read.bytes.toString("utf8")) as { name?: string; version?: string };
  } catch {
    return {};
  }
}

/**
 * Why init must not write `out`, or null. It never writes through a symbolic link (with `--force` a
 * committed `SECURITY.md -> ~/.bashrc` would otherwise be overwritten), nor into a folder that a link
 * leads out of the current directory.
 */
function unsafeTarget(out: string, cwd: string, shown: string): string | null {
  try {
    if (lstatSync(out).isSymbolicLink()) return `${shown} is a symbolic link; init never writes through a link, remove it first`;
  } catch {
    // Does not exist yet.
  }
  const rel = path.relative(cwd, out);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  try {
    const realDir = realpathSync(path.dirname(out));
    const realCwd = realpathSync(cwd);
    const inner = path.relative(realCwd, realDir);
    if (inner.startsWith("..") || path.isAbsolute(inner)) return `${shown} is in a folder that links outside ${cwd}; init never writes through a link`;
  } catch {
    // The folder does not exist yet: it is created below.
  }
  return null;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/** Work out the answers from flags, the repository and (on a terminal) questions. */
export async function initAnswers(flags: InitFlags, cwd: string, interactive: boolean): Promise<InitAnswers> {
  const root = findRepositoryRoot(cwd) ?? cwd;
  const pkg = packageJson(root);
  const slug = repositoryInfo(path.join(root, "SECURITY.md")).slug;
  let email = flags.email;
  let versions = flags.versions !== undefined ? parseVersions(flags.versions) : (versionsFromPackage(pkg.version) ?? undefined);
  let ackDays = flags.ackDays;
  const noFlags = flags.email === undefined && flags.pvr === undefined && flags.versions === undefined && flags.ackDays === undefined;
  if (interactive && noFlags) {
    // Read answers through the line iterator, which keeps lines typed (or pasted) ahead of the question.
    const rl = process.getBuiltinModule("node:readline").createInterface({ input: process.stdin, terminal: false });
    const lines = rl[Symbol.asyncIterator]();
    const ask = async (question: string): Promise<string> => {
      process.stderr.write(question);
      const next = await lines.next();
      return next.done ? "" : String(next.value).trim();
    };
    try {
      email = (await ask(`Security contact email${slug ? " (empty: GitHub private vulnerability reporting only)" : ""}: `)) || undefined;
      const v = await ask(`Supported versions, newest first${versions ? ` [${versions.join(", ")}]` : ""}: `);
      if (v) versions = parseVersions(v);
      ackDays = (await ask("Days to acknowledge a report [3]: ")) || undefined;
    } finally {
      rl.close();
    }
  }
  if (email !== undefined && !EMAIL.test(email)) throw new InitError(`--email: \`${email}\` is not an email address`);
  const usePvr = flags.pvr === true || (email === undefined && flags.pvr !== false);
  if (usePvr && !slug) {
    if (flags.pvr) throw new InitError("--pvr: the GitHub repository is unknown (no `repository` in package.json and no GitHub `origin` remote)");
    throw new InitError("a security contact is needed: pass --email ADDR, or --pvr in a GitHub repository");
  }
  if (!versions || versions.length === 0) throw new InitError('supported versions are unknown: pass --versions "2.x,1.x" (no version in package.json)');
  const days = ackDays === undefined ? 3 : Number(ackDays);
  if (!/^\d+$/.test(String(ackDays ?? "3")) || days < 1 || days > 14) throw new InitError(`--ack-days: expected a whole number of days from 1 to 14, got \`${ackDays}\``);
  const answers: InitAnswers = { versions, ackDays: days };
  if (email) answers.email = email;
  if (usePvr && slug) answers.pvrSlug = slug;
  if (pkg.name) answers.projectName = pkg.name;
  return answers;
}

/** Write the policy; refuses to overwrite an existing file without `force`. Returns the path written. */
export async function runInit(flags: InitFlags, cwd: string, interactive: boolean): Promise<string> {
  const out = path.resolve(cwd, flags.out ?? "SECURITY.md");
  if (existsSync(out) && !flags.force) throw new InitError(`${flags.out ?? "SECURITY.md"} already exists; pass --force to overwrite it`);
  const unsafe = unsafeTarget(out, cwd, flags.out ?? "SECURITY.md");
  if (unsafe) throw new InitError(unsafe);
  const text = renderPolicy(await initAnswers(flags, cwd, interactive));
  // Without --force the file is created with O_EXCL, which fails on any existing entry, a link included.
  // With --force it is written to a new temporary file (O_EXCL too) and renamed over the target: a rename
  // replaces the directory entry, it never writes through it.
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}.tmp`);
  let created = false;
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    if (flags.force) {
      writeFileSync(temp, text, { flag: "wx" });
      created = true;
      renameSync(temp, out);
      created = false;
    } else {
      writeFileSync(out, text, { flag: "wx" });
    }
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new InitError(`${flags.out ?? "SECURITY.md"} already exists; pass --force to overwrite it`);
    throw new InitError(`cannot write ${flags.out ?? "SECURITY.md"} (${code ?? "error"})`);
  }
  return out;
}
