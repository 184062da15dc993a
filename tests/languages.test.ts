/**
 * Policies written in other languages. Every `non_english` file of ../shared/corpus is linted, and no
 * require-* rule may call a part missing that the file has (the expected parts of each file, read by
 * hand, are in non-english-expected.json next to this test). Skips when ../shared is absent.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { NOW, read, ROOT, SHARED } from "./helpers.js";

const CORPUS = path.join(SHARED, "corpus");
const MANIFEST = path.join(CORPUS, "MANIFEST.tsv");
const EXPECTED = JSON.parse(read(path.join(ROOT, "tests", "non-english-expected.json"))) as Record<string, string | string[]>;

const RULE_OF: Record<string, string> = {
  "supported-versions": "require-supported-versions",
  "private-reporting": "require-private-reporting",
  "response-timeline": "require-response-timeline",
  "disclosure-process": "require-disclosure-process",
};

function nonEnglishFiles(): string[] {
  if (!existsSync(MANIFEST)) return [];
  return read(MANIFEST)
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .filter((cols) => (cols[6] ?? "").split(",").includes("non_english"))
    .map((cols) => cols[0] as string);
}

const files = nonEnglishFiles();

describe.skipIf(files.length === 0)("non-English policies of ../shared/corpus", () => {
  it("has an expected list for every non_english file", () => {
    for (const file of files) expect(EXPECTED[file], file).toBeInstanceOf(Array);
  });

  for (const file of files) {
    const has = (EXPECTED[file] ?? []) as string[];
    it(`${file}: no require-* rule says ${has.length ? has.join(", ") : "anything it has"} is missing`, async () => {
      const result = await lintText(read(path.join(CORPUS, file)), { filePath: file, now: NOW });
      for (const part of has) {
        const rule = RULE_OF[part] as string;
        const missing = result.findings.filter((f) => f.ruleId === rule && f.message.startsWith("Missing "));
        expect(
          missing.map((f) => `${f.line}:${f.column} ${f.message}`),
          `${file} has ${part}`,
        ).toEqual([]);
      }
    });
  }

  it("finds the translated GitHub template text that template checks will read", async () => {
    const { lexicon } = await import("../src/policy/lexicon/index.js");
    const { findPhrases, fold } = await import("../src/policy/text/text.js");
    const phrases = (file: string): string[] => [
      ...new Set(findPhrases(` ${fold(read(path.join(CORPUS, file)))} `, lexicon.templatePhrases).map((m) => m.phrase)),
    ];
    expect(phrases("Redminer9630de__redminer9630de.github.io__SECURITY.md")).toEqual([
      "in diesem abschnitt erfährst du",
      "hier siehst du welche versionen deines projekts",
      "beschreibe wohin du dich wenden kannst",
    ]);
    expect(phrases("somp1k3__smp3__SECURITY.md")).toEqual(
      expect.arrayContaining(["use this section to tell people", "используйте этот раздел", "сообщите им куда обращаться"]),
    );
    expect(phrases("Viber-otfk__viber-otfk.github.io__SECURITY.md")).toEqual(
      expect.arrayContaining(["you should include a security md file", "слід додати файл security md"]),
    );
    expect(phrases("Dansware03__administrador_de_farmacia__SECURITY.md")).toEqual(["utiliza esta sección para"]);
    expect(phrases("kazushikakihara__poker__SECURITY.md")).toEqual([]);
  });

  it("reads the sections the corpus writes in German, Spanish, Chinese and Japanese", async () => {
    const { buildPolicy } = await import("../src/policy/model.js");
    const kinds = (file: string): (string | null)[] => buildPolicy(read(path.join(CORPUS, file))).sections.map((s) => s.kind);
    expect(kinds("DerJanniku__Griefergames-Verkaufsbot__SECURITY.md")).toEqual([null, "supported-versions", "reporting"]);
    expect(kinds("1481259826__AI-Travel-Planner__.github_SECURITY.md").slice(0, 5)).toEqual([
      null,
      "supported-versions",
      "reporting",
      "reporting",
      "response-timeline",
    ]);
    expect(kinds("kazushikakihara__poker__SECURITY.md")).toEqual([
      null,
      "supported-versions",
      "reporting",
      "response-timeline",
      "disclosure",
    ]);
  });
});
