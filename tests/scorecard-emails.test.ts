/**
 * The Scorecard prediction finds emails with a scan instead of Scorecard's regular expression (which
 * backtracks in JavaScript). The scan must find exactly what the expression finds.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { scorecardEmails } from "../src/policy/formats/scorecard.js";

// Scorecard's pattern (ossf/scorecard, checks/raw/security_policy.go), used here only as the reference.
const SCORECARD_EMAIL = /\b[A-Za-z0-9._%+-]+(@|\\?\[at\\?\])[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g;
const reference = (line: string): string[] => [...line.matchAll(SCORECARD_EMAIL)].map((m) => m[0]);

it("finds what Scorecard's expression finds, on written cases", () => {
  for (const line of [
    "a@b.com",
    "x\\[at\\]y.org z",
    "a.b@c.d.ef.",
    "see security@lanternfish.dev, or bob[at]mailbox.io",
    "_a@b.cc_",
    "-a@b.cc-",
    "a@b@c.com",
    "mail me: .x@y.abcdefg or x@y.abcdef",
  ]) {
    expect(scorecardEmails(line), line).toEqual(reference(line));
  }
});

it("finds what Scorecard's expression finds, on generated lines", () => {
  const alphabet = fc.constantFrom("a", "b", "Z", "1", "_", ".", "-", "%", "+", "@", "[", "]", "\\", "t", " ", "c", "o", "m");
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join("")),
      (line) => {
        expect(scorecardEmails(line)).toEqual(reference(line));
      },
    ),
    { numRuns: 5000, seed: 20261121 },
  );
});

it("is linear on a long run of local-part characters", () => {
  expect(scorecardEmails(`${"a".repeat(200_000)}@`)).toEqual([]);
});
