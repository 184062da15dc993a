/**
 * The policy model: every fact the rules judge, extracted once per file from the markdown tree. Rules
 * read this model and never scan the raw text again.
 */
import type { Code, Definition, Link as LinkNode, Root } from "mdast";
import { parseMarkdown } from "./text/parse.js";
import type { Range } from "../types.js";
import { type Block, collectBlocks, foldedText, toText } from "./text/blocks.js";
import {
  collectDelegations,
  collectPublishClaims,
  type Delegation,
  type DisclosureMention,
  negatedAt,
  type PublishClaim,
  type PublishFacts,
} from "./facts/claims.js";
import { collectContacts, type Contact, type ContactFacts, type MailtoMismatch, type StandIn } from "./facts/contacts.js";
import { collectDurations, type Duration, isCommitment } from "./facts/durations.js";
import { type BountyMention, findBounty } from "./facts/bounty.js";
import { safeHarborStatements, scopeStatements } from "./facts/commitments.js";
import { compatible, type DataLanguage, detectLanguage, normalizeLanguage, type YamlParse } from "./facts/code-language.js";
import {
  collectKeys,
  comparableUrl,
  fingerprintInUrl,
  type GivenKey,
  givenKeys,
  type KeyFacts,
  type KeyFingerprint,
  type KeyLink,
  type KeyPlaceholder,
  type KeyserverLink,
  keyUrlAgrees,
  sameKey,
} from "./facts/keys.js";
import { collectLabeledDates, type LabeledDate } from "./facts/labeled-dates.js";
import { collectLinks, ISSUES_URL, type Link, PVR_URL } from "./facts/links.js";
import { securityEmails, securityEmailsOfFile } from "./facts/security-contacts.js";
import { findMojibake, type MojibakeRun } from "./formats/mojibake.js";
import { type ArmorBlock, type ArmorProblem, findArmorBlocks, inspectKey, type KeyInfo } from "./formats/pgp.js";
import { predictScorecard, type ScorecardPrediction } from "./formats/scorecard.js";
import { type InsightsProblem, parseSecurityInsights, type SecurityInsights } from "./formats/security-insights.js";
import { SecurityTxtFile } from "./formats/security-txt.js";
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
  /** The data language the tag names (`yml` is YAML, `console` shell), `other` for another language's tag, null without a tag or for a plain-text one. */
  language: DataLanguage | "other" | null;
  /** The data language the content is written in, when it is clearly one (the YAML parser is handed in: it loads on first use). */
  contentLanguage(parseYaml: YamlParse): DataLanguage | null;
  /** Whether content in `actual` fits the tag's language (JSON is YAML, INI is TOML…); false for another language's tag. */
  fits(actual: DataLanguage): boolean;
}

const BOUNTY_HOSTS =
  /(?:^|\.)(?:hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.com|huntr\.dev|immunefi\.com|hackenproof\.com|openbugbounty\.org|zerodayinitiative\.com|security\.txt|responsibledisclosure\.com)$/i;
/** Hosts whose links are never a place to send a report: code hosting pages, documentation, badges. */
const NOT_A_CHANNEL =
  /(?:^|\.)(?:github\.com|gitlab\.com|docs\.github\.com|githubusercontent\.com|shields\.io|img\.shields\.io|badgen\.net|npmjs\.com|pypi\.org|crates\.io|wikipedia\.org|owasp\.org|cwe\.mitre\.org|cve\.mitre\.org|first\.org|nist\.gov|semver\.org|keepachangelog\.com|opensource\.org|contributor-covenant\.org|choosealicense\.com|securitytxt\.org|openssf\.org|bestpractices\.dev|cisa\.gov)$/i;
export { ISSUES_URL, PVR_URL };

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
  return (block.aboutReporting ??= hasPhrase(foldedText(block), REPORT_WORDS));
}

