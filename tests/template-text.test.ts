/** The template-leftover patterns: each one's hints must be found in every text it matches. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS } from "../src/policy/facts/template-text.js";
import { FIXTURES, filesUnder, SHARED } from "./helpers.js";

/** Texts each pattern is written for, in upper, lower and mixed case. */
const SAMPLES = [
  "Use this section to tell people about which versions of your project are currently being supported.",
  "Tell them where to go, how often they can expect to get an update on a reported vulnerability, etc.",
  "Hier siehst du, welche Versionen deines Projekts aktuell unterstützt werden.",
  "In diesem Abschnitt erfährst du, wie du eine Sicherheitslücke meldest.",
  "Beschreibe, wohin du dich wenden kannst, um eine Sicherheitslücke zu melden.",
  "Write to {{ SECURITY_EMAIL }} or $SECURITY_CONTACT or [INSERT EMAIL] or <your-email>.",
  "(Replace this address with your real one) and REPLACE IT WITH THE ACTUAL key (placeholder) (to be added)",
  "The key would be provided here in a real implementation. It WILL BE ADDED HERE.",
  "TODO: TBD FIXME lorem ipsum dolor. Lorem Ipsum.",
];

describe("template-text patterns", () => {
  it("find only texts that hold one of their hints", () => {
    const texts = [
      ...SAMPLES,
      ...[...filesUnder(FIXTURES, ".md"), ...filesUnder(path.join(SHARED, "corpus"), ".md")].map((f) => readFileSync(f, "utf8")),
    ];
    const counts = PATTERNS.map(() => 0);
    for (const text of texts) {
      PATTERNS.forEach(({ re, hints }, i) => {
        for (const m of text.matchAll(new RegExp(re.source, re.flags))) {
          const lower = m[0].toLowerCase();
          expect(
            hints.some((h) => lower.includes(h)),
            `${re} matched ${JSON.stringify(m[0])} without a hint`,
          ).toBe(true);
          counts[i] = (counts[i] as number) + 1;
        }
      });
    }
    // Every pattern matched something, so no hint went unchecked.
    expect(
      counts.every((c) => c > 0),
      `matches per pattern: ${counts.join(", ")}`,
    ).toBe(true);
  });
});
