/**
 * The organisation scan (`--recursive`): find every repository under some directories, lint the policy
 * GitHub would show for each with that repository's own configuration, and summarise.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { discoverPolicy, resolveTargets } from "../io/files.js";
import { loadRepository, repositorySlug } from "../io/repository.js";
import type { LintResult } from "../types.js";
import { type BulkOptions, runPrepared } from "./bulk.js";
import { preparer, type RunResult, type RunTarget, splitRunResult } from "./prepare.js";

/** Files that make a directory a repository (besides `.git`). */
export const MANIFESTS = [
  "package.json",
  "Cargo.toml",
  "pyproject.toml",
  "go.mod",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "composer.json",
  "Gemfile",
  "setup.py",
  "mix.exs",
  "pubspec.yaml",
  "Package.swift",
] as const;

/** Folders never searched: dependencies and build output. */
const SKIP = new Set(["node_modules", "vendor", "target", "dist", "build", "__pycache__", "venv"]);

export function isRepository(dir: string): boolean {
  return existsSync(path.join(dir, ".git")) || MANIFESTS.some((m) => existsSync(path.join(dir, m)));
}

/** How many folder levels below each `--recursive` folder are searched for repositories. */
export const MAX_SCAN_DEPTH = 8;

/**
 * Repositories at or under `dir`, sorted by path. A repository is not searched further (a monorepo's
 * packages belong to it); symbolic links are not followed; dependency and dot folders are skipped,
 * except a dot folder that is a repository itself (an organisation's `.github`). The search stops
 * `maxDepth` levels down: folders there that have subfolders are added to `cutOff`.
 */
export function findRepositories(dir: string, maxDepth = MAX_SCAN_DEPTH, cutOff: string[] = []): string[] {
  const found: string[] = [];
  const walk = (at: string, depth: number): void => {
    if (isRepository(at)) {
      found.push(at);
      return;
    }
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!e.isDirectory() || SKIP.has(e.name)) continue;
      const child = path.join(at, e.name);
      if (e.name.startsWith(".") && !isRepository(child)) continue;
      if (depth >= maxDepth) {
        // Not searched: said out loud, not silently dropped.
        cutOff.push(at);
        return;
      }
      walk(child, depth + 1);
    }
  };
  walk(path.resolve(dir), 0);
  return found;
}

export interface RepositorySummary {
  /** The repository folder, as displayed (relative to the current directory when inside it). */
  repository: string;
  root: string;
  /** The policy GitHub would show, relative to the repository, or null when there is none. */
  policyFile: string | null;
  errorCount: number;
  warningCount: number;
  /**
   * For a repository without a policy of its own: the organisation's default policy that GitHub shows for
   * it (the SECURITY.md of the `.github` repository, as displayed). Linted once, in that repository's row.
   */
  inheritedFrom?: string;
  /** The predicted OpenSSF Scorecard Security-Policy score (of the inherited default when there is one), or null without a markdown policy. */
  scorecard: number | null;
  /** Why the policy could not be linted (unreadable, too large, invalid configuration), when it could not. */
  fatal?: string;
  /** Set when the repository's configuration is invalid: the scan exits with code 2. */
  configError?: boolean;
}

