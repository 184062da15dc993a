/** Unit tests of the model's defect facts: key blocks, labeled dates, template leftovers, links. */
import { describe, expect, it } from "vitest";
import { findLabeledDates } from "../src/policy/facts/labeled-dates.js";
import { linkProblem } from "../src/policy/facts/links.js";
import { buildPolicy } from "../src/policy/model.js";
import { findTemplateText } from "../src/policy/facts/template-text.js";
import { isKeyPlaceholderText } from "../src/policy/facts/keys.js";

describe("labeled dates", () => {
  it("takes the date right after a Last updated / Last reviewed / Effective label", () => {
    const found = findLabeledDates("*Last updated: 2025-06-17*\nLast reviewed on June 3, 2024\nEffective date: 17 June 2025");
    expect(found.map((d) => [d.kind, d.text])).toEqual([
      ["updated", "2025-06-17"],
      ["reviewed", "June 3, 2024"],
      ["effective", "17 June 2025"],
    ]);
  });

  it("ignores dates that are history rather than the policy's own age", () => {
    expect(findLabeledDates("2024-03-01: updated the dependency to fix CVE-2024-1234")).toEqual([]);
    expect(findLabeledDates("We updated the parser in release 2.1 (2023-01-05).")).toEqual([]);
  });

  it("marks a month-only date", () => {
    expect(findLabeledDates("Last updated: June 2025")[0]?.monthOnly).toBe(true);
    expect(findLabeledDates("Last updated: 2025/06/17")[0]?.monthOnly).toBe(false);
  });
});

describe("template text", () => {
  const texts = (s: string): string[] => findTemplateText(s).map((f) => f.text);

  it("finds GitHub's default sentences, variables, notes to the author and markers", () => {
    expect(texts("Use this section to tell people how to report a vulnerability.")).toEqual([
      "Use this section to tell people how to report a vulnerability.",
    ]);
    expect(texts("Contact {{organization}} at $LINK or [INSERT CONTACT]")).toEqual(["{{organization}}", "$LINK", "[INSERT CONTACT]"]);
    expect(texts("Mail us (replace with your actual email) or security@acme.dev (placeholder)")).toEqual([
      "(replace with your actual email)",
      "(placeholder)",
    ]);
    expect(texts("The key would be provided here in a real implementation")).toEqual(["would be provided here in a real implementation"]);
    expect(texts("TODO: write this. Lorem ipsum dolor sit amet")).toEqual(["TODO", "Lorem ipsum dolor sit amet"]);
  });

  it("leaves ordinary sentences alone", () => {
    expect(texts("Upgrade to 2.4 and replace the old binary with the patched one. We pay $500 per report.")).toEqual([]);
    expect(texts("This section tells people how to report. Our todo list is public.")).toEqual([]);
  });

  it("accepts TBD as a table value", () => {
    const policy = buildPolicy("| Version | End of life |\n| --- | --- |\n| 1.0 | TBD |\n\nThe disclosure process is TBD.\n");
    expect(policy.templateText.map((t) => t.text)).toEqual(["TBD"]);
  });
});

describe("key facts", () => {
  it("finds placeholder key blocks and the comment standing for a key", () => {
    const policy = buildPolicy(
      "## PGP Key\n\n<!-- PGP public key would be included here -->\n\n```\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n[key would be here]\n-----END PGP PUBLIC KEY BLOCK-----\n```\n",
    );
    expect(policy.keyBlocks).toHaveLength(1);
    expect(policy.keyBlocks[0]?.problems.map((p) => p.kind)).toEqual(["placeholder"]);
    expect(policy.keyPlaceholders.map((k) => k.text)).toEqual(["<!-- PGP public key would be included here -->"]);
  });

  it("does not take an ordinary comment for a key placeholder", () => {
    expect(isKeyPlaceholderText("markdownlint-disable MD013")).toBe(false);
    expect(isKeyPlaceholderText("Our PGP key rotates every year")).toBe(false);
  });
});

describe("links", () => {
  it("collects links and definitions with their text", () => {
    const policy = buildPolicy("Report at [the form](https://acme.dev/report).\n\n[key]: http://acme.dev/key.asc\n");
    expect(policy.links.map((l) => [l.via, l.url, l.text])).toEqual([
      ["link", "https://acme.dev/report", "the form"],
      ["definition", "http://acme.dev/key.asc", ""],
    ]);
  });

  it("tells malformed URLs and mailto addresses", () => {
    expect(linkProblem("https://github.com/acme/app/security/advisories/new")).toBeNull();
    expect(linkProblem("mailto:security@acme.dev?subject=Report")).toBeNull();
    expect(linkProblem("../CONTRIBUTING.md")).toBeNull();
    expect(linkProblem("mailto:security@acme")?.kind).toBe("malformed-mailto");
    expect(linkProblem("mailto:security at acme.dev")?.kind).toBe("malformed-mailto");
    expect(linkProblem("https//acme.dev/report")?.kind).toBe("malformed-url");
    expect(linkProblem("https://acme dev/report")?.kind).toBe("malformed-url");
    expect(linkProblem("https://acme_dev/report")?.kind).toBe("malformed-url");
  });
});

describe("mojibake facts", () => {
  it("lists the garbled runs of the whole source", () => {
    const policy = buildPolicy("## âœ… Supported\n\nCafé, Straße, 日本語\n");
    expect(policy.mojibake.map((m) => m.repaired)).toEqual(["✅"]);
  });
});

describe("placeholder key links and fingerprint tables", () => {
  it("takes a bare `your` host label for a stand-in", async () => {
    const { placeholderUrl } = await import("../src/policy/facts/placeholders.js");
    expect(placeholderUrl("https://www.link.to.your.gpg.asc")).not.toBeNull();
    expect(placeholderUrl("https://keys.openpgp.org/vks/v1/by-fingerprint/ABCD")).toBeNull();
    expect(placeholderUrl("https://yourls.org/")).toBeNull();
  });

  it("reads the cells of a Fingerprint column as fingerprints", () => {
    const policy = buildPolicy(
      "| Name | Fingerprint |\n| --- | --- |\n| Ada | XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX |\n| Jo | 3A5C91F02B7D44E68C019D2F7E6B15A8C4D30F92 |\n",
    );
    expect(policy.fingerprints.map((f) => f.valid)).toEqual([false, true]);
  });
});
