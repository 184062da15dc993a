/**
 * Output injection: text from a linted file (its content, its name, the messages that quote it) must not
 * act on the terminal or the CI runner. Runs over every formatter in the registry, so formats added later
 * are held to the same line.
 */
import { describe as group, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { formatters } from "../src/format/index.js";
import type { LintResult } from "../src/types.js";
import { NOW } from "./helpers.js";
import { GOOD, runCli, tempRepo } from "./cli-run.js";

const ESC = "\u001b";
/** Workflow commands, terminal escapes, C1 controls and bidi overrides, each at the start of a line. */
const HOSTILE = [
  "::error file=x,line=1::pwned",
  "::add-mask::secret",
  "::stop-commands::token",
  `${ESC}]0;title${ESC}\\`,
  `${ESC}[2J${ESC}[31mred`,
  "\u009b31mcsi",
  "\u0085next line",
  "\u202eevil\u202c",
  "\u2066isolate\u2069",
  "\u2028::line-separator",
  "\r::carriage-return",
  "%0A::encoded",
].join("\n");

const POLICY = `# Security Policy\n\n${HOSTILE}\n\n## Reporting\n\nMail security@example.com\n${HOSTILE}\n::warning::x <security@${ESC}[31mother.org>\n`;

/** Characters that must never reach the output raw (LF and TAB are the formatters' own). */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

async function hostileResults(): Promise<LintResult[]> {
  const linted = await lintText(POLICY, { filePath: `/repo/${HOSTILE}/SECURITY.md`, displayPath: `${HOSTILE}/SECURITY.md`, now: NOW });
  expect(linted.findings.length).toBeGreaterThan(0);
  // Findings whose messages quote hostile text, as a rule quoting a file value would.
  const quoting: LintResult = {
    ...linted,
    findings: linted.findings.map((f) => ({ ...f, message: `${f.message} \`${HOSTILE}\`` })),
  };
  const fatal: LintResult = { ...linted, findings: [], errorCount: 0, warningCount: 0, fatal: `cannot read (${HOSTILE})` };
  return [linted, quoting, fatal];
}

/** A workflow command the github format writes itself: its properties hold no raw `:` or `,` (they are %-escaped). */
const OWN_COMMAND = /^::(?:error|warning|notice) file=[^:\n]*::[^\n]*$/;

function checkOutput(name: string, output: string): void {
  for (const line of output.split("\n")) {
    // The github format's own lines are commands; no other line, and no text from the file, may be one.
    const ownCommand = name.includes("github") && OWN_COMMAND.test(line);
    expect(line.trimStart().startsWith("::") && !ownCommand, `${name}: a line begins with :: -> ${JSON.stringify(line)}`).toBe(false);
    expect(UNSAFE.test(line), `${name}: raw control character in ${JSON.stringify(line)}`).toBe(false);
  }
}

group("every formatter", () => {
  for (const [name, formatter] of Object.entries(formatters)) {
    it(`${name}: no line begins with :: and no control, escape or bidi character is printed raw`, async () => {
      const results = await hostileResults();
      for (const color of [false, true]) {
        const output = formatter(results, { color, cwd: "/repo" });
        if (color) {
          // Colour adds the formatter's own SGR sequences; strip exactly those and check the rest.

          checkOutput(name, output.replace(/\u001b\[[0-9;]*m/g, ""));
        } else {
          checkOutput(name, output);
        }
      }
    });
  }

  it("json keeps the exact values: the escapes decode back to the file's text", async () => {
    const results = await hostileResults();
    const parsed = JSON.parse(formatters.json?.(results, { color: false, cwd: "/repo" }) ?? "") as {
      filePath: string;
      messages: { message: string }[];
    }[];
    expect(parsed[0]?.filePath).toBe(`/repo/${HOSTILE}/SECURITY.md`);
    expect(parsed[1]?.messages[0]?.message).toContain(HOSTILE);
  });

  it("stylish shows escape sequences as visible escapes", async () => {
    const output = formatters.stylish?.(await hostileResults(), { color: false, cwd: "/repo" }) ?? "";
    expect(output).toContain("\\x1b[2J\\x1b[31mred");
    expect(output).toContain("\\u{202e}evil");
    expect(output).toContain("\\n::add-mask::secret");
    expect(output).toContain("\\x3a:error file=x,line=1::pwned\\n");
  });
});

group("the CLI", () => {
  it("prints a hostile file name and hostile content safely in every format", () => {
    const dir = tempRepo({ [`${"\u001b[2J::error::x"}/SECURITY.md`]: `${GOOD}\n${HOSTILE}\n` });
    for (const format of Object.keys(formatters)) {
      const r = runCli(["--format", format, "\u001b[2J::error::x"], { cwd: dir });
      expect(r.code, format).toBe(1);
      checkOutput(`cli ${format}`, r.stdout);
      checkOutput(`cli ${format} stderr`, r.stderr);
    }
  });

  it("escapes configuration text quoted in an error message", () => {
    const dir = tempRepo({ "SECURITY.md": GOOD, ".secpolicylintrc.json": `{"rules": {"\u001b[2J\\n::error::x": "error"}}` });
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(2);
    checkOutput("config error", r.stderr);
  });
});