/** The name of GitHub's private reporting button, in quotes of any language: `„Report a vulnerability“`, `«Report a vulnerability»`. */
const QUOTED_BUTTON = /["'`“”„«»‘’‚「『]\s?(?:privately )?report a (?:security )?vulnerability\s?["'`“”»«’‘」』]/i;

/** GitHub's private reporting named without a link, and reports sent to the public tracker: searched as one list. */
const reportingPhrases = kindedPhrases(["private", "public"] as const, {
  private: lexicon.privateReporting,
  public: lexicon.publicReporting,
});

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

function collectCode(nodes: readonly Code[], source: string, sections: readonly Section[]): CodeBlock[] {
  const out: CodeBlock[] = [];
  for (const code of nodes) {
    const p = code.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) continue;
    const range = { start: p.start.offset, end: p.end.offset };
    const at = code.value === "" ? -1 : source.indexOf(code.value, range.start);
    const language = normalizeLanguage(code.lang ?? null);
    out.push({
      lang: code.lang ?? null,
      value: code.value,
      range,
      valueStart: at !== -1 && at + code.value.length <= range.end ? at : null,
      section: sectionAt(sections, range.start),
      language,
      contentLanguage: (parseYaml) => detectLanguage(code.value, parseYaml),
      fits: (actual) => language !== null && language !== "other" && compatible(language, actual),
    });
  }
  return out;
}

/** The nodes of the tree that several facts read. */
interface TreeNodes {
  /** Links and link definitions: contacts and links. */
  links: (LinkNode | Definition)[];
  /** Fenced and indented code: code blocks. */
  code: Code[];
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

/**
 * The policy model of one markdown text. Every fact is a getter computed on first read and kept: a run
 * with one rule on computes only the facts that rule reads (and the facts those are built from).
 */
export class Policy {
  readonly source: string;
  /** The markdown tree the facts are read from (the tree inside the fence, for a policy written in one). */
  readonly tree: Root;
  /** The fence the whole policy is written in, when it is (the model reads the markdown inside it). */
  readonly fence: PolicyFence | null;
  readonly #decoded: DecodeFacts | null;

  #treeNodes?: TreeNodes;
  #sections?: Section[];
  #blocks?: Block[];
  #contacts?: ContactFacts;
  #durations?: Duration[];
  #commitments?: Duration[];
  #versions?: VersionFacts;
  #channels?: Channel[];
  #delegations?: Delegation[];
  #pointer?: Delegation | null;
  #publish?: PublishFacts;
  #codeBlocks?: CodeBlock[];
  #keys?: KeyFacts;
  #givenKeys?: Promise<GivenKey[]>;
  #labeledDates?: LabeledDate[];
  #bounty?: BountyMention | null;
  #mojibake?: MojibakeRun[];
  #links?: Link[];
  #templateText?: TemplateLeftover[];
  #encoding?: EncodingFacts;
  #start?: Range;
  #scopeStatements?: Block[];
  #safeHarborStatements?: Block[];
  #securityEmails?: string[];
  #scorecard?: ScorecardPrediction;

  constructor(source: string, parsed: Root, decoded: DecodeFacts | null) {
    const unwrapped = unwrapFence(parsed, source);
    this.source = source;
    this.tree = unwrapped ? unwrapped.tree : parsed;
    this.fence = unwrapped ? unwrapped.fence : null;
    this.#decoded = decoded;
  }

  /** The nodes several facts read, gathered in one walk over the tree (document order). */
  get #nodes(): TreeNodes {
    if (this.#treeNodes === undefined) {
      const nodes: TreeNodes = { links: [], code: [] };
      walk(this.tree, (node) => {
        if (node.type === "link" || node.type === "definition") nodes.links.push(node);
        else if (node.type === "code") nodes.code.push(node);
      });
      this.#treeNodes = nodes;
    }
    return this.#treeNodes;
  }

