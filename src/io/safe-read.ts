/**
 * Reading a file from an untrusted tree. A pull request can commit a FIFO, a device or a directory under
 * any name the linter reads (`.secpolicylintrc.json`, `package.json`, a cache): opening a FIFO for
 * reading blocks until someone writes to it, and reading a device may never end. The file is opened
 * without blocking, checked with fstat on the open descriptor (no race between check and read), and read
 * only when it is a regular file, at most `maxBytes` of it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type SafeRead =
  { ok: true; bytes: Buffer } | { ok: false; reason: "not-regular" | "too-big" | "error"; code?: string; size?: number };

export interface SafeReadOptions {
  /** Refuse more than this many bytes (default: no limit beyond the file's size). */
  maxBytes?: number;
  /** Refuse a symbolic link in the last component instead of following it. */
  noFollow?: boolean;
}

/** Read a regular file whole, or say why not; never blocks on a FIFO and never throws. */
export function readRegularFile(file: string, options: SafeReadOptions = {}): SafeRead {
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW on a link fails with ELOOP (Linux) or EMLINK (some BSDs).
    if (options.noFollow && (code === "ELOOP" || code === "EMLINK")) return { ok: false, reason: "not-regular", code };
    return { ok: false, reason: "error", code };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: "not-regular" };
    const max = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
    if (stat.size > max) return { ok: false, reason: "too-big", size: stat.size };
    // Read what is there, at most max + 1 bytes: a file that grows while it is read is still bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 0) + 1, 1 << 20, max + 1 - total));
      if (chunk.length === 0) break;
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > max) return { ok: false, reason: "too-big", size: total };
      // A short read once the size fstat gave is in is the end (one byte more was asked for): no second call to learn it.
      if (n < chunk.length && total >= stat.size) break;
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: "error", code: (error as NodeJS.ErrnoException).code };
  } finally {
    closeSync(fd);
  }
}
