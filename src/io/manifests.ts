/**
 * The project's current version, read from the text of its manifests and from its git tag names.
 * Pure functions: the repository loader (`src/io/repository.ts`) does the reading.
 */
import semver from "semver";
import { parse as parseToml } from "smol-toml";

export type VersionSource = "package.json" | "Cargo.toml" | "pyproject.toml" | "git tag";

export interface ProjectVersion {
  /** The version as the manifest or tag gives it, without a leading `v`. */
  value: string;
  /** Where it was read: a manifest's name, or `git tag`. */
  source: VersionSource;
  /** The tag name, when the version comes from a tag. */
  tag?: string;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A version worth comparing: valid semver, and not a placeholder such as `0.0.0-development`. */
function usable(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const v = semver.valid(value.trim().replace(/^v/i, ""), { loose: true });
  if (!v || v.startsWith("0.0.0")) return null;
  return v;
}

/**
 * `version` of a package.json text. A `"private": true` package is not published, and its version is
 * usually the scaffold's default (`0.1.0`): it says nothing about releases, so it is not read.
 */
export function versionFromPackageJson(text: string): string | null {
  try {
    const pkg = record(JSON.parse(text.replace(/^\uFEFF/, "")));
    if (pkg?.private === true) return null;
    return usable(pkg?.version);
  } catch {
    return null;
  }
}

function tomlTable(text: string): Record<string, unknown> | null {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `[package] version` of a Cargo.toml text, following `version.workspace = true` to `[workspace.package]`. */
export function versionFromCargoToml(text: string): string | null {
  const doc = tomlTable(text);
  if (!doc) return null;
  const workspaceVersion = record(record(doc.workspace)?.package)?.version;
  const pkg = record(doc.package);
  if (pkg) {
    const v = pkg.version;
    if (typeof v === "string") return usable(v);
    if (record(v)?.workspace === true) return usable(workspaceVersion);
    return null;
  }
  return usable(workspaceVersion);
}

/** `[project] version` (PEP 621) or `[tool.poetry] version` of a pyproject.toml text. */
export function versionFromPyproject(text: string): string | null {
  const doc = tomlTable(text);
  if (!doc) return null;
  const project = record(doc.project);
  const pep621 = usable(project?.version);
  if (pep621) return pep621;
  return usable(record(record(doc.tool)?.poetry)?.version);
}

/**
 * The version a tag names: `1.2.3`, `v1.2.3`, or after a prefix that starts with a letter and ends in
 * `-`, `/`, `_` or `@` (`release-1.2.3`, `pkg@2.0.0`); the shortest such prefix wins. Tags are short, and
 * the scan over split points replaces a pattern whose lazy prefix could backtrack.
 */
function tagVersion(tag: string): string | null {
  for (let i = 0; i <= tag.length; i++) {
    if (i > 0 && !"-/_@".includes(tag.charAt(i - 1))) continue;
    if (i > 0 && !/^[A-Za-z][\w.-]*$/.test(tag.slice(0, i - 1))) continue;
    const rest = tag.slice(i);
    const bare = rest.startsWith("v") || rest.startsWith("V") ? rest.slice(1) : rest;
    if (!/^\d/.test(bare)) continue;
    const value = semver.valid(bare);
    if (value) return value;
  }
  return null;
}

/** The newest release among tag names (`v1.2.3`, `1.2.3`, `release-1.2.3`); pre-releases only when there is nothing else. */
export function newestTag(tags: readonly string[]): { tag: string; value: string } | null {
  let best: { tag: string; value: string } | null = null;
  let bestPre: { tag: string; value: string } | null = null;
  for (const tag of tags) {
    const value = tagVersion(tag);
    if (!value) continue;
    const candidate = { tag, value };
    if (semver.prerelease(value)) {
      if (!bestPre || semver.gt(value, bestPre.value)) bestPre = candidate;
    } else if (!best || semver.gt(value, best.value)) {
      best = candidate;
    }
  }
  return best ?? bestPre;
}

/** Tag names from a `packed-refs` text (`<sha> refs/tags/<name>`; peeled `^` lines skipped). */
export function tagsFromPackedRefs(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^[0-9a-f]{40,64} refs\/tags\/(.+)$/.exec(line.trim());
    if (m) out.push(m[1] as string);
  }
  return out;
}
