/** The sarif and github formats: valid SARIF 2.1.0, toolkit escaping, and no workflow command from file content. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import AjvDraft04 from "ajv-draft-04";
import AjvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { preset } from "../src/config/schema.js";
import { lintText } from "../src/index.js";
import { escapeData, escapeProperty } from "../src/format/github.js";
import { formatters } from "../src/format/index.js";
import type { LintResult } from "../src/types.js";
import { NOW, ROOT } from "./helpers.js";

const require = createRequire(import.meta.url);
/** The SARIF 2.1.0 schema as Microsoft's sarif-js-sdk ships it (@microsoft/jest-sarif). */
// Both are CommonJS modules whose export is under `default`.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;
const SARIF_SCHEMA = JSON.parse(
  readFileSync(
    path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json"),
    "utf8",
  ),
) as object;

const POLICY = `# Security Policy

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 1.x     | ✅        |

## Reporting a Vulnerability

<!-- secpolicy-lint-disable-file require-response-timeline -- the timeline is in the support contract -->
Email security@lanternfish.dev or security@example.com.
`;

async function results(text = POLICY, file = path.join(ROOT, "docs", "SECURITY.md")): Promise<LintResult[]> {
  const r = await lintText(text, {
    filePath: file,
    displayPath: "docs/SECURITY.md",
    now: NOW,
    config: { rules: preset("recommended"), sources: [] },
  });
  return [r];
}

describe("sarif", () => {
  it("validates against the SARIF 2.1.0 schema and carries what code scanning reads", async () => {
    const out = formatters.sarif!(await results(), { color: false, cwd: ROOT });
    const log = JSON.parse(out) as {
      $schema: string;
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            version: string;
            informationUri: string;
            rules: { id: string; helpUri: string; help: { markdown: string }; defaultConfiguration: { level: string } }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
          suppressions?: { kind: string }[];
        }[];
      }[];
    };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif/);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("secpolicy-lint");
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toContain("require-response-timeline");
    for (const r of run.tool.driver.rules) expect(r.helpUri).toMatch(new RegExp(`docs/rules/${r.id}\\.md$|#`));
    for (const result of run.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe("docs/SECURITY.md");
    }
    const byRule = Object.fromEntries(run.results.map((r) => [r.ruleId, r]));
    expect(byRule["no-placeholder-contact"]?.level).toBe("error");
    expect(byRule["require-disclosure-process"]?.level).toBe("warning");
    expect(byRule["require-response-timeline"]?.suppressions).toEqual([{ kind: "inSource" }]);
    expect(byRule["no-placeholder-contact"]?.suppressions).toBeUndefined();
    expect(byRule["no-placeholder-contact"]?.locations[0]!.physicalLocation.region).toEqual({
      startLine: 12,
      startColumn: 35,
      endLine: 12,
      endColumn: 55,
    });
  });

  it("writes locations as URI references: encoded segments, file: URIs outside the working directory", async () => {
    const { artifactUri } = await import("../src/format/sarif.js");
    expect(artifactUri(path.join(ROOT, "my docs", "SECURITY#1.md"), ROOT)).toBe("my%20docs/SECURITY%231.md");
    expect(artifactUri("<stdin>", ROOT)).toBe("%3Cstdin%3E");
    expect(artifactUri("/elsewhere/SECURITY.md", ROOT)).toBe("file:///elsewhere/SECURITY.md");
  });

  it("validates with no findings and with an unreadable file", async () => {
    const fatal: LintResult = {
      filePath: path.join(ROOT, "missing.md"),
      displayPath: "missing.md",
      findings: [],
      errorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      source: "",
      fatal: "no such file or directory",
    };
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(JSON.parse(formatters.sarif!([fatal], { color: false, cwd: ROOT })))).toBe(true);
    expect(validate(JSON.parse(formatters.sarif!([], { color: false, cwd: ROOT })))).toBe(true);
  });
});

