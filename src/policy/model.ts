/**
 * The policy model: every fact the rules judge, extracted once per file from the markdown tree. Rules
 * read this model and never scan the raw text again.
 */
import type { Code, Nodes, Root } from "mdast";
import { parseMarkdown } from "./text/parse.js";
import type { Range } from "../types.js";
import { type Block, collectBlocks, foldedText, toText } from "./text/blocks.js";
import { collectDelegations, collectPublishClaims, type Delegation, type DisclosureMention, negatedAt, type PublishClaim } from "./facts/claims.js";
import { collectContacts, type Contact, type MailtoMismatch, type StandIn } from "./facts/contacts.js";
import { collectDurations, type Duration } from "./facts/durations.js";
import { type BountyMention, findBounty } from "./facts/bounty.js";
import { collectKeys, type KeyFingerprint, type KeyLink, type KeyPlaceholder, type KeyserverLink } from "./facts/keys.js";
import { collectLabeledDates, type LabeledDate } from "./facts/labeled-dates.js";
import { collectLinks, type Link } from "./facts/links.js";
import { findMojibake, type MojibakeRun } from "./formats/mojibake.js";
import type { ArmorBlock } from "./formats/pgp.js";
import { type DecodeFacts, type EncodingFacts, findControlCharacters } from "./encoding.js";
import { lexicon } from "./lexicon/index.js";
import { collectSections, kindsOf, type Section, sectionAt } from "./facts/sections.js";
import { collectTemplateText, type TemplateLeftover } from "./facts/template-text.js";
import { findPhrases, hasPhrase, kindedPhrases } from "./text/text.js";
import { collectVersions, type VersionFacts } from "./facts/versions.js";
import { walk } from "./text/walk.js";

export type ChannelKind = "email" | "pvr" | "form" | "pvr-mention" | "public-issues";

/** A way to send a report, and where the policy names it. */
export interface Channel {
  kind: ChannelKind;
  range: Range;
  contact: Contact | null;
}

export interface CodeBlock {
  lang: string | null;
  value: string;
  range: Range;
  /** Where the content starts in the source (after the opening fence line), when it can be told. */
  valueStart: number | null;
  section: Section | null;
}

export interface Policy {
  source: string;
  tree: Root;
  sections: Section[];
  blocks: Block[];
  contacts: Contact[];
  mailtoMismatches: MailtoMismatch[];
  standIns: StandIn[];
  durations: Duration[];
  versions: VersionFacts;
  channels: Channel[];
  /** Links that the policy hands itself, or its supported versions, to. */
  delegations: Delegation[];
  /**
   * The page this file points to as the whole policy, when the file is a pointer: it hands the policy to
   * a page and gives no private channel of its own.
   */
  pointer: Delegation | null;
  /** Sentences that say how disclosure is coordinated (advisories, CVEs, embargo, a disclosure window). */
  publishClaims: PublishClaim[];
  /** Sentences that name disclosure without saying how it is done: what came close to a disclosure process. */
  disclosureMentions: DisclosureMention[];
  codeBlocks: CodeBlock[];
  /** Armored PGP public-key blocks, with their structural problems. */
  keyBlocks: ArmorBlock[];
  /** Comments that stand where a key belongs (`<!-- PGP public key would be included here -->`). */
  keyPlaceholders: KeyPlaceholder[];
  /** Links given as the key that lead to a keyserver's front page. */
  keyserverLinks: KeyserverLink[];
  /** Links given to a public key: key files, keyserver lookups, pages the policy calls its key. */
  keyLinks: KeyLink[];
  /** The first mention of a bug bounty (or link to a bounty platform), and whether it offers one. */
  bounty: BountyMention | null;
  /** Fingerprints written after the word "fingerprint". */
  fingerprints: KeyFingerprint[];
  /** "Last updated / Last reviewed / Effective date" dates. */
  labeledDates: LabeledDate[];
  /** Text garbled by a wrong decoding, anywhere in the source, with its repair. */
  mojibake: MojibakeRun[];
  /** Markdown links and definitions. */
  links: Link[];
  /** Template sentences, variables, notes to the author and TODO markers in the prose. */
  templateText: TemplateLeftover[];
  /** The fence the whole policy is written in, when it is (the model reads the markdown inside it). */
  fence: PolicyFence | null;
  /** The first heading, or the start of the file: where a missing section is reported. */
  start: Range;
  /** How the bytes were decoded (when the linter read them) and stray control characters in the text. */
  encoding: EncodingFacts;
}

