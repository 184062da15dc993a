/** Security Insights files: read as data, checked against the fields the rule reads, compared with the policy. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as yaml from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { findArmorBlocks, inspectKey, type ArmorBlock } from "../src/policy/formats/pgp.js";
import { type InsightsProblem, parseSecurityInsights, type SecurityInsights } from "../src/policy/formats/security-insights.js";
import { buildPolicy } from "../src/policy/model.js";
import { loadRepository } from "../src/io/repository.js";
import { NOW, REPOS, ROOT } from "./helpers.js";

const parse = (text: string): SecurityInsights | InsightsProblem => parseSecurityInsights(text, yaml);
const V2 = readFileSync(path.join(REPOS, "insights-v2", "SECURITY-INSIGHTS.yml"), "utf8");

describe("parseSecurityInsights", () => {
  it("reads the 2.x fields with their lines", () => {
    const si = parse(V2) as SecurityInsights;
    expect(si.major).toBe(2);
    expect(si.reportsAccepted).toEqual({ value: true, line: 17, field: "project.vulnerability-reporting.reports-accepted" });
    expect(si.emails.map((e) => `${e.line} ${e.value}`)).toEqual(["23 security@tidewater.dev"]);
    expect(si.policyUrls.map((u) => u.value)).toEqual(["https://github.com/tidewater-tools/tidewater/blob/main/SECURITY.md"]);
    expect(si.bugBountyAvailable?.value).toBe(true);
    expect(si.lastReviewed?.value).toBe("2026-09-15");
  });

  it("reads the 1.x fields, every email contact", () => {
    const si = parse(readFileSync(path.join(REPOS, "insights-v1", ".github", "security-insights.yml"), "utf8")) as SecurityInsights;
    expect(si.major).toBe(1);
    expect(si.emails.map((e) => e.field)).toEqual(["security-contacts[0].value", "vulnerability-reporting.email-contact"]);
    expect(si.reportsAccepted?.field).toBe("vulnerability-reporting.accepts-vulnerability-reports");
    expect(si.pgpKey?.value).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    expect(si.expirationDate?.value).toBe("2027-03-01T00:00:00.000Z");
  });

  it("gives one problem, with its line, for a file it cannot read", () => {
    expect(parse("")).toMatchObject({ kind: "missing", field: "header.schema-version", line: 1 });
    expect(parse("- a\n- b\n")).toMatchObject({ kind: "missing", field: "header.schema-version" });
    expect(parse("header:\n  schema-version: 3.0.0\n")).toMatchObject({ kind: "version", line: 2 });
    expect(parse("header: {schema-version: 2.0.0\n")).toMatchObject({ kind: "yaml" });
    expect(parse("a: 1\n---\nb: 2\n")).toMatchObject({ kind: "yaml" });
    expect(parse("a: 1\na: 2\n")).toMatchObject({ kind: "yaml", line: 2 });
    expect(parse(V2.replace("reports-accepted: true", "reports-accepted: yes"))).toEqual({
      kind: "invalid",
      field: "project.vulnerability-reporting.reports-accepted",
      expected: "`true` or `false`",
      line: 17,
    });
    expect(parse(V2.replace("    reports-accepted: true\n", ""))).toMatchObject({
      kind: "missing",
      field: "project.vulnerability-reporting.reports-accepted",
    });
    expect(parse(V2.replace('last-reviewed: "2026-09-15"', "last-reviewed: last week"))).toMatchObject({
      kind: "invalid",
      field: "header.last-reviewed",
      line: 5,
    });
  });

  it("never runs or expands what the file asks for: tags stay data, alias bombs are refused", () => {
    expect(() => parse(`header:\n  schema-version: !!js/function "function () { return 1 }"\n`)).not.toThrow();
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n");
    expect(parse(`${bomb}\nheader:\n  schema-version: 2.0.0\n`)).toMatchObject({ kind: "yaml" });
  });
});

const temp = mkdtempSync(path.join(tmpdir(), "secpolicy-insights-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function repo(name: string, from?: string): string {
  const dir = path.join(temp, name);
  if (from) cpSync(path.join(REPOS, from), dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"), { recursive: true });
  return dir;
}

async function findings(dir: string): Promise<string[]> {
  const [result] = await lint([dir], { now: NOW, ruleOverrides: ["consistent-security-insights=warn"] });
  expect(result?.fatal).toBeUndefined();
  return (result?.findings ?? []).filter((f) => f.ruleId === "consistent-security-insights").map((f) => `${f.line} ${f.message}`);
}

describe("consistent-security-insights in a repository", () => {
  it("finds the file at the root before .github/, any case and extension", () => {
    const dir = repo("both");
    mkdirSync(path.join(dir, ".github"));
    writeFileSync(path.join(dir, ".github", "security-insights.yml"), "header: {}\n");
    writeFileSync(path.join(dir, "Security-Insights.yaml"), "header: {}\n");
    writeFileSync(path.join(dir, "security-insights.json"), "{}\n");
    expect(loadRepository(dir).securityInsights?.map((f) => f.path)).toEqual(["Security-Insights.yaml", ".github/security-insights.yml"]);
  });

  it("compares the fingerprint of an armored 1.x `pgp-key` with the policy's key", async () => {
    const key = readFileSync(path.join(ROOT, "fixtures", "keys", "valid-key.asc"), "utf8");
    const info = await inspectKey(findArmorBlocks(key)[0] as ArmorBlock);
    const fingerprint = (info as { fingerprint: string }).fingerprint;
    const dir = repo("v1-key", "insights-v1");
    const policy = (fp: string) =>
      `# Security Policy\n\n## Reporting a Vulnerability\n\nEmail security@fixture-project.org, key fingerprint \`${fp}\`.\n`;
    writeFileSync(path.join(dir, "SECURITY.md"), policy(fingerprint));
    expect(await findings(dir)).toEqual([]);
    writeFileSync(path.join(dir, "SECURITY.md"), policy("0A6E51C3D8F27B941E05C6A83D729F14B5E06C38"));
    expect(await findings(dir)).toEqual([
      `5 Unexpected \`vulnerability-reporting.pgp-key\` \`${fingerprint}\` in \`.github/security-insights.yml\` at line 26, expected the key this policy gives (\`0A6E51C3D8F27B941E05C6A83D729F14B5E06C38\`)`,
    ]);
  });

  it("compares a key URL with the policy's key links", async () => {
    const dir = repo("key-url", "insights-website");
    const file = path.join(dir, "SECURITY-INSIGHTS.yml");
    writeFileSync(file, `${readFileSync(file, "utf8")}    pgp-key: https://tidewater.dev/keys/security.asc\n`);
    const policy = (url: string) =>
      `# Security Policy\n\nOur policy can be found on our website: [tidewater.dev/security](https://tidewater.dev/security).\nEncrypt reports to [our PGP key](${url}).\n`;
    writeFileSync(path.join(dir, "SECURITY.md"), policy("https://tidewater.dev/keys/security.asc"));
    expect(await findings(dir)).toEqual([]);
    writeFileSync(
      path.join(dir, "SECURITY.md"),
      policy("https://keys.openpgp.org/vks/v1/by-fingerprint/0A6E51C3D8F27B941E05C6A83D729F14B5E06C38"),
    );
    expect(await findings(dir)).toEqual([
      "4 Unexpected `project.vulnerability-reporting.pgp-key` `https://tidewater.dev/keys/security.asc` in `SECURITY-INSIGHTS.yml` at line 12, expected the key this policy gives (`https://keys.openpgp.org/vks/v1/by-fingerprint/0A6E51C3D8F27B941E05C6A83D729F14B5E06C38`)",
    ]);
  });

  it("reports nothing without a Security Insights file, and one finding (never a crash) for a binary or broken one", async () => {
    const dir = repo("broken");
    writeFileSync(path.join(dir, "SECURITY.md"), "# Security Policy\n\nEmail security@tidewater.dev.\n");
    expect(await findings(dir)).toEqual([]);
    writeFileSync(path.join(dir, "SECURITY-INSIGHTS.yml"), "header:\n\tschema-version: 2.0.0\n");
    const found = await findings(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^1 Unexpected malformed YAML in `SECURITY-INSIGHTS\.yml` at line 2 \(.+\), expected a Security Insights file tools can read$/,
    );
    writeFileSync(path.join(dir, "SECURITY-INSIGHTS.yml"), Buffer.from([0x68, 0x00, 0x01, 0x02]));
    expect(await findings(dir)).toEqual([]);
  });
});

describe("the policy's bug bounty", () => {
  const bounty = (text: string) => {
    const b = buildPolicy(text).bounty;
    return b && { offered: b.offered, text: text.slice(b.range.start, b.range.end) };
  };
  it("is the first mention of a bounty, offered unless its sentence says there is none", () => {
    expect(bounty("# Security\n\nValid reports earn a bounty.\n")).toEqual({ offered: true, text: "bounty" });
    expect(bounty("# Security\n\nWe do not run a bug bounty.\n")).toEqual({ offered: false, text: "bug bounty" });
    expect(bounty("# Security\n\nEmail security@tidewater.dev.\n")).toBeNull();
  });
  it("counts a link to a bounty platform, and a disclosure programme on a mixed platform only when it says bounty", () => {
    expect(bounty("# Security\n\nReport on [Immunefi](https://immunefi.com/tidewater).\n")).toMatchObject({ offered: true });
    expect(bounty("# Security\n\nReport through [HackerOne](https://hackerone.com/tidewater/reports/new).\n")).toBeNull();
    expect(bounty("# Security\n\nReport through [HackerOne](https://hackerone.com/tidewater-bounty).\n")).toMatchObject({ offered: true });
  });
});
