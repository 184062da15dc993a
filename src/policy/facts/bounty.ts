/**
 * Whether a policy speaks of a bug bounty, and whether it offers one: the first mention of a bounty
 * (the word, or a link to a bounty platform), negated in its sentence ("we do not run a bug bounty") or not.
 */
import type { Range } from "../../types.js";
import { type Block, foldedText, rangeInSource } from "../text/blocks.js";
import { negatedAt } from "./claims.js";
import type { Contact } from "./contacts.js";
import { findPhrases } from "../text/text.js";

export interface BountyMention {
  range: Range;
  /** False when the sentence says there is none: "there is no bug bounty", "we do not pay bounties". */
  offered: boolean;
}

/** The words that name a bounty. `bounty` is a loanword in most languages policies are written in. */
const BOUNTY_WORDS = ["bug bounty", "bug bounties", "bounty", "bounties", "bugbounty"];
/** Platforms that run only bounty programmes: a link there is a bounty offered. */
const BOUNTY_ONLY_PLATFORMS = /(?:^|\.)(?:immunefi\.com|hackenproof\.com|huntr\.com)$/i;
/** Platforms that also host disclosure programmes without rewards: a link there is a bounty when it says so. */
const BOUNTY_PLATFORMS = /(?:^|\.)(?:hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com)$/i;

/** The first bounty a policy mentions, or null when it names none. */
export function findBounty(blocks: readonly Block[], contacts: readonly Contact[]): BountyMention | null {
  let first: BountyMention | null = null;
  for (const block of blocks) {
    if (block.kind === "html") continue;
    const [m] = findPhrases(foldedText(block), BOUNTY_WORDS).sort((a, b) => a.start - b.start);
    if (!m) continue;
    first = { range: rangeInSource(block, m.start, m.end), offered: !negatedAt(block, m.start, m.end) };
    break;
  }
  for (const c of contacts) {
    if (c.kind !== "url" || c.role === "example" || (first && first.range.start <= c.range.start)) continue;
    let host: string;
    try {
      host = new URL(c.value).hostname;
    } catch {
      continue;
    }
    if (BOUNTY_ONLY_PLATFORMS.test(host) || (BOUNTY_PLATFORMS.test(host) && /bount/i.test(c.value)))
      return { range: c.range, offered: true };
  }
  return first;
}
