/**
 * What the repository around a policy says about itself: its root, its GitHub `owner/name`, its current
 * version, its policy files and its security.txt files. Read from disk once per repository (never from
 * the network, never by running git); the parsing is done by pure modules (src/io/manifests.ts, src/policy/).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot, resolvesInside, type RootMemo } from "./guard.js";
import type { RepositoryFile, RepositoryInfo } from "../engine/rule.js";
import { POLICY_FOLDERS } from "./files.js";
import { readRegularFile } from "./safe-read.js";
import {
  newestTag,
  type ProjectVersion,
  tagsFromPackedRefs,
  versionFromCargoToml,
  versionFromPackageJson,
  versionFromPyproject,
} from "./manifests.js";

const GITHUB_SLUG = /github\.com[/:]([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;
/** Repository files larger than this are listed but not read. */
const MAX_READ = 1024 * 1024;

function slugFrom(url: string): string | null {
  const m = GITHUB_SLUG.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

/**
 * A small text file, or null. With `root`, a file that resolves (through symbolic links) outside the
 * repository is not read: a linted repository must not make the linter read the rest of the disk.
 */
function readSmall(file: string, root?: string): string | null {
  try {
    if (root !== undefined && !resolvesInside(file, root)) return null;
    // A FIFO or device committed under a manifest's name must not block the run: never opened blocking.
    const read = readRegularFile(file, { maxBytes: MAX_READ });
    if (!read.ok) return null;
    return read.bytes.includes(0) ? null : read.bytes.toString("utf8");
  } catch {
    return null;
  }
}

function fromPackageJson(root: string): string | null {
  try {
    const text = readSmall(path.join(root, "package.json"), root);
    if (text === null) return null;
    const pkg = JSON.parse(text) as { repository?: string | { url?: string } };
    const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    if (!repo) return null;
    if (/^github:/.test(repo)) return repo.slice(7);
    if (/^[\w.-]+\/[\w.-]+$/.test(repo)) return repo;
    return slugFrom(repo);
  } catch {
    return null;
  }
}

/** The git directory of a repository: `.git`, or where a `.git` file (worktree, submodule) points. */
function gitDirectories(root: string): string[] {
  const dotGit = path.join(root, ".git");
  try {
    if (statSync(dotGit).isDirectory()) return [dotGit];
    const m = /^gitdir:\s*(.+)$/m.exec(readSmall(dotGit) ?? "");
    if (!m) return [];
    const gitDir = path.resolve(root, (m[1] as string).trim());
    const common = readSmall(path.join(gitDir, "commondir"));
    return common ? [gitDir, path.resolve(gitDir, common.trim())] : [gitDir];
  } catch {
    return [];
  }
}

function fromGitConfig(root: string): string | null {
  for (const dir of gitDirectories(root)) {
    const text = readSmall(path.join(dir, "config"));
    const section = text ? /\[remote "origin"\]([^[]*)/.exec(text) : null;
    const url = section ? /^[ \t]*url[ \t]*=[ \t]*(.+)$/m.exec(section[1] as string) : null;
    if (url) return slugFrom(url[1] as string);
  }
  return null;
}

/** Tag names under `refs/tags` (loose, including nested names) and in `packed-refs`. */
export function readTags(root: string): string[] {
  const tags = new Set<string>();
  for (const dir of gitDirectories(root)) {
    const walk = (folder: string, prefix: string, depth: number): void => {
      if (depth > 4) return;
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory()) walk(path.join(folder, e.name), `${prefix}${e.name}/`, depth + 1);
        else if (e.isFile()) tags.add(`${prefix}${e.name}`);
      }
    };
    walk(path.join(dir, "refs", "tags"), "", 0);
    const packed = readSmall(path.join(dir, "packed-refs"));
    if (packed) for (const t of tagsFromPackedRefs(packed)) tags.add(t);
  }
  return [...tags];
}