export interface ScanResult {
  results: LintResult[];
  repositories: RepositorySummary[];
  /** Folders at the depth limit whose subfolders were not searched. */
  notSearched: string[];
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === "" ? "." : !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** An organisation's default policy: the policy of its `.github` repository. */
interface DefaultPolicy {
  root: string;
  file: string;
  /** The GitHub owner, lower-cased, when the repository says it. */
  owner: string | null;
  summary: RepositorySummary;
}

function ownerOf(root: string): string | null {
  const slug = repositorySlug(root);
  return slug ? (slug.split("/")[0] as string).toLowerCase() : null;
}

/**
 * The default policy GitHub would show for a repository without one: the policy of a `.github`
 * repository in the folder above it (the nearest), of the same owner when both say theirs.
 */
function defaultFor(root: string, defaults: readonly DefaultPolicy[]): DefaultPolicy | null {
  let best: DefaultPolicy | null = null;
  let owner: string | null | undefined;
  for (const d of defaults) {
    const org = path.dirname(d.root);
    const rel = path.relative(org, root);
    if (d.root === root || rel.startsWith("..") || path.isAbsolute(rel)) continue;
    if (d.owner !== null) {
      owner ??= ownerOf(root);
      if (owner !== null && owner !== d.owner) continue;
    }
    if (!best || org.length > path.dirname(best.root).length) best = d;
  }
  return best;
}

/**
 * The plan of an organisation scan: a row per repository, and a target per policy to lint, for the same
 * run path as any other run (src/run/bulk.ts `runPrepared`: pool, cache, results in order).
 */
export interface ScanPlan {
  /** One row per repository, in path order; filled in by `record` as results come, and by `finish`. */
  repositories: RepositorySummary[];
  /** The policies to lint, each with its repository root and asking for the Scorecard prediction. */
  targets: RunTarget[];
  /** Folders at the depth limit whose subfolders were not searched. */
  notSearched: string[];
  /** Take the result of `targets[index]` into its repository's row; returns the LintResult as reported. */
  record(index: number, run: RunResult): LintResult;
  /** Fill in what depends on other rows (an inheriting repository scores what its default scores). */
  finish(): void;
}

/** Find the repositories under `dirs` (the current directory when empty) and plan the lint of their policies. Throws ScanError on a folder that holds none. */
export function planScan(dirs: readonly string[], cwd: string = process.cwd()): ScanPlan {
  if (dirs.includes("-")) throw new ScanError("--recursive takes directories, not standard input");
  const roots: string[] = [];
  const cutOff: string[] = [];
  for (const dir of dirs.length ? dirs : ["."]) {
    const abs = path.resolve(cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new ScanError(`${dir}: not a directory, expected a folder of repositories`);
    const before = cutOff.length;
    const found = findRepositories(abs, MAX_SCAN_DEPTH, cutOff);
    // An audit of a folder with no repository in it is almost always a wrong argument.
    if (found.length === 0) {
      const depth =
        cutOff.length > before
          ? `; the search stops ${MAX_SCAN_DEPTH} folder levels deep, and ${display(cutOff[before] as string, cwd)} has subfolders below that`
          : "";
      throw new ScanError(`${dir}: no repositories found (a folder with .git or a package manifest such as package.json)${depth}`);
    }
    for (const root of found) if (!roots.includes(root)) roots.push(root);
  }
  const repositories: RepositorySummary[] = [];
  const defaults: DefaultPolicy[] = [];
  const inheriting: Array<{ summary: RepositorySummary; from: DefaultPolicy }> = [];
  const policies = new Map(roots.map((root) => [root, discoverPolicy(root)]));
  const summaries = new Map<string, RepositorySummary>();
  for (const root of roots) {
    const summary: RepositorySummary = {
      repository: display(root, cwd),
      root,
      policyFile: null,
      errorCount: 0,
      warningCount: 0,
      scorecard: null,
    };
    summaries.set(root, summary);
    const policy = policies.get(root);
    // GitHub shows the `.github` repository's policy (root, `.github/` or `docs/`) for every repository of the account that has none.
    if (path.basename(root) === ".github" && policy) defaults.push({ root, file: policy, owner: ownerOf(root), summary });
  }
  const targets: RunTarget[] = [];
  const rows: RepositorySummary[] = [];
  for (const root of roots) {
    const policy = policies.get(root) ?? null;
    const summary = summaries.get(root) as RepositorySummary;
    repositories.push(summary);
    if (!policy) {
      // A policy GitHub would show but this linter does not read (reStructuredText, AsciiDoc).
      const other = loadRepository(root).policyFiles?.[0];
      if (other) summary.policyFile = other.path;
      const from = other ? null : defaultFor(root, defaults);
      if (from) {
        summary.inheritedFrom = display(from.file, cwd);
        inheriting.push({ summary, from });
      }
      continue;
    }
    summary.policyFile = path.relative(root, policy).split(path.sep).join("/");
    // Each policy is resolved on its own, as a path named on the command line is (links are guarded the
    // same way); two repositories that share a policy file each lint it.
    for (const target of resolveTargets([display(policy, cwd)], cwd)) {
      targets.push({ ...target, root, scorecard: true });
      rows.push(summary);
    }
  }
  return {
    repositories,
    targets,
    notSearched: cutOff.map((c) => display(c, cwd)),
    record(index, run) {
      const summary = rows[index] as RepositorySummary;
      const { result, scorecard, configError } = splitRunResult(run);
      if (configError) {
        summary.fatal = "invalid configuration";
        summary.configError = true;
        return result;
      }
      summary.errorCount = result.errorCount;
      summary.warningCount = result.warningCount;
      if (result.fatal) summary.fatal = result.fatal;
      else summary.scorecard = scorecard ?? null;
      return result;
    },
    finish() {
      // Scorecard, too, falls back to the organisation's `.github` repository: an inheriting repository scores what the default scores.
      for (const { summary, from } of inheriting) summary.scorecard = from.summary.scorecard;
    },
  };
}

/**
 * Lint the policy of every repository under `dirs` (the current directory when empty), each with its
 * repository's own configuration, on the same run path as `lintMany` (worker threads for many, the cache
 * when `cache` is set).
 */
export async function scanRepositories(dirs: readonly string[], options: BulkOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const plan = planScan(dirs, cwd);
  const results: LintResult[] = [];
  let index = 0;
  // As `lint()` returns them: with their source text, unless the caller says otherwise.
  const settings = { keepSource: true, ...options, cwd };
  await runPrepared(preparer({ targets: plan.targets, configErrors: "result" }, settings), settings, (run) => {
    results.push(plan.record(index++, run));
  });
  plan.finish();
  return { results, repositories: plan.repositories, notSearched: plan.notSearched };
}

/** A directory argument of `--recursive` that is not a directory: a usage error. */
export class ScanError extends Error {
  override name = "ScanError";
}
