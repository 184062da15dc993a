/** valid-pgp-key beyond its fixtures: openpgp stays out of start-up, and the severity of key warnings. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { FIXTURES, NOW, only, ROOT } from "./helpers.js";

describe("valid-pgp-key", () => {
  it("leaves openpgp out of the CLI bundle: it is imported only when a key block is read", () => {
    const bundle = readFileSync(path.join(ROOT, "dist", "cli.js"), "utf8");
    expect(bundle).toContain('import("openpgp")');
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
