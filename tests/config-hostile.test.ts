/**
 * Configuration from a hostile tree: `extends` resolves each file once (diamonds and chains that name a
 * file twice stay linear, cycles are refused), packages are read only inside their node_modules, errors
 * never quote a configuration's content, and a FIFO under a configuration or manifest name is refused
 * before it is read, so it cannot hang the run.
 */
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/io/config/load.js";
import { ConfigError } from "../src/config/schema.js";
import { BIN, CACHE_DIR, GOOD, requireBuild, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

const SECRET = "TOP-SECRET-CANARY";

async function configError(dir: string): Promise<string> {
  try {
    await loadConfig(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

/** The CLI, stopped after 20 s: a run that would hang on a FIFO fails the test instead of the suite. */
function bounded(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string; ms: number } {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 20_000,
    input: "",
    env: { ...process.env, SECPOLICY_LINT_CACHE_DIR: CACHE_DIR },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start };
}

describe("extends", () => {
  it("a chain of files that each name the next twice resolves in linear time", async () => {
    const files: Record<string, string> = {};
    const single: Record<string, string> = {};
    for (let i = 0; i < 18; i++) {
      files[`f${i}.json`] = JSON.stringify({ extends: [`./f${i + 1}.json`, `./f${i + 1}.json`] });
      single[`f${i}.json`] = JSON.stringify({ extends: [`./f${i + 1}.json`] });
    }
    files["f18.json"] = single["f18.json"] = JSON.stringify({ rules: { "require-scope": "error" } });
    files[".secpolicylintrc.json"] = single[".secpolicylintrc.json"] = JSON.stringify({ extends: "./f0.json" });
    const twice = tempRepo(files);
    const once = tempRepo(single);
    await loadConfig(once);
    const time = async (dir: string): Promise<number> => {
      const start = performance.now();
      const config = await loadConfig(dir);
      expect(config.rules["require-scope"]?.severity).toBe("error");
      return performance.now() - start;
    };
    const a = Math.min(await time(twice), await time(twice));
    const b = Math.min(await time(once), await time(once));
    // Before: 2^18 layers, over 20 s. Now each file is layered once, like the single chain.
    expect(a).toBeLessThanOrEqual(20 * Math.max(b, 10));
  });

  it("a diamond applies the shared base once, where it is first named", async () => {
    const dir = tempRepo({
      ".secpolicylintrc.json": JSON.stringify({ extends: ["./b.json", "./c.json"] }),
      "b.json": JSON.stringify({ extends: "./d.json", rules: { "require-scope": "error" } }),
      "c.json": JSON.stringify({ extends: "./d.json", rules: { "require-safe-harbor": "warn" } }),
      "d.json": JSON.stringify({ rules: { "require-scope": "off", "require-safe-harbor": "off" } }),
    });
    const config = await loadConfig(dir);
    // d, then b over it, then c: c's path to d does not undo what b set.
    expect(config.rules["require-scope"]?.severity).toBe("error");
    expect(config.rules["require-safe-harbor"]?.severity).toBe("warn");
    expect(config.sources.map((s) => path.basename(s))).toEqual(["d.json", "b.json", "c.json", ".secpolicylintrc.json"]);
  });

  it("a cycle is refused", async () => {
    const dir = tempRepo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "./a.json" }),
      "a.json": JSON.stringify({ extends: ["./b.json"] }),
      "b.json": JSON.stringify({ extends: ["./a.json"] }),
    });
    expect(await configError(dir)).toMatch(/extends: cycle .*a\.json -> b\.json -> a\.json$/);
  });
});

describe("packages", () => {
  function outsidePackage(): string {
    const pkg = tempRepo(
      { "package.json": JSON.stringify({ name: "evil", "secpolicy-lint": "policy.json" }), "policy.json": `{"rules": ${SECRET}}` },
      false,
    );
    return pkg;
  }

  it("a node_modules entry that links outside the repository is refused unread", async () => {
    const dir = tempRepo({ ".secpolicylintrc.json": JSON.stringify({ extends: "evil" }) });
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(outsidePackage(), path.join(dir, "node_modules", "evil"));
    const message = await configError(dir);
    expect(message).toMatch(/link that leads outside/);
    expect(message).not.toContain(SECRET);
  });

  it("so is a node_modules folder that is itself a link out", async () => {
    const dir = tempRepo({ ".secpolicylintrc.json": JSON.stringify({ extends: "evil" }) });
    const modules = tempRepo({}, false);
    symlinkSync(outsidePackage(), path.join(modules, "evil"));
    symlinkSync(modules, path.join(dir, "node_modules"));
    expect(await configError(dir)).toMatch(/link that leads outside/);
  });

  it("a package inside node_modules still works", async () => {
    const dir = tempRepo({
      ".secpolicylintrc.json": JSON.stringify({ extends: "good" }),
      "node_modules/good/package.json": JSON.stringify({ name: "good", "secpolicy-lint": "policy.json" }),
      "node_modules/good/policy.json": JSON.stringify({ rules: { "require-scope": "error" } }),
    });
    expect((await loadConfig(dir)).rules["require-scope"]?.severity).toBe("error");
  });
});

describe("errors never quote a configuration's content", () => {
  for (const [name, files] of [
    ["a configuration file", { ".secpolicylintrc.json": `{"rules": ${SECRET}}` }],
    ["package.json", { "package.json": `{"secpolicy-lint": ${SECRET}` }],
    [
      "a package's manifest",
      { ".secpolicylintrc.json": JSON.stringify({ extends: "pkg" }), "node_modules/pkg/package.json": `{"name": ${SECRET}}` },
    ],
    ["an extended file", { ".secpolicylintrc.json": JSON.stringify({ extends: "./shared.json" }), "shared.json": `{${SECRET}}` }],
  ] as const) {
    it(name, async () => {
      const message = await configError(tempRepo(files));
      expect(message).toMatch(/invalid JSON/);
      expect(message).not.toContain(SECRET);
    });
  }
});

describe("FIFOs are refused before they are read", () => {
  for (const name of [".secpolicylintrc.json", ".secpolicylintrc.yaml", "package.json"]) {
    it(`a FIFO named ${name}: exit 2 with one line, at once`, () => {
      const dir = tempRepo({ "SECURITY.md": GOOD });
      execFileSync("mkfifo", [path.join(dir, name)]);
      const r = bounded(["SECURITY.md"], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/not a regular file/);
    });
  }

  it("a FIFO named package.json beside an explicit configuration does not hang the repository facts", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD, "cfg.json": "{}" });
    execFileSync("mkfifo", [path.join(dir, "package.json")]);
    const r = bounded(["--config", "cfg.json", "SECURITY.md"], dir);
    expect(r.code).toBe(0);
  });

  it("a FIFO named SECURITY.md is refused as not a regular file", () => {
    const dir = tempRepo({});
    execFileSync("mkfifo", [path.join(dir, "SECURITY.md")]);
    writeFileSync(path.join(dir, "other.md"), GOOD);
    const r = bounded(["SECURITY.md", "other.md"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/not a regular file/);
  });
});
