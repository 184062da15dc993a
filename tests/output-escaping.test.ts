/**
 * One escaping path for every byte of output: fix previews (`--fix-dry-run` in every format, `--fix
 * --format diff`), file names and rule ids go through the escaper that findings go through, and that
 * escaper leaves no Unicode format character (category Cf) and no control character raw.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeBlock, escapeForTerminal, escapeLine, escapeLineStart, jsonLineSafe } from "../src/format/escape.js";
import { formatters } from "../src/format/index.js";
import type { LintResult } from "../src/types.js";
import { GOOD, requireBuild, runCli, tempRepo } from "./cli-run.js";

beforeAll(() => requireBuild());

/** Every code point of the Unicode category Cf (format characters) this Node knows. */
const FORMAT_CHARACTERS: string[] = [];
for (let c = 0; c <= 0x10ffff; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const s = String.fromCodePoint(c);
  if (/\p{Cf}/u.test(s)) FORMAT_CHARACTERS.push(s);
}

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|\p{Cf}/u;
/** What log readers may take as a line break. */
const BREAKS = /\r\n|\r|\n|\u0085|\u2028|\u2029/;

function noCommandLines(text: string): void {
  for (const line of text.split(BREAKS)) expect(line.trim().startsWith("::"), JSON.stringify(line)).toBe(false);
}

describe("the escaper", () => {
  it("shows every format character (Cf), U+061C among them, as an escape", () => {
    expect(FORMAT_CHARACTERS.length).toBeGreaterThan(150);
    expect(FORMAT_CHARACTERS).toContain("\u061c");
    for (const c of FORMAT_CHARACTERS) {
      const hex = (c.codePointAt(0) as number).toString(16);
      for (const escape of [escapeForTerminal, escapeLine, escapeLineStart, escapeBlock]) {
        const out = escape(`a${c}b`);
        expect(RAW.test(out), `U+${hex} left raw`).toBe(false);
        expect(out).toContain(hex);
      }
      // JSON keeps the value and shows the character as \u escapes.
      const json = jsonLineSafe(JSON.stringify(`a${c}b`));
      expect(RAW.test(json), `U+${hex} raw in JSON`).toBe(false);
      expect(JSON.parse(json)).toBe(`a${c}b`);
    }
  });

  it("prints the Arabic letter mark escaped in stylish and github output", () => {
    const result: LintResult = {
      filePath: "/r/SECURITY.md",
      displayPath: "\u061cSECURITY.md",
      findings: [
        {
          ruleId: "no-template-text",
          severity: "error",
          message: "Unexpected `\u061c\u2066x`",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          range: { start: 0, end: 1 },
          docsUrl: "u",
        },
      ],
      errorCount: 1,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      source: "",
    };
    for (const name of ["stylish", "github", "json", "sarif"]) {
      const out = formatters[name]?.([result], { color: false, cwd: "/r" }) ?? "";
      expect(RAW.test(out), name).toBe(false);
    }
  });

  it("a block keeps its line breaks and tabs, and no line of it starts a workflow command", () => {
    expect(escapeBlock("a\tb\n  ::error::x\r\n::add-mask::y\rz")).toBe("a\tb\n  \\x3a:error::x\r\n\\x3a:add-mask::y\\rz");
  });
});

const ESC = "\u001b";
/** A policy with a fixable defect (mojibake) and, around it, lines that would act if printed raw. */
const HOSTILE = `${GOOD}
Weâ€™re grateful.

::error file=x,line=1::forged
::add-mask::secret
  ::warning::indented
${ESC}]52;c;ZWNobyBwd25lZA==\u0007 clipboard
${ESC}[2J cleared \u061c\u202e
`;

function hostileRepo(text = HOSTILE, name = "SECURITY.md"): string {
  return tempRepo({ [name]: text });
}

describe("fix previews", () => {
  for (const format of ["stylish", "json", "github", "sarif", "diff"]) {
    it(`--fix-dry-run --format ${format} prints nothing raw`, () => {
      const dir = hostileRepo();
      const r = runCli(["--fix-dry-run", "--format", format, "SECURITY.md"], { cwd: dir });
      expect(r.stdout.length).toBeGreaterThan(0);
      // The github format's own annotations are the only command lines, one per finding, none from the file.
      noCommandLines(
        format === "github"
          ? r.stdout.replace(
              /^::(?:error|warning) file=SECURITY\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\n]*$/gm,
              "",
            )
          : r.stdout,
      );
      expect(RAW.test(r.stdout.replace(/\r\n/g, "\n")), JSON.stringify(r.stdout.match(RAW))).toBe(false);
      expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toBe(HOSTILE);
    });
  }

  it("--fix --format diff prints nothing raw, and the file is still fixed", () => {
    const dir = hostileRepo();
    const r = runCli(["--fix", "--format", "diff", "SECURITY.md"], { cwd: dir });
    expect(r.stdout).toContain("We’re grateful");
    noCommandLines(r.stdout);
    expect(RAW.test(r.stdout)).toBe(false);
    expect(readFileSync(path.join(dir, "SECURITY.md"), "utf8")).toContain("We’re grateful.\n\n::error file=x");
  });

  it("a file with CR line ends cannot start a command after a carriage return", () => {
    const dir = hostileRepo(HOSTILE.replace(/\n/g, "\r"));
    for (const args of [["--fix-dry-run"], ["--fix-dry-run", "--format", "diff"]]) {
      const r = runCli([...args, "SECURITY.md"], { cwd: dir });
      noCommandLines(r.stdout);
    }
  });

  it("several files: the report and the diff headers escape the file names", () => {
    const dir = tempRepo({ "a.md": HOSTILE, "\u202e::error::b.md": HOSTILE });
    for (const format of ["stylish", "diff"]) {
      const r = runCli(["--fix-dry-run", "--format", format, "a.md", "\u202e::error::b.md"], { cwd: dir });
      noCommandLines(r.stdout);
      expect(RAW.test(r.stdout)).toBe(false);
      expect(r.stdout).toContain("\\u{202e}::error::b.md");
    }
  });
});
