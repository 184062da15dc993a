/** The folded text the lexicon matches against: the fast paths give what the character-by-character rule gives. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPhrases, fold } from "../src/policy/text.js";

/** The definition: lower case, every character that is not a letter, digit or mark a space, same length. */
function reference(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      out += "  ";
      i++;
      continue;
    }
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) {
      out += " ";
      continue;
    }
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

describe("fold", () => {
  it("agrees with the character-by-character definition on any text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => fold(s) === reference(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => fold(s) === reference(s)), { numRuns: 2000 });
  });

  it("keeps offsets: ASCII, accented, dotted capital I and emoji", () => {
    for (const s of ["Report to SECURITY@Acme.dev!", "Sécurité: 72 heures", "İstanbul", "Fixed ✅ in 2.x 🔒"]) {
      expect(fold(s)).toHaveLength(s.length);
      expect(fold(s)).toBe(reference(s));
    }
    expect(fold("Safe-Harbor_2")).toBe("safe harbor 2");
  });

  it("finds phrases across punctuation, as whole words only", () => {
    const text = ` ${fold("We follow Safe-Harbor rules; unsafe harbors aside.")} `;
    expect(findPhrases(text, ["safe harbor"]).map((m) => text.slice(m.start, m.end))).toEqual(["safe harbor"]);
  });
});
