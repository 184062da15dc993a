/** Unit tests of the policy model's pure functions: the place where text becomes facts. */
import { describe, expect, it } from "vitest";
import { findEmails } from "../src/policy/facts/contacts.js";
import { findDates } from "../src/policy/facts/dates.js";
import { scanDurations } from "../src/policy/facts/durations.js";
import { buildPolicy } from "../src/policy/model.js";
import { placeholderEmail, placeholderUrl } from "../src/policy/facts/placeholders.js";
import { classifyHeading } from "../src/policy/facts/sections.js";
import { findPhrases, fold } from "../src/policy/text/text.js";
import { classifyMark } from "../src/policy/facts/versions.js";

describe("fold and findPhrases", () => {
  it("keeps the text's length so offsets map back", () => {
    const text = "## 🔒 Reporting — Safe-Harbor!";
    expect(fold(text)).toHaveLength(text.length);
  });

  it("matches whole words and squeezes separators", () => {
    const f = ` ${fold("Our Safe-Harbor  statement; unsafe harbors aside")} `;
    expect(findPhrases(f, ["safe harbor"]).map((m) => f.slice(m.start, m.end))).toEqual(["safe harbor"]);
    expect(findPhrases(f, ["harbor"]).length).toBe(1);
  });
});

describe("classifyHeading", () => {
  const cases: Array<[string, string | null]> = [
    ["Supported Versions", "supported-versions"],
    ["🔧 Supported Versions", "supported-versions"],
    ["üîí Reporting Security Vulnerabilities", "reporting"],
    ["### 2. Report via Email", "reporting"],
    ["**Reporting a Vulnerability**", "reporting"],
    ["Vulnerability Disclosure Process", "disclosure"],
    ["3. Response Timeline", "response-timeline"],
    ["What to Expect", "response-timeline"],
    ["‚öñÔ∏è Legal Safe Harbor", "safe-harbor"],
    ["Out of Scope", "scope"],
    ["PGP Key", "pgp"],
    ["Contact Information", "contact"],
    ["Security Best Practices", null],
  ];
  for (const [title, kind] of cases) it(`${title} -> ${kind}`, () => expect(classifyHeading(title)).toBe(kind));
});

describe("findEmails", () => {
  const addresses = (t: string) => findEmails(t).map((e) => e.address);
  it("finds plain, bold and trailing-punctuation addresses", () => {
    expect(addresses("Email **security@lanternfish.dev**.")).toEqual(["security@lanternfish.dev"]);
    expect(addresses("(a.b+c@sub.example.org), x@y")).toEqual(["a.b+c@sub.example.org"]);
  });
  it("reads obfuscated forms", () => {
    expect(addresses("security [at] parsnip-tools [dot] org")).toEqual(["security@parsnip-tools.org"]);
    expect(addresses("info[@]lantern.io")).toEqual(["info@lantern.io"]);
    expect(addresses("jane.doe at mailbox.org")).toEqual(["jane.doe@mailbox.org"]);
  });
  it("does not take ordinary words for addresses", () => {
    expect(addresses("reach us at lanternfish.dev or @maintainer on chat")).toEqual([]);
  });
  it("gives exact offsets", () => {
    const t = "Mail: ops@lantern.io now";
    const [e] = findEmails(t);
    expect(t.slice(e?.start, e?.end)).toBe("ops@lantern.io");
  });
  it("is linear on long runs of separators", () => {
    expect(findEmails("@".repeat(200_000) + "a.".repeat(100_000))).toEqual([]);
  });
});

