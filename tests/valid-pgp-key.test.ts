/** valid-pgp-key beyond its fixtures: openpgp stays out of start-up, and the severity of key warnings. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { FIXTURES, NOW, only, ROOT } from "./helpers.js";

describe("valid-pgp-key", () => {
  it("leaves openpgp out of the CLI's and the worker's code: its own chunk, imported only when a key block is read", () => {
    const dist = path.join(ROOT, "dist");
    const read = (f: string): string => readFileSync(path.join(dist, f), "utf8");
    // openpgp is bundled (dist/ runs without node_modules) into chunk-openpgp.js and nowhere else.
    const holders = readdirSync(dist).filter((f) => /^(cli\.cjs|(worker|chunk-.*)\.js)$/.test(f) && read(f).includes("OpenPGP.js"));
    expect(holders).toEqual(["chunk-openpgp.js"]);
    // The program and the worker reach it only through a dynamic import, never a static one.
    expect(read("chunk-cli.js")).toContain('__secpolicyImport("./chunk-openpgp.js")');
    // The worker's code may sit in chunks it shares with the language server: follow its static imports.
    const workerCode = (f: string, seen = new Set<string>()): string => {
      if (seen.has(f)) return "";
      seen.add(f);
      const text = read(f);
      const deps = [...text.matchAll(/(?:from|import)\s*["']\.\/(chunk-[\w-]+\.js)["']/g)].map((m) => m[1] as string);
      return text + deps.map((d) => workerCode(d, seen)).join("");
    };
    expect(workerCode("worker.js")).toMatch(/import\(\s*["']\.\/chunk-openpgp\.js["']\s*\)/);
    for (const f of ["cli.cjs", "chunk-cli.js", "worker.js"])
      expect(read(f)).not.toMatch(/from\s*["'](?:openpgp|\.\/chunk-openpgp\.js)["']/);
  });

  it("reports an expired key as a warning even when the rule is an error", async () => {
    const text = readFileSync(path.join(FIXTURES, "valid-pgp-key", "invalid", "expired-key.md"), "utf8");
    const config = only("valid-pgp-key");
    expect(config.rules["valid-pgp-key"]?.severity).toBe("error");
    const result = await lintText(text, { config, now: NOW });
    expect(result.findings.map((f) => f.severity)).toEqual(["warn"]);
    expect(result.errorCount).toBe(0);
  });
});
