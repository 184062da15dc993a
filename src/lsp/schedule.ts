/**
 * When each open document is linted: at once when it is opened, after a quiet spell when it is edited
 * (each edit restarts the wait), one lint per document at a time, and the latest version wins. A lint
 * that finishes after the document has changed again is dropped by its caller (see `isCurrent`), and the
 * newer version is linted next: an old version's diagnostics are never published over a newer text.
 */

/** The quiet spell after an edit before the document is linted, in milliseconds. */
export const DEFAULT_DEBOUNCE_MS = 200;

interface Entry {
  timer?: ReturnType<typeof setTimeout>;
  /** A lint of this document is running. */
  running: boolean;
  /** Another lint was asked for while one ran: start it when that one ends. */
  again: boolean;
}

export class LintScheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** Lint the document's current version and publish the result if it is still current. */
    private readonly lint: (uri: string) => Promise<void>,
    private readonly debounceMs: number = DEFAULT_DEBOUNCE_MS,
  ) {}

  private entry(uri: string): Entry {
    let e = this.entries.get(uri);
    if (!e) {
      e = { running: false, again: false };
      this.entries.set(uri, e);
    }
    return e;
  }

  /** Lint after the quiet spell (an edit); `now` lints at once (an open, a configuration change). */
  request(uri: string, now = false): void {
    const e = this.entry(uri);
    if (e.timer !== undefined) clearTimeout(e.timer);
    e.timer = setTimeout(
      () => {
        e.timer = undefined;
        void this.start(uri, e);
      },
      now ? 0 : this.debounceMs,
    );
  }

  private async start(uri: string, e: Entry): Promise<void> {
    if (e.running) {
      e.again = true;
      return;
    }
    e.running = true;
    try {
      await this.lint(uri);
    } catch {
      // The lint reports its own failures; one that escapes (a closed connection) must not end the process.
    } finally {
      e.running = false;
      if (e.again && this.entries.get(uri) === e) {
        e.again = false;
        void this.start(uri, e);
      }
    }
  }

  /** The document was closed: forget it (a lint still running is dropped by its caller). */
  forget(uri: string): void {
    const e = this.entries.get(uri);
    if (e?.timer !== undefined) clearTimeout(e.timer);
    this.entries.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.entries.keys()]) this.forget(uri);
  }
}
