/** Start-up work a plain run must not do: building zod schemas for options nobody set, loading built-in modules it does not use. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { lint } from "../src/index.js";
import { GOOD, runCli, tempRepo } from "./cli-run.js";
import { NOW } from "./helpers.js";

const restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

/** Record which rules' option schemas are built (the `options` getter) from now on. */
function watchSchemas(): string[] {
  const built: string[] = [];
  for (const rule of rules) {
    const meta = rule.meta as object;
    const original = Object.getOwnPropertyDescriptor(meta, "options");
    expect(original?.get, `${rule.meta.id}: options are built on first use`).toBeTypeOf("function");
    Object.defineProperty(meta, "options", {
      ...original,
      get() {
        built.push(rule.meta.id);
        return original?.get?.call(meta);
      },
    });
    restore.push(() => Object.defineProperty(meta, "options", original as PropertyDescriptor));
  }
  return built;
}

it("builds no option schema for a run without a configuration, or with severities only", async () => {
  const built = watchSchemas();
  const dir = tempRepo({ "SECURITY.md": GOOD });
  const file = path.join(dir, "SECURITY.md");
  const [plain] = await lint([file], { now: NOW, ruleOverrides: ["require-scope=error", "require-safe-harbor=0"] });
  expect(plain?.fatal).toBeUndefined();
  writeFileSync(
    path.join(dir, ".secpolicylintrc.json"),
    JSON.stringify({ extends: "openssf", rules: { "require-scope": "warn", "valid-links": { severity: "off" } } }),
  );
  const [configured] = await lint([file], { now: NOW });
  expect(configured?.fatal).toBeUndefined();
  // openssf sets options of two rules: only theirs are built.
  expect([...new Set(built)].sort()).toEqual(["require-response-timeline", "scorecard-security-policy"]);
});

it("still validates options a configuration sets", async () => {
  const built = watchSchemas();
  const dir = tempRepo({
    "SECURITY.md": GOOD,
    ".secpolicylintrc.json": JSON.stringify({ rules: { "no-stale-date": { options: { maxAgeDays: -1 } } } }),
  });
  await expect(lint([path.join(dir, "SECURITY.md")], { now: NOW })).rejects.toThrow(/rules\.no-stale-date\.options\.maxAgeDays/);
  expect(built).toContain("no-stale-date");
});

/** The built-in modules a run of the built CLI loaded, as Node lists them (`NativeModule crypto`, ...). */
function builtinsLoaded(args: string[], dir: string): string[] {
  const out = path.join(dir, "modules.json");
  const probe = path.join(dir, "probe.cjs");
  writeFileSync(
    probe,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));`,
  );
  const run = runCli(args, { cwd: dir, nodeArgs: ["--require", probe] });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(out, "utf8")) as string[];
}

it("a one-file run of the built CLI loads no built-in module that only other runs need", () => {
  const dir = tempRepo({ "SECURITY.md": GOOD });
  // Workers, --cache, --fix, `init`, commander's executable subcommands, the stream API that an ES
  // module's import of node:fs would load through its facade, and the terminal module chalk's own colour
  // detection loads (the output here is a pipe, which Node writes to without it).
  const optional = ["worker_threads", "crypto", "readline", "child_process", "internal/fs/streams", "tty"].map((m) => `NativeModule ${m}`);
  const plain = builtinsLoaded(["SECURITY.md"], dir);
  expect(plain).toContain("NativeModule vm");
  expect(plain.filter((m) => optional.includes(m))).toEqual([]);
  // The probe sees them when a run does need one: --cache hashes with node:crypto.
  expect(builtinsLoaded(["--cache", "SECURITY.md"], dir)).toContain("NativeModule crypto");
});

/** Whether zod was initialised in a run of the built CLI: its first use leaves a global of its own. */
function zodInitialised(args: string[], dir: string): boolean {
  const out = path.join(dir, "zod.json");
  const probe = path.join(dir, "zod-probe.cjs");
  writeFileSync(
    probe,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(globalThis.__zod_globalConfig !== undefined)));`,
  );
  const run = runCli(args, { cwd: dir, nodeArgs: ["--require", probe] });
  expect(run.code, run.stderr).not.toBeNull();
  return JSON.parse(readFileSync(out, "utf8")) as boolean;
}

it("a one-file run of the built CLI without a configuration file never initialises zod (scripts/lazy-modules.mjs)", () => {
  const dir = tempRepo({ "SECURITY.md": GOOD });
  expect(zodInitialised(["SECURITY.md"], dir)).toBe(false);
  // A configuration file is validated with zod, which the probe then sees.
  writeFileSync(path.join(dir, ".secpolicylintrc.json"), JSON.stringify({ rules: { "require-scope": "warn" } }));
  expect(zodInitialised(["SECURITY.md"], dir)).toBe(true);
});
