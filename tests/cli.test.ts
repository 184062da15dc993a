/** The built binary, spawned as a user runs it: exit codes, discovery, stdin, formats and config errors. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { GOOD, PLACEHOLDER, requireBuild, runCli, tempRepo } from "./cli-run.js";
import { ROOT } from "./helpers.js";

const run = runCli;
const repo = (files: Record<string, string>): string => tempRepo(files);
const NO_TIMELINE = GOOD.replace(" We acknowledge reports within 3 working days.", "");

beforeAll(requireBuild);

describe("exit codes", () => {
  it("exits 0 on a clean policy and prints nothing", () => {
    const dir = repo({ "SECURITY.md": GOOD });
    const r = run([], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "" });
  });

  it("exits 1 on errors and prints stylish output with the rule id and a summary", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run(["SECURITY.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^SECURITY\.md$/m);
    expect(r.stdout).toMatch(/ 11:7 +error +Unexpected placeholder address `security@example\.com`.* no-placeholder-contact$/m);
    expect(r.stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
  });

  it("exits 0 on warnings alone, and 1 when they exceed --max-warnings", () => {
    const dir = repo({ "SECURITY.md": NO_TIMELINE });
    expect(run([], { cwd: dir }).code).toBe(0);
    const r = run(["--max-warnings", "0"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("too many warnings (maximum: 0)");
    expect(run(["--max-warnings", "1"], { cwd: dir }).code).toBe(0);
  });

  it("--quiet hides warnings", () => {
    const dir = repo({ "SECURITY.md": NO_TIMELINE });
    expect(run(["--quiet"], { cwd: dir }).stdout).toBe("");
  });

  it("exits 2 for a named path that does not exist, and still lints the others", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run(["missing.md", "SECURITY.md", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string | null; message: string; fatal?: boolean }>;
    }>;
    expect(json.map((j) => path.basename(j.filePath))).toEqual(["missing.md", "SECURITY.md"]);
    expect(json[0]?.messages[0]).toMatchObject({ ruleId: null, fatal: true, message: "no such file or directory" });
    expect(json[1]?.messages.map((m) => m.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("exits 2 with a hint when no policy is found", () => {
    const dir = repo({ "README.md": "# hi\n" });
    const r = run([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("no SECURITY.md found (GitHub looks for SECURITY.md in .github/, the repository root and docs/)");
  });

  it("exits 2 on usage errors without a stack trace", () => {
    for (const args of [
      ["--format", "xml"],
      ["--max-warnings", "many"],
      ["--no-such-flag"],
      ["--rule", "no-such-rule=error"],
      ["--rule", "consistent-contacts=loud"],
    ]) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    }
  });
});

describe("discovery", () => {
  it("prefers .github/ over the root and docs/, case-insensitively, like GitHub", () => {
    const dir = repo({ ".github/security.md": PLACEHOLDER, "SECURITY.md": GOOD, "docs/SECURITY.md": GOOD });
    const r = run(["--format", "json"], { cwd: dir });
    const json = JSON.parse(r.stdout) as Array<{ filePath: string }>;
    expect(json.map((j) => path.relative(dir, j.filePath))).toEqual([path.join(".github", "security.md")]);
    expect(r.code).toBe(1);
  });

  it("falls back to docs/ and reads .markdown", () => {
    const dir = repo({ "docs/Security.markdown": GOOD });
    const r = run(["--format", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].filePath).toBe(path.join(dir, "docs", "Security.markdown"));
  });

  it("treats a directory argument as a repository root and accepts absolute paths", () => {
    const a = repo({ "SECURITY.md": GOOD });
    const b = repo({ ".github/SECURITY.md": PLACEHOLDER });
    const r = run([a, path.join(b, ".github", "SECURITY.md"), "--format", "json"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Array<{ filePath: string }>).map((j) => j.filePath)).toEqual([
      path.join(a, "SECURITY.md"),
      path.join(b, ".github", "SECURITY.md"),
    ]);
  });

  it("lints a file argument whatever its name", () => {
    const dir = repo({ "policy.txt": PLACEHOLDER });
    expect(run(["policy.txt"], { cwd: dir }).code).toBe(1);
  });
});

describe("standard input", () => {
  it("reads - and names it with --stdin-filename", () => {
    const r = run(["-", "--stdin-filename", "SECURITY.md", "--format", "json"], { input: PLACEHOLDER });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json[0].filePath).toBe(path.join(ROOT, "SECURITY.md"));
    // This repository's own facts apply too (its version is not in the policy's `1.x` row), so look the finding up by rule.
    expect(json[0].messages.find((m: { ruleId: string }) => m.ruleId === "no-placeholder-contact")).toMatchObject({
      severity: 2,
      line: 11,
      column: 7,
      endLine: 11,
      endColumn: 27,
    });
  });
});

describe("formats and output", () => {
  it("json has ESLint's formatter shape", () => {
    const r = run(["-", "--format", "json"], { input: NO_TIMELINE, cwd: repo({}) });
    const [result] = JSON.parse(r.stdout);
    expect(Object.keys(result).sort()).toEqual([
      "errorCount",
      "fatalErrorCount",
      "filePath",
      "fixableErrorCount",
      "fixableWarningCount",
      "messages",
      "suppressedMessages",
      "warningCount",
    ]);
    expect(result.suppressedMessages).toEqual([]);
    expect(result).toMatchObject({ errorCount: 0, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 0 });
    expect(result.messages[0]).toMatchObject({ ruleId: "require-response-timeline", severity: 1, line: 9, column: 1 });
  });

  it("writes the report to --output-file and nothing to stdout", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run(["-o", "report.json", "-f", "json"], { cwd: dir });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8"))[0].errorCount).toBe(1);
  });

  it("colours only when asked: never through a pipe, NO_COLOR wins over nothing, FORCE_COLOR and --color force it", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const esc = "\u001b[";
    expect(run([], { cwd: dir }).stdout).not.toContain(esc);
    expect(run([], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).toContain(esc);
    expect(run([], { cwd: dir, env: { NO_COLOR: "1" } }).stdout).not.toContain(esc);
    expect(run(["--color"], { cwd: dir }).stdout).toContain(esc);
    expect(run(["--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).not.toContain(esc);
  });
});

describe("configuration", () => {
  it("finds .secpolicylintrc.yaml above the file and applies rule options", () => {
    const dir = repo({
      ".secpolicylintrc.yaml": "rules:\n  require-response-timeline:\n    severity: error\n    options: { maxAcknowledgeDays: 1 }\n",
      "SECURITY.md": GOOD,
    });
    const r = run(["--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages[0].message).toBe(
      "Unexpected acknowledgment time `3 working days` (4.2 days), expected at most 1 day",
    );
  });

  it("reads the secpolicy-lint key of package.json and turns rules off", () => {
    const dir = repo({
      "package.json": JSON.stringify({ name: "x", "secpolicy-lint": { rules: { "no-placeholder-contact": "off" } } }),
      "SECURITY.md": PLACEHOLDER,
    });
    expect(run([], { cwd: dir }).code).toBe(0);
  });

  it("--config replaces discovery; --rule overrides it", () => {
    const dir = repo({ "strict.json": JSON.stringify({ extends: "strict" }), "SECURITY.md": NO_TIMELINE });
    expect(run(["-c", "strict.json"], { cwd: dir }).code).toBe(1);
    expect(run(["-c", "strict.json", "--rule", "require-response-timeline=off"], { cwd: dir }).code).toBe(0);
  });

  it("names the file and the path of a bad value, exit 2", () => {
    const cases: Array<[string, string, string]> = [
      [
        ".secpolicylintrc.json",
        JSON.stringify({ rules: { "require-response-timeline": { options: { maxAcknowledgeDays: "3" } } } }),
        "rules.require-response-timeline.options.maxAcknowledgeDays: expected number, received string",
      ],
      [".secpolicylintrc.json", JSON.stringify({ rules: { "no-such-rule": "error" } }), "rules.no-such-rule: unknown rule"],
      [".secpolicylintrc.json", JSON.stringify({ plugins: ["evil"] }), "unknown key `plugins`"],
      [
        ".secpolicylintrc.json",
        JSON.stringify({ rules: { "consistent-contacts": { options: { expected: ["not-an-email"] } } } }),
        "rules.consistent-contacts.options.expected.0:",
      ],
      [".secpolicylintrc.json", "{ not json", "invalid JSON"],
      [".secpolicylintrc.yml", "rules: [unclosed", "invalid YAML"],
      [".secpolicylintrc.yml", "extends: lenient\n", "extends: unknown preset `lenient`"],
    ];
    for (const [name, text, message] of cases) {
      const dir = repo({ [name]: text, "SECURITY.md": GOOD });
      const r = run([], { cwd: dir });
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toContain(path.join(dir, name));
      expect(r.stderr, text).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("organisation scan", () => {
  function org(): string {
    const root = mkdtempSync(path.join(tmpdir(), "secpolicy-org-"));
    const add = (name: string, files: Record<string, string>, git = true): void => {
      const dir = path.join(root, name);
      mkdirSync(dir, { recursive: true });
      if (git) mkdirSync(path.join(dir, ".git"));
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
    };
    add("api", { ".github/SECURITY.md": GOOD });
    add("web", { "package.json": JSON.stringify({ name: "web", version: "2.1.0" }), "SECURITY.md": PLACEHOLDER }, false);
    add("tools/cli", { "Cargo.toml": '[package]\nname = "cli"\nversion = "1.0.0"\n' }, false);
    // Dependencies are not repositories of the organisation.
    add("web/node_modules/left-pad", { "package.json": "{}", "SECURITY.md": PLACEHOLDER }, false);
    return root;
  }

  it("lints every repository with its own config and lists the ones without a policy, exit 1", () => {
    const dir = org();
    const r = run(["--recursive", "."], { cwd: dir });
    expect(r.code).toBe(1);
    const table = r.stdout.slice(r.stdout.indexOf("Repositories (3)"));
    expect(table).toMatch(/api\s+\.github\/SECURITY\.md\s+0\s+0\s+10\/10/);
    expect(table).toMatch(/tools\/cli\s+no policy/);
    expect(table).toMatch(/web\s+SECURITY\.md\s+1\s+1\s+10\/10/);
    expect(r.stdout).not.toContain("left-pad");
    expect(table).toContain("3 repositories, 1 without a policy, 1 with errors");
  });

  it("prints the same JSON array as without --recursive, and the summary table on standard error", () => {
    const dir = org();
    const r = run(["--recursive", "api", "tools", "--format", "json"], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toHaveLength(1);
    expect(out[0].filePath).toBe(path.join(dir, "api", ".github", "SECURITY.md"));
    expect(Object.keys(out[0])).toEqual(Object.keys(JSON.parse(run(["api", "--format", "json"], { cwd: dir }).stdout)[0]));
    expect(r.stderr).toMatch(/api +\.github\/SECURITY\.md/);
    expect(r.stderr).toMatch(/tools\/cli +(?:-|none|no policy)/i);
    expect(r.code).toBe(1);
  });

  it("lists repositories without a policy of their own as covered by the `.github` repository's default, linted once", () => {
    const dir = org();
    const add = (name: string, files: Record<string, string>): void => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name, file)), { recursive: true });
        writeFileSync(path.join(dir, name, file), text);
      }
    };
    add(".github", { ".git/config": '[remote "origin"]\n\turl = https://github.com/acme/.github.git\n', "docs/SECURITY.md": GOOD });
    // Another account's repository in the same folder does not inherit acme's default.
    add("forks/parser", { "package.json": JSON.stringify({ name: "parser", repository: "github:someone-else/parser" }) });
    const r = run(["--recursive", "."], { cwd: dir });
    const table = r.stdout.slice(r.stdout.indexOf("Repositories (5)"));
    expect(table).toMatch(/\.github\s+docs\/SECURITY\.md\s+0\s+0\s+10\/10/);
    expect(table).toMatch(/tools\/cli\s+organisation default \.github\/docs\/SECURITY\.md\s+-\s+-\s+10\/10/);
    expect(table).toMatch(/forks\/parser\s+no policy/);
    // Its own policy wins.
    expect(table).toMatch(/web\s+SECURITY\.md\s+1\s+1\s+10\/10/);
    expect(table).toContain("5 repositories, 1 covered by the organisation default, 1 without a policy, 1 with errors");
    expect(r.stdout.split(path.join(".github", "docs", "SECURITY.md")).length - 1).toBe(1);

    // JSON: the default is one result, linted once; the table, with the inheritance, goes to standard error.
    const machine = run(["--recursive", ".", "--format", "json"], { cwd: dir });
    const json = JSON.parse(machine.stdout);
    expect(json.map((x: { filePath: string }) => path.relative(dir, x.filePath))).toEqual([
      path.join(".github", "docs", "SECURITY.md"),
      path.join("api", ".github", "SECURITY.md"),
      path.join("web", "SECURITY.md"),
    ]);
    expect(machine.stderr).toMatch(
      new RegExp(`tools/cli +organisation default ${path.join(".github", "docs", "SECURITY.md").replace(/\./g, "\\.")} +- +- +10/10`),
    );

    // With every repository covered and no errors, the audit passes.
    rmSync(path.join(dir, "forks"), { recursive: true });
    writeFileSync(path.join(dir, "web", "SECURITY.md"), GOOD);
    const clean = run(["--recursive", "."], { cwd: dir });
    expect(clean.stdout).toContain("4 repositories, 1 covered by the organisation default, 0 without a policy, 0 with errors");
    expect(clean.code).toBe(0);
  });

  it("is a usage error when an argument is not a directory or holds no repository", () => {
    const dir = org();
    const r = run(["--recursive", "nowhere"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nowhere: not a directory");
    mkdirSync(path.join(dir, "empty"));
    const e = run(["--recursive", "empty"], { cwd: dir });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("empty: no repositories found");
  });
});

describe("ESLint habits", () => {
  it("--quiet does not run rules set to warn, so --max-warnings 0 passes on their account", () => {
    const dir = repo({ "SECURITY.md": NO_TIMELINE });
    const loud = run(["--max-warnings", "0"], { cwd: dir });
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/too many warnings/);
    const quiet = run(["--quiet", "--max-warnings", "0"], { cwd: dir });
    expect(quiet).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("--max-warnings -1 means no limit; anything else that is not a whole number is a usage error", () => {
    const dir = repo({ "SECURITY.md": NO_TIMELINE });
    expect(run(["--max-warnings", "-1"], { cwd: dir }).code).toBe(0);
    const bad = run(["--max-warnings", "-2"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-warnings expects a whole number or -1/);
  });

  it("-o creates the report's folder", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run(["-o", "reports/lint/out.json", "-f", "json"], { cwd: dir });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(JSON.parse(readFileSync(path.join(dir, "reports", "lint", "out.json"), "utf8"))[0].errorCount).toBe(1);
  });

  it("expands a quoted glob, sorted, never into node_modules; a glob that matches nothing is reported as such", () => {
    const dir = repo({ "a/SECURITY.md": NO_TIMELINE, "b/SECURITY.md": NO_TIMELINE, "node_modules/x/SECURITY.md": PLACEHOLDER });
    const r = run(["**/SECURITY.md", "-f", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => path.relative(dir, x.filePath))).toEqual([
      path.join("a", "SECURITY.md"),
      path.join("b", "SECURITY.md"),
    ]);
    const none = run(["nothing/**/*.md"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/no file matches this pattern/);
  });

  it("with no paths, from a subfolder, lints the repository's policy", () => {
    const dir = repo({ ".github/SECURITY.md": PLACEHOLDER, "src/deep/x.txt": "" });
    const r = run(["-f", "json"], { cwd: path.join(dir, "src", "deep") });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe(path.join(dir, ".github", "SECURITY.md"));
  });

  it("JSON lists suppressed messages with the reason given in the comment", () => {
    const text = PLACEHOLDER.replace(
      "security@example.com",
      "security@example.com <!-- secpolicy-lint-disable-line no-placeholder-contact -- a test fixture -->",
    );
    const r = run(["-", "-f", "json"], { input: text, cwd: repo({}) });
    const [result] = JSON.parse(r.stdout);
    expect(result.suppressedMessages).toEqual([
      expect.objectContaining({ ruleId: "no-placeholder-contact", suppressions: [{ kind: "directive", justification: "a test fixture" }] }),
    ]);
  });
});

