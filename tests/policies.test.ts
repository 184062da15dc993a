/**
 * Real policies: the project's own SECURITY.md must be clean; the seeds must give the findings the
 * product was designed around; every corpus file must lint without a crash and with valid positions.
 * The seeds and corpus live in ../shared, which a user's clone does not have: those tests skip there.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { NOW, read, ROOT, SHARED } from "./helpers.js";

const SEEDS = path.join(SHARED, "seeds");
const CORPUS = path.join(SHARED, "corpus");

async function ruleIds(file: string): Promise<Set<string>> {
  const result = await lintText(read(file), { filePath: file, now: NOW });
  return new Set(result.findings.map((f) => f.ruleId));
}

describe("the project's own SECURITY.md", () => {
  it("passes every rule with zero findings", async () => {
    const result = await lintText(read(path.join(ROOT, "SECURITY.md")), { now: NOW });
    expect(result.findings).toEqual([]);
  });
});

const seedFiles = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => f.endsWith(".md")).sort() : [];

describe.skipIf(seedFiles.length === 0)("seeds (../shared/seeds)", () => {
  const seed = (prefix: string): string => path.join(SEEDS, seedFiles.find((f) => f.startsWith(prefix)) as string);
  const expected: Record<string, string[]> = {
    "001": ["no-placeholder-contact"],
    "002": ["consistent-contacts", "no-placeholder-contact"],
    "003": ["no-placeholder-contact"],
    "004": ["no-placeholder-contact"],
  };
  for (const [prefix, ids] of Object.entries(expected)) {
    it(`${prefix} reports ${ids.join(", ")}`, async () => {
      const found = await ruleIds(seed(prefix));
      for (const id of ids) expect(found, id).toContain(id);
    });
  }

  it("002 points at the example.com address in the disclosure steps", async () => {
    const result = await lintText(read(seed("002")), { now: NOW });
    const mismatch = result.findings.find((f) => f.ruleId === "consistent-contacts");
    expect(mismatch?.message).toBe("Unexpected second reporting address `security@example.com`, expected `security@damirmukimov.com` as given at line 9");
    expect(mismatch && read(seed("002")).slice(mismatch.range.start, mismatch.range.end)).toBe("security@example.com");
  });

  for (const file of ["000", "001", "002", "003", "004"]) {
    it(`${file} has supported versions, a private channel and a timeline`, async () => {
      const found = await ruleIds(seed(file));
      for (const id of ["require-supported-versions", "require-private-reporting", "require-response-timeline"]) expect(found, id).not.toContain(id);
    });
  }

  it("000 and 003 keep their general and security addresses apart", async () => {
    expect(await ruleIds(seed("000"))).not.toContain("consistent-contacts");
    expect(await ruleIds(seed("003"))).not.toContain("consistent-contacts");
  });
});

const corpusFiles = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(md|markdown)$/i.test(f)).sort() : [];

describe.skipIf(corpusFiles.length === 0)("corpus (../shared/corpus)", () => {
  it(`lints all ${corpusFiles.length} files without a crash, with positions inside each file`, async () => {
    for (const name of corpusFiles) {
      const text = read(path.join(CORPUS, name));
      const result = await lintText(text, { filePath: name, now: NOW });
      const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
      for (const f of result.findings) {
        expect(f.line, name).toBeGreaterThanOrEqual(1);
        expect(f.endLine, name).toBeLessThanOrEqual(lines.length);
        expect(f.column, name).toBeGreaterThanOrEqual(1);
        expect(f.column, name).toBeLessThanOrEqual((lines[f.line - 1] ?? "").length + 1);
        expect(f.endColumn, name).toBeLessThanOrEqual((lines[f.endLine - 1] ?? "").length + 1);
        expect(f.range.end, name).toBeGreaterThanOrEqual(f.range.start);
        expect(f.message, name).not.toMatch(/\n/);
      }
    }
  });
});

if (seedFiles.length === 0 || corpusFiles.length === 0) {
  console.warn(`note: ${SHARED} not found; seed and corpus tests skipped (a user's clone has no ../shared)`);
}
