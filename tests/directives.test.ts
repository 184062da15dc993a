/** Inline `secpolicy-lint-disable` comments: what they turn off, and what is reported about them. */
import { describe, expect, it } from "vitest";
import { preset } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import { GOOD, PLACEHOLDER } from "./cli-run.js";
import { describe as line, NOW } from "./helpers.js";

async function run(text: string, extra: { reportUnusedDisables?: "warn" | "error"; noInlineConfig?: boolean } = {}) {
  return lintText(text, { config: { rules: preset("recommended"), sources: [], ...extra }, now: NOW, filePath: "SECURITY.md" });
}

describe("inline directives", () => {
  it("a policy with a placeholder reports it without directives", async () => {
    const r = await run(PLACEHOLDER);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("disable-next-line turns off the named rule on the next line only, and keeps the finding as suppressed", async () => {
    const text = PLACEHOLDER.replace(
      "Email security@example.com",
      "<!-- secpolicy-lint-disable-next-line no-placeholder-contact -- template repository -->\nEmail security@example.com",
    );
    const r = await run(text);
    expect(r.findings).toEqual([]);
    expect(r.errorCount).toBe(0);
    expect(r.suppressedFindings?.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("disable-next-line on another rule leaves the finding", async () => {
    const text = PLACEHOLDER.replace(
      "Email security@example.com",
      "<!-- secpolicy-lint-disable-next-line consistent-contacts -->\nEmail security@example.com",
    );
    expect((await run(text)).findings.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("disable ... enable covers the region between the comments", async () => {
    const inside = PLACEHOLDER.replace(
      "## Reporting a Vulnerability",
      "<!-- secpolicy-lint-disable -->\n\n## Reporting a Vulnerability",
    ).replace("## Disclosure Process", "<!-- secpolicy-lint-enable -->\n\n## Disclosure Process");
    expect((await run(inside)).findings).toEqual([]);
    const before = PLACEHOLDER.replace(
      "## Disclosure Process",
      "<!-- secpolicy-lint-disable no-placeholder-contact -->\n\n## Disclosure Process",
    );
    expect((await run(before)).findings.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("disable-file turns a rule off everywhere, including findings at the top of the file", async () => {
    const text = `<!-- secpolicy-lint-disable-file require-disclosure-process -->\n${GOOD.replace(/## Disclosure Process\n\n.*\n/, "")}`;
    expect((await run(GOOD.replace(/## Disclosure Process\n\n.*\n/, ""))).findings.map((f) => f.ruleId)).toEqual([
      "require-disclosure-process",
    ]);
    expect((await run(text)).findings).toEqual([]);
  });

  it("disable-line covers the line the comment is on", async () => {
    const text = PLACEHOLDER.replace(
      "Email security@example.com.",
      "Email security@example.com. <!-- secpolicy-lint-disable-line no-placeholder-contact -->",
    );
    const r = await run(text);
    expect(r.findings).toEqual([]);
    expect(r.suppressedFindings).toHaveLength(1);
  });

  it("a misspelt directive is a finding, not silently ignored", async () => {
    const r = await run(`<!-- secpolicy-lint-disabled no-placeholder-contact -->\n${PLACEHOLDER}`);
    expect(r.findings.map(line)).toEqual([
      "1:6-1:29 inline-config Unexpected directive `secpolicy-lint-disabled`, expected `secpolicy-lint-disable`, `-enable`, `-disable-line`, `-disable-next-line` or `-disable-file`",
      "12:7-12:27 no-placeholder-contact Unexpected placeholder address `security@example.com` (`example.com` is reserved by RFC 2606), expected the project's real security contact",
    ]);
  });

  it("an unknown rule id is a finding at the id", async () => {
    const r = await run(`<!-- secpolicy-lint-disable-file no-such-rule -->\n${GOOD}`);
    expect(r.findings.map(line)).toEqual([
      "1:34-1:46 inline-config Unexpected unknown rule `no-such-rule` in `secpolicy-lint-disable-file` comment, expected a rule id listed by `secpolicy-lint rules`",
    ]);
    expect(r.errorCount).toBe(1);
  });

  it("reports unused directives only when asked", async () => {
    const text = `<!-- secpolicy-lint-disable-next-line no-placeholder-contact -->\n${GOOD}`;
    expect((await run(text)).findings).toEqual([]);
    const r = await run(text, { reportUnusedDisables: "warn" });
    expect(r.findings.map(line)).toEqual([
      "1:39-1:61 inline-config Unexpected unused `secpolicy-lint-disable-next-line` comment, expected a `no-placeholder-contact` finding to suppress",
    ]);
    expect(r.warningCount).toBe(1);
  });

  it("--no-inline-config ignores every directive", async () => {
    const text = `<!-- secpolicy-lint-disable -->\n${PLACEHOLDER}`;
    expect((await run(text)).findings).toEqual([]);
    expect((await run(text, { noInlineConfig: true })).findings.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });

  it("a directive shown in a code block is not a directive", async () => {
    const text = `${PLACEHOLDER}\n\`\`\`markdown\n<!-- secpolicy-lint-disable -->\n\`\`\`\n`;
    expect((await run(text)).findings.map((f) => f.ruleId)).toEqual(["no-placeholder-contact"]);
  });
});
