/** Fixes: applying them in memory, writing them safely (src/io/fix.ts), and the CLI's --fix / --fix-dry-run / --format diff. */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes } from "../src/engine/apply-fixes.js";
import { lintTextAndFix } from "../src/index.js";
import { writeFixedText } from "../src/io/fix.js";
import { unifiedDiff } from "../src/format/diff.js";
import { type Run, runCli, tempRepo } from "./cli-run.js";
import { NOW, only } from "./helpers.js";

const GARBLED =
  "# Security Policy\n\n## âœ… Supported Versions\n\n| Version | Status |\n| --- | --- |\n| 2.x | ‚úÖ Supported |\n\nUpgrade: 1.x â†’ 2.x. Café stays café.\n";
const REPAIRED =
  "# Security Policy\n\n## ✅ Supported Versions\n\n| Version | Status |\n| --- | --- |\n| 2.x | ✅ Supported |\n\nUpgrade: 1.x → 2.x. Café stays café.\n";

const cli = (args: string[], cwd: string): Run => runCli(args, { cwd });

describe("applyFixes", () => {
  it("applies non-overlapping fixes from the end and skips overlaps", () => {
    const r = applyFixes("abcdef", [
      { range: { start: 4, end: 6 }, text: "EF" },
      { range: { start: 0, end: 2 }, text: "AB" },
      { range: { start: 1, end: 3 }, text: "xx" },
    ]);
    expect(r.output).toBe("ABcdEF");
    expect(r.skipped).toHaveLength(1);
  });
});

describe("lintTextAndFix", () => {
  it("repairs mojibake and reports what remains", async () => {
    const result = await lintTextAndFix(GARBLED, { config: only("no-mojibake"), now: NOW });
    expect(result.output).toBe(REPAIRED);
    expect(result.originalSource).toBe(GARBLED);
    expect(result.findings).toEqual([]);
  });

  it("leaves output unset when nothing is fixable", async () => {
    const result = await lintTextAndFix(REPAIRED, { config: only("no-mojibake"), now: NOW });
    expect(result.output).toBeUndefined();
  });
});

