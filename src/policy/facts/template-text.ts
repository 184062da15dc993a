/**
 * Text left over from templates: GitHub's default SECURITY.md sentences, template variables, notes to
 * the author and TODO markers. Pure: finds leftovers in a block's visible text.
 */
import type { Range } from "../../types.js";
import { type Block, foldedText, rangeInSource, touchesCode } from "../text/blocks.js";
import { lexicon } from "../lexicon/index.js";
import { findPhrases, fold } from "../text/text.js";

export type TemplateKind = "github-default" | "variable" | "instruction" | "marker";

export interface TemplateLeftover {
  kind: TemplateKind;
  text: string;
  range: Range;
}

interface Pattern {
  kind: TemplateKind;
  re: RegExp;
  /** A further test of the matched text, where one pattern cannot say it without backtracking. */
  accept?: (match: string) => boolean;
  /**
   * Lower-case strings of which every match holds at least one: a text without any of them is not
   * searched with the pattern (most blocks hold none, and sixteen searches per block add up).
   */
  hints: readonly string[];
}

/**
 * GitHub's "Security policy" template (Insights › Community standards › Security policy) writes these
 * instructions; a published policy that still holds them was never filled in.
 */
export const PATTERNS: readonly Pattern[] = [
  { kind: "github-default", hints: ["use this section"], re: /\bUse this section to tell people\b[^.]{0,200}\.?/gi },
  {
    kind: "github-default",
    hints: ["tell them where to go"],
    re: /\bTell them where to go, how often they can expect\b[^]{0,200}?(?:etc\.|declined\.|$)/gi,
  },
  // The same template as GitHub's German interface writes it.
  { kind: "github-default", hints: ["hier siehst du"], re: /\bHier siehst du, welche Versionen deines Projekts\b[^.]{0,160}\.?/gi },
  { kind: "github-default", hints: ["in diesem abschnitt"], re: /\bIn diesem Abschnitt erfährst du, wie du\b[^.]{0,160}\.?/gi },
  { kind: "github-default", hints: ["beschreibe, wohin"], re: /\bBeschreibe, wohin du dich wenden kannst\b[^.]{0,240}\.?/gi },
  { kind: "variable", hints: ["{{"], re: /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/g },
  // `$VMTalias`, `$LINK`: a `$` word with at least two capitals (checked in code: one pattern, no ambiguity).
  { kind: "variable", hints: ["$"], re: /(?<![\w$\\])\$[A-Z][A-Za-z]*\b/g, accept: (m) => (m.match(/[A-Z]/g) ?? []).length >= 2 },
  // `[YOUR EMAIL]`, `[Your Organization Name]`, `[insert date]`: prose never brackets these words itself.
  // An address in brackets (`[your-email@example.com]`) is a placeholder address: no-placeholder-contact's.
  { kind: "variable", hints: ["["], re: /\[(?:insert|enter|add|your|replace)\b[^[\]\n]{0,200}\]/gi, accept: (m) => !m.includes("@") },
  { kind: "variable", hints: ["<"], re: /<(?:your|insert|enter)[-_ ][^<>\n]{1,40}>/gi },
  {
    kind: "instruction",
    hints: ["replace", "substitute", "swap"],
    re: /\(?\b(?:replace|substitute|swap) (?:this |it |these )?(?:\w+ )?with (?:your|the actual|the real|a real|an actual|actual|real)\b[^.)\n]*\)?/gi,
  },
  // "(Provide contact email or method here)": a note that says what belongs in its place.
  {
    kind: "instruction",
    hints: ["here)"],
    re: /\((?:provide|add|insert|enter|put|include|list|describe|specify|fill in)\b[^()\n]{0,80}\bhere\)/gi,
  },
  {
    kind: "instruction",
    hints: ["("],
    re: /\((?:placeholder|to be (?:added|provided|filled in|confirmed|determined)|fill (?:this )?in|update (?:this|me))\)/gi,
  },
  {
    kind: "instruction",
    hints: ["would be", "will be"],
    re: /\b(?:would|will) be (?:\w+ )?(?:here|provided here|included here|added here)(?: in (?:a real implementation|production))?\b|\bwould be (?:\w+ )?in (?:a real implementation|production)\b/gi,
  },
  { kind: "instruction", hints: ["in a real implementation"], re: /\bin a real implementation\b/gi },
  { kind: "marker", hints: ["todo", "tbd", "fixme"], re: /\b(?:TODO|TBD|FIXME)\b/g },
  { kind: "marker", hints: ["lorem ipsum"], re: /\blorem ipsum\b[^.\n]*/gi },
];

/** Leftovers in one text; offsets are into that text. Overlapping matches keep the first, longest one. */
export function findTemplateText(
  text: string,
  folded: string = fold(text),
): Array<{ kind: TemplateKind; text: string; start: number; end: number }> {
  const found: Array<{ kind: TemplateKind; text: string; start: number; end: number }> = [];
  const lower = text.toLowerCase();
  for (const { kind, re, accept, hints } of PATTERNS) {
    if (!hints.some((h) => lower.includes(h))) continue;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const value = m[0].trim();
      if (!value || (accept && !accept(value))) continue;
      const start = m.index + m[0].indexOf(value);
      found.push({ kind, text: value, start, end: start + value.length });
    }
  }
  // Template sentences in every language the lexicons know (translated GitHub templates, "replace with ...").
  for (const m of findPhrases(folded, lexicon.templatePhrases)) {
    found.push({ kind: "instruction", text: text.slice(m.start, m.end), start: m.start, end: m.end });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: typeof found = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

/**
 * "TBD" is a fair answer in a table cell or after a date label ("End of life: TBD"): a date that is not
 * set yet. Elsewhere it is a section nobody wrote.
 */
function tbdIsAValue(block: Block, at: number): boolean {
  if (block.kind === "tableRow") return true;
  return /\b(?:end[- ]of[- ]life|eol|release(?: date)?|date|until|ends?|deadline|expires?|version)\b[^\n]{0,20}$/i.test(
    block.text.slice(Math.max(0, at - 40), at),
  );
}

/** Leftovers in the prose blocks of a policy (not code, not HTML comments), with source ranges. */
export function collectTemplateText(blocks: readonly Block[]): TemplateLeftover[] {
  const out: TemplateLeftover[] = [];
  for (const block of blocks) {
    if (block.kind === "html") continue;
    for (const f of findTemplateText(block.text, foldedText(block))) {
      if (touchesCode(block, f.start, f.end)) continue;
      if (f.text === "TBD" && tbdIsAValue(block, f.start)) continue;
      out.push({ kind: f.kind, text: f.text, range: rangeInSource(block, f.start, f.end) });
    }
  }
  return out;
}
