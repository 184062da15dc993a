/**
 * Run the rules over one text's policy model and turn their reports into findings. The engine imports
 * neither the rule registry nor the configuration: the caller passes both (the library entry and the run
 * layer pass `rules` from rules/index.ts and the resolved configuration).
 */
import type { Root } from "mdast";
import type { ResolvedConfig } from "../config/schema.js";
import type { DecodeFacts } from "../io/decode.js";
import { buildPolicy, type Policy } from "../policy/model.js";
import { checkShape, parseMarkdown, treeFitsText } from "../policy/text/parse.js";
import type { Finding, LintResult } from "../types.js";
import { applyFixes, fixesOf } from "./apply-fixes.js";
import { applyInlineConfig, INLINE_CONFIG_RULE_ID } from "./directives.js";
import { LineIndex } from "./positions.js";
import { type AnyRule, docsUrl, formatMessage, type RepositoryInfo, type Report } from "./rule.js";

export interface LintTextOptions {
  filePath?: string;
  displayPath?: string;
  /** The resolved configuration: which rules run, at what severity, with which options. */
  config: ResolvedConfig;
  now?: Date;
  repository?: RepositoryInfo;
  /** What decoding the file's bytes found (see `decodeText`); the text is then taken as it is, without its byte order mark. */
  decoded?: DecodeFacts;
  /**
   * The markdown tree of this very text, already built by the same parser (remark-parse with remark-gfm
   * in a unified pipeline): used instead of parsing again when every node's position agrees with the
   * text (see `treeFitsText`), otherwise ignored. It is read, never changed. The limits on hostile
   * markdown apply to the text either way.
   */
  tree?: Root;
}

/** The current time: `SECPOLICY_LINT_NOW` (an ISO date) fixes it for tests and reproducible runs. */
export function currentTime(): Date {
  const fixed = process.env.SECPOLICY_LINT_NOW;
  if (fixed) {
    const d = new Date(fixed);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

export function summarize(filePath: string, displayPath: string, source: string, findings: Finding[]): LintResult {
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const f of findings) {
    if (f.severity === "error") {
      errorCount++;
      if (f.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (f.fix) fixableWarningCount++;
    }
  }
  return { filePath, displayPath, findings, errorCount, warningCount, fixableErrorCount, fixableWarningCount, source };
}

/**
 * Messages are one line: a quoted value that spans lines (a heading over several lines) is joined with
 * single spaces. Split and trimmed rather than a regex replace, which backtracks over runs of blanks.
 */
function oneLine(message: string): string {
  if (!message.includes("\n") && !message.includes("\r")) return message;
  const parts = message.split(/\r\n|\r|\n/);
  return parts
    .map((p, i) => (i > 0 ? p.trimStart() : p))
    .map((p, i) => (i < parts.length - 1 ? p.trimEnd() : p))
    .join(" ");
}

/**
 * Lint a markdown text with `rules` (the registry, or any list) as `options.config` sets them. A leading
 * byte order mark is not part of the text the positions count. `inspect`, when given, is shown the policy
 * model the rules read, once they have run: the run layer reads more facts from it (the organisation
 * scan's Scorecard prediction) without building it again.
 */
export async function lintText(
  text: string,
  options: LintTextOptions,
  rules: readonly AnyRule[],
  inspect?: (policy: Policy) => void,
): Promise<LintResult> {
  const filePath = options.filePath ?? "<text>";
  const source = !options.decoded && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const config = options.config;
  const index = new LineIndex(source);
  let tree: Root;
  if (options.tree && treeFitsText(options.tree, source, index)) {
    checkShape(source);
    tree = options.tree;
  } else {
    tree = parseMarkdown(source);
  }
  const policy = buildPolicy(source, tree, options.decoded ?? null);
  const findings: Finding[] = [];
  const now = options.now ?? currentTime();
  const repository = options.repository ?? { root: null, slug: null };
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === "off") continue;
    const severity = setting.severity;
    const report = (r: Report): void => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`Rule ${rule.meta.id} reported unknown message id ${r.messageId}`);
      const start = Math.max(0, Math.min(r.range.start, source.length));
      const end = Math.max(start, Math.min(r.range.end, source.length));
      const s = index.position(start);
      const e = index.position(end);
      const finding: Finding = {
        ruleId: rule.meta.id,
        severity: r.escalate ? "error" : (r.severity ?? severity),
        message: oneLine(formatMessage(template, r.data)),
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        range: { start, end },
        docsUrl: docsUrl(rule.meta.id),
      };
      if (r.fix && rule.meta.fixable) finding.fix = r.fix;
      findings.push(finding);
    };
    await rule.check(policy, {
      options: setting.options,
      filePath,
      now,
      repository,
      lineOf: (offset) => index.position(offset).line,
      report,
    });
  }
  const inline = applyInlineConfig(policy.tree, index, findings, {
    enabled: config.noInlineConfig !== true,
    reportUnused: config.reportUnusedDisables ?? "off",
    known: (id) => rules.some((rule) => rule.meta.id === id),
    finding: (range, severity, message) => {
      const s = index.position(range.start);
      const e = index.position(range.end);
      return {
        ruleId: INLINE_CONFIG_RULE_ID,
        severity,
        message,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        range,
        docsUrl: docsUrl(INLINE_CONFIG_RULE_ID),
      };
    },
  });
  inspect?.(policy);
  const result = summarize(filePath, options.displayPath ?? filePath, source, inline.findings);
  if (inline.suppressed.length > 0) result.suppressedFindings = inline.suppressed;
  return result;
}

/** How many times fixes are applied and the text linted again before giving up on reaching a fixed point. */
const MAX_FIX_PASSES = 10;

/**
 * Lint a text, apply the fixes of fixable rules, and lint the result again until no fix changes it. The
 * result's findings are those that remain; `output` is the fixed text when it differs from the input.
 */
export async function lintTextAndFix(
  text: string,
  options: LintTextOptions,
  rules: readonly AnyRule[],
  inspect?: (policy: Policy) => void,
): Promise<LintResult> {
  let result = await lintText(text, options, rules, inspect);
  const original = result.source;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = fixesOf(result.findings);
    if (fixes.length === 0) break;
    const { output } = applyFixes(result.source, fixes);
    if (output === result.source) break;
    // The tree given was the original text's; the fixed text is parsed anew.
    result = await lintText(output, { ...options, tree: undefined }, rules, inspect);
  }
  if (result.source !== original) {
    result.output = result.source;
    result.originalSource = original;
  }
  return result;
}
