/** Configuration is data: YAML without custom tags, merge keys or alias bombs; no key names code to load. */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, readConfigFile } from "../src/io/config/load.js";
import { ConfigError } from "../src/config/schema.js";
import { GOOD, runCli, tempRepo } from "./cli-run.js";

async function configError(file: string, text: string): Promise<string> {
  const dir = tempRepo({ [file]: text });
  try {
    await readConfigFile(path.join(dir, file));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("YAML", () => {
  it("rejects or ignores custom tags: nothing is constructed or run", async () => {
    for (const tag of [
      "!!js/function 'function () { throw new Error(1) }'",
      "!!js/regexp /x/",
      "!!python/object/apply:os.system ['touch /tmp/pwned']",
      "!<tag:yaml.org,2002:js/undefined> ''",
    ]) {
      let value: unknown;
      try {
        value = await readConfigFile(path.join(tempRepo({ ".secpolicylintrc.yaml": `extends: ${tag}\n` }), ".secpolicylintrc.yaml"));
      } catch (error) {
        // Refused with a configuration error naming the file.
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toMatch(/\.secpolicylintrc\.yaml/);
        continue;
      }
      // Or read as inert data, which the schema then checks like any other value.
      expect(typeof (value as { extends?: unknown }).extends).not.toBe("function");
    }
  });

  it("refuses a billion-laughs alias bomb quickly", async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    const start = process.hrtime.bigint();
    const message = await configError(".secpolicylintrc.yaml", `${levels.join("\n")}\n`);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(message).toMatch(/\.secpolicylintrc\.yaml: invalid YAML \(.*alias/i);
    // Nine levels of nine would be 387 million strings; refusing takes no time at all by comparison.
    expect(ms).toBeLessThan(5000);
  });

  it("does not apply merge keys", async () => {
    const message = await configError(".secpolicylintrc.yaml", "base: &b { extends: off }\n<<: *b\n");
    expect(message).toMatch(/unknown key/);
  });

  it("names the file, line and column of a syntax error", async () => {
    expect(await configError(".secpolicylintrc.yml", "rules:\n  a: [\n")).toMatch(/\.secpolicylintrc\.yml:\d+:\d+: invalid YAML/);
  });
});

describe("no key names code", () => {
  const attempts: Record<string, string> = {
    plugins: `{"plugins": ["./evil.js"]}`,
    require: `{"require": "./evil.js"}`,
    parser: `{"parser": "./evil.js"}`,
    formatter: `{"formatter": "./evil.js"}`,
    customRules: `{"customRules": ["./evil.js"]}`,
    "extends a file": `{"extends": "./evil.js"}`,
    "a rule named by path": `{"rules": {"./evil.js": "error"}}`,
    __proto__: `{"__proto__": {"polluted": true}, "rules": {"__proto__": {"polluted": true}}}`,
  };
  for (const [name, json] of Object.entries(attempts)) {
    it(`${name}: exit 2 naming the file and key, and the module is never loaded`, () => {
      const dir = tempRepo({ "SECURITY.md": GOOD, ".secpolicylintrc.json": json });
      const marker = path.join(dir, "LOADED");
      writeFileSync(path.join(dir, "evil.js"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");\nexport {};\n`);
      const r = runCli([], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^secpolicy-lint: .*\.secpolicylintrc\.json: /);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(marker)).toBe(false);
    });
  }

  it("a polluted prototype key never reaches other objects", async () => {
    const dir = tempRepo({
      ".secpolicylintrc.json": `{"rules": {"valid-encoding": {"severity": "error", "options": {"__proto__": {"polluted": true}}}}}`,
    });
    await loadConfig(dir).catch(() => undefined);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