describe("paths in CI formats", () => {
  it("are relative to the repository root whatever the working directory; a missing policy names no file", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER, "sub/x.txt": "" });
    const github = run(["..", "--format", "github"], { cwd: path.join(dir, "sub") });
    expect(github.stdout).toMatch(/^::error file=SECURITY\.md,line=/m);
    expect(github.stdout).not.toContain(dir);
    const sarif = JSON.parse(run(["..", "--format", "sarif"], { cwd: path.join(dir, "sub") }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: "SECURITY.md", uriBaseId: "%SRCROOT%" });
    expect(sarif.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(`${pathToFileURL(dir).href}/`);
    const empty = repo({ "x.txt": "" });
    const missing = run(["--format", "github"], { cwd: empty });
    expect(missing.stdout).toMatch(/^::error title=secpolicy-lint::\.: no SECURITY\.md found/m);
  });

  it("a file outside the repository is an absolute file URI in SARIF, without uriBaseId", () => {
    const outside = repo({ "SECURITY.md": PLACEHOLDER });
    const dir = repo({ "x.txt": "" });
    const sarif = JSON.parse(run([path.join(outside, "SECURITY.md"), "--format", "sarif"], { cwd: dir }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: pathToFileURL(path.join(outside, "SECURITY.md")).href,
    });
  });
});

