/**
 * `--cache`: results of files whose text, configuration and linter version are unchanged since the last
 * run are reused instead of linted again. One JSON file (`.secpolicylintcache` by default) maps each
 * file path to the hash its result was computed under.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "./config/schema.js";
import type { RepositoryInfo } from "./engine/rule.js";
import type { LintResult } from "./types.js";
import { VERSION } from "./version.js";

/** A SHA-256 hasher. node:crypto is loaded on first use: only `--cache` runs hash, and a one-file run should not pay for loading it. */
function sha256(): import("node:crypto").Hash {
  return process.getBuiltinModule("node:crypto").createHash("sha256");
}

export const DEFAULT_CACHE_FILE = ".secpolicylintcache";

interface Entry {
  hash: string;
  result: Omit<LintResult, "source">;
}

interface CacheFile {
  version: string;
  entries: Record<string, Entry>;
}

/** Where the cache lives: a file, or `.secpolicylintcache` inside a directory (existing, or named with a trailing slash). */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  try {
    isDir ||= statSync(abs).isDirectory();
  } catch {
    // A file that does not exist yet.
  }
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

export interface CacheSettings {
  config: ResolvedConfig;
  repository: RepositoryInfo;
  now: Date;
}

export class LintCache {
  private readonly entries: Map<string, Entry>;
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    entries: Record<string, Entry>,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** Open a cache file; a missing, unreadable or corrupt cache, or one from another version, starts empty. */
  static open(file: string): LintCache {
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheFile>;
      if (data.version === VERSION && data.entries && typeof data.entries === "object") return new LintCache(file, data.entries);
    } catch {
      // Start afresh.
    }
    return new LintCache(file, {});
  }

  /**
   * The hash a file's result depends on: the linter version, the rules' settings, the repository the
   * file belongs to, the day (rules compare dates with today) and the text itself.
   */
  hash(text: string, settings: CacheSettings): string {
    let configHash = this.configHashes.get(settings.config);
    if (configHash === undefined) {
      configHash = sha256().update(JSON.stringify(settings.config.rules)).digest("hex");
      this.configHashes.set(settings.config, configHash);
    }
    return sha256()
      .update(`${VERSION}\0${configHash}\0${settings.repository.slug ?? ""}\0${settings.now.toISOString().slice(0, 10)}\0`)
      .update(text)
      .digest("hex");
  }

  /** The stored result for a file, if it was computed under this hash. */
  get(filePath: string, hash: string): Omit<LintResult, "source"> | undefined {
    const entry = this.entries.get(filePath);
    return entry && entry.hash === hash ? entry.result : undefined;
  }

  set(filePath: string, hash: string, result: LintResult): void {
    const { source: _source, ...rest } = result;
    this.entries.set(filePath, { hash, result: rest });
    this.dirty = true;
  }

  /** Write the cache if anything changed (to a temporary file first, so a crash leaves the old cache). */
  save(): void {
    if (!this.dirty) return;
    const data: CacheFile = { version: VERSION, entries: Object.fromEntries(this.entries) };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, this.file);
    this.dirty = false;
  }
}