describe("writeFixedText", () => {
  it("keeps the byte order mark, CRLF line endings and the file mode", () => {
    const dir = tempRepo();
    const file = path.join(dir, "SECURITY.md");
    const crlf = (s: string): string => s.replace(/\n/g, "\r\n");
    writeFileSync(file, `\uFEFF${crlf(GARBLED)}`);
    chmodSync(file, 0o640);
    const at = crlf(GARBLED).indexOf("âœ…");
    const fixed = applyFixes(crlf(GARBLED), [{ range: { start: at, end: at + 3 }, text: "✅" }]).output;
    expect(writeFixedText(file, crlf(GARBLED), fixed, dir)).toEqual({ status: "written", path: file });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(fixed);
    expect(fixed).toContain("## ✅ Supported Versions\r\n");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a file that changed since it was linted", () => {
    const dir = tempRepo();
    const file = path.join(dir, "SECURITY.md");
    writeFileSync(file, `${GARBLED}edited\n`);
    expect(writeFixedText(file, GARBLED, REPAIRED, dir).status).toBe("refused");
    expect(readFileSync(file, "utf8")).toBe(`${GARBLED}edited\n`);
  });

  it("refuses a symlink that leads out of the linted tree, follows one inside it", () => {
    const outside = tempRepo();
    const target = path.join(outside, "policy.md");
    writeFileSync(target, GARBLED);
    const dir = tempRepo();
    symlinkSync(target, path.join(dir, "SECURITY.md"));
    const refused = writeFixedText(path.join(dir, "SECURITY.md"), GARBLED, REPAIRED, dir);
    expect(refused.status).toBe("refused");
    expect(readFileSync(target, "utf8")).toBe(GARBLED);

    writeFileSync(path.join(dir, "real.md"), GARBLED);
    symlinkSync(path.join(dir, "real.md"), path.join(dir, "link.md"));
    expect(writeFixedText(path.join(dir, "link.md"), GARBLED, REPAIRED, dir).status).toBe("written");
    expect(readFileSync(path.join(dir, "real.md"), "utf8")).toBe(REPAIRED);
  });

  it("refuses bytes that are not UTF-8 rather than rewrite them", () => {
    const dir = tempRepo();
    const file = path.join(dir, "SECURITY.md");
    writeFileSync(file, Buffer.concat([Buffer.from("# Policy caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    expect(writeFixedText(file, "# Policy caf\uFFFD\n", "# Policy café\n", dir).status).toBe("refused");
  });
});

describe("unifiedDiff", () => {
  it("shows only the changed lines with three lines of context", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].join("\n") + "\n";
    const after = before.replace("e", "E");
    expect(unifiedDiff(before, after, "SECURITY.md")).toBe(
      "--- a/SECURITY.md\n+++ b/SECURITY.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
    );
    expect(unifiedDiff(before, before, "SECURITY.md")).toBe("");
  });
});

describe("the CLI", () => {
  it("--fix writes the repair, reports what remains, and a second run changes nothing", () => {
    const dir = tempRepo();
    writeFileSync(path.join(dir, "SECURITY.md"), GARBLED);
    const first = cli(["--fix", "--rule", "no-mojibake=error", "--format", "json"], dir);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(REPAIRED);
    const report = JSON.parse(first.stdout) as Array<{ messages: Array<{ ruleId: string }>; output?: string }>;
    expect(report[0]?.messages.map((m) => m.ruleId)).not.toContain("no-mojibake");
    expect(report[0]?.output).toBe(REPAIRED);
    const second = cli(["--fix"], dir);
    expect(second.stderr).toBe("");
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(REPAIRED);
  });

  it("--fix-dry-run reports what would remain in every format, JSON with the fixed text as output, and writes nothing", () => {
    const dir = tempRepo();
    writeFileSync(path.join(dir, "SECURITY.md"), GARBLED);
    const before = cli([], dir);
    expect(before.stdout).toMatch(/no-mojibake/);
    const stylish = cli(["--fix-dry-run"], dir);
    expect(stylish.stdout).not.toMatch(/no-mojibake/);
    const [json] = JSON.parse(cli(["--fix-dry-run", "--format", "json"], dir).stdout) as {
      output?: string;
      messages: { ruleId: string }[];
    }[];
    expect(json?.output).toBe(REPAIRED);
    expect(json?.messages.map((m) => m.ruleId)).not.toContain("no-mojibake");
    // Without --fix-dry-run, JSON has no output (nothing was fixed).
    expect(JSON.parse(cli(["--format", "json"], dir).stdout)[0].output).toBeUndefined();
    const sarif = JSON.parse(cli(["--fix-dry-run", "--format", "sarif"], dir).stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).not.toContain("no-mojibake");
    const diff = cli(["--fix-dry-run", "--format", "diff"], dir).stdout;
    // --format diff alone is a dry run too: the same diff, nothing written.
    expect(cli(["--format", "diff"], dir).stdout).toBe(diff);
    expect(diff).toContain("-## âœ… Supported Versions\n+## ✅ Supported Versions\n");
    // Three changed lines, each once removed and once added; nothing else.
    expect(diff.split("\n").filter((l) => /^[-+](?![-+]{2} [ab]\/)/.test(l))).toHaveLength(6);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(GARBLED);
  });

  it("refuses --fix together with --fix-dry-run, and a symlink out of the tree, with exit code 2", () => {
    const outside = tempRepo();
    writeFileSync(path.join(outside, "policy.md"), GARBLED);
    const dir = tempRepo();
    symlinkSync(path.join(outside, "policy.md"), path.join(dir, "SECURITY.md"));
    expect(cli(["--fix", "--fix-dry-run"], dir).code).toBe(2);
    const r = cli(["--fix", "SECURITY.md"], dir);
    expect(r.code).toBe(2);
    // The link is refused before it is read, so there is nothing to fix or write.
    expect(r.stdout).toMatch(/symbolic link resolves outside .*, refused/);
    expect(readFileSync(path.join(outside, "policy.md"), "utf8")).toBe(GARBLED);
    expect(existsSync(path.join(dir, "SECURITY.md"))).toBe(true);
  });
});

describe("writeFixedText and linked folders", () => {
  it("refuses a file reached through a linked folder that leads out of the tree", () => {
    const outside = tempRepo();
    writeFileSync(path.join(outside, "SECURITY.md"), GARBLED);
    const dir = tempRepo();
    symlinkSync(outside, path.join(dir, "docs"));
    expect(writeFixedText(path.join(dir, "docs", "SECURITY.md"), GARBLED, REPAIRED, dir).status).toBe("refused");
    expect(readFileSync(path.join(outside, "SECURITY.md"), "utf8")).toBe(GARBLED);
  });
});
