/** Sections: each heading of the document, classified into the kinds of section a policy has. */
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Range } from "../../types.js";
import { lexicon, type SectionKind } from "../lexicon/index.js";
import { firstKind, fold, hasPhrase, kindedPhrases } from "../text/text.js";
import { countStartingAtOrBefore } from "../text/search.js";
import type { ContactRole } from "./contacts.js";

export interface Section {
  /** What the heading says the section is about, or null for any other section. */
  kind: SectionKind | null;
  /** The heading's visible text. */
  title: string;
  depth: number;
  /** The heading itself. */
  heading: Range;
  /** From the heading to the next heading of the same or a higher level. */
  range: Range;
  parent: Section | null;
  /** The role the headings down to this one give every address under them, worked out on first use (contacts). */
  contactRole?: ContactRole | null;
}

/**
 * The order in which kinds are tried. Narrow kinds come first, so that "Vulnerability Disclosure
 * Process" is a disclosure section and "Security Contact" a contact section, not a reporting one.
 */
export const sectionOrder: readonly SectionKind[] = [
  "supported-versions",
  "safe-harbor",
  "scope",
  "pgp",
  "disclosure",
  "response-timeline",
  "contact",
  "reporting",
];
/** The heading words of every kind, searched as one list in `sectionOrder`. */
const sectionPhrases = kindedPhrases(sectionOrder, lexicon.sections);

/** Remove what decorates real headings: emoji, list numbering, "Step 2:" prefixes. */
export function headingWords(title: string): string {
  return fold(title)
    .replace(/^[\s\d]*(?:step\s+\d+\s+)?/u, " ")
    .replace(/ +/g, " ")
    .trim();
}

/** The kind a heading's text names, or null. */
export function classifyHeading(title: string): SectionKind | null {
  const words = ` ${headingWords(title)} `;
  const kind = firstKind(words, sectionPhrases);
  // "Pre-release Versions", "Unsupported Versions": about versions, but not the ones that get fixes.
  if (kind === "supported-versions" && hasPhrase(words, lexicon.unsupportedHeadings)) return null;
  return kind;
}

/** The sections of a document in source order. */
export function collectSections(root: Root, sourceLength: number): Section[] {
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const node of root.children) {
    if (node.type !== "heading") continue;
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) continue;
    while (open.length > 0 && (open[open.length - 1] as Section).depth >= node.depth) {
      (open.pop() as Section).range.end = p.start.offset;
    }
    const title = toString(node).trim();
    const section: Section = {
      kind: classifyHeading(title),
      title,
      depth: node.depth,
      heading: { start: p.start.offset, end: p.end.offset },
      range: { start: p.start.offset, end: sourceLength },
      parent: open[open.length - 1] ?? null,
    };
    sections.push(section);
    open.push(section);
  }
  return sections;
}

/** The section that contains a source offset: the innermost one. */
export function sectionAt(sections: readonly Section[], offset: number): Section | null {
  // Sections are sorted by start and nest like their headings: the last one starting at or before the
  // offset, or the nearest of its ancestors that still contains it (a binary search, not a scan).
  const count = countStartingAtOrBefore(sections, offset, (section) => section.range.start);
  for (let s: Section | null = sections[count - 1] ?? null; s; s = s.parent) {
    if (s.range.start <= offset && offset < s.range.end) return s;
  }
  return null;
}

/** Whether a section or one of its ancestors is of the given kind. */
export function within(section: Section | null, kind: SectionKind): boolean {
  for (let s = section; s; s = s.parent) if (s.kind === kind) return true;
  return false;
}

/** The kinds of a section and its ancestors, innermost first. */
export function kindsOf(section: Section | null): SectionKind[] {
  const kinds: SectionKind[] = [];
  for (let s = section; s; s = s.parent) if (s.kind) kinds.push(s.kind);
  return kinds;
}