describe("configuration discovery", () => {
  it("reads JSON with comments and trailing commas; an error names line and column, never the text", () => {
    const dir = repo({
      "SECURITY.md": PLACEHOLDER,
      ".secpolicylintrc.json": '{\n  // placeholders are fine here\n  "rules": { "no-placeholder-contact": "off", },\n}\n',
    });
    expect(run([], { cwd: dir }).stdout).not.toMatch(/no-placeholder-contact/);
    writeFileSync(path.join(dir, ".secpolicylintrc.json"), '{\n  "rules": {\n    "no-placeholder-contact": SECRET_TOKEN_VALUE\n  }\n}\n');
    const bad = run([], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.secpolicylintrc\.json:3:31: invalid JSON \(\w+\)/);
    expect(bad.stderr).not.toContain("SECRET");
  });

  it("warns about a file that looks like a misnamed configuration file, once", () => {
    const dir = repo({
      "SECURITY.md": PLACEHOLDER,
      ".secpolicylintrc": '{ "rules": { "no-placeholder-contact": "off" } }',
      "secpolicy-lint.yaml": "rules: {}\n",
    });
    const r = run([], { cwd: dir });
    expect(r.code).toBe(1);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("warning:"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/\.secpolicylintrc: ignored; configuration files are named \.secpolicylintrc\.json/);
  });

  it("print-config follows discovery: the policy in .github/, from the repository or a subfolder", () => {
    const dir = repo({
      ".github/SECURITY.md": PLACEHOLDER,
      ".github/.secpolicylintrc.json": '{ "rules": { "require-scope": "error" } }',
      "src/x.txt": "",
    });
    for (const cwd of [dir, path.join(dir, "src")]) {
      const out = JSON.parse(run(["print-config"], { cwd }).stdout);
      expect(out.file).toBe(path.join(dir, ".github", "SECURITY.md"));
      expect(out.rules["require-scope"].severity).toBe("error");
    }
  });
});

describe("--output", () => {
  it("writes more reports of the same run; a bad value is a usage error before anything is linted", () => {
    const dir = repo({ "SECURITY.md": PLACEHOLDER });
    const r = run(["--output", "sarif=out/r.sarif", "--output", "json=r.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no-placeholder-contact/);
    expect(JSON.parse(readFileSync(path.join(dir, "out", "r.sarif"), "utf8")).runs[0].results[0].ruleId).toBe("no-placeholder-contact");
    expect(JSON.parse(readFileSync(path.join(dir, "r.json"), "utf8"))[0].errorCount).toBe(1);
    for (const bad of ["yaml=x", "sarif=", "sarif", "__proto__=x"]) {
      const e = run(["--output", bad], { cwd: dir });
      expect(e.code, bad).toBe(2);
      expect(e.stderr).toMatch(/--output .*expected <format>=<file>/);
    }
  });
});
