/**
 * Inline configuration comments, as ESLint and markdownlint users write them:
 *
 *     <!-- secpolicy-lint-disable rule-a rule-b -->   ...   <!-- secpolicy-lint-enable rule-a -->
 *     <!-- secpolicy-lint-disable-next-line rule-a -- why this is fine -->
 *     <!-- secpolicy-lint-disable-file rule-a -->
 *     Text <!-- secpolicy-lint-disable-line rule-a -->
 *
 * No rule list means every rule. Text after ` -- ` is a reason and is ignored. Directives are read from
 * HTML comments in the markdown tree, so a directive shown inside a code block is not a directive.
 */
import type { Nodes, Root } from "mdast";
import type { Finding, Range } from "../types.js";
import type { LineIndex } from "./positions.js";
import { findHtmlComments } from "../policy/text/html-comments.js";

export type DirectiveKind = "disable" | "enable" | "disable-line" | "disable-next-line" | "disable-file";

export interface Directive {
  kind: DirectiveKind;
  /** The rule ids named; empty means every rule. */
  rules: string[];
  /** Where each named rule id is written, for reports about it. */
  ruleRanges: Range[];
  /** The whole comment. */
  range: Range;
  /** 1-based lines the comment starts and ends on (disable-next-line applies to the line after it). */
  startLine: number;
  endLine: number;
  /** The reason written after ` -- `, or "". */
  justification: string;
}

export { INLINE_CONFIG_RULE_ID } from "./rule.js";

const DIRECTIVE = /^(\s*)secpolicy-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([\s\S]*)$/;
/** Something that looks like a directive but is not one (`secpolicy-lint-disabled`, `secpolicy-lint-ignore`). */
const NEAR_MISS = /^\s*(secpolicy-lint-[\w-]*)/;

/** A comment that starts like a directive but names no known one. */
export interface MalformedDirective {
  text: string;
  range: Range;
}

function collectHtml(node: Nodes, out: { value: string; start: number }[]): void {
  if (node.type === "html" && node.position?.start.offset !== undefined) {
    out.push({ value: node.value, start: node.position.start.offset });
    return;
  }
  if ("children" in node) for (const child of node.children) collectHtml(child as Nodes, out);
}

/** Parse every directive comment in a markdown tree. */
export function parseDirectives(tree: Root, index: LineIndex, malformed: MalformedDirective[] = []): Directive[] {
  const html: { value: string; start: number }[] = [];
  collectHtml(tree, html);
  const directives: Directive[] = [];
  for (const node of html) {
    for (const comment of findHtmlComments(node.value)) {
      const body = comment.inner;
      const d = DIRECTIVE.exec(body);
      const commentStart = node.start + comment.start;
      if (!d) {
        const near = NEAR_MISS.exec(body);
        if (near?.[1]) {
          const start = commentStart + 4 + body.indexOf(near[1]);
          malformed.push({ text: near[1], range: { start, end: start + near[1].length } });
        }
        continue;
      }
      const bodyStart = commentStart + 4;
      const kind = d[2] as DirectiveKind;
      let list = d[3] ?? "";
      const reason = /(?:^|\s)--(?:\s|$)/.exec(list);
      const justification = reason ? list.slice(reason.index + reason[0].length).trim() : "";
      if (reason) list = list.slice(0, reason.index);
      const listStart = bodyStart + (d[1] ?? "").length + "secpolicy-lint-".length + kind.length;
      const rules: string[] = [];
      const ruleRanges: Range[] = [];
      for (const r of list.matchAll(/[^\s,]+/g)) {
        rules.push(r[0]);
        const start = listStart + (r.index ?? 0);
        ruleRanges.push({ start, end: start + r[0].length });
      }
      const range = { start: commentStart, end: node.start + comment.end };
      directives.push({
        kind,
        rules,
        ruleRanges,
        range,
        startLine: index.position(range.start).line,
        endLine: index.position(range.end).line,
        justification,
      });
    }
  }
  return directives.sort((a, b) => a.range.start - b.range.start);
}

export interface DirectiveOutcome {
  /** Findings that stay reported. */
  kept: Finding[];
  /** Findings an inline comment turned off (SARIF lists them with an in-source suppression). */
  suppressed: Finding[];
  /** Directives (and the rule of each, or null for "all rules") that suppressed nothing. */
  unused: { directive: Directive; rule: string | null; range: Range }[];
}

interface Suppressor {
  directive: Directive;
  rule: string | null;
  range: Range;
  used: boolean;
  covers(finding: Finding): boolean;
}

