/**
 * The generated files are up to date: docs/rules/<id>.md, schema/secpolicy-lint.schema.json and the
 * README's rule table are regenerated in memory and compared with what is committed (`npm run docs`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AjvModule from "ajv";
import AjvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { parse as parseYaml } from "yaml";
import { configSchema, generatedFiles } from "../scripts/docs-lib.js";
import { ConfigError, validateConfig } from "../src/config/schema.js";
import { ROOT } from "./helpers.js";

const Ajv = AjvModule.default;
const addFormats = AjvFormats.default;

describe("generated documentation", () => {
  const files = generatedFiles(ROOT);

  for (const [rel, text] of files) {
    it(`${rel} is up to date (run \`npm run docs\`)`, () => {
      const file = path.join(ROOT, rel);
      expect(existsSync(file), `${rel} is missing: run \`npm run docs\``).toBe(true);
      expect(readFileSync(file, "utf8"), `${rel} differs from what the rules generate: run \`npm run docs\``).toBe(text);
    });
  }

  it("has a page for every rule and none for rules that do not exist", () => {
    const pages = readdirSync(path.join(ROOT, "docs", "rules")).sort();
    expect(pages).toEqual(rules.map((r) => `${r.meta.id}.md`).sort());
  });

  it("each page shows the rule's options, prose and fixtures", () => {
    const page = files.get("docs/rules/require-response-timeline.md") ?? "";
    expect(page).toMatch(/^\| `maxAcknowledgeDays` \| number \| `14` \| Longest acceptable time/m);
    expect(page).toContain("Researchers decide whether to wait");
    expect(page).toMatch(/#### no-timeline[\s\S]*3:1-3:29 require-response-timeline Missing response timeline/);
  });
});

describe("configuration schema", () => {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(configSchema());

  it("accepts what the README documents", () => {
    const config = {
      $schema: "./schema/secpolicy-lint.schema.json",
      extends: "recommended",
      reportUnusedDisables: true,
      rules: {
        "require-response-timeline": { severity: "error", options: { maxAcknowledgeDays: 3 } },
        "consistent-contacts": { severity: 2, options: { expected: ["security@acme.dev"] } },
        "require-disclosure-process": "off",
      },
    };
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects unknown rules, unknown options, wrong types and unknown presets", () => {
    expect(validate({ rules: { "no-such-rule": "error" } })).toBe(false);
    expect(validate({ rules: { "require-response-timeline": { options: { maxAckDays: 3 } } } })).toBe(false);
    expect(validate({ rules: { "require-response-timeline": { options: { maxAcknowledgeDays: "3" } } } })).toBe(false);
    expect(validate({ extends: "Loose Preset" })).toBe(false);
    expect(validate({ colour: true })).toBe(false);
    expect(validate({ rules: { "consistent-contacts": { options: { expected: ["not an address"] } } } })).toBe(false);
  });
});

describe("the JSON Schema and the loader agree", () => {
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(configSchema());
  const dir = path.join(ROOT, "fixtures", "configs");
  for (const verdict of ["valid", "invalid"] as const) {
    for (const name of readdirSync(path.join(dir, verdict))) {
      it(`${verdict}/${name}`, () => {
        const text = readFileSync(path.join(dir, verdict, name), "utf8");
        const data: unknown = name.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
        let loader = true;
        try {
          validateConfig(data, name);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          loader = false;
        }
        expect(loader, "the loader").toBe(verdict === "valid");
        expect(validate(data), `the schema: ${JSON.stringify(validate.errors)}`).toBe(verdict === "valid");
      });
    }
  }
});
