/** The Scorecard prediction against scores computed by hand from Scorecard's published heuristics. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { predictScorecard } from "../src/policy/formats/scorecard.js";
import { read, SHARED } from "./helpers.js";

/** GitHub's "Start setup" template, unedited. */
const GITHUB_TEMPLATE = `# Security Policy

## Supported Versions

Use this section to tell people about which versions of your project are
currently being supported with security updates.

| Version | Supported          |
| ------- | ------------------ |
| 5.1.x   | :white_check_mark: |
| 5.0.x   | :x:                |
| 4.0.x   | :white_check_mark: |
| < 4.0   | :x:                |

## Reporting a Vulnerability

Use this section to tell people how to report a vulnerability.

Tell them where to go, how often they can expect to get an update on a
reported vulnerability, what to expect if the vulnerability is accepted or
declined, etc.
`;

describe("predictScorecard", () => {
  it("scores GitHub's unedited template 4: no link or address (0), text (+3), digits and vulnerability words (+1)", () => {
    const p = predictScorecard(GITHUB_TEMPLATE);
    expect(p).toMatchObject({ score: 4, links: false, text: true, disclosure: true, urls: [], emails: [] });
  });

  it("scores a policy whose only address is at example.com 10: Scorecard counts any address", () => {
    const p = predictScorecard("# Security\n\nReport vulnerabilities to security@example.com. We reply within 5 days.\n");
    expect(p.emails).toEqual(["security@example.com"]);
    expect(p.hits).toBe(2); // "Vuln" and "5"
    expect(p.score).toBe(10);
  });

  it("scores an empty-ish file 3: text only", () => {
    expect(predictScorecard("# Security\n").score).toBe(3);
  });

  it("scores a file that is only a link 6: the link does not leave room for the +3", () => {
    // 26 bytes, against a 25-character URL plus 2.
    const p = predictScorecard("https://acme.dev/security\n");
    expect(p).toMatchObject({ score: 6, size: 26, linkedLength: 27 });
  });

  it("does not count a `[at] … [dot]` address: 3 for the text, no +1 for a single vulnerability hit", () => {
    const p = predictScorecard("Write to security [at] acme [dot] dev about any vulnerability.\n");
    expect(p).toMatchObject({ score: 3, emails: [], hits: 1 });
  });

  it("counts `name[at]domain.tld` as an address, as Scorecard's pattern does", () => {
    expect(predictScorecard("Mail security[at]acme.dev for a fix in 2 or 3 days.\n")).toMatchObject({
      emails: ["security[at]acme.dev"],
      score: 10,
    });
  });

  it("scores 9 when there is only one digit or disclosure hit", () => {
    expect(predictScorecard("Email sec@acme.dev. Only release 2 gets fixes.\n").score).toBe(9);
  });

  it("scores 10 for a link, text and a disclosure window", () => {
    const p = predictScorecard("Report at https://acme.dev/report within 2 days.\nDisclosure follows after 90 days.\n");
    expect(p).toMatchObject({ score: 10, urls: ["https://acme.dev/report"], hits: 3 });
  });

  it("counts unique links once, and bytes rather than characters", () => {
    const p = predictScorecard("✅ https://a.io\nhttps://a.io\n");
    // 3 bytes for the check mark + " https://a.io\n" twice = 30 bytes; one unique URL: 12 + 2.
    expect(p).toMatchObject({ size: 30, linkedLength: 14, urls: ["https://a.io"], text: true });
  });
});

describe.skipIf(!existsSync(path.join(SHARED, "seeds")))("predictScorecard on the reference policies", () => {
  it("gives all five seeds 10, as measured on Scorecard (four of them carry placeholder contacts)", () => {
    const seeds = readdirSync(path.join(SHARED, "seeds")).filter((f) => f.endsWith(".md"));
    expect(seeds).toHaveLength(5);
    for (const f of seeds) expect(predictScorecard(read(path.join(SHARED, "seeds", f))).score, f).toBe(10);
  });
});