/** The current version: package.json, Cargo.toml, pyproject.toml, then the newest release tag. */
export function readProjectVersion(root: string): ProjectVersion | null {
  const manifests = [
    ["package.json", versionFromPackageJson],
    ["Cargo.toml", versionFromCargoToml],
    ["pyproject.toml", versionFromPyproject],
  ] as const;
  for (const [name, read] of manifests) {
    const text = readSmall(path.join(root, name), root);
    const value = text === null ? null : read(text);
    if (value) return { value, source: name };
  }
  const tag = newestTag(readTags(root));
  return tag ? { value: tag.value, source: "git tag", tag: tag.tag } : null;
}

/** The names GitHub accepts for a policy (in `POLICY_FOLDERS`, the order it picks one). */
export const POLICY_FILE_NAME = /^security\.(?:md|markdown|rst|adoc)$/i;
/** Where a repository ships a security.txt. */
export const SECURITY_TXT_LOCATIONS = [
  ".well-known/security.txt",
  "security.txt",
  "public/.well-known/security.txt",
  "static/.well-known/security.txt",
] as const;

/** The files in `folders` of `root` whose names match, folder by folder in order, names sorted; regular files only. */
function matchingFiles(root: string, folders: readonly string[], name: RegExp): { path: string; file: string }[] {
  const out: { path: string; file: string }[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(path.join(root, folder))
        .filter((n) => name.test(n))
        .sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const file = path.join(root, folder, n);
      try {
        if (!statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      out.push({ path: folder ? `${folder}/${n}` : n, file });
    }
  }
  return out;
}

function listPolicyFiles(root: string): RepositoryFile[] {
  return matchingFiles(root, POLICY_FOLDERS, POLICY_FILE_NAME).map((f) => ({ path: f.path, text: readSmall(f.file, root) }));
}

/** The names Security Insights tools accept, any case, `.yml` or `.yaml`. */
export const SECURITY_INSIGHTS_FILE_NAME = /^security-insights\.ya?ml$/i;
/** Where Security Insights tools look for the file, in the order they look: the root, then `.github/`. */
export const SECURITY_INSIGHTS_FOLDERS = ["", ".github"] as const;

function listSecurityInsights(root: string): RepositoryFile[] {
  const out: RepositoryFile[] = [];
  for (const f of matchingFiles(root, SECURITY_INSIGHTS_FOLDERS, SECURITY_INSIGHTS_FILE_NAME)) {
    const text = readSmall(f.file, root);
    if (text !== null) out.push({ path: f.path, text });
  }
  return out;
}

function listSecurityTxt(root: string): RepositoryFile[] {
  const out: RepositoryFile[] = [];
  for (const rel of SECURITY_TXT_LOCATIONS) {
    const text = readSmall(path.join(root, rel), root);
    if (text !== null) out.push({ path: rel, text });
  }
  return out;
}

/** The GitHub `owner/name` of a repository rooted at `root`, from package.json or the git remote, or null. */
export function repositorySlug(root: string): string | null {
  return fromPackageJson(root) ?? fromGitConfig(root);
}

/** Every fact of a repository rooted at `root`. */
export function loadRepository(root: string): RepositoryInfo {
  return {
    root,
    slug: repositorySlug(root),
    version: readProjectVersion(root),
    policyFiles: listPolicyFiles(root),
    securityTxt: listSecurityTxt(root),
    securityInsights: listSecurityInsights(root),
  };
}

/** Repository facts for a file, read from package.json and `.git/config` (never from the network). */
export function repositoryInfo(file: string, cache?: Map<string, RepositoryInfo>, memo?: RootMemo): RepositoryInfo {
  const root = findRepositoryRoot(path.dirname(file), memo);
  if (!root) return { root: null, slug: null };
  const known = cache?.get(root);
  if (known) return known;
  const info = loadRepository(root);
  cache?.set(root, info);
  return info;
}
