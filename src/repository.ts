/** What the repository around a policy says about itself: its root and its GitHub `owner/name`. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { findRepositoryRoot } from "./config/load.js";
import type { RepositoryInfo } from "./engine/rule.js";

const GITHUB_SLUG = /github\.com[/:]([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;

function slugFrom(url: string): string | null {
  const m = GITHUB_SLUG.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

function fromPackageJson(root: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { repository?: string | { url?: string } };
    const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    if (!repo) return null;
    if (/^github:/.test(repo)) return repo.slice(7);
    if (/^[\w.-]+\/[\w.-]+$/.test(repo)) return repo;
    return slugFrom(repo);
  } catch {
    return null;
  }
}

function fromGitConfig(root: string): string | null {
  try {
    const text = readFileSync(path.join(root, ".git", "config"), "utf8");
    const section = /\[remote "origin"\]([^[]*)/.exec(text);
    const url = section ? /^[ \t]*url[ \t]*=[ \t]*(.+)$/m.exec(section[1] as string) : null;
    return url ? slugFrom(url[1] as string) : null;
  } catch {
    return null;
  }
}

/** Repository facts for a file, read from package.json and `.git/config` (never from the network). */
export function repositoryInfo(file: string): RepositoryInfo {
  const root = findRepositoryRoot(path.dirname(file));
  if (!root) return { root: null, slug: null };
  return { root, slug: fromPackageJson(root) ?? fromGitConfig(root) };
}
