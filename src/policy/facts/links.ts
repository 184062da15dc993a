/** Links of a policy: markdown links, autolinks and reference definitions, with the text they show. */
import type { Definition, Link as LinkNode } from "mdast";
import { toString as textOf } from "mdast-util-to-string";
import type { Range } from "../../types.js";
import { lexicon } from "../lexicon/index.js";
import { kindsOf, type Section, sectionAt } from "./sections.js";
import type { SectionKind } from "../lexicon/index.js";
import { fold, hasPhrase } from "../text/text.js";

export interface Link {
  url: string;
  /** The visible text of the link (empty for a definition). */
  text: string;
  via: "link" | "definition";
  /** Whether the visible text promises a private way to report ("report privately", "Security Advisory"). */
  promisesPrivate: boolean;
  range: Range;
  section: Section | null;
  /** The kinds of the section the link stands in and of the sections around it. */
  sectionKinds: SectionKind[];
  /** What is wrong with the URL as written (trimmed), or null. */
  problem: LinkProblem;
  /** Whether the URL (trimmed) is a repository's issue tracker on GitHub. */
  toIssues: boolean;
  /** The owner and repository of a GitHub private vulnerability reporting URL (trimmed), or null. */
  reportingForm: { owner: string; repo: string } | null;
}

export const ISSUES_URL = /^https?:\/\/(?:www\.)?github\.com\/[^/\s]+\/[^/\s]+\/issues(?:[/?#]|$)/i;
/** GitHub's private vulnerability reporting: the form (`/security/advisories/new`) or the pages that offer it. */
export const PVR_URL = /^https?:\/\/(?:www\.)?github\.com\/([^/\s]+)\/([^/\s]+)\/security(?:\/advisories(?:\/new)?)?\/?(?:[?#].*)?$/i;

/** Words in a link's text that promise a private channel. */
const PRIVATE_WORDS = [
  ...lexicon.privateReporting,
  "private",
  "privately",
  "confidential",
  "confidentially",
  "securely",
  "security advisory",
  "report a vulnerability",
  "privé",
  "en privé",
  "privada",
  "privado",
  "vertraulich",
  "privat",
  "приватно",
  "конфиденциально",
  "非公開",
  "私密",
  "私下",
  "비공개",
];

/** Every link and definition, from the link and definition nodes in document order. */
export function collectLinks(nodes: readonly (LinkNode | Definition)[], sections: readonly Section[]): Link[] {
  const out: Link[] = [];
  for (const node of nodes) {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) continue;
    const text = node.type === "link" ? textOf(node) : "";
    const url = node.url.trim();
    const section = sectionAt(sections, p.start.offset);
    const pvr = PVR_URL.exec(url);
    out.push({
      url: node.url,
      text,
      via: node.type,
      promisesPrivate: text !== "" && hasPhrase(` ${fold(text)} `, PRIVATE_WORDS),
      range: { start: p.start.offset, end: p.end.offset },
      section,
      sectionKinds: kindsOf(section),
      problem: linkProblem(url),
      toIssues: ISSUES_URL.test(url),
      reportingForm: pvr ? { owner: pvr[1] ?? "", repo: pvr[2] ?? "" } : null,
    });
  }
  return out;
}

export type LinkProblem =
  | { kind: "malformed-url"; reason: string }
  | { kind: "malformed-mailto"; address: string }
  | { kind: "bare-address"; address: string }
  | null;

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$|^localhost$|^\d{1,3}(?:\.\d{1,3}){3}$|^\[[0-9a-f:.]+\]$/i;

/** The address a link target names without `mailto:` (`security@x.org`), or null. */
export function bareAddress(url: string): string | null {
  const trimmed = url.trim();
  return EMAIL.test(trimmed) ? trimmed : null;
}

/** What is wrong with a URL's form, or null. Relative links and other schemes are not judged. */
export function linkProblem(url: string): LinkProblem {
  const trimmed = url.trim();
  if (/^mailto:/i.test(trimmed)) {
    let address = trimmed.slice(7).split("?")[0] ?? "";
    try {
      address = decodeURIComponent(address);
    } catch {
      return { kind: "malformed-mailto", address };
    }
    const all = address.split(",").map((a) => a.trim());
    return all.every((a) => EMAIL.test(a)) ? null : { kind: "malformed-mailto", address };
  }
  if (/^(?:htt?ps?|hhttps?|ttps?|https?s)\/\/|^https?:\/?(?!\/)|^https?;\/\/|^htps?:|^htt:|^ttps?:/i.test(trimmed)) {
    return { kind: "malformed-url", reason: "the scheme is misspelt" };
  }
  // `[security@x.org](security@x.org)`: without `mailto:` the target is a relative path that opens nothing.
  const bare = bareAddress(trimmed);
  if (bare !== null) return { kind: "bare-address", address: bare };
  if (!/^https?:\/\//i.test(trimmed)) return null;
  if (/\s/.test(trimmed)) return { kind: "malformed-url", reason: "it contains a space" };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { kind: "malformed-url", reason: "it does not parse as a URL" };
  }
  const rawHost = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(trimmed)?.[1] ?? parsed.hostname;
  if (!HOST.test(rawHost)) return { kind: "malformed-url", reason: `\`${rawHost}\` is not a host name` };
  return null;
}
