/** valid-pgp-key beyond its fixtures: openpgp stays out of start-up, and the severity of key warnings. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { FIXTURES, NOW, only, ROOT } from "./helpers.js";

describe("valid-pgp-key", () => {
  it("leaves openpgp out of the CLI bundle: it is imported only when a key block is read", () => {
    // The CLI and its chunks: openpgp is an external import, loaded by a dynamic import() only.
    const dist = path.join(ROOT, "dist");
    const bundle = readdirSync(dist).filter((f) => /^(cli|worker|chunk-.*)\.js$/.test(f)).map((f) => readFileSync(path.join(dist, f), "utf8")).join("\n");
    expect(bundle).toMatch(/import\(\s*["']openpgp["']\s*\)/);
    expect(bundle).not.toMatch(/from\s*["']openpgp["']/);
    expect(bundle).not.toContain("OpenPGP.js");
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