const BOUNTY_HOSTS = /(?:^|\.)(?:hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.com|huntr\.dev|immunefi\.com|hackenproof\.com|openbugbounty\.org|zerodayinitiative\.com|security\.txt|responsibledisclosure\.com)$/i;
/** Hosts whose links are never a place to send a report: code hosting pages, documentation, badges. */
const NOT_A_CHANNEL = /(?:^|\.)(?:github\.com|gitlab\.com|docs\.github\.com|githubusercontent\.com|shields\.io|img\.shields\.io|badgen\.net|npmjs\.com|pypi\.org|crates\.io|wikipedia\.org|owasp\.org|cwe\.mitre\.org|cve\.mitre\.org|first\.org|nist\.gov|semver\.org|keepachangelog\.com|opensource\.org|contributor-covenant\.org|choosealicense\.com|securitytxt\.org|openssf\.org|bestpractices\.dev|cisa\.gov)$/i;
export const ISSUES_URL = /^https?:\/\/(?:www\.)?github\.com\/[^/\s]+\/[^/\s]+\/issues(?:[/?#]|$)/i;
/** GitHub's private vulnerability reporting: the form (`/security/advisories/new`) or the pages that offer it. */
export const PVR_URL = /^https?:\/\/(?:www\.)?github\.com\/([^/\s]+)\/([^/\s]+)\/security(?:\/advisories(?:\/new)?)?\/?(?:[?#].*)?$/i;

/**
 * Links a policy cannot hand itself to: the reporting form and the issue tracker (channels), and pages of
 * general documentation (GitHub's docs, standards, encyclopedias). A repository on a code host can hold it.
 */
function notHandedTo(url: string): boolean {
  if (PVR_URL.test(url) || ISSUES_URL.test(url)) return true;
  const host = hostOf(url);
  return host === null || (NOT_A_CHANNEL.test(host) && !/^(?:www\.)?(?:github|gitlab)\.com$/i.test(host));
}

function hostOf(url: string): string | null {
  try {
    return new URL(url.startsWith("//") ? `https:${url}` : url).hostname;
  } catch {
    return null;
  }
}

const REPORT_WORDS = lexicon.reportWords;

/** Whether a link stands where a policy says how to report: a reporting or contact section, or a sentence about reporting. */
function reportingContext(section: Section | null, block: Block | null): boolean {
  const kinds = kindsOf(section);
  if (kinds.includes("reporting") || kinds.includes("contact")) return true;
  if (block === null) return false;
  let about = reportingBlocks.get(block);
  if (about === undefined) {
    about = hasPhrase(foldedText(block), REPORT_WORDS);
    reportingBlocks.set(block, about);
  }
  return about;
}

/** Whether a block speaks about reporting, worked out once per block (a block can hold thousands of links). */
const reportingBlocks = new WeakMap<Block, boolean>();

/** The name of GitHub's private reporting button, in quotes of any language: `„Report a vulnerability“`, `«Report a vulnerability»`. */
const QUOTED_BUTTON = /["'`“”„«»‘’‚「『]\s?(?:privately )?report a (?:security )?vulnerability\s?["'`“”»«’‘」』]/i;

/** GitHub's private reporting named without a link, and reports sent to the public tracker: searched as one list. */
const reportingPhrases = kindedPhrases(["private", "public"] as const, { private: lexicon.privateReporting, public: lexicon.publicReporting });

/**
 * The report-via claims of a policy: every address and link it gives as a place to send reports, and
 * every sentence that names GitHub's private reporting or sends reports to the public tracker. A claim
 * negated in its sentence ("do not open a public issue") sends nothing there; a placeholder address is
 * no channel; a link definition is a target, not an instruction.
 */
function collectChannels(contacts: readonly Contact[], blocks: readonly Block[]): Channel[] {
  const channels: Channel[] = [];
  for (const c of contacts) {
    // A placeholder reaches nobody; an example or an announcement list is not where reports go.
    if (c.placeholder !== null || c.role === "example" || c.role === "announcement") continue;
    if (c.kind === "email") {
      channels.push({ kind: "email", range: c.range, contact: c });
      continue;
    }
    if (PVR_URL.test(c.value)) {
      channels.push({ kind: "pvr", range: c.range, contact: c });
    } else if (ISSUES_URL.test(c.value)) {
      if (c.via === "definition" || !c.block) continue;
      const at = toText(c.block, c.range.start);
      if (!negatedAt(c.block, at, at)) channels.push({ kind: "public-issues", range: c.range, contact: c });
    } else {
      const host = hostOf(c.value);
      if (!host || NOT_A_CHANNEL.test(host) || !/^https?:|^\/\/|^www\./i.test(c.value)) continue;
      if (BOUNTY_HOSTS.test(host) || (c.block?.kind !== "html" && reportingContext(c.section, c.block))) {
        channels.push({ kind: "form", range: c.range, contact: c });
      }
    }
  }
  for (const block of blocks) {
    if (block.kind === "html") continue;
    const folded = foldedText(block);
    // One pass for both lists; a block gives at most one channel of each kind.
    const found = new Set<Channel["kind"]>();
    for (const m of findPhrases(folded, reportingPhrases.phrases)) {
      const kind = reportingPhrases.kindOf.get(m.phrase) === "private" ? "pvr-mention" : "public-issues";
      if (found.has(kind)) continue;
      if (kind === "pvr-mention" && !reportingContext(block.section, block)) continue;
      if (negatedAt(block, m.start, m.end)) continue;
      found.add(kind);
    }
    // GitHub's button keeps its English name in every language: quoted, it names private reporting.
    if (!found.has("pvr-mention")) {
      const quoted = QUOTED_BUTTON.exec(block.text);
      if (quoted && !negatedAt(block, quoted.index, quoted.index + quoted[0].length)) found.add("pvr-mention");
    }
    // In the order the two lists were searched before: the private mention first.
    for (const kind of ["pvr-mention", "public-issues"] as const) {
      if (found.has(kind)) channels.push({ kind, range: block.range, contact: null });
    }
  }
  return channels.sort((a, b) => a.range.start - b.range.start);
}

function collectCode(root: Root, source: string, sections: readonly Section[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code") {
      const code = node as Code;
      const p = code.position;
      if (p && p.start.offset !== undefined && p.end.offset !== undefined) {
        const range = { start: p.start.offset, end: p.end.offset };
        const at = code.value === "" ? -1 : source.indexOf(code.value, range.start);
        out.push({
          lang: code.lang ?? null,
          value: code.value,
          range,
          valueStart: at !== -1 && at + code.value.length <= range.end ? at : null,
          section: sectionAt(sections, range.start),
        });
      }
    }
  };
  walk(root, visit);
  return out;
}

/** A whole policy written inside one fence: GitHub shows it as code. */
export interface PolicyFence {
  /** The opening fence line. */
  range: Range;
  lang: string | null;
}

const MARKDOWN_TAGS = /^(?:markdown|md|mdx|gfm|commonmark)$/i;

/**
 * A file whose only content is one fenced block of markdown (comments aside): the markdown inside, parsed
 * and placed at its offsets in the file, so that the policy is judged as what it says. Only a fence at
 * the top level whose content stands verbatim in the file is unwrapped (then offsets shift by one amount).
 */
function unwrapFence(tree: Root, source: string): { tree: Root; fence: PolicyFence } | null {
  const content = tree.children.filter((n) => !(n.type === "html" && /^\s*<!--[^]*-->\s*$/.test(n.value)));
  const only = content[0];
  if (content.length !== 1 || !only || only.type !== "code") return null;
  const lang = only.lang ?? null;
  if (lang !== null ? !MARKDOWN_TAGS.test(lang) : !/^#{1,6}\s/m.test(only.value)) return null;
  const p = only.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined || p.start.column !== 1) return null;
  const start = source.indexOf("\n", p.start.offset) + 1;
  if (start === 0 || source.slice(start, start + only.value.length) !== only.value) return null;
  const inner = parseMarkdown(only.value);
  const lineShift = source.slice(0, start).split("\n").length - 1;
  walk(inner, (node) => {
    const q = node.position;
    if (!q) return;
    if (q.start.offset !== undefined) q.start.offset += start;
    if (q.end.offset !== undefined) q.end.offset += start;
    q.start.line += lineShift;
    q.end.line += lineShift;
  });
  return { tree: inner, fence: { range: { start: p.start.offset, end: start - 1 }, lang } };
}

/** Build the policy model of one markdown text. */
export function buildPolicy(source: string, parsed: Root = parseMarkdown(source), decoded: DecodeFacts | null = null): Policy {
  const unwrapped = unwrapFence(parsed, source);
  const tree = unwrapped ? unwrapped.tree : parsed;
  const sections = collectSections(tree, source.length);
  const blocks = collectBlocks(tree, source);
  for (const block of blocks) block.section = sectionAt(sections, block.range.start);
  const { contacts, mismatches, standIns } = collectContacts(tree, blocks);
  const durations = collectDurations(blocks);
  const versions = collectVersions(blocks);
  const channels = collectChannels(contacts, blocks);
  const publish = collectPublishClaims(blocks, durations);
  const delegations = collectDelegations(contacts, blocks, notHandedTo);
  // A link handed the policy is not a channel of the file's own, even where it stands in a reporting section.
  const handedOn = new Set(delegations.map((d) => d.range.start));
  const ownChannel = channels.some((c) => c.kind === "email" || c.kind === "pvr" || c.kind === "pvr-mention" || (c.kind === "form" && !handedOn.has(c.range.start)));
  const pointer = ownChannel ? null : (delegations.find((d) => d.policy) ?? null);
  const first = sections[0];
  return {
    source,
    tree,
    sections,
    blocks,
    contacts,
    mailtoMismatches: mismatches,
    standIns,
    durations,
    versions,
    channels,
    delegations,
    pointer,
    publishClaims: publish.claims,
    disclosureMentions: publish.mentions,
    codeBlocks: collectCode(tree, source, sections),
    ...collectKeys(source, blocks, sections, contacts.filter((c) => c.kind === "url")),
    labeledDates: collectLabeledDates(blocks),
    bounty: findBounty(blocks, contacts),
    mojibake: findMojibake(source),
    links: collectLinks(tree, sections),
    templateText: collectTemplateText(blocks),
    encoding: { decoded, controls: findControlCharacters(source) },
    fence: unwrapped ? unwrapped.fence : null,
    start: first ? first.heading : { start: 0, end: Math.min(source.length, Math.max(0, source.indexOf("\n") === -1 ? source.length : source.indexOf("\n"))) },
  };
}
