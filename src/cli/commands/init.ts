/**
 * `secpolicy-lint init`: write a SECURITY.md from a few answers. Defaults come from the repository
 * (package.json version and repository, git remote); on a terminal without flags it asks.
 */
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot, inside, resolvesInside } from "../../io/guard.js";
import { rules } from "../../../rules/index.js";
import { preset } from "../../config/schema.js";
import { currentTime, lintText } from "../../engine/lint.js";
import { parseVersions, renderInsights, renderPolicy, type InitAnswers, versionsFromPackage } from "../init-template.js";
import { placeholderEmail } from "../../policy/facts/placeholders.js";
import { loadRepository, repositoryInfo } from "../../io/repository.js";
import { readRegularFile } from "../../io/safe-read.js";

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
  if (!inside(path.resolve(out), path.resolve(cwd))) return null;
  try {
    if (!resolvesInside(path.dirname(out), cwd))
      return `${shown} is in a folder that links outside ${cwd}; init never writes through a link`;
  } catch {
    // The folder does not exist yet: it is created below.
  }
  return null;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/**
 * Why an address cannot be the security contact, or null: not an address, or a placeholder by the same
 * judgement as no-placeholder-contact (reserved and template domains, RFC 2606 and RFC 6761).
 */
export function contactProblem(email: string): string | null {
  if (!EMAIL.test(email)) return `\`${email}\` is not an email address`;
  const placeholder = placeholderEmail(email);
  return placeholder ? `\`${email}\` is a placeholder address (${placeholder}); give the project's real security contact` : null;
}

function ackProblem(ackDays: string): string | null {
  const days = Number(ackDays);
  return /^\d+$/.test(ackDays) && days >= 1 && days <= 14 ? null : `expected a whole number of days from 1 to 14, got \`${ackDays}\``;
}

/** Questions on a terminal: an answer that cannot be used is said why and asked again (end of input stops). */
class Questions {
  private readonly rl = process.getBuiltinModule("node:readline").createInterface({ input: process.stdin, terminal: false });
  // Read through the line iterator, which keeps lines typed (or pasted) ahead of the question.
  private readonly lines = this.rl[Symbol.asyncIterator]();

  async ask(question: string, problem: (answer: string) => string | null = () => null): Promise<string> {
    for (;;) {
      process.stderr.write(question);
      const next = await this.lines.next();
      if (next.done) throw new InitError("no answer (end of input); pass the answers as flags, see secpolicy-lint init --help");
      const answer = String(next.value).trim();
      const why = problem(answer);
      if (why === null) return answer;
      process.stderr.write(`  ${why}\n`);
    }
  }

  close(): void {
    this.rl.close();
  }
}

const yes = (answer: string, fallback: boolean): boolean => (answer === "" ? fallback : /^y(?:es)?$/i.test(answer));

/** Work out the answers from flags, the repository and (on a terminal) questions. */
export async function initAnswers(flags: InitFlags, cwd: string, interactive: boolean): Promise<InitAnswers> {
  const root = findRepositoryRoot(cwd) ?? cwd;
  const pkg = packageJson(root);
  const slug = repositoryInfo(path.join(root, "SECURITY.md")).slug;
  let email = flags.email;
  let versions = flags.versions !== undefined ? parseVersions(flags.versions) : (versionsFromPackage(pkg.version) ?? undefined);
  let ackDays = flags.ackDays;
  let pvr = flags.pvr;
  const noFlags = flags.email === undefined && flags.pvr === undefined && flags.versions === undefined && flags.ackDays === undefined;
  if (interactive && noFlags) {
    const q = new Questions();
    try {
      if (slug)
        pvr = yes(
          await q.ask(`Is GitHub private vulnerability reporting enabled for ${slug} (Settings > Code security)? [Y/n] `, (a) =>
            a === "" || /^(?:y(?:es)?|no?)$/i.test(a) ? null : "answer y or n",
          ),
          true,
        );
      const optional = pvr === true;
      const answer = await q.ask(`Security contact email${optional ? " (empty: private vulnerability reporting only)" : ""}: `, (a) =>
        a === "" ? (optional ? null : "an address is needed: reports must reach someone privately") : contactProblem(a),
      );
      email = answer || undefined;
      const v = await q.ask(`Supported versions, newest first${versions ? ` [${versions.join(", ")}]` : ""}: `, (a) =>
        a === "" && !versions
          ? 'name at least one, e.g. "2.x, 1.x"'
          : a !== "" && parseVersions(a).length === 0
            ? 'name at least one, e.g. "2.x, 1.x"'
            : null,
      );
      if (v) versions = parseVersions(v);
      ackDays = (await q.ask("Days to acknowledge a report [3]: ", (a) => (a === "" ? null : ackProblem(a)))) || undefined;
    } finally {
      q.close();
    }
  }
  if (email !== undefined) {
    const why = contactProblem(email);
    if (why) throw new InitError(`--email: ${why}`);
  }
  const usePvr = pvr === true || (email === undefined && pvr !== false);
  if (usePvr && !slug) {
    if (pvr) throw new InitError("--pvr: the GitHub repository is unknown (no `repository` in package.json and no GitHub `origin` remote)");
    throw new InitError("a security contact is needed: pass --email ADDR, or --pvr in a GitHub repository");
  }
  if (!usePvr && email === undefined)
    throw new InitError("a security contact is needed: pass --email ADDR (with --no-pvr there is no other private channel)");
  if (!versions || versions.length === 0)
    throw new InitError('supported versions are unknown: pass --versions "2.x,1.x" (no version in package.json)');
  const ackWhy = ackDays === undefined ? null : ackProblem(ackDays);
  if (ackWhy) throw new InitError(`--ack-days: ${ackWhy}`);
  const answers: InitAnswers = { versions, ackDays: ackDays === undefined ? 3 : Number(ackDays) };
  if (email) answers.email = email;
  if (usePvr && slug) answers.pvrSlug = slug;
  if (pkg.name) answers.projectName = pkg.name;
  return answers;
}

