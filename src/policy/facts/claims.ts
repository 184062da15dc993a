/**
 * Claims: what a sentence of the policy says, read sentence by sentence rather than by which words occur
 * somewhere in a block. This module holds the sentence-level judgements the model shares: whether a
 * phrase is negated in its sentence, and which sentences say how fixed vulnerabilities are published.
 */
import type { Range } from "../../types.js";
import { type Block, foldedText, rangeInSource, toText } from "../text/blocks.js";
import type { Duration } from "./durations.js";
import { lexicon } from "../lexicon/index.js";
import { firstIndex } from "../text/search.js";
import { leadIn, type Sentence, sentenceAt, sentencesOf } from "../text/sentences.js";
import { findPhrases, foldPhrase, hasPhrase, kindedPhrases, type PhraseMatch } from "../text/text.js";

/** How far around a phrase its sentence is read for context (characters). */
const CONTEXT_REACH = 300;

/** How far back in its sentence a negation can reach a phrase (characters). */
const NEGATION_REACH = 200;

/**
 * Whether [start, end) of a block's text is negated in its sentence: a negation before it with no
 * contrast between ("do not open an issue", but not "do not wait, instead open an issue"), or, in
 * languages that negate after the verb, a negation right after it (`issue を作成しないでください`).
 */
export function negatedAt(block: Block, start: number, end: number): boolean {
  const folded = foldedText(block);
  const s = sentenceAt(block, start);
  // A bounded window: a block that is one endless sentence must stay linear.
  const before = folded.slice(Math.max(s.start, start - NEGATION_REACH), start);
  const negations = findPhrases(before, lexicon.negations);
  if (negations.length > 0) {
    const last = Math.max(...negations.map((m) => m.end));
    const contrasts = findPhrases(before, lexicon.contrasts);
    if (!contrasts.some((m) => m.start >= last)) return true;
  }
  // Negations after the phrase: only a few characters on, within the same sentence.
  const after = folded.slice(end, Math.min(Math.max(s.end, end), end + 24));
  return hasPhrase(after, lexicon.negationsAfter);
}

/** A sentence that says how fixed vulnerabilities are published: an advisory, a CVE, an embargo, a window. */
export interface PublishClaim {
  range: Range;
  block: Block;
  /** The words that make it one. */
  phrase: string;
}

/** A sentence that names disclosure without saying how it is done ("we encourage responsible disclosure"). */
export interface DisclosureMention {
  range: Range;
  phrase: string;
}

export interface PublishFacts {
  claims: PublishClaim[];
  mentions: DisclosureMention[];
}

const MENTIONS = new Set(lexicon.disclosureMentions.map(foldPhrase));
/** Disclosure phrases that describe a process on their own. */
const STRONG = lexicon.disclosure.filter((p) => !MENTIONS.has(foldPhrase(p)));
/** Phrases that need an anchor (a time, or the fix) in their sentence: mentions and bare publication verbs. */
const ANCHORED = [...new Set([...lexicon.disclosureMentions, ...lexicon.promises.disclose])].filter((p) => !STRONG.includes(p));
/** Both lists searched in one pass. */
const PUBLISH_PHRASES = kindedPhrases(["strong", "anchored"] as const, { strong: STRONG, anchored: ANCHORED });
/** The fix, as an anchor for publication: "address" is too often the e-mail kind to count. */
const FIX_WORDS = lexicon.promises.fix.filter((w) => w !== "address" && w !== "addressed");
const PUBLISH_VERBS = lexicon.promises.disclose;

/**
 * Whether a disclosure phrase is a reporting channel's name in this sentence: "report it using GitHub
 * Security Advisories" sends a report, it publishes nothing. The phrase overlaps a private-reporting
 * phrase, the sentence (or the list item it hangs under) asks to report, and nothing in it publishes.
 */
function channelUse(block: Block, folded: string, s: Sentence, m: PhraseMatch, privateMatches: readonly PhraseMatch[]): boolean {
  // `privateMatches` is sorted by start: only the few starting before the match's end can overlap it.
  const after = firstIndex(privateMatches.length, (i) => (privateMatches[i] as PhraseMatch).start >= m.end);
  let overlaps = false;
  for (let i = after - 1; i >= 0 && i >= after - 4; i--) if ((privateMatches[i] as PhraseMatch).end > m.start) overlaps = true;
  if (!overlaps) return false;
  // Bounded windows around the match, so that one endless sentence stays linear.
  const outside = `${folded.slice(Math.max(s.start, m.start - CONTEXT_REACH), m.start)} ${folded.slice(m.end, Math.min(s.end, m.end + CONTEXT_REACH))}`;
  if (hasPhrase(outside, PUBLISH_VERBS)) return false;
  const labels = block.listLabels.map((l) => ` ${foldPhrase(l)} `).join(" ");
  return hasPhrase(outside, lexicon.reportWords) || hasPhrase(labels, lexicon.reportWords);
}