/** Decide which findings the directives suppress, and which directives were not needed. */
export function applyDirectives(
  findings: readonly Finding[],
  directives: readonly Directive[],
  known: (id: string) => boolean,
): DirectiveOutcome {
  const suppressors: Suppressor[] = [];
  const entries = (d: Directive): { rule: string | null; range: Range }[] =>
    d.rules.length === 0 ? [{ rule: null, range: d.range }] : d.rules.map((rule, i) => ({ rule, range: d.ruleRanges[i] ?? d.range }));
  const matches = (rule: string | null, f: Finding): boolean => rule === null || rule === f.ruleId;

  // Regions: a disable opens a region for each named rule (or all), an enable closes the matching ones.
  const open: { rule: string | null; range: Range; directive: Directive; start: number }[] = [];
  const closeRegion = (o: (typeof open)[number], end: number): void => {
    suppressors.push({
      directive: o.directive,
      rule: o.rule,
      range: o.range,
      used: false,
      covers: (f) => matches(o.rule, f) && f.range.start >= o.start && f.range.start < end,
    });
  };
  for (const d of directives) {
    if (d.kind === "disable") {
      for (const e of entries(d)) if (e.rule === null || known(e.rule)) open.push({ ...e, directive: d, start: d.range.end });
    } else if (d.kind === "enable") {
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i] as (typeof open)[number];
        if (d.rules.length === 0 || (o.rule !== null && d.rules.includes(o.rule))) {
          closeRegion(o, d.range.start);
          open.splice(i, 1);
        }
      }
    } else if (d.kind === "disable-line") {
      for (const e of entries(d)) {
        if (e.rule !== null && !known(e.rule)) continue;
        suppressors.push({
          directive: d,
          ...e,
          used: false,
          covers: (f) => matches(e.rule, f) && f.line >= d.startLine && f.line <= d.endLine,
        });
      }
    } else if (d.kind === "disable-next-line") {
      for (const e of entries(d)) {
        if (e.rule !== null && !known(e.rule)) continue;
        suppressors.push({ directive: d, ...e, used: false, covers: (f) => matches(e.rule, f) && f.line === d.endLine + 1 });
      }
    } else {
      for (const e of entries(d)) {
        if (e.rule !== null && !known(e.rule)) continue;
        suppressors.push({ directive: d, ...e, used: false, covers: (f) => matches(e.rule, f) });
      }
    }
  }
  for (const o of open) closeRegion(o, Number.POSITIVE_INFINITY);

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const hits = suppressors.filter((s) => s.covers(f));
    for (const s of hits) s.used = true;
    if (hits.length === 0) kept.push(f);
    else suppressed.push({ ...f, suppressions: hits.map((s) => ({ kind: "directive", justification: s.directive.justification })) });
  }
  const unused = suppressors.filter((s) => !s.used).map((s) => ({ directive: s.directive, rule: s.rule, range: s.range }));
  unused.sort((a, b) => a.range.start - b.range.start);
  return { kept, suppressed, unused };
}

export interface InlineConfigOptions {
  /** False ignores every directive (`--no-inline-config`). */
  enabled: boolean;
  /** Severity of reports about directives that suppressed nothing (`--report-unused-disables`), or off. */
  reportUnused: "off" | "warn" | "error";
  /** Whether a rule id exists. */
  known(id: string): boolean;
  /** Build a finding for a directive problem at a range. */
  finding(range: Range, severity: "warn" | "error", message: string): Finding;
}

/** Apply the inline directives of a file to its findings; directive problems become findings too. */
export function applyInlineConfig(
  tree: Root,
  index: LineIndex,
  findings: Finding[],
  options: InlineConfigOptions,
): { findings: Finding[]; suppressed: Finding[] } {
  if (!options.enabled) return { findings, suppressed: [] };
  const malformed: MalformedDirective[] = [];
  const directives = parseDirectives(tree, index, malformed);
  if (directives.length === 0 && malformed.length === 0) return { findings, suppressed: [] };
  const outcome = applyDirectives(findings, directives, options.known);
  const problems: Finding[] = [];
  for (const m of malformed) {
    problems.push(
      options.finding(
        m.range,
        "error",
        `Unexpected directive \`${m.text}\`, expected \`secpolicy-lint-disable\`, \`-enable\`, \`-disable-line\`, \`-disable-next-line\` or \`-disable-file\``,
      ),
    );
  }
  for (const d of directives) {
    d.rules.forEach((rule, i) => {
      if (options.known(rule)) return;
      problems.push(
        options.finding(
          d.ruleRanges[i] ?? d.range,
          "error",
          `Unexpected unknown rule \`${rule}\` in \`secpolicy-lint-${d.kind}\` comment, expected a rule id listed by \`secpolicy-lint rules\``,
        ),
      );
    });
  }
  if (options.reportUnused !== "off") {
    for (const u of outcome.unused) {
      const what = u.rule === null ? "a finding" : `a \`${u.rule}\` finding`;
      problems.push(
        options.finding(
          u.range,
          options.reportUnused,
          `Unexpected unused \`secpolicy-lint-${u.directive.kind}\` comment, expected ${what} to suppress`,
        ),
      );
    }
  }
  return { findings: [...outcome.kept, ...problems], suppressed: outcome.suppressed };
}