/**
 * The policy for the answers, linted with `recommended` before it is written: answers the template cannot
 * turn into a passing policy (a version line that is not the current one, say) are refused with the
 * findings, so init never writes a file the linter then fails.
 */
async function passingPolicy(answers: InitAnswers, out: string, root: string): Promise<string> {
  const text = renderPolicy(answers);
  const result = await lintText(
    text,
    { filePath: out, repository: loadRepository(root), config: { rules: preset("recommended"), sources: [] } },
    rules,
  );
  if (result.findings.length > 0) {
    const first = result.findings.slice(0, 3).map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`);
    throw new InitError(
      `these answers make a policy that does not pass the recommended rules (${first.join("; ")}); change them and run init again`,
    );
  }
  return text;
}

/**
 * Where `--insights` writes the Security Insights file: `.github/security-insights.yml` beside a policy in
 * `.github/`, else `SECURITY-INSIGHTS.yml` at the repository root (the two places Security Insights tools look).
 */
export function insightsPath(policy: string, root: string): string {
  return path.dirname(policy) === path.join(root, ".github")
    ? path.join(root, ".github", "security-insights.yml")
    : path.join(root, "SECURITY-INSIGHTS.yml");
}

/**
 * Write a new file. Without `force` it is created with O_EXCL, which fails on any existing entry, a link
 * included. With `force` the text goes to a new temporary file (O_EXCL too) renamed over the target: a
 * rename replaces the directory entry, it never writes through it.
 */
function write(file: string, text: string, force: boolean | undefined, shown: string): void {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}.tmp`,
  );
  let created = false;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    if (force) {
      writeFileSync(temp, text, { flag: "wx" });
      created = true;
      renameSync(temp, file);
      created = false;
    } else {
      writeFileSync(file, text, { flag: "wx" });
    }
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new InitError(`${shown} already exists; pass --force to overwrite it`);
    throw new InitError(`cannot write ${shown} (${code ?? "error"})`);
  }
}

/** Write the policy (and with `insights`, the matching Security Insights file); refuses to overwrite an existing file without `force`. Returns the paths written. */
export async function runInit(flags: InitFlags, cwd: string, interactive: boolean): Promise<string[]> {
  const out = path.resolve(cwd, flags.out ?? "SECURITY.md");
  if (existsSync(out) && !flags.force) throw new InitError(`${flags.out ?? "SECURITY.md"} already exists; pass --force to overwrite it`);
  const unsafe = unsafeTarget(out, cwd, flags.out ?? "SECURITY.md");
  if (unsafe) throw new InitError(unsafe);
  const root = findRepositoryRoot(cwd) ?? cwd;
  const insightsFile = flags.insights ? insightsPath(out, root) : null;
  const shownInsights = insightsFile ? path.relative(cwd, insightsFile) || insightsFile : "";
  if (insightsFile && existsSync(insightsFile) && !flags.force)
    throw new InitError(`${shownInsights} already exists; pass --force to overwrite it`);
  const unsafeInsights = insightsFile ? unsafeTarget(insightsFile, cwd, shownInsights) : null;
  if (unsafeInsights) throw new InitError(unsafeInsights);
  const answers = await initAnswers(flags, cwd, interactive);
  let insightsText: string | null = null;
  if (insightsFile) {
    const slug = repositoryInfo(path.join(root, "SECURITY.md")).slug;
    if (!slug)
      throw new InitError("--insights: the GitHub repository is unknown (no `repository` in package.json and no GitHub `origin` remote)");
    insightsText = renderInsights(answers, { slug, date: currentTime().toISOString().slice(0, 10) });
  }
  write(out, await passingPolicy(answers, out, root), flags.force, flags.out ?? "SECURITY.md");
  if (insightsFile && insightsText !== null) write(insightsFile, insightsText, flags.force, shownInsights);
  return insightsFile ? [out, insightsFile] : [out];
}