/** Whether a match lies inside a URL written out in the text (`…/security/advisories/new` names no advisory). */
function inUrl(text: string, m: PhraseMatch): boolean {
  let start = m.start;
  while (start > 0 && !/\s/.test(text[start - 1] as string)) start--;
  let end = m.end;
  while (end < text.length && !/\s/.test(text[end] as string)) end++;
  return /^[<(]?(?:https?:\/\/|www\.)/i.test(text.slice(start, end));
}

/**
 * The sentences of the prose that say how disclosure works. A disclosure phrase counts on its own
 * ("we publish a security advisory", "CVE", "embargo"); a bare mention or a publication verb counts with
 * a time or the fix in the same sentence ("publish details 90 days after the fix", "do not publish until
 * the update is released"). Sentences that only mention disclosure are kept to explain a missing process.
 */
export function collectPublishClaims(blocks: readonly Block[], durations: readonly Duration[]): PublishFacts {
  const claims: PublishClaim[] = [];
  const mentions: DisclosureMention[] = [];
  const timesByBlock = new Map<Block, Duration[]>();
  for (const d of durations) {
    const list = timesByBlock.get(d.block);
    if (list) list.push(d);
    else timesByBlock.set(d.block, [d]);
  }
  for (const block of blocks) {
    if (block.kind === "html" || block.kind === "heading" || block.isHeader) continue;
    const folded = foldedText(block);
    // In text order, so that sentences and matches are walked together (linear in both).
    const matches = findPhrases(folded, PUBLISH_PHRASES.phrases).sort((x, y) => x.start - y.start);
    if (matches.length === 0) continue;
    const privateMatches = findPhrases(folded, lexicon.privateReporting).sort((x, y) => x.start - y.start);
    const times = timesByBlock.get(block) ?? [];
    let m = 0;
    let t = 0;
    for (const s of sentencesOf(block)) {
      while (m < matches.length && (matches[m] as PhraseMatch).start < s.start) m++;
      let strong: PhraseMatch | undefined;
      let weak: PhraseMatch | undefined;
      for (let k = m; k < matches.length && (matches[k] as PhraseMatch).start < s.end; k++) {
        const match = matches[k] as PhraseMatch;
        if (match.end > s.end || inUrl(block.text, match) || channelUse(block, folded, s, match, privateMatches)) continue;
        if (PUBLISH_PHRASES.kindOf.get(match.phrase) === "strong") {
          strong = match;
          break;
        }
        weak ??= match;
      }
      const hit = strong ?? weak;
      if (!hit) continue;
      const range = rangeInSource(block, s.start, s.end);
      const phrase = block.text.slice(hit.start, hit.end);
      while (t < times.length && (times[t] as Duration).range.start < range.start) t++;
      const timed = t < times.length && (times[t] as Duration).range.end <= range.end;
      if (strong || timed || hasPhrase(folded.slice(s.start, s.end), FIX_WORDS)) claims.push({ range, block, phrase });
      else if (MENTIONS.has(foldPhrase(phrase))) mentions.push({ range: rangeInSource(block, hit.start, hit.end), phrase });
    }
  }
  return { claims, mentions };
}

/** A claim that the policy, or its supported versions, lives on another page. */
export interface Delegation {
  url: string;
  /** The link. */
  range: Range;
  /** What is handed on: the policy as a whole, the supported versions, or both. */
  policy: boolean;
  versions: boolean;
}

const VERSION_WORDS = lexicon.sections["supported-versions"];

/**
 * The words of a link's sentence other than the link itself; for a link that stands alone in its
 * paragraph, the sentence that introduces it ("… can be found on our website:").
 */
function linkContext(block: Block, blocks: readonly Block[], index: number, start: number, end: number): string {
  const folded = foldedText(block);
  const s = sentenceAt(block, start);
  const own = `${folded.slice(Math.max(s.start, start - CONTEXT_REACH), start)} ${folded.slice(end, Math.min(Math.max(end, s.end), end + CONTEXT_REACH))}`;
  if (own.trim() !== "") return own;
  return leadIn(blocks[index - 1], block) ?? own;
}

/**
 * Links to another page that the sentence around them hands the policy to: a delegation verb ("see",
 * "can be found", `siehe`, `请参阅`) and a word naming the policy, its process or its versions, in the
 * sentence or the headings above it. Links in `skip` (reporting forms, the issue tracker) are channels,
 * not delegations.
 */
export function collectDelegations(
  links: ReadonlyArray<{ value: string; range: Range; block: Block | null; via: string }>,
  blocks: readonly Block[],
  skip: (url: string) => boolean,
): Delegation[] {
  const out: Delegation[] = [];
  let indexOf: Map<Block, number> | undefined;
  for (const link of links) {
    const block = link.block;
    if (!block || block.kind === "html" || link.via === "definition" || !/^https?:\/\//i.test(link.value) || skip(link.value)) continue;
    const start = toText(block, link.range.start);
    const end = Math.max(start, toText(block, Math.max(link.range.start, link.range.end - 1)) + 1);
    indexOf ??= new Map(blocks.map((b, i) => [b, i]));
    const context = linkContext(block, blocks, indexOf.get(block) ?? 0, start, end);
    if (!hasPhrase(` ${context} `, lexicon.delegation)) continue;
    const headings = [];
    for (let s = block.section; s; s = s.parent) headings.push(foldPhrase(s.title));
    const around = ` ${context} ${headings.join(" ")} `;
    const policy = hasPhrase(around, lexicon.policyWords);
    // The versions are handed on where the sentence or the heading it stands under is about them.
    const versions =
      hasPhrase(` ${context} `, VERSION_WORDS) ||
      (block.section !== null && hasPhrase(` ${foldPhrase(block.section.title)} `, VERSION_WORDS));
    if (policy || versions) out.push({ url: link.value, range: link.range, policy, versions });
  }
  return out;
}
