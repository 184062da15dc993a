/** The library API takes a configuration as data, as ESLint's `overrideConfig` and markdownlint's `config` do. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, lint, lintFiles, lintText, lintTextAndFix, resolveConfig } from "../src/index.js";
import { PLACEHOLDER } from "./cli-run.js";
import { ROOT } from "./helpers.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-api-"));
  mkdirSync(path.join(dir, ".git"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("configuration objects", () => {
  it("lintText takes rules as a configuration file writes them", async () => {
    const plain = await lintText(PLACEHOLDER);
    expect(plain.findings.map((f) => f.ruleId)).toContain("no-placeholder-contact");
    const off = await lintText(PLACEHOLDER, { config: { rules: { "no-placeholder-contact": "off" } } });
    expect(off.findings.map((f) => f.ruleId)).not.toContain("no-placeholder-contact");
    const warn = await lintText(PLACEHOLDER, {
      config: { rules: { "no-placeholder-contact": { severity: "warn", options: { allowDomains: [] } } } },
    });
    expect(warn.findings.find((f) => f.ruleId === "no-placeholder-contact")?.severity).toBe("warn");
  });

  it("resolveConfig follows extends: presets, and files relative to cwd", async () => {
    const dir = folder({ "org.yaml": "rules:\n  require-safe-harbor: error\n" });
    const resolved = await resolveConfig({ extends: ["recommended", "./org.yaml"], rules: { "no-stale-date": "off" } }, { cwd: dir });
    expect(resolved.rules["require-safe-harbor"]?.severity).toBe("error");
    expect(resolved.rules["no-stale-date"]?.severity).toBe("off");
    expect(resolved.sources).toEqual([path.join(dir, "org.yaml"), "configuration object"]);
    // A resolved configuration is used as it is, and not changed by the run.
    const before = structuredClone(resolved);
    await lintText(PLACEHOLDER, { config: resolved });
    expect(resolved).toEqual(before);
    expect((await resolveConfig({ extends: "strict" })).rules["no-placeholder-contact"]?.severity).toBe("error");
  });

  it("without an object, resolveConfig finds the configuration file that applies to cwd", async () => {
    const dir = folder({ ".secpolicylintrc.json": JSON.stringify({ rules: { "require-scope": "error" } }) });
    const resolved = await resolveConfig(undefined, { cwd: dir });
    expect(resolved.rules["require-scope"]?.severity).toBe("error");
    expect(resolved.sources).toEqual([path.join(dir, ".secpolicylintrc.json")]);
  });

  it("refuses what the CLI refuses, naming the object", async () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ rules: { "no-such-rule": "off" } }, /^configuration object: rules\.no-such-rule: unknown rule/],
      [{ rules: { "no-stale-date": "loud" } }, /^configuration object: rules\.no-stale-date: expected "off"/],
      [{ extends: "./missing.json" }, /^configuration object: extends: `\.\/missing\.json` not found/],
      [{ extends: "../outside.json" }, /^configuration object: extends: `\.\.\/outside\.json` points outside the repository/],
      [{ colour: true }, /^configuration object: unknown key `colour`/],
      [[], /^configuration object: expected an object/],
    ];
    const dir = folder({});
    for (const [config, message] of bad) {
      const error = await resolveConfig(config as never, { cwd: dir }).catch((e: unknown) => e);
      expect(error, JSON.stringify(config)).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("lint and lintFiles take the object instead of any configuration file; lintTextAndFix too", async () => {
    const dir = folder({
      "SECURITY.md": PLACEHOLDER,
      ".secpolicylintrc.json": JSON.stringify({ rules: { "no-placeholder-contact": "off" } }),
    });
    const [found] = await lint(["SECURITY.md"], { cwd: dir });
    expect(found?.findings.map((f) => f.ruleId)).not.toContain("no-placeholder-contact");
    const [given] = await lintFiles(["SECURITY.md"], { cwd: dir, config: { extends: "recommended" } });
    expect(given?.findings.map((f) => f.ruleId)).toContain("no-placeholder-contact");
    const garbled = readFileSync(path.join(ROOT, "fixtures", "no-mojibake", "invalid", "mac-roman.md"), "utf8");
    const fixed = await lintTextAndFix(garbled, { config: { rules: { "no-mojibake": "error" } } });
    expect(fixed.output).toBeDefined();
    expect(fixed.findings.map((f) => f.ruleId)).not.toContain("no-mojibake");
    const untouched = await lintTextAndFix(garbled, { config: { rules: { "no-mojibake": "off" } } });
    expect(untouched.output).toBeUndefined();
  });
});
