/** `secpolicy-lint init`'s policy passes every recommended rule, whatever the answers. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { parseVersions, renderInsights, renderPolicy, versionsFromPackage } from "../src/cli/init-template.js";
import { parseSecurityInsights, type SecurityInsights } from "../src/policy/formats/security-insights.js";
import * as yaml from "yaml";
import { describe as line, NOW } from "./helpers.js";

describe("init template", () => {
  const cases = [
    { email: "security@lanternfish.dev", versions: ["2.x", "1.x"], ackDays: 3 },
    { pvrSlug: "lanternfish/lamp", versions: ["0.4.x"], ackDays: 14, projectName: "lamp" },
    { email: "sec@corvid.io", pvrSlug: "corvid/nest", versions: ["5.x"], ackDays: 1 },
  ];
  for (const answers of cases) {
    it(`passes the recommended rules: ${JSON.stringify(answers)}`, async () => {
      const text = renderPolicy(answers);
      const r = await lintText(text, { now: NOW, filePath: "SECURITY.md" });
      expect(r.findings.map(line)).toEqual([]);
    });
  }

  for (const answers of cases) {
    it(`writes a Security Insights file that agrees with the policy: ${JSON.stringify(answers)}`, async () => {
      const slug = answers.pvrSlug ?? "lanternfish/lamp";
      const insights = renderInsights(answers, { slug, date: "2026-11-20" });
      const si = parseSecurityInsights(insights, yaml) as SecurityInsights;
      expect(si.major).toBe(2);
      expect(si.reportsAccepted?.value).toBe(true);
      expect(si.emails.map((e) => e.value)).toEqual(answers.email ? [answers.email] : []);
      const repository = { root: "/repo", slug, securityInsights: [{ path: "SECURITY-INSIGHTS.yml", text: insights }] };
      const r = await lintText(renderPolicy(answers), { now: NOW, filePath: "/repo/SECURITY.md", repository });
      expect(r.findings.map(line)).toEqual([]);
    });
  }

  it("quotes what it writes into the YAML, so a project name cannot add fields", () => {
    const insights = renderInsights(
      { email: "a@b.dev", versions: ["1.x"], ackDays: 3, projectName: 'x"\nheader: {}' },
      { slug: "a/b", date: "2026-11-20" },
    );
    const si = parseSecurityInsights(insights, yaml) as SecurityInsights;
    expect(si.major).toBe(2);
    expect(yaml.parse(insights).project.name).toBe('x"\nheader: {}');
  });

  it("needs a contact and a version", () => {
    expect(() => renderPolicy({ versions: ["1.x"], ackDays: 3 })).toThrow(/contact/);
    expect(() => renderPolicy({ email: "a@b.dev", versions: [], ackDays: 3 })).toThrow(/version/);
  });

  it("reads release lines from a package version and from --versions", () => {
    expect(versionsFromPackage("2.4.1")).toEqual(["2.x"]);
    expect(versionsFromPackage("0.3.0")).toEqual(["0.3.x"]);
    expect(versionsFromPackage("next")).toBeNull();
    expect(parseVersions("2.x, 1.x,")).toEqual(["2.x", "1.x"]);
  });
});
