/** Shared helpers for the test suites. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rules as registry } from "../rules/index.js";
import { preset, type ResolvedConfig } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import type { RepositoryInfo } from "../src/engine/rule.js";
import { loadRepository } from "../src/io/repository.js";
import type { Finding } from "../src/types.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = path.join(ROOT, "fixtures");
export const SHARED = path.resolve(ROOT, "..", "shared");
/** A fixed "today" so that date rules give the same answer on every day the tests run. */
export const NOW = new Date("2026-11-21T12:00:00Z");

const rulesById = new Map(registry.map((r) => [r.meta.id, r]));

/** A configuration with only the named rules on, at their recommended severity. */
export function only(...ids: string[]): ResolvedConfig {
  const rules = preset("recommended");
  for (const [id, setting] of Object.entries(rules)) {
    if (!ids.includes(id)) setting.severity = "off";
    else if (setting.severity === "off") setting.severity = rulesById.get(id)?.meta.severity ?? "warn";
  }
  return { rules, sources: [] };
}

export async function findingsOf(text: string, ...ids: string[]): Promise<Finding[]> {
  const result = await lintText(text, { config: ids.length ? only(...ids) : undefined, now: NOW, filePath: "SECURITY.md" });
  return result.findings;
}

export const REPOS = path.join(FIXTURES, "repos");

/**
 * The repository a fixture is linted in: `<scenario>.repo` beside the fixture names a folder of
 * fixtures/repos/ (first line) and, optionally, the policy's path inside it (second line).
 */
export function fixtureRepository(fixture: string): { repository: RepositoryInfo; filePath: string } | null {
  const marker = fixture.replace(/\.md$/, ".repo");
  if (!existsSync(marker)) return null;
  const [name, policy] = readFileSync(marker, "utf8")
    .split("\n")
    .map((l) => l.trim());
  const root = path.join(REPOS, name as string);
  return { repository: loadRepository(root), filePath: path.join(root, policy || "SECURITY.md") };
}

/** Findings of the named rules for a fixture, in its repository when it names one. */
export async function fixtureFindings(fixture: string, ...ids: string[]): Promise<Finding[]> {
  const repo = fixtureRepository(fixture);
  const result = await lintText(readFileSync(fixture, "utf8"), {
    config: only(...ids),
    now: NOW,
    filePath: repo?.filePath ?? "SECURITY.md",
    repository: repo?.repository,
  });
  return result.findings;
}

/** One line per finding, in the `.expected` file format: `line:col-line:col rule-id message`. */
export function describe(f: Finding): string {
  return `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId} ${f.message}`;
}

/** Every file under `dir` (in subfolders too) whose name ends with `ext`; none when `dir` is absent (../shared on a user's clone). */
export function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
  );
}

export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => path.join(dir, f));
}

export function read(file: string): string {
  return readFileSync(file, "utf8");
}
