/**
 * Key material a policy publishes: armored public-key blocks (with their structural problems), the
 * placeholder comments templates leave where a key belongs, and fingerprints written in prose.
 */
import type { Range } from "../types.js";
import { type Block, rangeInSource } from "./blocks.js";
import { type ArmorBlock, findArmorBlocks, findFingerprints } from "./pgp.js";
import { kindsOf, type Section, sectionAt } from "./sections.js";
import { findHtmlComments } from "./html-comments.js";

export interface KeyFingerprint {
  text: string;
  normalized: string;
  valid: boolean;
  range: Range;
}

/** An HTML comment or paragraph that stands where a key should be: `<!-- PGP public key would be included here -->`. */
export interface KeyPlaceholder {
  text: string;
  range: Range;
  section: Section | null;
}

export interface KeyFacts {
  keyBlocks: ArmorBlock[];
  keyPlaceholders: KeyPlaceholder[];
  fingerprints: KeyFingerprint[];
}

const KEY_WORDS = /\b(?:pgp|gpg|openpgp|public key|encryption key)\b/i;
const STAND_IN_WORDS = /\bwould be (?:\w+ )?(?:here|included|provided|added|inserted|placed|published)\b|\bplaceholder\b|\bgoes here\b|\b(?:insert|paste|add) (?:the |your |our )?(?:\w+ )?(?:pgp |gpg |public )?key\b|\bTODO\b|\bTBD\b/i;

/** Whether a comment or short text stands in for a key rather than being one. */
export function isKeyPlaceholderText(text: string): boolean {
  return KEY_WORDS.test(text) && STAND_IN_WORDS.test(text);
}

/** Collect key blocks, key placeholders and fingerprints of a policy's source. */
export function collectKeys(source: string, blocks: readonly Block[], sections: readonly Section[]): KeyFacts {
  const keyBlocks = findArmorBlocks(source);
  const keyPlaceholders: KeyPlaceholder[] = [];
  for (const block of blocks) {
    if (block.kind !== "html") continue;
    const raw = source.slice(block.range.start, block.range.end);
    for (const comment of findHtmlComments(raw)) {
      const inner = comment.inner.trim();
      const inPgp = kindsOf(block.section).includes("pgp");
      if (!isKeyPlaceholderText(inner) && !(inPgp && /\bwould be\b|\bplaceholder\b|\bgoes here\b/i.test(inner))) continue;
      const start = block.range.start + comment.start;
      keyPlaceholders.push({ text: raw.slice(comment.start, comment.end), range: { start, end: block.range.start + comment.end }, section: sectionAt(sections, start) });
    }
  }
  const fingerprints: KeyFingerprint[] = findFingerprints(source).map((f) => ({
    text: f.text,
    normalized: f.normalized,
    valid: f.valid,
    range: { start: f.start, end: f.end },
  }));
  fingerprints.push(...tableFingerprints(blocks, fingerprints));
  fingerprints.sort((a, b) => a.range.start - b.range.start);
  return { keyBlocks, keyPlaceholders, fingerprints };
}

/** A cell value that is meant as a fingerprint: hex digits, or the `X` a template puts in their place. */
const FINGERPRINT_CELL = /^(?:0x)?[0-9A-Fa-fXx]{4,}(?:[ \u00a0]{1,2}[0-9A-Fa-fXx]{4,})*$/;

/** Fingerprints in the cells of a table column headed "Fingerprint" (the word is not on their line). */
function tableFingerprints(blocks: readonly Block[], known: readonly KeyFingerprint[]): KeyFingerprint[] {
  const out: KeyFingerprint[] = [];
  for (const block of blocks) {
    if (block.kind !== "tableRow" || block.isHeader || !block.cells || !block.header) continue;
    const column = block.header.findIndex((h) => /fingerprint/i.test(h));
    const cell = block.cells[column];
    if (column === -1 || !cell) continue;
    const text = cell.text.trim();
    if (!FINGERPRINT_CELL.test(text) || !/[0-9Xx]/.test(text)) continue;
    const at = cell.offset + cell.text.indexOf(text);
    const range = rangeInSource(block, at, at + text.length);
    if (known.some((k) => k.range.start < range.end && k.range.end > range.start)) continue;
    const normalized = text.replace(/^0x/i, "").replace(/[ \u00a0]/g, "").toUpperCase();
    out.push({ text, normalized, valid: /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/.test(normalized), range });
  }
  return out;
}
