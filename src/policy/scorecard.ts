/**
 * A prediction of OpenSSF Scorecard's Security-Policy score (0-10) for a policy file, computed the way
 * Scorecard computes it (ossf/scorecard, checks/raw/security_policy.go and
 * checks/evaluation/security_policy.go): line by line it collects unique URLs, unique email addresses
 * and (not unique) hits of 1-4 digit numbers or the words "disclos"/"vuln". Then
 *
 * - +6 when there is at least one URL or email;
 * - +3 when the file's size in bytes exceeds the total length of the unique URLs and emails plus two
 *   bytes for each of them (there is text besides the links);
 * - +1 when there is more than one digit/disclosure hit.
 *
 * Pure: works on the raw text of the file, as Scorecard does, not on the markdown.
 */

/** Scorecard's patterns, as published (Go RE2; `\b` is ASCII in both RE2 and JavaScript). */
const URL = /(http|https):\/\/[a-zA-Z0-9./?=_%:-]*/g;
const EMAIL = /\b[A-Za-z0-9._%+-]+(@|\\?\[at\\?\])[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g;
const DIGIT_OR_DISCLOSURE = /([0-9]{1,4}\b|(Disclos|Vuln))/gi;

export interface ScorecardPrediction {
  score: number;
  /** Unique URLs and emails, in the order found. */
  urls: string[];
  emails: string[];
  /** How many digit or disclosure/vulnerability hits. */
  hits: number;
  /** File size in bytes (UTF-8). */
  size: number;
  /** Bytes the +3 point needs the file to exceed: linked content length plus 2 per link. */
  linkedLength: number;
  /** The three criteria and whether each was met. */
  links: boolean;
  text: boolean;
  disclosure: boolean;
}

/** Predict the Security-Policy score of a policy file's text. */
export function predictScorecard(text: string): ScorecardPrediction {
  const urls = new Set<string>();
  const emails = new Set<string>();
  let hits = 0;
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(URL)) urls.add(m[0]);
    for (const m of line.matchAll(EMAIL)) emails.add(m[0]);
    for (const _ of line.matchAll(DIGIT_OR_DISCLOSURE)) hits++;
  }
  const size = Buffer.byteLength(text, "utf8");
  const found = [...urls, ...emails];
  const linkedLength = found.reduce((n, s) => n + Buffer.byteLength(s, "utf8"), 0) + 2 * found.length;
  const links = found.length > 0;
  const hasText = size > 1 && size > linkedLength;
  const disclosure = hits > 1;
  return {
    score: (links ? 6 : 0) + (hasText ? 3 : 0) + (disclosure ? 1 : 0),
    urls: [...urls],
    emails: [...emails],
    hits,
    size,
    linkedLength,
    links,
    text: hasText,
    disclosure,
  };
}
