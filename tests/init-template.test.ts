/** `secpolicy-lint init`'s policy passes every recommended rule, whatever the answers. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { parseVersions, renderPolicy, versionsFromPackage } from "../src/init/template.js";
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
