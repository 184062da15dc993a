/**
 * Statements of scope and safe harbor in prose: "out of scope", "we will not pursue legal action
 * against good-faith research". Pure functions over the policy's blocks.
 */
import { type Block, foldedText } from "../text/blocks.js";
import { hasPhrase } from "../text/text.js";

const SCOPE_PHRASES = [
  "in scope",
  "out of scope",
  "in-scope",
  "out-of-scope",
  "not in scope",
  "outside the scope",
  "outside of the scope",
  "within scope",
  "within the scope",
  "considered a vulnerability",
  "not considered a vulnerability",
  "not considered vulnerabilities",
  "not considered security",
  "not a vulnerability",
  "not vulnerabilities",
  "threat model",
  "qualifying vulnerabilities",
  "non-qualifying",
  "does not qualify",
  "do not qualify",
];

const SAFE_HARBOR_PHRASES = [
  "safe harbor",
  "safe harbour",
  "not pursue legal action",
  "not take legal action",
  "no legal action",
  "not initiate legal action",
  "not bring legal action",
  "not pursue civil action",
  "not file a complaint",
  "not sue",
  "not seek prosecution",
  "not pursue or support any legal action",
  "authorized conduct",
  "authorised conduct",
  "considered authorized",
  "considered authorised",
  "not pursue any legal",
  "not pursue litigation",
  "not pursue civil or criminal",
  "not take any legal",
  "not initiate any legal",
];

function statements(blocks: readonly Block[], phrases: readonly string[]): Block[] {
  return blocks.filter((b) => b.kind !== "html" && hasPhrase(foldedText(b), phrases));
}

/** Blocks that say what is or is not in scope. */
export function scopeStatements(blocks: readonly Block[]): Block[] {
  return statements(blocks, SCOPE_PHRASES);
}

/** Blocks that commit not to pursue legal action against good-faith research. */
export function safeHarborStatements(blocks: readonly Block[]): Block[] {
  return statements(blocks, SAFE_HARBOR_PHRASES);
}
