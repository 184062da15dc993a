/**
 * Key material a policy publishes: armored public-key blocks (with their structural problems), the
 * placeholder comments templates leave where a key belongs, and fingerprints written in prose.
 */
import type { Range } from "../types.js";
import type { Block } from "./blocks.js";
import { type ArmorBlock, findArmorBlocks, findFingerprints } from "./pgp.js";
import { kindsOf, type Section, sectionAt } from "./sections.js";

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
    for (const m of raw.matchAll(/<!--([\s\S]*?)-->/g)) {
      const inner = (m[1] ?? "").trim();
      const inPgp = kindsOf(block.section).includes("pgp");
      if (!isKeyPlaceholderText(inner) && !(inPgp && /\bwould be\b|\bplaceholder\b|\bgoes here\b/i.test(inner))) continue;
      const start = block.range.start + m.index;
      keyPlaceholders.push({ text: m[0], range: { start, end: start + m[0].length }, section: sectionAt(sections, start) });
    }
  }
  const fingerprints = findFingerprints(source).map((f) => ({
    text: f.text,
    normalized: f.normalized,
    valid: f.valid,
    range: { start: f.start, end: f.end },
  }));
  return { keyBlocks, keyPlaceholders, fingerprints };
}
