/** valid-links needs the repository's slug, which the fixture test does not give: checked here. */
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { NOW, only } from "./helpers.js";

const policy =
  "# Security\n\n## Reporting\n\nUse [private vulnerability reporting](https://github.com/lumen-cms/lumen/security/advisories/new).\n";

async function messages(slug: string | null): Promise<string[]> {
  const result = await lintText(policy, { config: only("valid-links"), now: NOW, repository: { root: null, slug } });
  return result.findings.map((f) => f.message);
}

describe("valid-links and the repository", () => {
  it("reports a private vulnerability reporting link to another repository", async () => {
    expect(await messages("lumen-cms/lumen-docs")).toEqual([
      "Unexpected private vulnerability reporting link to `lumen-cms/lumen`, expected this repository `lumen-cms/lumen-docs`",
    ]);
  });

  it("accepts this repository (any case), an organisation's .github repository, and an unknown repository", async () => {
    expect(await messages("Lumen-CMS/Lumen")).toEqual([]);
    expect(await messages("lumen-cms/.github")).toEqual([]);
    expect(await messages(null)).toEqual([]);
  });
});
