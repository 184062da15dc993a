/** Spawn the built CLI as a user runs it (shared by the suites that test untrusted input end to end). */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers.js";

export const BIN = path.join(ROOT, "dist", "cli.cjs");

export interface Run {
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The folder the spawned CLI keeps its cache key and default caches in: one per test process, never the
 * user's own cache folder.
 */
export const CACHE_DIR = mkdtempSync(path.join(tmpdir(), "secpolicy-cache-"));

export function runCli(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, SECPOLICY_LINT_NOW: "2026-11-21T12:00:00Z", SECPOLICY_LINT_CACHE_DIR: CACHE_DIR };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.GITHUB_ACTIONS;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    env,
    encoding: "utf8",
    // Reports of many files run to megabytes.
    maxBuffer: 32 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary repository (it has a `.git` folder) holding the given files. */
export function tempRepo(files: Record<string, string | Buffer> = {}, git = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-"));
  if (git) mkdirSync(path.join(dir, ".git"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const GOOD = `# Security Policy

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 1.x     | ✅        |

## Reporting a Vulnerability

Email security@lanternfish.dev. We acknowledge reports within 3 working days.

## Disclosure Process

We publish a GitHub security advisory once the fix is released.
`;
/**
 * GOOD with a reserved example address: one no-placeholder-contact error. It keeps a real channel (the
 * private reporting form) so that the placeholder is the only defect: an address that is only a
 * placeholder is no channel at all.
 */
export const PLACEHOLDER = GOOD.replace("security@lanternfish.dev", "security@example.com").replace(
  "within 3 working days.",
  "within 3 working days. Or use [private reporting](https://github.com/lanternfish/tide/security/advisories/new).",
);

/** Fail clearly when the suites run without a build (the test script builds first). */
export function requireBuild(): void {
  const r = runCli(["--version"]);
  if (r.code !== 0) throw new Error(`dist/cli.cjs is missing or broken: run \`npm run build\` first\n${r.stderr}`);
}
