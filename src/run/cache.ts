/**
 * `--cache`: results of files whose text, configuration and linter version are unchanged since the last
 * run are reused instead of linted again. One JSON file maps each file path to the hash its result was
 * computed under.
 *
 * The linter runs on pull requests from strangers, so a cache file may have been written by anyone: it is
 * a hint, never a verdict. Each entry carries an HMAC-SHA256 under a key that lives outside the repository
 * (in the user's cache directory, created 0600); an entry without a valid MAC, or whose shape is not that
 * of a result (checked field by field), is a miss and is linted again. Nothing read from a cache can stop
 * the run: a cache that is missing, a directory, a FIFO, a link, unreadable, corrupt or absurdly nested
 * starts empty, and one that cannot be written is left as it was. The file is written through a temporary
 * file created with O_EXCL in the same folder and renamed over it, so no link planted under either name
 * is followed. By default the cache lives in the user's cache directory, not in the working tree.
 */
import { closeSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { ruleById } from "../../rules/index.js";
import type { ResolvedConfig } from "../config/schema.js";
import { INLINE_CONFIG_RULE_ID } from "../engine/directives.js";
import type { RepositoryInfo } from "../engine/rule.js";
import { CACHE_DIR_ENV, userCacheDir } from "../io/cache-folder.js";
import { readRegularFile } from "../io/safe-read.js";

export { CACHE_DIR_ENV, userCacheDir };
import type { Finding, LintResult } from "../types.js";
import { VERSION } from "../version.js";

/** node:crypto, loaded on first use: only `--cache` runs hash, and a one-file run should not pay for loading it. */
function crypto(): typeof import("node:crypto") {
  return process.getBuiltinModule("node:crypto");
}

export const DEFAULT_CACHE_FILE = ".secpolicylintcache";
const KEY_FILE = "hmac-key";
const KEY_BYTES = 32;
/** A cache file larger than this is not read (about 100 times what 10,000 files need). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

interface Entry {
  hash: string;
  result: Omit<LintResult, "source">;
  mac: string;
}

/**
 * Where the cache lives: with `--cache-location`, that file, or `.secpolicylintcache` inside that
 * directory (existing, or named with a trailing slash); without it, a file in the user's cache folder
 * named after the working directory, outside the working tree.
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (!location) {
    const id = crypto().createHash("sha256").update(path.resolve(cwd)).digest("hex").slice(0, 32);
    return path.join(userCacheDir(), "results", `${id}.json`);
  }
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  try {
    isDir ||= statSync(abs).isDirectory();
  } catch {
    // A file that does not exist yet.
  }
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

/**
 * The HMAC key: read from the user's cache folder, or created there (0600, with O_EXCL) on first use. A
 * folder that cannot hold it gives a key for this run only: every entry is then a miss, never a risk.
 */
export function cacheKey(dir: string = userCacheDir()): Buffer {
  const file = path.join(dir, KEY_FILE);
  const read = (): Buffer | null => {
    const got = readRegularFile(file, { maxBytes: KEY_BYTES, noFollow: true });
    return got.ok && got.bytes.length === KEY_BYTES ? got.bytes : null;
  };
  const existing = read();
  if (existing) return existing;
  const key = crypto().randomBytes(KEY_BYTES);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(file, "wx", 0o600);
    try {
      writeSync(fd, key);
    } finally {
      closeSync(fd);
    }
    return key;
  } catch {
    // Another run created it first (read theirs), or the folder is not writable (a key for this run).
    return read() ?? key;
  }
}

export interface CacheSettings {
  config: ResolvedConfig;
  repository: RepositoryInfo;
  now: Date;
}

const HEX64 = /^[0-9a-f]{64}$/;

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isRange(v: unknown): boolean {
  if (v === null || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  return isCount(r.start) && isCount(r.end) && (r.start as number) <= (r.end as number);
}

function isFinding(v: unknown): v is Finding {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  if (typeof f.ruleId !== "string" || (f.ruleId !== INLINE_CONFIG_RULE_ID && !ruleById(f.ruleId))) return false;
  if (f.severity !== "error" && f.severity !== "warn") return false;
  if (typeof f.message !== "string" || typeof f.docsUrl !== "string") return false;
  if (![f.line, f.column, f.endLine, f.endColumn].every((n) => isCount(n) && n >= 1)) return false;
  if (!isRange(f.range)) return false;
  if (f.fix !== undefined) {
    const fix = f.fix as Record<string, unknown> | null;
    if (fix === null || typeof fix !== "object" || !isRange(fix.range) || typeof fix.text !== "string") return false;
  }
  return true;
}

/** Whether a value read from a cache has the shape of a result, with counts that agree with its findings. */
export function isCachedResult(v: unknown): v is Omit<LintResult, "source"> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.filePath !== "string" || typeof r.displayPath !== "string") return false;
  if (!Array.isArray(r.findings) || !r.findings.every(isFinding)) return false;
  if (r.suppressedFindings !== undefined && !(Array.isArray(r.suppressedFindings) && r.suppressedFindings.every(isFinding))) return false;
  if (r.fatal !== undefined && typeof r.fatal !== "string") return false;
  if (r.output !== undefined || r.originalSource !== undefined || r.stdin !== undefined) return false;
  const findings = r.findings as Finding[];
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warn");
  return (
    r.errorCount === errors.length &&
    r.warningCount === warnings.length &&
    r.fixableErrorCount === errors.filter((f) => f.fix).length &&
    r.fixableWarningCount === warnings.filter((f) => f.fix).length
  );
}

