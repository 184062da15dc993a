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
/**
 * Scorecard's email pattern, `\b[A-Za-z0-9._%+-]+(@|\\?\[at\\?\])[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b`, is not
 * used as a JavaScript regular expression: JavaScript backtracks (RE2 does not), and a long run of
 * local-part characters made it quadratic. `scorecardEmails` finds the same matches with one scan.
 */
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const LETTER = /[A-Za-z]/;

function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD_CHAR.test(text.charAt(i));
}

/** The separator at `i`: `@`, or `[at]` with an optional backslash before each bracket; its length or 0. */
function separatorAt(line: string, i: number): number {
  if (line.charAt(i) === "@") return 1;
  let j = i;
  if (line.charAt(j) === "\\") j++;
  if (!line.startsWith("[at", j)) return 0;
  j += 3;
  if (line.charAt(j) === "\\") j++;
  return line.charAt(j) === "]" ? j + 1 - i : 0;
}

/**
 * The matches of Scorecard's email pattern in one line, left to right as a regular-expression search
 * finds them: the local part is the run of local characters before the separator, starting at its first
 * word boundary; the domain runs to the last `.` that is followed by 2 to 6 letters and a word boundary.
 */
export function scorecardEmails(line: string): string[] {
  const out: string[] = [];
  let runStart = 0;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (LOCAL_CHAR.test(ch)) continue;
    const sep = separatorAt(line, i);
    const start = Math.max(runStart, from);
    if (sep > 0 && start < i) {
      // The first position of the local run with a word boundary before it.
      let s = start;
      while (s < i && isWordAt(line, s - 1) === isWordAt(line, s)) s++;
      let domainEnd = i + sep;
      while (domainEnd < line.length && DOMAIN_CHAR.test(line.charAt(domainEnd))) domainEnd++;
      let end = -1;
      for (let dot = domainEnd - 1; dot > i + sep && end === -1; dot--) {
        if (line.charAt(dot) !== ".") continue;
        let letters = 0;
        while (letters < 6 && dot + 1 + letters < line.length && LETTER.test(line.charAt(dot + 1 + letters))) letters++;
        // {2,6} letters then \b: the boundary must fall right after the letters taken.
        for (let n = letters; n >= 2 && end === -1; n--) {
          const after = dot + 1 + n;
          if (isWordAt(line, after - 1) !== isWordAt(line, after)) end = after;
        }
      }
      if (s < i && end !== -1) {
        out.push(line.slice(s, end));
        from = end;
        i = end - 1;
        runStart = end;
        continue;
      }
    }
    runStart = i + 1;
  }
  return out;
}
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

/** Predict the Security-Policy score of a policy file: its text, or the policy model built from it. */
export function predictScorecard(policy: string | { readonly source: string }): ScorecardPrediction {
  const text = typeof policy === "string" ? policy : policy.source;
  const urls = new Set<string>();
  const emails = new Set<string>();
  let hits = 0;
  for (const line of text.split("\n")) {
    for (const m of line.matchAll(URL)) urls.add(m[0]);
    for (const email of scorecardEmails(line)) emails.add(email);
    for (const _ of line.matchAll(DIGIT_OR_DISCLOSURE)) hits++;
  }
  const size = utf8Length(text);
  const found = [...urls, ...emails];
  const linkedLength = found.reduce((n, s) => n + utf8Length(s), 0) + 2 * found.length;
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

/** A text's length in UTF-8 bytes, as Scorecard measures the file (`Buffer.byteLength` without Node: the rules also run in browsers). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // a lone surrogate is written as U+FFFD
  }
  return n;
}
