/** `extends`: built-in profiles, files beside the configuration, and shared policy packages. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/io/config/load.js";
import { preset } from "../src/config/schema.js";
import { lint } from "../src/index.js";
import { NOW, REPOS } from "./helpers.js";

const temp = mkdtempSync(path.join(tmpdir(), "secpolicy-extends-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let count = 0;

function repo(files: Record<string, string>, from?: string): string {
  const dir = path.join(temp, `r${count++}`, "repo");
  if (from) cpSync(from, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("profiles", () => {
  it("github keeps GitHub's minimum and turns the rest off", () => {
    const rules = preset("github");
    expect(rules["require-supported-versions"]?.severity).toBe("error");
    expect(rules["require-private-reporting"]?.severity).toBe("error");
    expect(rules["require-response-timeline"]?.severity).toBe("off");
  });

  it("openssf sets a 14-day acknowledgment and a Scorecard 10 with error severity", () => {
    const rules = preset("openssf");
    expect(rules["require-response-timeline"]).toMatchObject({ severity: "error", options: { maxAcknowledgeDays: 14 } });
    expect(rules["scorecard-security-policy"]).toMatchObject({ severity: "error", options: { minScore: 10 } });
    expect(rules["require-disclosure-process"]?.severity).toBe("error");
  });

  it("disclose-io turns on scope and safe harbor, which recommended leaves off", () => {
    expect(preset("recommended")["require-scope"]?.severity).toBe("off");
    expect(preset("recommended")["require-safe-harbor"]?.severity).toBe("off");
    expect(preset("disclose-io")["require-scope"]?.severity).toBe("error");
    expect(preset("disclose-io")["require-safe-harbor"]?.severity).toBe("error");
  });
});

describe("extends", () => {
  it("reads an organisation's policy from an installed package, as data, and layers the repository's settings on it", async () => {
    const dir = repo({}, path.join(REPOS, "org-policy"));
    const config = await loadConfig(dir);
    expect(config.rules["consistent-contacts"]).toMatchObject({ severity: "error", options: { expected: ["security@lanternworks.dev"] } });
    expect(config.rules["require-response-timeline"]).toMatchObject({ severity: "error", options: { maxAcknowledgeDays: 3 } });
    // From openssf, which the package extends, then lowered by the repository's own file.
    expect(config.rules["scorecard-security-policy"]?.severity).toBe("warn");
    expect(config.sources.map((s) => path.relative(dir, s))).toEqual([
      path.join("node_modules", "@lanternworks", "security-policy", "policy.yaml"),
      ".secpolicylintrc.json",
    ]);
    const [result] = await lint([dir], { now: NOW });
    const timeline = result?.findings.filter((f) => f.ruleId === "require-response-timeline");
    expect(timeline?.map((f) => f.severity)).toEqual(["error"]);
    expect(timeline?.[0]?.message).toContain("3");
  });

  it("finds the package in a node_modules folder above the configuration (a monorepo)", async () => {
    const dir = repo({}, path.join(REPOS, "org-policy"));
    const nested = path.join(dir, "packages", "beacon-cli");
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(nested, ".secpolicylintrc.yml"), 'extends: "@lanternworks/security-policy"\n');
    const config = await loadConfig(nested);
    expect(config.rules["require-response-timeline"]?.options).toMatchObject({ maxAcknowledgeDays: 3 });
  });

  it("reads a relative JSON or YAML file and applies several entries in order", async () => {
    const dir = repo({
      ".secpolicylintrc.json": JSON.stringify({ extends: ["disclose-io", "./config/team.yaml"] }),
      "config/team.yaml": "rules:\n  require-scope: warn\n",
    });
    const config = await loadConfig(dir);
    expect(config.rules["require-scope"]?.severity).toBe("warn");
    expect(config.rules["require-safe-harbor"]?.severity).toBe("error");
  });

  it("refuses a file outside the repository and node_modules", async () => {
    const dir = repo({ ".secpolicylintrc.json": JSON.stringify({ extends: "../../outside.json" }) });
    writeFileSync(path.join(dir, "..", "..", "outside.json"), "{}");
    await expect(loadConfig(dir)).rejects.toThrow(/extends: `\.\.\/\.\.\/outside\.json` points outside the repository/);
  });

  it("refuses a node_modules folder of another project", async () => {
    const dir = repo({ ".secpolicylintrc.json": JSON.stringify({ extends: "../../elsewhere/node_modules/x/policy.json" }) });
    mkdirSync(path.join(dir, "..", "..", "elsewhere", "node_modules", "x"), { recursive: true });
    writeFileSync(path.join(dir, "..", "..", "elsewhere", "node_modules", "x", "policy.json"), "{}");
    await expect(loadConfig(dir)).rejects.toThrow(/points outside the repository/);
  });

  it("refuses a package whose policy field escapes the package", async () => {
    const dir = repo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "sneaky-policy" }),
      "node_modules/sneaky-policy/package.json": JSON.stringify({ name: "sneaky-policy", "secpolicy-lint": "../../.secpolicylintrc.json" }),
    });
    await expect(loadConfig(dir)).rejects.toThrow(/points outside the package/);
  });

  it("says so when a package has no policy field, or is not installed", async () => {
    const a = repo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "plain-package" }),
      "node_modules/plain-package/package.json": '{"name":"plain-package"}',
    });
    await expect(loadConfig(a)).rejects.toThrow(/has no "secpolicy-lint" field/);
    const b = repo({ ".secpolicylintrc.json": JSON.stringify({ extends: "@nowhere/policy" }) });
    await expect(loadConfig(b)).rejects.toThrow(/unknown preset `@nowhere\/policy`, and no installed package/);
  });

  it("detects a cycle", async () => {
    const dir = repo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "./a.json" }),
      "a.json": JSON.stringify({ extends: "./b.json" }),
      "b.json": JSON.stringify({ extends: "./a.json" }),
    });
    await expect(loadConfig(dir)).rejects.toThrow(/extends: cycle \.secpolicylintrc\.json -> a\.json -> b\.json -> a\.json/);
  });

  it("validates the shared file like any configuration, naming it", async () => {
    const dir = repo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "./team.json" }),
      "team.json": JSON.stringify({ rules: { "no-such-rule": "error" } }),
    });
    await expect(loadConfig(dir)).rejects.toThrow(/team\.json: rules\.no-such-rule: unknown rule/);
  });
});
