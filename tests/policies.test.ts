/**
 * Real policies: the project's own SECURITY.md must be clean; the seeds must give the findings the
 * product was designed around; every corpus file must lint without a crash and with valid positions.
 * The seeds and corpus live in ../shared, which a user's clone does not have: those tests skip there.
 */
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText, lintTextAndFix } from "../src/index.js";
import { writeFixedText } from "../src/io/fix.js";
import { buildPolicy } from "../src/policy/model.js";
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

const seedFiles = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((f) => f.endsWith(".md"))
      .sort()
  : [];

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
    expect(mismatch?.message).toBe(
      "Unexpected second reporting address `security@example.com`, expected `security@damirmukimov.com` as given at line 9",
    );
    expect(mismatch && read(seed("002")).slice(mismatch.range.start, mismatch.range.end)).toBe("security@example.com");
  });

  for (const file of ["000", "001", "002", "003", "004"]) {
    it(`${file} has supported versions and a timeline`, async () => {
      const found = await ruleIds(seed(file));
      for (const id of ["require-supported-versions", "require-response-timeline"]) expect(found, id).not.toContain(id);
    });
  }

  for (const file of ["000", "002"]) {
    it(`${file} has a private channel`, async () => {
      expect(await ruleIds(seed(file))).not.toContain("require-private-reporting");
    });
  }

  // These seeds' only address is a placeholder: they give no working channel, and the finding says why.
  for (const [file, address] of [
    ["001", "security@your-domain.com"],
    ["003", "gryphgen-security@example.com"],
    ["004", "security@example.com"],
  ]) {
    it(`${file} has no private channel: its only address is a placeholder`, async () => {
      const text = read(seed(file as string));
      const line = text.split("\n").findIndex((l) => l.includes(address as string)) + 1;
      const findings = (await lintText(text, { now: NOW })).findings.filter((f) => f.ruleId === "require-private-reporting");
      expect(findings.map((f) => f.message)).toEqual([
        `Missing private reporting channel: \`${address}\` (line ${line}) is a placeholder, expected a real email address, a private vulnerability reporting link or an https report form`,
      ]);
    });
  }

  const defects: Record<string, string[]> = {
    "000": ["valid-pgp-key", "no-mojibake"],
    "001": ["no-template-text"],
    "002": ["no-mojibake"],
    "003": ["valid-pgp-key", "no-mislabeled-code-fence"],
    "004": ["no-template-text", "no-mojibake", "no-stale-date"],
  };
  for (const [prefix, ids] of Object.entries(defects)) {
    it(`${prefix} reports the defects ${ids.join(", ")}`, async () => {
      const found = await ruleIds(seed(prefix));
      for (const id of ids) expect(found, id).toContain(id);
    });
  }

  it("quotes the leftover and the placeholder key in 001, 003 and 004", async () => {
    const messages = async (prefix: string, id: string): Promise<string[]> =>
      (await lintText(read(seed(prefix)), { now: NOW })).findings.filter((f) => f.ruleId === id).map((f) => f.message);
    expect((await messages("001", "no-template-text")).join("\n")).toContain("`(replace with your actual email)`");
    expect((await messages("004", "no-template-text")).join("\n")).toContain("`(placeholder)`");
    const keys = await messages("003", "valid-pgp-key");
    expect(keys.some((m) => m.includes("<!-- PGP public key would be included here -->"))).toBe(true);
    expect(keys.some((m) => m.includes("[PGP key would be here in production]"))).toBe(true);
    expect((await messages("004", "no-stale-date")).join("\n")).toContain("`2025-06-17`");
  });

  it("002 reads the versions table as supported before and after fixing, with no table finding", async () => {
    const text = read(seed("002"));
    const fixed = await lintTextAndFix(text, { now: NOW });
    expect(fixed.findings.map((f) => f.ruleId)).not.toContain("require-supported-versions");
    expect(fixed.findings.map((f) => f.ruleId)).not.toContain("no-mojibake");
    const latest = buildPolicy(fixed.output ?? "").versions.rows.find((r) => r.version === "Latest");
    expect(latest?.mark).toBe("✅ Full support");
    expect(latest?.status).toBe("supported");
  });

  it("after --fix, 000, 002 and 004 hold the real emoji and nothing else changed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "secpolicy-seeds-"));
    for (const prefix of ["000", "002", "004"]) {
      const original = read(seed(prefix));
      const copy = path.join(dir, `${prefix}.md`);
      copyFileSync(seed(prefix), copy);
      // The shared seeds are read-only, and --fix leaves a read-only file alone: the copy is writable.
      chmodSync(copy, 0o644);
      const result = await lintTextAndFix(original, { now: NOW });
      expect(result.output, prefix).toBeDefined();
      expect(writeFixedText(copy, original.replace(/^\uFEFF/, ""), result.output ?? "", dir).status).toBe("written");
      const after = readFileSync(copy, "utf8");
      // Outside the repaired runs the text is byte for byte the original.
      const runs = buildPolicy(original.replace(/^\uFEFF/, "")).mojibake;
      let rebuilt = "";
      let pos = 0;
      for (const run of runs) {
        rebuilt += original.slice(pos, run.start) + run.repaired;
        pos = run.end;
      }
      expect(after).toBe(rebuilt + original.slice(pos));
      expect(buildPolicy(after).mojibake, prefix).toEqual([]);
      expect(after).not.toMatch(/âœ|ðŸ|üî|‚úÖ|â†’/);
    }
    const all = ["000", "002", "004"].map((p) => readFileSync(path.join(dir, `${p}.md`), "utf8")).join("");
    for (const emoji of ["🚨", "🔒", "✅", "🟢", "→"]) expect(all).toContain(emoji);
  });

  it("000 and 003 keep their general and security addresses apart", async () => {
    expect(await ruleIds(seed("000"))).not.toContain("consistent-contacts");
    expect(await ruleIds(seed("003"))).not.toContain("consistent-contacts");
  });
});

const corpusFiles = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(md|markdown)$/i.test(f))
      .sort()
  : [];

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
