/**
 * SARIF 2.1.0, as GitHub code scanning reads it (`github/codeql-action/upload-sarif`): the rules as
 * `tool.driver.rules`, one result per finding with a repository-relative location, and findings turned
 * off by inline comments as results with an in-source suppression.
 */
import { rules } from "../../rules/index.js";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { docsUrl, INLINE_CONFIG_RULE_ID, REPOSITORY_URL } from "../engine/rule.js";
import type { Finding, LintResult } from "../types.js";
import { VERSION } from "../version.js";
import { jsonLineSafe } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: "error" | "warning" | "note" };
}

function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

function describeRule(id: string, description: string, level: "error" | "warning"): SarifRule {
  const url = docsUrl(id);
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}.` },
    help: { text: `${description}. Documentation: ${url}`, markdown: `${description}.\n\n[${id} documentation](${url})` },
    helpUri: url,
    defaultConfiguration: { level },
  };
}

/** The driver's rule list: every registered rule, then the inline-config pseudo-rule. */
export function sarifRules(): SarifRule[] {
  return [
    ...rules.map((r) => describeRule(r.meta.id, r.meta.description, r.meta.severity === "error" ? "error" : "warning")),
    describeRule(
      INLINE_CONFIG_RULE_ID,
      "Report unknown rule ids in `secpolicy-lint-disable` comments and comments that suppress nothing",
      "error",
    ),
  ];
}

export const sarif: Formatter = (results: readonly LintResult[], options) => {
  const driverRules = sarifRules();
  const indexOf = new Map(driverRules.map((r, i) => [r.id, i]));
  const out: unknown[] = [];
  const notifications: unknown[] = [];
  const toResult = (file: string, f: Finding, suppressed: boolean): unknown => {
    const ruleIndex = indexOf.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: f.severity === "error" ? "error" : "warning",
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: location(file),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      ...(suppressed ? { suppressions: [{ kind: "inSource" }] } : {}),
    };
  };
  const root = options.root ?? options.cwd;
  for (const r of results) {
    const file = artifactUri(r.filePath, root);
    if (r.fatal) {
      notifications.push({
        level: "error",
        message: { text: r.fatal },
        locations: [{ physicalLocation: { artifactLocation: location(file) } }],
      });
    }
    for (const f of r.findings) out.push(toResult(file, f, false));
    for (const f of r.suppressedFindings ?? []) out.push(toResult(file, f, true));
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "secpolicy-lint",
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: REPOSITORY_URL,
            rules: driverRules,
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToUri(root)}/` } },
        results: out,
      },
    ],
  };
  return `${jsonLineSafe(JSON.stringify(log, null, 2))}\n`;
};

/** A relative URI is resolved against %SRCROOT%; an absolute `file:` URI (outside the root) stands alone. */
function location(uri: string): { uri: string; uriBaseId?: string } {
  return uri.startsWith("file:") ? { uri } : { uri, uriBaseId: "%SRCROOT%" };
}

function pathToUri(dir: string): string {
  return pathToFileURL(dir).href.replace(/\/$/, "");
}

/**
 * A result's location as a URI reference: repository-relative with `/` separators, each segment
 * percent-encoded (spaces, `#`, `<stdin>`); a file outside the working directory as a `file:` URI.
 */
export function artifactUri(filePath: string, cwd: string): string {
  const rel = relativePath(filePath, cwd);
  if (path.isAbsolute(rel)) return pathToFileURL(rel).href;
  return rel.split("/").map(encodeURIComponent).join("/");
}
