/**
 * Mutation checks over real policies: inject one defect into each corpus file and expect the rule that
 * owns it to report it, on the injected line. A rule that stops seeing a defect in real surroundings (a
 * long policy, another language, odd markdown) fails here even when its fixtures pass. Skips where
 * ../shared is absent (a user's clone).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { buildPolicy } from "../src/policy/model.js";
import { ROOT } from "./helpers.js";

const CORPUS = path.resolve(ROOT, "..", "shared", "corpus");
const files = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.md$/i.test(f))
      .sort()
  : [];
const NOW = new Date("2026-12-02T00:00:00Z");

interface Mutation {
  rule: string;
  /** The text appended as a section of its own. */
  text: string;
  /** Whether the defect applies to this policy (for example, a second address needs a first one). */
  applies?: (source: string) => boolean;
}

const MUTATIONS: Mutation[] = [
  { rule: "no-placeholder-contact", text: "Urgent reports also reach security@example.com." },
  { rule: "no-mojibake", text: "Thanks for reading â€” the maintainers." },
  { rule: "no-stale-date", text: "Last updated: 2019-03-04" },
  { rule: "no-template-text", text: "Use this section to tell people how to report a vulnerability." },
  { rule: "valid-links", text: "See [the reporting form](htps://forms.lanternfish-mutation.dev/report)." },
  { rule: "no-mislabeled-code-fence", text: "```json\nreport_to: security team\nwindow: 90\n```" },
  {
    rule: "consistent-contacts",
    text: "Please send vulnerability reports to reports@mutation-lanternfish.dev.",
    // A second reporting address is a defect only beside a first one.
    applies: (source) => buildPolicy(source).contacts.some((c) => c.kind === "email" && c.role === "report" && c.placeholder === null),
  },
];

/** The policy with the mutation appended as its own section; null where the text would not be prose there (an unclosed fence or comment). */
function mutate(source: string, m: Mutation): { text: string; line: number } | null {
  const base = source.endsWith("\n") ? source : `${source}\n`;
  const text = `${base}\n## Mutation\n\n${m.text}\n`;
  const line = base.split("\n").length + 3;
  const start = text.length - m.text.length - 1;
  const tree = buildPolicy(text);
  const visible = m.text.startsWith("```")
    ? tree.codeBlocks.some((c) => c.range.start === start)
    : tree.blocks.some((b) => b.range.start <= start && start < b.range.end);
  return visible ? { text, line } : null;
}

describe.skipIf(files.length === 0)("injected defects in real policies (../shared/corpus)", () => {
  for (const m of MUTATIONS) {
    it(`${m.rule} reports its defect in every corpus file it applies to`, async () => {
      let checked = 0;
      const missed: string[] = [];
      for (const name of files) {
        const source = readFileSync(path.join(CORPUS, name), "utf8");
        if (m.applies && !m.applies(source)) continue;
        const mutated = mutate(source, m);
        if (!mutated) continue;
        checked++;
        const { findings } = await lintText(mutated.text, { filePath: "SECURITY.md", now: NOW });
        if (!findings.some((f) => f.ruleId === m.rule && f.line >= mutated.line)) missed.push(name);
      }
      expect(missed, `${m.rule} missed the injected defect`).toEqual([]);
      // The check ran on real files, not on none.
      expect(checked).toBeGreaterThanOrEqual(Math.min(10, files.length));
    });
  }
});
