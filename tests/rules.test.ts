/**
 * One generic test over the rule registry: every rule has a prose doc, valid and invalid fixtures;
 * valid fixtures produce nothing from the rule, invalid ones exactly the findings in their `.expected`.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe as group, expect, it } from "vitest";
import * as z from "zod";
import { rules } from "../rules/index.js";
import { describe, FIXTURES, fixtureFindings, markdownFiles, read, ROOT } from "./helpers.js";

group("rule registry", () => {
  it("is sorted by id and has no duplicates", () => {
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a fixture folder for every rule and no folder without a rule", () => {
    const folders = readdirSync(FIXTURES).filter((f) => /^[a-z]+(?:-[a-z]+)+$/.test(f) && !["keys", "repos"].includes(f));
    const ids = rules.map((r) => r.meta.id);
    for (const folder of folders) expect(ids, `fixtures/${folder} has no rule`).toContain(folder);
  });
});

for (const rule of rules) {
  const id = rule.meta.id;
  group(id, () => {
    it("follows the naming and message conventions", () => {
      expect(id).toMatch(/^(require|no|valid|consistent|single|supported|scorecard)-[a-z-]+$/);
      expect(rule.meta.description).not.toMatch(/\.$/);
      for (const message of Object.values(rule.meta.messages) as string[]) {
        expect(message, "messages are one line without a trailing period").not.toMatch(/\n|\.$/);
        expect(message).toMatch(/^(Missing|Unexpected) /);
        expect(message).toMatch(/expected/);
      }
      // Options have defaults, so an empty options object is valid.
      expect(() => rule.meta.options.parse({})).not.toThrow();
    });

    it("declares a default for every option in meta.defaultOptions, which its schema accepts and its docs show", () => {
      const schema = rule.meta.options as unknown as z.ZodObject;
      const defaults = rule.meta.defaultOptions as Record<string, unknown>;
      expect(Object.keys(defaults).sort(), "defaultOptions names every option and nothing else").toEqual(Object.keys(schema.shape).sort());
      expect(rule.meta.options.parse(structuredClone(defaults))).toEqual(defaults);
      // The generated docs and JSON Schema read the default from the schema's metadata.
      const properties =
        (z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
      for (const [name, value] of Object.entries(defaults))
        expect(properties[name]?.default, `${name}'s default in the JSON Schema`).toEqual(value);
      // Every option may be left out: the defaults fill it in.
      expect(rule.meta.options.parse({})).toEqual({});
    });

    it("has a prose doc", () => {
      const doc = path.join(ROOT, "rules", `${id}.md`);
      expect(existsSync(doc), `rules/${id}.md`).toBe(true);
      expect(read(doc)).toMatch(new RegExp(`^# ${id}\\b`));
    });

    const valid = markdownFiles(path.join(FIXTURES, id, "valid"));
    const invalid = markdownFiles(path.join(FIXTURES, id, "invalid"));

    it("has valid and invalid fixtures", () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });

    for (const file of valid) {
      it(`valid/${path.basename(file)} produces no finding`, async () => {
        const findings = await fixtureFindings(file, id);
        expect(findings.map(describe)).toEqual([]);
      });
    }

    for (const file of invalid) {
      it(`invalid/${path.basename(file)} produces exactly its expected findings`, async () => {
        const expectedFile = file.replace(/\.md$/, ".expected");
        expect(existsSync(expectedFile), `${path.basename(expectedFile)} beside the fixture`).toBe(true);
        const expected = read(expectedFile)
          .split("\n")
          .filter((l) => l.trim() !== "");
        expect(expected.length, "an invalid fixture expects at least one finding").toBeGreaterThan(0);
        const findings = await fixtureFindings(file, id);
        expect(findings.map(describe)).toEqual(expected);
      });
    }
  });
}