describe("github", () => {
  it("escapes as the Actions toolkit does", () => {
    expect(escapeData("100%\r\nnext")).toBe("100%25%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });

  it("prints one workflow command per finding", async () => {
    const out = formatters.github!(await results(), { color: false, cwd: ROOT });
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::warning file=docs\/SECURITY\.md,line=1,col=1,endLine=1,endColumn=18,title=require-disclosure-process::Missing disclosure process/,
    );
    expect(lines[1]).toMatch(
      /^::error file=docs\/SECURITY\.md,line=12,col=35,endLine=12,endColumn=55,title=no-placeholder-contact::Unexpected placeholder address `security@example\.com`/,
    );
    expect(lines[1]).toMatch(/\(https:\/\/\S+\/docs\/rules\/no-placeholder-contact\.md\)$/);
  });
});

describe("no format lets file content start a line with ::", () => {
  const hostile = POLICY.replace(
    "Email security@lanternfish.dev or security@example.com.",
    "Email security@lanternfish.dev\r\n::error::pwned or security@example.com\n::set-env name=X::y\u2028::warning::z\u0085::add-mask::w",
  ).replace("| 1.x     | ✅        |", "| 1.x\r::stop-commands::t     | ✅        |");
  for (const name of ["stylish", "json", "sarif", "github", "markdown"]) {
    it(name, async () => {
      const rs = await results(hostile, path.join(ROOT, "::error::x", "SECURITY.md"));
      rs[0]!.displayPath = "::error::x/SECURITY.md";
      // Messages quote the file's text; make sure a quoted line break cannot start a command.
      const first = rs[0]!.findings[0]!;
      rs[0]!.findings.push({
        ...first,
        ruleId: "no-placeholder-contact",
        message: "Unexpected `a\n::error::b\r::warning::c\u2028::d`, expected e",
      });
      rs.push({
        ...rs[0]!,
        findings: [],
        fatal: "cannot read\n::error::fatal",
        filePath: "/x/\n::error::y.md",
        displayPath: "\n::error::y.md",
      });
      const out = formatters[name]!(rs, { color: false, cwd: ROOT });
      const lines = out.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/);
      const commands = lines.filter((l) => l.startsWith("::"));
      if (name === "github") {
        for (const c of commands)
          expect(c).toMatch(/^::(error|warning) (file=[^:]*,)?(line=\d+,col=\d+,endLine=\d+,endColumn=\d+,)?title=[a-z-]+::/);
        expect(commands.length).toBe(rs[0]!.findings.length + 1);
      } else {
        expect(commands).toEqual([]);
      }
    });
  }
});

describe("markdown", () => {
  it("totals, then a table; file text cannot add links, images, HTML or cells", async () => {
    const rs = await results(POLICY, path.join(ROOT, "docs", "SECURITY.md"));
    const first = rs[0]!.findings[0]!;
    rs[0]!.findings.push({ ...first, message: "Unexpected `<img src=x onerror=alert(1)>` | [link](https://evil.test) ![i](x) **b**" });
    const out = formatters.markdown!(rs, { color: false, cwd: ROOT });
    expect(out).toMatch(
      /^### secpolicy-lint\n\n\d+ problems \(\d+ errors?, \d+ warnings?\) in 1 file\.\n\n\| File \| Line \| Severity \| Rule \| Message \|\n/,
    );
    const last = out.trimEnd().split("\n").at(-1)!;
    expect(last).not.toMatch(/<img|\]\(https:\/\/evil|!\[i\]\(|\*\*b\*\*/);
    expect(last).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    // Five cells: the message's `|` is escaped and opens no sixth.
    expect(last.split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(formatters.markdown!([{ ...rs[0]!, findings: [], errorCount: 0, warningCount: 0 }], { color: false, cwd: ROOT })).toBe(
      "### secpolicy-lint\n\nNo problems in 1 file.\n",
    );
  });
});