  get sections(): Section[] {
    return (this.#sections ??= collectSections(this.tree, this.source.length));
  }

  /** The units of visible text (headings, paragraphs, table rows, raw HTML), each in its section. */
  get blocks(): Block[] {
    if (this.#blocks === undefined) {
      const sections = this.sections;
      const blocks = collectBlocks(this.tree, this.source);
      for (const block of blocks) block.section = sectionAt(sections, block.range.start);
      this.#blocks = blocks;
    }
    return this.#blocks;
  }

  get #contactFacts(): ContactFacts {
    return (this.#contacts ??= collectContacts(this.#nodes.links, this.blocks));
  }

  get contacts(): Contact[] {
    return this.#contactFacts.contacts;
  }

  get mailtoMismatches(): MailtoMismatch[] {
    return this.#contactFacts.mismatches;
  }

  get standIns(): StandIn[] {
    return this.#contactFacts.standIns;
  }

  get durations(): Duration[] {
    return (this.#durations ??= collectDurations(this.blocks));
  }

  /** The durations that stand where a policy states its commitments (a promise, or a response-timeline section). */
  get commitments(): Duration[] {
    return (this.#commitments ??= this.durations.filter(isCommitment));
  }

  get versions(): VersionFacts {
    return (this.#versions ??= collectVersions(this.blocks));
  }

  get channels(): Channel[] {
    return (this.#channels ??= collectChannels(this.contacts, this.blocks));
  }

  /** Links that the policy hands itself, or its supported versions, to. */
  get delegations(): Delegation[] {
    return (this.#delegations ??= collectDelegations(this.contacts, this.blocks, notHandedTo));
  }

  /**
   * The page this file points to as the whole policy, when the file is a pointer: it hands the policy to
   * a page and gives no private channel of its own.
   */
  get pointer(): Delegation | null {
    if (this.#pointer === undefined) {
      const delegations = this.delegations;
      // A link handed the policy is not a channel of the file's own, even where it stands in a reporting section.
      const handedOn = new Set(delegations.map((d) => d.range.start));
      const ownChannel = this.channels.some(
        (c) => c.kind === "email" || c.kind === "pvr" || c.kind === "pvr-mention" || (c.kind === "form" && !handedOn.has(c.range.start)),
      );
      this.#pointer = ownChannel ? null : (delegations.find((d) => d.policy) ?? null);
    }
    return this.#pointer;
  }

  get #publishFacts(): PublishFacts {
    return (this.#publish ??= collectPublishClaims(this.blocks, this.durations));
  }

  /** Sentences that say how disclosure is coordinated (advisories, CVEs, embargo, a disclosure window). */
  get publishClaims(): PublishClaim[] {
    return this.#publishFacts.claims;
  }

  /** Sentences that name disclosure without saying how it is done: what came close to a disclosure process. */
  get disclosureMentions(): DisclosureMention[] {
    return this.#publishFacts.mentions;
  }

  get codeBlocks(): CodeBlock[] {
    return (this.#codeBlocks ??= collectCode(this.#nodes.code, this.source, this.sections));
  }

  get #keyFacts(): KeyFacts {
    return (this.#keys ??= collectKeys(
      this.source,
      this.blocks,
      this.sections,
      this.contacts.filter((c) => c.kind === "url"),
    ));
  }

  /** Armored PGP public-key blocks, with their structural problems. */
  get keyBlocks(): ArmorBlock[] {
    return this.#keyFacts.keyBlocks;
  }

  /** Comments that stand where a key belongs (`<!-- PGP public key would be included here -->`). */
  get keyPlaceholders(): KeyPlaceholder[] {
    return this.#keyFacts.keyPlaceholders;
  }

  /** Links given as the key that lead to a keyserver's front page. */
  get keyserverLinks(): KeyserverLink[] {
    return this.#keyFacts.keyserverLinks;
  }

  /** Links given to a public key: key files, keyserver lookups, pages the policy calls its key. */
  get keyLinks(): KeyLink[] {
    return this.#keyFacts.keyLinks;
  }

  /** Fingerprints written after the word "fingerprint", and in a table column headed "Fingerprint". */
  get fingerprints(): KeyFingerprint[] {
    return this.#keyFacts.fingerprints;
  }

  /** The first mention of a bug bounty (or link to a bounty platform), and whether it offers one. */
  get bounty(): BountyMention | null {
    if (this.#bounty === undefined) this.#bounty = findBounty(this.blocks, this.contacts);
    return this.#bounty;
  }

  /** "Last updated / Last reviewed / Effective date" dates. */
  get labeledDates(): LabeledDate[] {
    return (this.#labeledDates ??= collectLabeledDates(this.blocks));
  }

  /** Text garbled by a wrong decoding, anywhere in the source, with its repair. */
  get mojibake(): MojibakeRun[] {
    return (this.#mojibake ??= findMojibake(this.source));
  }

  /** Markdown links and definitions. */
  get links(): Link[] {
    return (this.#links ??= collectLinks(this.#nodes.links, this.sections));
  }

  /** Template sentences, variables, notes to the author and TODO markers in the prose. */
  get templateText(): TemplateLeftover[] {
    return (this.#templateText ??= collectTemplateText(this.blocks));
  }

  /** How the bytes were decoded (when the linter read them) and stray control characters in the text. */
  get encoding(): EncodingFacts {
    return (this.#encoding ??= { decoded: this.#decoded, controls: findControlCharacters(this.source) });
  }

  /** The first heading, or the start of the file: where a missing section is reported. */
  get start(): Range {
    if (this.#start === undefined) {
      const first = this.sections[0];
      const nl = this.source.indexOf("\n");
      this.#start = first
        ? first.heading
        : { start: 0, end: Math.min(this.source.length, Math.max(0, nl === -1 ? this.source.length : nl)) };
    }
    return this.#start;
  }

  /** Blocks that say what is in or out of scope for reports. */
  get scopeStatements(): Block[] {
    return (this.#scopeStatements ??= scopeStatements(this.blocks));
  }

  /** Blocks that promise not to pursue good-faith research (a safe-harbor commitment). */
  get safeHarborStatements(): Block[] {
    return (this.#safeHarborStatements ??= safeHarborStatements(this.blocks));
  }

  /** Real (not placeholder) reporting addresses, lower-cased, in order: what other files are compared with. */
  get securityEmails(): string[] {
    return (this.#securityEmails ??= securityEmails(this.contacts));
  }

  /** OpenSSF Scorecard's Security-Policy check, predicted from the text as Scorecard reads it. */
  get scorecard(): ScorecardPrediction {
    return (this.#scorecard ??= predictScorecard(this.source));
  }

  /** A key block read for its fingerprint, user ids and expiry (openpgp is loaded on first use); read once per block. */
  inspectKey(block: ArmorBlock): Promise<KeyInfo | ArmorProblem> {
    return (block.inspected ??= inspectKey(block));
  }

  /**
   * The keys the policy gives: fingerprints written after the word "fingerprint", and the fingerprints of
   * its armored key blocks (at the block's first line). Asynchronous, so rules ask only when they compare.
   */
  givenKeys(): Promise<GivenKey[]> {
    return (this.#givenKeys ??= givenKeys(this.source, this.#keyFacts.written, this.keyBlocks, (block) => this.inspectKey(block)));
  }

  /** Whether a key URL names a key this policy gives (see `keyUrlAgrees`); null when the policy gives nothing to compare with. */
  async keyUrlAgrees(url: string): Promise<boolean | null> {
    return keyUrlAgrees(url, await this.givenKeys(), this.keyLinks);
  }

  /** The fingerprint of the first armored key block in another text (a Security Insights `pgp-key`), or null when there is none or it is unreadable. */
  async keyInText(text: string): Promise<{ fingerprint: string } | null | undefined> {
    const [block] = findArmorBlocks(text);
    if (!block) return undefined;
    const info = await inspectKey(block);
    return "fingerprint" in info ? { fingerprint: info.fingerprint } : null;
  }

  /** The reporting addresses another policy file of the repository gives: markdown is modelled, reStructuredText and AsciiDoc are scanned. */
  emailsOfPolicyFile(filePath: string, text: string): string[] {
    return securityEmailsOfFile(filePath, text, (t) => buildPolicy(t).securityEmails);
  }

  /** The repository's security.txt, read and checked (RFC 9116), for comparing with this policy. */
  readSecurityTxt(text: string): SecurityTxtFile {
    return new SecurityTxtFile(text);
  }

  /**
   * The YAML parser's `parse`, loaded on the first call: only a policy with a tagged code fence pays for it.
   * Rules reach the parser through the model, since they import no values from src/policy/; the signature
   * names no type of the yaml package, which the published declarations cannot depend on.
   */
  async yamlParser(): Promise<(source: string) => unknown> {
    const { parse } = await import("./formats/yaml.js");
    return (source) => parse(source);
  }

  /** The repository's Security Insights file, read (the YAML parser loads here) and checked against its schema. */
  async readSecurityInsights(text: string): Promise<SecurityInsights | InsightsProblem> {
    const yaml = await import("./formats/yaml.js");
    return parseSecurityInsights(text, yaml);
  }

  /** How the consistency rules compare this policy's keys and URLs with those of the repository's other files. */
  readonly compare = COMPARISONS;
}

/** Comparisons of keys and URLs, the same for every policy. */
const COMPARISONS = {
  /** Whether two fingerprints name the same key (a long key id names the key whose fingerprint it ends). */
  sameKey,
  /** A fingerprint or long key id a key URL carries, upper-case, or null. */
  fingerprintInUrl,
  /** A URL as compared: no fragment, no trailing slash, scheme and host in lower case. */
  comparableUrl,
} as const;

/** Build the policy model of one markdown text; facts are computed when first read. */
export function buildPolicy(source: string, parsed: Root = parseMarkdown(source), decoded: DecodeFacts | null = null): Policy {
  return new Policy(source, parsed, decoded);
}
