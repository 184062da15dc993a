/**
 * What a document is linted with, found as the CLI finds it for a file at the document's path: the
 * configuration file that applies to its folder (src/config/load.ts) and the facts of the repository
 * around it (src/repository.ts). Both are cached, configurations per folder and facts per repository
 * root, and dropped when the files they come from change: the client reports watched files, and a
 * configuration is also checked against the files it was read from before each lint.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILES, loadConfig } from "../io/config/load.js";
import { ConfigError, type ResolvedConfig } from "../config/schema.js";
import type { RepositoryInfo } from "../engine/rule.js";
import { repositoryInfo } from "../io/repository.js";

export type ConfigOutcome = { config: ResolvedConfig } | { error: string };

/** Size, modification time and inode of a file, or "-" when there is none: changes when the file is written. */
function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return "-";
  }
}

/**
 * What the configuration of a folder was read from: every configuration file name in the folders discovery
 * walks (up to the repository root) and the files a configuration extends. A change to any of them, a
 * configuration added or removed, changes it. A few dozen stats: cheaper than reading the configuration.
 */
function configStamp(dir: string, sources: readonly string[]): string {
  const parts: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of CONFIG_FILES) parts.push(stamp(path.join(d, name)));
    if (existsSync(path.join(d, ".git")) || path.dirname(d) === d) break;
  }
  for (const source of sources) parts.push(stamp(source));
  return parts.join("|");
}

interface CachedConfig {
  outcome: Promise<ConfigOutcome>;
  /** `configStamp` when it was read; the files it extends are added once it is resolved. */
  stamp: string;
  sources: string[];
}

export class LintContexts {
  private readonly configs = new Map<string, CachedConfig>();
  private readonly repositories = new Map<string, RepositoryInfo>();

  /** `onWarning`: told about files near a configuration that look like misnamed ones. */
  constructor(private readonly onWarning: (message: string) => void = () => undefined) {}

  /**
   * The configuration for a file in `dir`, or the message of the configuration error that stops it. A
   * cached one is used while the files it came from are unchanged, so an edited configuration applies at
   * the next lint even in an editor that does not report file changes.
   */
  configFor(dir: string): Promise<ConfigOutcome> {
    const key = path.resolve(dir);
    const cached = this.configs.get(key);
    if (cached && cached.stamp === configStamp(key, cached.sources)) return cached.outcome;
    const entry: CachedConfig = { outcome: Promise.resolve({ error: "" }), stamp: configStamp(key, []), sources: [] };
    entry.outcome = loadConfig(key, { onWarning: this.onWarning }).then(
      (config): ConfigOutcome => {
        // Files it extends (presets are not files): their changes count too.
        entry.sources = config.sources.filter((s) => path.isAbsolute(s));
        entry.stamp = configStamp(key, entry.sources);
        return { config };
      },
      (error: unknown): ConfigOutcome => {
        if (error instanceof ConfigError) return { error: error.message };
        return { error: `cannot load the configuration (${error instanceof Error ? error.message : String(error)})` };
      },
    );
    this.configs.set(key, entry);
    return entry.outcome;
  }

  /** The repository facts for a file, as the CLI reads them (cached per repository root). */
  repositoryFor(file: string): RepositoryInfo {
    return repositoryInfo(file, this.repositories);
  }

  /** Forget every configuration: a configuration file (or one it extends) changed. */
  dropConfigs(): void {
    this.configs.clear();
  }

  /** Forget the facts of the repositories that hold `file`, or of every repository. */
  dropRepositories(file?: string): void {
    if (file === undefined) {
      this.repositories.clear();
      return;
    }
    for (const root of [...this.repositories.keys()]) {
      const rel = path.relative(root, file);
      if (!rel.startsWith("..") && !path.isAbsolute(rel)) this.repositories.delete(root);
    }
  }
}
