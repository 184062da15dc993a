/**
 * `secpolicy-lint init`: write a SECURITY.md from a few answers. Defaults come from the repository
 * (package.json version and repository, git remote); on a terminal without flags it asks.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot } from "../config/load.js";
import { parseVersions, renderPolicy, type InitAnswers, versionsFromPackage } from "../init/template.js";
import { repositoryInfo } from "../repository.js";

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
  try {
    return JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name?: string; version?: string };
  } catch {
    return {};
  }
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
  const text = renderPolicy(await initAnswers(flags, cwd, interactive));
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text, { flag: flags.force ? "w" : "wx" });
  } catch (error) {
    throw new InitError(`cannot write ${flags.out ?? "SECURITY.md"} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return out;
}
