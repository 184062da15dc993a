/**
 * Settings keyed by untrusted names: rule ids from `--rule`, configuration files and inline comments are
 * looked up in the registry as own entries, so `__proto__`, `constructor`, `toString` and friends are
 * unknown rule ids everywhere and never reach Object.prototype.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { preset } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import { NOW } from "./helpers.js";
import { PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

const NAMES = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf"];

describe("prototype keys as rule ids", () => {
  it("--rule refuses each as an unknown rule (exit 2, one line), and the failing policy is not turned into a pass", () => {
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    for (const name of NAMES) {
      const r = runCli(["--rule", `${name}=off`, "SECURITY.md"], { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(r.stderr, name).toMatch(/unknown rule/);
    }
  });

  it("a configuration file refuses each as an unknown rule, in JSON and YAML", () => {
    for (const name of NAMES) {
      for (const [file, text] of [
        [".secpolicylintrc.json", `{"rules": {"${name}": "off"}}`],
        [".secpolicylintrc.yaml", `rules:\n  ${name}: off\n`],
        [".secpolicylintrc.json", `{"rules": {"${name}": {"severity": "off"}}}`],
      ] as const) {
        const dir = tempRepo({ "SECURITY.md": PLACEHOLDER, [file]: text });
        const r = runCli(["SECURITY.md"], { cwd: dir });
        expect(r.code, `${file}: ${text}`).toBe(2);
        expect(r.stderr, `${file}: ${text}`).toMatch(/unknown rule/);
      }
    }
  });

  it("an inline comment naming one is an unknown rule and suppresses nothing", async () => {
    for (const name of NAMES) {
      const result = await lintText(`<!-- secpolicy-lint-disable-file ${name} -->\n\n${PLACEHOLDER}`, { now: NOW });
      expect(
        result.findings.some((f) => f.ruleId === "inline-config" && f.message.includes(`unknown rule \`${name}\``)),
        name,
      ).toBe(true);
      expect(
        result.findings.some((f) => f.ruleId === "no-placeholder-contact"),
        name,
      ).toBe(true);
    }
  });

  it("rule settings have no prototype", () => {
    const rules = preset("recommended");
    expect(Object.getPrototypeOf(rules)).toBe(null);
    for (const name of NAMES) expect(rules[name], name).toBeUndefined();
  });
});
