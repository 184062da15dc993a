/**
 * Where maintainers plug the linter in: the pre-commit hook definition, the composite GitHub Action
 * (its script run for real with hostile inputs), and the npm package as a newcomer installs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER, tempRepo } from "./cli-run.js";
import { ROOT } from "./helpers.js";

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SECPOLICY_LINT_NOW: "2026-11-21T12:00:00Z", ...extra };
  delete env.GITHUB_ACTIONS;
  delete env.FORCE_COLOR;
  return env;
}

/** A strict type check (no skipLibCheck) of one file in a consumer project, against the installed package. */
function strictTsc(project: string, file: string) {
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--target", "es2022", "--types", "node"];
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  return spawnSync(process.execPath, [tsc, ...args, "--typeRoots", path.join(ROOT, "node_modules", "@types"), file], {
    cwd: project,
    encoding: "utf8",
  });
}

describe("pre-commit hook", () => {
  const hooks = parse(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    types: string[];
  }[];
  const hook = hooks[0]!;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    bin: Record<string, string>;
    scripts: Record<string, string>;
  };

  it("is a node hook whose entry is the package's binary", () => {
    expect(hook).toMatchObject({ id: "secpolicy-lint", language: "node", types: ["markdown"] });
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
  });

  it("matches the places GitHub reads a policy from, in any case, and nothing else", () => {
    // pre-commit uses Python's re.search; `(?i)` at the start is the case-insensitive flag.
    expect(hook.files.startsWith("(?i)")).toBe(true);
    const re = new RegExp(hook.files.slice(4), "i");
    for (const p of ["SECURITY.md", "security.md", ".github/SECURITY.md", "docs/Security.markdown", ".GITHUB/security.MD"])
      expect(re.test(p), p).toBe(true);
    for (const p of ["README.md", "src/SECURITY.md", "SECURITY.txt", "docs/SECURITY.md.bak", "NOT-SECURITY.md"])
      expect(re.test(p), p).toBe(false);
  });

  it("needs no build: the binary it runs is committed, and the package has no install scripts", () => {
    const tracked = execFileSync("git", ["ls-files", "dist"], { cwd: ROOT, encoding: "utf8" }).split("\n");
    expect(tracked).toContain(pkg.bin["secpolicy-lint"]!.replace(/^\.\//, ""));
    for (const script of ["preinstall", "install", "postinstall", "prepare", "prepack", "postpack"])
      expect(pkg.scripts[script], script).toBeUndefined();
  });
});

describe("GitHub Action", () => {
  const action = parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, unknown>;
    runs: {
      using: string;
      steps: {
        run?: string;
        env?: Record<string, string>;
        shell?: string;
        uses?: string;
        if?: string;
        with?: Record<string, string>;
        "working-directory"?: string;
      }[];
    };
  };
  const step = action.runs.steps.find((s) => s.run)!;

  it("is composite and never interpolates an expression into its script", () => {
    expect(action.runs.using).toBe("composite");
    for (const s of action.runs.steps) expect(s.run ?? "").not.toContain("${{");
    // Every input reaches a step as data: the script's environment, its folder, or setup-node's `with`.
    const used = action.runs.steps.flatMap((s) => [
      ...Object.values(s.env ?? {}),
      ...Object.values(s.with ?? {}),
      s["working-directory"] ?? "",
    ]);
    for (const name of Object.keys(action.inputs)) expect(used).toContain(`\${{ inputs.${name} }}`);
    expect(step["working-directory"]).toBe("${{ inputs.working-directory }}");
    expect(action.runs.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.if).toBe("inputs.node-version != ''");
  });

  function runStep(root: string, inputs: Record<string, string>) {
    const cwd = path.join(root, inputs["working-directory"] ?? ".");
    const env = cleanEnv({
      SECPOLICY_LINT_CLI: path.join(ROOT, "dist", "cli.cjs"),
      INPUT_PATHS: inputs.paths ?? "",
      INPUT_CONFIG: inputs.config ?? "",
      INPUT_MAX_WARNINGS: inputs["max-warnings"] ?? "",
      INPUT_SARIF_FILE: inputs["sarif-file"] ?? "",
      GITHUB_OUTPUT: path.join(root, "github-output.txt"),
      GITHUB_STEP_SUMMARY: path.join(root, "step-summary.md"),
    });
    return spawnSync("bash", ["-c", step.run!], { cwd, env, encoding: "utf8" });
  }

  it("in one run prints the report and its summary, annotates, writes SARIF and a job summary, sets the counts, and fails on errors", () => {
    const dir = tempRepo({ "SECURITY.md": PLACEHOLDER });
    const r = runStep(dir, { "sarif-file": "results.sarif" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^SECURITY\.md$/m);
    expect(r.stdout).toMatch(/^ +11:7 +error +Unexpected placeholder address/m);
    expect(r.stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
    expect(r.stdout).toMatch(/^::error file=SECURITY\.md,line=11,col=7,.*title=no-placeholder-contact::/m);
    expect(JSON.parse(readFileSync(path.join(dir, "results.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(path.join(dir, "github-output.txt"), "utf8")).toBe("errors=1\nwarnings=0\nsarif-file=results.sarif\n");
    const summary = readFileSync(path.join(dir, "step-summary.md"), "utf8");
    expect(summary).toMatch(/^### secpolicy-lint\n\n1 problem \(1 error, 0 warnings\) in 1 file\./);
    expect(summary).toMatch(
      /^\| SECURITY\\\.md \| 11:7 \| error \| \[no\\-placeholder\\-contact\]\(https:\/\/[^)]+\) \| Unexpected placeholder address/m,
    );
  });

  it("runs in working-directory, with paths and SARIF relative to it", () => {
    const dir = tempRepo({
      "packages/web/SECURITY.md": PLACEHOLDER,
      "packages/web/.secpolicylintrc.json": '{ "rules": { "no-placeholder-contact": "warn" } }',
    });
    const r = runStep(dir, { "working-directory": "packages/web", "sarif-file": "out/results.sarif" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=packages\/web\/SECURITY\.md,line=11/m);
    expect(existsSync(path.join(dir, "packages", "web", "out", "results.sarif"))).toBe(true);
    expect(readFileSync(path.join(dir, "github-output.txt"), "utf8")).toBe("errors=0\nwarnings=1\nsarif-file=out/results.sarif\n");
  });

  it("treats hostile input values as data, not shell code", () => {
    const dir = tempRepo({ "docs/SECURITY.md": PLACEHOLDER.replace("security@example.com", "security@lanternfish.dev") });
    const r = runStep(dir, { paths: "docs/SECURITY.md $(touch pwned1) `touch pwned2` ;touch pwned3 *", "max-warnings": "0" });
    expect(existsSync(path.join(dir, "pwned1")) || existsSync(path.join(dir, "pwned2")) || existsSync(path.join(dir, "pwned3"))).toBe(
      false,
    );
    expect(r.status).toBe(2); // the odd words are reported as missing paths
    expect(r.stdout).toMatch(/::error file=\$\(touch,title=secpolicy-lint::/);
  });
});

describe("npm package", () => {
  /** Install a tarball into a fresh project from the npm cache, as a newcomer would. */
  function installTarball(tarball: string): string {
    const project = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-pkg-"));
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "newcomer", version: "1.0.0", private: true, type: "module" }),
    );
    execFileSync("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], {
      cwd: project,
      stdio: "pipe",
    });
    return project;
  }

  function pack(dir: string, into: string): string {
    const out = execFileSync("npm", ["pack", "--pack-destination", into, "--json"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    return path.join(into, info!.filename);
  }

  it("packs only what runs, installs from the tarball and works through npx and import", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-pack-"));
    const tarball = pack(ROOT, scratch);
    const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(listing).toContain("package/dist/cli.cjs");
    expect(listing).toContain("package/dist/index.js");
    expect(listing).toContain("package/dist/types/src/index.d.ts");
    expect(listing).toContain("package/dist/unified.js");
    expect(listing).toContain("package/dist/types/src/unified.d.ts");
    expect(listing).toContain("package/schema/secpolicy-lint.schema.json");
    expect(
      listing.filter(
        (f) => /^package\/(src|tests|fixtures|scripts|rules|docs)\/|\.map$/.test(f) && !/^package\/docs\/rules\/[a-z-]+\.md$/.test(f),
      ),
    ).toEqual([]);
    expect(listing).toContain("package/docs/rules/valid-pgp-key.md");

    const project = installTarball(tarball);
    writeFileSync(path.join(project, "SECURITY.md"), PLACEHOLDER);
    const npx = spawnSync("npx", ["--no-install", "secpolicy-lint", "SECURITY.md"], { cwd: project, env: cleanEnv(), encoding: "utf8" });
    expect(npx.status, npx.stderr).toBe(1);
    expect(npx.stdout).toMatch(/11:7 +error +Unexpected placeholder address `security@example\.com`/);
    const page = spawnSync("npx", ["--no-install", "secpolicy-lint", "rules", "no-placeholder-contact"], {
      cwd: project,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(page.status, page.stderr).toBe(0);
    expect(page.stdout).toMatch(/^# no-placeholder-contact\n[\s\S]*## Configuration[\s\S]*allowDomains/);

    // What an install pulls in besides the package: only what its type declarations import.
    const installed = readdirSync(path.join(project, "node_modules")).flatMap((d) =>
      d.startsWith("@") ? readdirSync(path.join(project, "node_modules", d)).map((n) => `${d}/${n}`) : [d],
    );
    expect(installed.filter((d) => !d.startsWith(".")).sort()).toEqual(["@types/mdast", "@types/unist", "secpolicy-lint", "zod"]);

    const script = `import { lintText, resolveConfig, rules, formatters, loadConfig } from "secpolicy-lint";
const r = await lintText(process.argv[1], { filePath: "SECURITY.md" });
const off = await lintText(process.argv[1], { config: { rules: { "no-placeholder-contact": "off" } } });
const strict = await resolveConfig({ extends: "strict" });
let refused = "";
try { await lintText("# x", { config: { rules: { "no-such-rule": "off" } } }); } catch (e) { refused = e.name + ": " + e.message; }
console.log(JSON.stringify({ rules: rules.length, formats: Object.keys(formatters), ids: r.findings.map((f) => f.ruleId), off: off.findings.map((f) => f.ruleId), strict: strict.rules["no-placeholder-contact"].severity, refused, config: typeof loadConfig }));`;
    const api = spawnSync(process.execPath, ["--input-type=module", "-e", script, PLACEHOLDER], {
      cwd: project,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(api.status, api.stderr).toBe(0);
    const out = JSON.parse(api.stdout) as {
      rules: number;
      formats: string[];
      ids: string[];
      off: string[];
      strict: string;
      refused: string;
      config: string;
    };
    expect(out.ids).toEqual(["no-placeholder-contact"]);
    expect(out.off).toEqual([]);
    expect(out.strict).toBe("error");
    expect(out.refused).toMatch(/^ConfigError: configuration object: rules\.no-such-rule: unknown rule/);
    expect(out.formats).toEqual(expect.arrayContaining(["stylish", "json", "sarif", "github"]));
    expect(out.config).toBe("function");

    // A TypeScript user's strict type check passes with what the install brought (no skipLibCheck).
    writeFileSync(
      path.join(project, "use.ts"),
      `import { lintText, resolveConfig, type UserConfig } from "secpolicy-lint";\nconst config: UserConfig = { extends: ["recommended"], rules: { "no-stale-date": "warn" } };\nexport const count: Promise<number> = resolveConfig(config).then(() => lintText("# Security", { config })).then((r) => r.errorCount);\n`,
    );
    const tsc = strictTsc(project, "use.ts");
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    const pkg = JSON.parse(readFileSync(path.join(project, "node_modules", "secpolicy-lint", "package.json"), "utf8")) as {
      exports: Record<string, Record<string, string>>;
    };
    expect(Object.keys(pkg.exports["."]!)[0]).toBe("types");
    expect(Object.keys(pkg.exports["./unified"]!)[0]).toBe("types");

    // The unified plugin, once the user has unified and remark (optional peers, never installed with the package).
    for (const name of ["unified", "remark-parse", "remark-gfm"])
      symlinkSync(path.join(ROOT, "node_modules", name), path.join(project, "node_modules", name), "dir");
    const plugin = `import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import secpolicyLint from "secpolicy-lint/unified";
import { unified } from "unified";
const processor = unified().use(remarkParse).use(remarkGfm).use(secpolicyLint, { config: "recommended" });
const file = { path: "SECURITY.md", value: process.argv[1] };
const tree = processor.parse(file);
const vfile = await new Promise((resolve, reject) => processor.run(tree, file, (error, _, f) => (error ? reject(error) : resolve(f))));
console.log(JSON.stringify(vfile.messages.map((m) => [m.ruleId, m.source, m.fatal, m.line, m.column])));`;
    const viaUnified = spawnSync(process.execPath, ["--input-type=module", "-e", plugin, PLACEHOLDER], {
      cwd: project,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(viaUnified.status, viaUnified.stderr).toBe(0);
    expect(JSON.parse(viaUnified.stdout)).toEqual([["no-placeholder-contact", "secpolicy-lint", true, 11, 7]]);
    writeFileSync(
      path.join(project, "use-unified.ts"),
      `import remarkParse from "remark-parse";\nimport secpolicyLint, { type SecpolicyLintOptions } from "secpolicy-lint/unified";\nimport { unified } from "unified";\nconst options: SecpolicyLintOptions = { config: { extends: "strict" }, ruleOverrides: ["no-stale-date=off"] };\nexport const processor = unified().use(remarkParse).use(secpolicyLint, options);\n`,
    );
    const tscUnified = strictTsc(project, "use-unified.ts");
    expect(tscUnified.status, tscUnified.stdout + tscUnified.stderr).toBe(0);
  });

  it("works from a git checkout without a build step (what pre-commit installs)", () => {
    // Copy exactly the tracked files, as a clone at a tag would have them, then pack and install.
    const clone = mkdtempSync(path.join(tmpdir(), "secpolicy-lint-git-"));
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(path.join(ROOT, file))) continue;
      mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(clone, file));
    }
    // The CLI's committed build: its entry, the worker entry and the chunks they load; no library build.
    const dist = readdirSync(path.join(clone, "dist"));
    expect(dist).toContain("cli.cjs");
    expect(dist).toContain("worker.js");
    expect(
      dist.every((f) => /^(cli\.cjs|(worker|chunk-[\w-]+)\.js)$/.test(f)),
      dist.join(", "),
    ).toBe(true);
    const project = installTarball(pack(clone, clone));
    writeFileSync(path.join(project, "SECURITY.md"), PLACEHOLDER);
    const bin = path.join(project, "node_modules", ".bin", "secpolicy-lint");
    const r = spawnSync(bin, ["SECURITY.md"], { cwd: project, env: cleanEnv(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/no-placeholder-contact/);
  });
});
