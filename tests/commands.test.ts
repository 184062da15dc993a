/** The built CLI's commands (init, rules, print-config) and its GitHub Actions and inline-config flags. */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";

const run = runCli;
const repo = (files: Record<string, string>): string => tempRepo(files);

beforeAll(requireBuild);

describe("init", () => {
  it("writes a policy from package.json and the git remote that lints clean with every recommended rule", () => {
    const dir = repo({ "package.json": JSON.stringify({ name: "lamp", version: "2.3.1", repository: "github:lanternfish/lamp" }) });
    const r = run(["init", "--email", "security@lanternfish.dev", "--pvr"], { cwd: dir });
    expect(r.stderr).toMatch(/Wrote .*SECURITY\.md/);
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, "SECURITY.md"), "utf8");
    expect(text).toContain("| 2.x");
    expect(text).toContain("https://github.com/lanternfish/lamp/security/advisories/new");
    expect(text).toContain("security@lanternfish.dev");
    const lint = run(["--format", "json"], { cwd: dir });
    expect(JSON.parse(lint.stdout)[0].messages).toEqual([]);
    expect(lint.code).toBe(0);
  });

  it("writes a matching SECURITY-INSIGHTS.yml with --insights, beside the policy, and the pair lints clean", () => {
    const dir = repo({ "package.json": JSON.stringify({ name: "lamp", version: "2.3.1", repository: "github:lanternfish/lamp" }) });
    const r = run(["init", "--email", "security@lanternfish.dev", "--insights"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Wrote .*SECURITY-INSIGHTS\.yml/);
    const insights = readFileSync(path.join(dir, "SECURITY-INSIGHTS.yml"), "utf8");
    expect(insights).toContain("schema-version: 2.0.0");
    expect(insights).toContain("security-policy: https://github.com/lanternfish/lamp/security/policy");
    const lint = run(["--format", "json", "--rule", "consistent-security-insights=error"], { cwd: dir });
    expect(JSON.parse(lint.stdout)[0].messages).toEqual([]);
    expect(lint.code).toBe(0);
    // Beside a policy in .github/, where Security Insights tools also look; never over an existing file.
    rmSync(path.join(dir, "SECURITY.md"));
    const again = run(["init", "--email", "security@lanternfish.dev", "--insights"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("SECURITY-INSIGHTS.yml already exists; pass --force to overwrite it");
    expect(existsSync(path.join(dir, "SECURITY.md"))).toBe(false);
    const other = repo({ "package.json": JSON.stringify({ version: "1.0.0", repository: "github:lanternfish/lamp" }) });
    expect(run(["init", "--email", "security@lanternfish.dev", "--insights", "--out", ".github/SECURITY.md"], { cwd: other }).code).toBe(0);
    expect(existsSync(path.join(other, ".github", "security-insights.yml"))).toBe(true);
  });

  it("refuses --insights without a known GitHub repository, writing nothing", () => {
    const dir = repo({ "package.json": JSON.stringify({ version: "1.0.0" }) });
    const r = run(["init", "--email", "security@lanternfish.dev", "--insights"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--insights: the GitHub repository is unknown");
    expect(existsSync(path.join(dir, "SECURITY.md"))).toBe(false);
  });

  it("takes --versions, --ack-days and --out, and passes the strict preset too", () => {
    const dir = repo({ ".secpolicylintrc.json": JSON.stringify({ extends: "strict" }) });
    const r = run(["init", "--email", "sec@corvid.io", "--versions", "5.x, 4.x", "--ack-days", "2", "--out", ".github/SECURITY.md"], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path.join(dir, ".github", "SECURITY.md"), "utf8");
    expect(text).toMatch(/\| 5\.x[\s\S]*\| 4\.x/);
    expect(text).toContain("within 2 days");
    const lint = run([], { cwd: dir });
    expect(lint.stdout).toBe("");
    expect(lint.code).toBe(0);
  });

  it("uses private vulnerability reporting alone when the repository is known and no email is given", () => {
    const dir = repo({ "package.json": JSON.stringify({ version: "0.4.0" }) });
    writeFileSync(path.join(dir, ".git", "config"), '[remote "origin"]\n\turl = git@github.com:lanternfish/lamp.git\n');
    const r = run(["init", "--pvr"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(path.join(dir, "SECURITY.md"), "utf8");
    expect(text).toContain("| 0.4.x");
    expect(text).not.toMatch(/@/);
    expect(run([], { cwd: dir }).code).toBe(0);
  });

  it("never overwrites without --force", () => {
    const dir = repo({ "SECURITY.md": "mine\n" });
    const r = run(["init", "--email", "security@lanternfish.dev", "--versions", "1.x"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SECURITY\.md already exists; pass --force/);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe("mine\n");
    expect(run(["init", "--email", "security@lanternfish.dev", "--versions", "1.x", "--force"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toMatch(/^# Security Policy/);
  });

  it("explains what it needs when it cannot work out a contact or versions", () => {
    const dir = repo({});
    const noContact = run(["init", "--versions", "1.x"], { cwd: dir });
    expect(noContact.code).toBe(2);
    expect(noContact.stderr).toMatch(/--email/);
    const noVersions = run(["init", "--email", "security@lanternfish.dev"], { cwd: dir });
    expect(noVersions.code).toBe(2);
    expect(noVersions.stderr).toMatch(/--versions/);
    expect(existsSync(path.join(dir, "SECURITY.md"))).toBe(false);
  });
});

describe("rules and print-config", () => {
  it("lists the rules as text and JSON", () => {
    const text = run(["rules"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^rule\s+default\s+fixable\s+description$/m);
    expect(text.stdout).toMatch(/^require-private-reporting\s+error\s+no\s+Require a private channel/m);
    const json = JSON.parse(run(["rules", "--format", "json"]).stdout) as {
      id: string;
      severity: string;
      fixable: boolean;
      docsUrl: string;
    }[];
    expect(json.find((r) => r.id === "require-response-timeline")).toMatchObject({ severity: "warn", fixable: false });
    expect(json.every((r) => r.docsUrl.endsWith(`docs/rules/${r.id}.md`))).toBe(true);
  });

  it("prints one rule's page from the terminal; an unknown id is a usage error", () => {
    const page = run(["rules", "require-response-timeline"]);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^# require-response-timeline\n/);
    expect(page.stdout).toContain("`maxAcknowledgeDays`");
    expect(page.stdout.trimEnd().endsWith("docs/rules/require-response-timeline.md")).toBe(true);
    expect(JSON.parse(run(["rules", "valid-pgp-key", "--format", "json"]).stdout)).toMatchObject({
      id: "valid-pgp-key",
      severity: "error",
    });
    for (const id of ["no-such-rule", "__proto__", "constructor"]) {
      const bad = run(["rules", id]);
      expect(bad.code, id).toBe(2);
      expect(bad.stderr).toMatch(/unknown rule, expected one of/);
    }
  });

  it("prints the effective configuration for a file", () => {
    const dir = repo({
      ".secpolicylintrc.yaml":
        "extends: strict\nrules:\n  require-response-timeline: { severity: warn, options: { maxAcknowledgeDays: 5 } }\n",
    });
    const r = run(["print-config", "SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout);
    expect(config.sources).toEqual([path.join(dir, ".secpolicylintrc.yaml")]);
    expect(config.reportUnusedDisables).toBe("error");
    expect(config.rules["require-response-timeline"]).toEqual({
      severity: "warn",
      options: { maxAcknowledgeDays: 5, allowDelegation: false },
    });
    expect(config.rules["require-disclosure-process"].severity).toBe("error");
  });

  it("still lints files named on the command line, and stdin", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    expect(run(["SECURITY.md"], { cwd: dir }).stdout).toMatch(/no-placeholder-contact/);
    expect(run(["-"], { cwd: dir, input: PLACEHOLDER }).stdout).toMatch(/<stdin>/);
  });
});

describe("GitHub Actions and inline configuration", () => {
  it("prints stylish and annotations in GitHub Actions when no --format is given", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run([], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}11:7 +error +Unexpected placeholder address/m);
    expect(r.stdout).toMatch(
      /^::error file=SECURITY\.md,line=11,col=7,endLine=11,endColumn=27,title=no-placeholder-contact::Unexpected placeholder/m,
    );
    const json = run(["--format", "json"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(json.stdout).not.toMatch(/^::/m);
  });

  it("--report-unused-disables and --no-inline-config", () => {
    const text = `<!-- secpolicy-lint-disable-next-line consistent-contacts -->\n${PLACEHOLDER}`;
    const dir = repo({ "SECURITY.md": text });
    expect(run([], { cwd: dir }).stdout).toMatch(/no-placeholder-contact/);
    const unused = run(["--report-unused-disables"], { cwd: dir });
    expect(unused.stdout).toMatch(/1:39 +warning +Unexpected unused `secpolicy-lint-disable-next-line` comment/);
    const off = repo({ "SECURITY.md": `<!-- secpolicy-lint-disable -->\n${PLACEHOLDER}` });
    expect(run([], { cwd: off }).code).toBe(0);
    expect(run(["--no-inline-config"], { cwd: off }).code).toBe(1);
  });

  it("writes SARIF to a file with suppressed findings marked", () => {
    const dir = repo({ "SECURITY.md": `<!-- secpolicy-lint-disable-file no-placeholder-contact -->\n${PLACEHOLDER}` });
    const r = run(["--format", "sarif", "--output-file", "out.sarif"], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(readFileSync(path.join(dir, "out.sarif"), "utf8"));
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: "no-placeholder-contact", suppressions: [{ kind: "inSource" }] });
  });
});