describe("scanDurations", () => {
  const hours = (t: string) => scanDurations(t).map((d) => [t.slice(d.start, d.end), d.min, d.max, d.unit, d.working]);
  it("reads numbers, words, ranges, glued units and working days", () => {
    expect(hours("within 48 hours")).toEqual([["48 hours", 48, 48, "hour", false]]);
    expect(hours("Within 1 week")).toEqual([["1 week", 1, 1, "week", false]]);
    expect(hours("1-2 weeks")).toEqual([["1-2 weeks", 1, 2, "week", false]]);
    expect(hours("two to three days")).toEqual([["two to three days", 2, 3, "day", false]]);
    expect(hours("3 working days")).toEqual([["3 working days", 3, 3, "day", true]]);
    expect(hours("a 90-day window")).toEqual([["90-day", 90, 90, "day", false]]);
    expect(hours("72h")).toEqual([["72h", 72, 72, "hour", false]]);
  });
  it("ignores numbers without units and units far from numbers", () => {
    expect(hours("24/7 support, version 3 of the days")).toEqual([]);
    expect(hours("We check daily and weekly")).toEqual([]);
    expect(hours("within constructor days, toString hours")).toEqual([]);
  });
});

describe("durations in the model", () => {
  const promises = (md: string) => buildPolicy(md).durations.map((d) => [d.text, d.maxHours, d.promise, d.tiered]);
  it("infers the promise from the nearest words, the label, then the heading", () => {
    expect(promises("- **Initial Response**: Within 48 hours\n- **Assessment**: Within 1 week, we assess it\n")).toEqual([
      ["48 hours", 48, "respond", false],
      ["1 week", 168, "assess", false],
    ]);
    expect(promises("We acknowledge reports within 2 days and fix them within 30 days.")).toEqual([
      ["2 days", 48, "acknowledge", false],
      ["30 days", 720, "fix", false],
    ]);
    expect(promises("## Response Timeline\n\n- 3 business days\n")).toEqual([["3 business days", 101, "respond", false]]);
  });
  it("ties table cells to their column header and marks severity tiers", () => {
    expect(promises("| Severity | Fix within |\n|---|---|\n| Critical | 7 days |\n")).toEqual([["7 days", 168, "fix", true]]);
  });
  it("skips inline code, code blocks and lower bounds", () => {
    expect(promises("Set `timeout: 30 days`.\n\n```yaml\nttl: 48 hours\n```\n\nWe may extend beyond 60 days.")).toEqual([
      ["60 days", 1440, null, false],
    ]);
  });
});

describe("placeholders", () => {
  it("knows reserved and template names", () => {
    expect(placeholderEmail("security@example.com")).toMatch(/RFC 2606/);
    expect(placeholderEmail("a@b.example")).toMatch(/RFC 6761/);
    expect(placeholderEmail("security@your-domain.com")).toMatch(/template/);
    expect(placeholderEmail("email@lanternfish.dev")).toMatch(/template/);
    expect(placeholderUrl("https://github.com/your-org/lantern/security/advisories/new")).toMatch(/owner/);
  });
  it("leaves real names alone", () => {
    for (const a of ["security@examplecorp.io", "sec@yourls.org", "team@testing.dev", "security@lanternfish.dev"])
      expect(placeholderEmail(a), a).toBeNull();
    expect(placeholderUrl("https://github.com/owner-tools/lantern")).toBeNull();
  });
});

describe("classifyMark", () => {
  const cases: Array<[string, string]> = [
    [":white_check_mark:", "supported"],
    ["✅ Full support", "supported"],
    ["‚úÖ Full support", "supported"],
    ["Yes", "supported"],
    [":x:", "unsupported"],
    ["❌ Not supported", "unsupported"],
    ["End of life", "unsupported"],
    ["4.x", "unknown"],
    ["", "unknown"],
  ];
  for (const [mark, status] of cases) it(`${mark || "(empty)"} -> ${status}`, () => expect(classifyMark(mark)).toBe(status));
});

describe("findDates", () => {
  it("reads the common forms", () => {
    const iso = (t: string) => findDates(t).map((d) => d.date.toISOString().slice(0, 10));
    expect(iso("Last updated: 2025-06-17")).toEqual(["2025-06-17"]);
    expect(iso("June 17, 2025 and 17 June 2025 and 2025/06/17")).toEqual(["2025-06-17", "2025-06-17", "2025-06-17"]);
    expect(iso("February 26th, 2020")).toEqual(["2020-02-26"]);
    expect(iso("version 1.2.3 and 2025-13-45")).toEqual([]);
  });
});
