/** Nothing lost: a process killed between writing the fixed text and renaming it leaves the policy intact. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli, tempRepo } from "./cli-run.js";
import { ROOT } from "./helpers.js";

const PRELOAD = path.join(ROOT, "tests", "support", "crash-before-rename.mjs");
const GARBLED = "# Security Policy\n\n## âœ… Supported Versions\n\n| Version | Status |\n| --- | --- |\n| 2.x | âœ… Supported |\n";

it("keeps the original when --fix is killed between write and rename", () => {
  const dir = tempRepo({ "SECURITY.md": GARBLED });
  const r = runCli(["--fix", "SECURITY.md"], { cwd: dir, nodeArgs: ["--import", PRELOAD] });
  // The injected failure really happened: the process was killed, not a clean exit.
  expect(r.signal).toBe("SIGKILL");
  expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(GARBLED);
  // What was written went to a temporary file beside it, never to the policy itself.
  const temps = readdirSync(dir).filter((f) => f.endsWith(".tmp"));
  expect(temps).toHaveLength(1);
  expect(readFileSync(path.join(dir, temps[0] as string), "utf8")).toContain("## ✅ Supported Versions");
});

it("fixes the same file when nothing fails (the control for the test above)", () => {
  const dir = tempRepo({ "SECURITY.md": GARBLED });
  const r = runCli(["--fix", "SECURITY.md"], { cwd: dir });
  // Exit 1: the policy still lacks a reporting channel; the mojibake itself is repaired.
  expect(r.signal).toBeNull();
  expect(r.code).toBe(1);
  expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toContain("## ✅ Supported Versions");
});
