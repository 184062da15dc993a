/** The sentence-level claims layer: sentences, negation, publication, delegation, contact roles, fences. */
import { describe, expect, it } from "vitest";
import { negatedAt } from "../src/policy/facts/claims.js";
import { findEmails } from "../src/policy/facts/contacts.js";
import { buildPolicy } from "../src/policy/model.js";
import { sentencesOf, splitSentences } from "../src/policy/text/sentences.js";

const policy = (body: string) => buildPolicy(`# Security Policy\n\n${body}\n`);
const paragraph = (body: string) => {
  const p = policy(body);
  const block = p.blocks.find((b) => b.kind === "paragraph");
  if (!block) throw new Error("no paragraph");
  return block;
};

describe("sentences", () => {
  it("reads a soft line break as a space and a full stop as an end", () => {
    const text = "We acknowledge receipt of\nthe report within 2 days. Then we assess it.";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "We acknowledge receipt of\nthe report within 2 days.",
      "Then we assess it.",
    ]);
  });

  it("splits CJK text at its full stops and keeps table cells apart", () => {
    expect(splitSentences("我们会在48小时内回复。请不要公开。")).toHaveLength(2);
    const row = policy("| Version | Supported |\n| --- | --- |\n| 2.x | yes |").blocks.find((b) => b.kind === "tableRow" && !b.isHeader);
    expect(row && sentencesOf(row).map((s) => row.text.slice(s.start, s.end))).toEqual(["2.x", "yes"]);
  });
});

describe("negation", () => {
  const at = (text: string, phrase: string) => {
    const block = paragraph(text);
    const start = block.text.indexOf(phrase);
    return negatedAt(block, start, start + phrase.length);
  };

  it("turns a claim around within its sentence only", () => {
    expect(at("Please DON'T open an issue in public.", "open an issue")).toBe(true);
    expect(at("Do not wait. Open an issue when you find a bug.", "Open an issue")).toBe(false);
  });

  it("stops at a contrast and reads post-verb negations", () => {
    expect(at("Do not post details anywhere; instead open an issue marked private.", "open an issue")).toBe(false);
    expect(at("Bitte kein öffentliches Issue, sondern stattdessen eine E-Mail senden.", "E-Mail")).toBe(false);
    expect(at("公開の issue を作成しないでください。", "issue を作成")).toBe(true);
  });
});

describe("publish claims", () => {
  it("counts an advisory that is published, not one that is the reporting channel", () => {
    expect(policy("We publish a GitHub security advisory for every fix.").publishClaims).toHaveLength(1);
    expect(policy("Report vulnerabilities using GitHub Security Advisories.").publishClaims).toHaveLength(0);
  });

  it("counts a mention only with a time or the fix in the same sentence", () => {
    const mention = policy("We value responsible disclosure.");
    expect(mention.publishClaims).toHaveLength(0);
    expect(mention.disclosureMentions.map((m) => m.phrase)).toEqual(["responsible disclosure"]);
    expect(policy("Please do not disclose the issue until the fix has been released.").publishClaims).toHaveLength(1);
    expect(policy("Nous publierons les détails 90 jours après le signalement.").publishClaims).toHaveLength(1);
  });
});

describe("delegation", () => {
  it("takes a one-line pointer as the page holding the policy", () => {
    const p = policy("Please see https://tide.lanternfish.dev/security/");
    expect(p.pointer?.url).toBe("https://tide.lanternfish.dev/security/");
    expect(p.pointer?.policy).toBe(true);
  });

  it("is no pointer when the file has its own channel, or the link is general documentation", () => {
    expect(policy("Email security@lanternfish.dev. Our full policy is at https://tide.lanternfish.dev/security/.").pointer).toBeNull();
    expect(policy("Refer to [GitHub's docs](https://docs.github.com/en/issues) for instructions.").delegations).toHaveLength(0);
  });

  it("hands the versions on when the sentence is about them", () => {
    const [d] = policy("Supported versions are listed at https://tide.lanternfish.dev/releases/.").delegations;
    expect(d?.versions).toBe(true);
  });
});

describe("contact roles", () => {
  const roles = (body: string) =>
    Object.fromEntries(
      policy(body)
        .contacts.filter((c) => c.kind === "email")
        .map((c) => [c.value, c.role]),
    );

  it("tells report addresses from escalation, announcement, third-party and example ones", () => {
    expect(
      roles(
        [
          "Send reports to security@tide.dev.",
          "",
          "If you have not heard back in a week, write to lead@tide.dev.",
          "",
          "Subscribe to news@tide.dev for advisories.",
          "",
          "| Distribution | Contact |",
          "| --- | --- |",
          "| Debian | team@security.debian.org |",
          "",
          "For example, a report from jane@researcher.org would start with a summary.",
        ].join("\n"),
      ),
    ).toEqual({
      "security@tide.dev": "report",
      "lead@tide.dev": "escalation",
      "news@tide.dev": "announcement",
      "team@security.debian.org": "third-party",
      "jane@researcher.org": "example",
    });
  });

  it("does not take an ordinary word before the address for an example", () => {
    expect(roles("Send details such as logs and versions to security@tide.dev.")).toEqual({ "security@tide.dev": "report" });
  });
});

describe("addresses written to hide them", () => {
  const addresses = (text: string, code = false) => findEmails(text, () => code).map((e) => e.address);

  it("finds words for @ and dots, in the domain and the local part", () => {
    expect(addresses("write to security at tide dot org")).toEqual(["security@tide.org"]);
    expect(addresses("write to jane dot doe at tide dot org")).toEqual(["jane.doe@tide.org"]);
    expect(addresses("mail security[at]tide[dot com]")).toEqual(["security@tide.com"]);
  });

  it("takes a plain ` at ` only where it cannot be prose", () => {
    expect(addresses("we meet at tide.org")).toEqual([]);
    expect(addresses("johnsjiang at tencent.com", true)).toEqual(["johnsjiang@tencent.com"]);
  });
});

describe("a policy inside one fence", () => {
  it("is read as the markdown it holds, at its own offsets", () => {
    const source = "```markdown\n# Security Policy\n\nEmail security@lanternfish.dev.\n```\n";
    const p = buildPolicy(source);
    expect(p.fence?.lang).toBe("markdown");
    expect(p.sections.map((s) => s.title)).toEqual(["Security Policy"]);
    const email = p.contacts.find((c) => c.kind === "email");
    expect(email && source.slice(email.range.start, email.range.end)).toBe("security@lanternfish.dev");
  });

  it("leaves a fence among other content alone", () => {
    expect(buildPolicy("# Policy\n\n```markdown\n# Example\n```\n").fence).toBeNull();
  });
});