export class LintCache {
  private readonly entries = new Map<string, Entry>();
  private readonly configHashes = new WeakMap<ResolvedConfig, string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly key: Buffer,
  ) {}

  private mac(filePath: string, hash: string, result: Omit<LintResult, "source">): string {
    return crypto()
      .createHmac("sha256", this.key)
      .update(JSON.stringify([VERSION, filePath, hash, result]))
      .digest("hex");
  }

  /**
   * Open a cache file. Only entries with a valid MAC and the shape of a result are kept; a missing,
   * unreadable, non-regular or corrupt cache, or one from another version, starts empty.
   */
  static open(file: string, key: Buffer = cacheKey()): LintCache {
    const cache = new LintCache(file, key);
    const read = readRegularFile(file, { maxBytes: MAX_CACHE_BYTES, noFollow: true });
    if (!read.ok) return cache;
    try {
      const data: unknown = JSON.parse(read.bytes.toString("utf8"));
      if (data === null || typeof data !== "object") return cache;
      const { version, entries } = data as Record<string, unknown>;
      if (version !== VERSION || entries === null || typeof entries !== "object" || Array.isArray(entries)) return cache;
      for (const [filePath, raw] of Object.entries(entries)) cache.adopt(filePath, raw);
    } catch {
      // Not JSON, or nested deeper than the stack: start afresh.
    }
    return cache;
  }

  /** Keep one entry read from the file if it is authentic and well formed. */
  private adopt(filePath: string, raw: unknown): void {
    try {
      if (raw === null || typeof raw !== "object") return;
      const { hash, result, mac } = raw as Record<string, unknown>;
      if (typeof hash !== "string" || !HEX64.test(hash) || typeof mac !== "string" || !HEX64.test(mac)) return;
      if (!isCachedResult(result)) return;
      const expected = Buffer.from(this.mac(filePath, hash, result), "hex");
      if (!crypto().timingSafeEqual(expected, Buffer.from(mac, "hex"))) return;
      this.entries.set(filePath, { hash, result, mac });
    } catch {
      // A value too deep to serialise is no entry.
    }
  }

  /**
   * The hash a file's result depends on: the linter version, the rules' settings, the repository the
   * file belongs to, the day (rules compare dates with today) and the text itself.
   */
  hash(text: string, settings: CacheSettings): string {
    let configHash = this.configHashes.get(settings.config);
    if (configHash === undefined) {
      configHash = crypto().createHash("sha256").update(JSON.stringify(settings.config.rules)).digest("hex");
      this.configHashes.set(settings.config, configHash);
    }
    return crypto()
      .createHash("sha256")
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
    this.entries.set(filePath, { hash, result: rest, mac: this.mac(filePath, hash, rest) });
    this.dirty = true;
  }

  /**
   * Write the cache if anything changed: to a new temporary file (O_EXCL, 0600) in the same folder, then
   * renamed over the cache. Returns false when it could not be written; the run goes on either way.
   */
  save(): boolean {
    if (!this.dirty) return true;
    const temp = `${this.file}.${process.pid}.${crypto().randomBytes(6).toString("hex")}.tmp`;
    let fd: number | null = null;
    let created = false;
    try {
      const data = JSON.stringify({ version: VERSION, entries: Object.fromEntries(this.entries) });
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      fd = openSync(temp, "wx", 0o600);
      created = true;
      writeSync(fd, data);
      closeSync(fd);
      fd = null;
      renameSync(temp, this.file);
      this.dirty = false;
      return true;
    } catch {
      if (fd !== null) closeSync(fd);
      try {
        if (created) unlinkSync(temp);
      } catch {
        // Already renamed, or removed by someone else.
      }
      return false;
    }
  }
}
