/**
 * `secpolicy-lint init`: write a SECURITY.md from a few answers. Defaults come from the repository
 * (package.json version and repository, git remote); on a terminal without flags it asks.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot } from "../config/load.js";
import { currentTime } from "../engine/lint.js";
import { parseVersions, renderInsights, renderPolicy, type InitAnswers, versionsFromPackage } from "../init/template.js";
import { repositoryInfo } from "../repository.js";

export interface InitFlags {
  email?: string;
  pvr?: boolean;
  versions?: string;
  ackDays?: string;
  out?: string;
  force?: boolean;
  /** Also write a matching SECURITY-INSIGHTS.yml beside the policy. */
  insights?: boolean;
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

/**
 * Where `--insights` writes the Security Insights file: `.github/security-insights.yml` beside a policy in
 * `.github/`, else `SECURITY-INSIGHTS.yml` at the repository root (the two places Security Insights tools look).
 */
export function insightsPath(policy: string, root: string): string {
  return path.dirname(policy) === path.join(root, ".github") ? path.join(root, ".github", "security-insights.yml") : path.join(root, "SECURITY-INSIGHTS.yml");
}

function write(file: string, text: string, force: boolean | undefined, shown: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    throw new InitError(`cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** Write the policy (and with `insights`, the matching Security Insights file); refuses to overwrite an existing file without `force`. Returns the paths written. */
export async function runInit(flags: InitFlags, cwd: string, interactive: boolean): Promise<string[]> {
  const out = path.resolve(cwd, flags.out ?? "SECURITY.md");
  if (existsSync(out) && !flags.force) throw new InitError(`${flags.out ?? "SECURITY.md"} already exists; pass --force to overwrite it`);
  const root = findRepositoryRoot(cwd) ?? cwd;
  const insightsFile = flags.insights ? insightsPath(out, root) : null;
  const shownInsights = insightsFile ? path.relative(cwd, insightsFile) || insightsFile : "";
  if (insightsFile && existsSync(insightsFile) && !flags.force) throw new InitError(`${shownInsights} already exists; pass --force to overwrite it`);
  const answers = await initAnswers(flags, cwd, interactive);
  let insightsText: string | null = null;
  if (insightsFile) {
    const slug = repositoryInfo(path.join(root, "SECURITY.md")).slug;
    if (!slug) throw new InitError("--insights: the GitHub repository is unknown (no `repository` in package.json and no GitHub `origin` remote)");
    insightsText = renderInsights(answers, { slug, date: currentTime().toISOString().slice(0, 10) });
  }
  write(out, renderPolicy(answers), flags.force, flags.out ?? "SECURITY.md");
  if (insightsFile && insightsText !== null) write(insightsFile, insightsText, flags.force, shownInsights);
  return insightsFile ? [out, insightsFile] : [out];
}
