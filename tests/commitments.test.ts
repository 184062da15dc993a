/** Scope and safe-harbor statements in prose. */
import { describe, expect, it } from "vitest";
import { safeHarborStatements, scopeStatements } from "../src/policy/facts/commitments.js";
import { buildPolicy } from "../src/policy/model.js";

const blocks = (text: string) => buildPolicy(text).blocks;

describe("safeHarborStatements", () => {
  it("finds promises not to pursue legal action, however they are worded", () => {
    for (const text of [
      "We will not pursue legal action against researchers who follow this policy.",
      "Research under this policy is considered authorized conduct.",
      "We will not take any legal steps or legal action against you.",
      "This policy provides a Safe-Harbor for good faith research.",
    ])
      expect(safeHarborStatements(blocks(text)), text).toHaveLength(1);
  });

  it("ignores other uses of the same words", () => {
    for (const text of [
      "We will not pursue reports without a proof of concept.",
      "Only access data you are authorized to see.",
      "This project is distributed under the MIT licence; see the legal notice.",
    ])
      expect(safeHarborStatements(blocks(text)), text).toEqual([]);
  });
});

describe("scopeStatements", () => {
  it("finds in-scope and out-of-scope statements", () => {
    expect(scopeStatements(blocks("Denial of service against the demo site is out of scope."))).toHaveLength(1);
    expect(scopeStatements(blocks("Self-XSS is not considered a vulnerability."))).toHaveLength(1);
  });

  it("ignores the word scope in other senses", () => {
    expect(scopeStatements(blocks("Tell us the nature and scope of the issue."))).toEqual([]);
  });
});
