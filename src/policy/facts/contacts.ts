/** Contacts: every email address and web address a policy gives, with where it stands. */
import type { Definition, Link, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Range } from "../../types.js";
import { type Block, rangeInSource, toText, touchesCode } from "../text/blocks.js";
import { lexicon } from "../lexicon/index.js";
import type { Section } from "./sections.js";
import { bareAddress } from "./links.js";
import { placeholderEmail, placeholderUrl } from "./placeholders.js";
import { blankHtmlComments } from "../text/html-comments.js";
import { countStartingAtOrBefore } from "../text/search.js";
import { leadIn, sentenceAt } from "../text/sentences.js";
import { findPhrases, hasPhrase, fold, foldPhrase } from "../text/text.js";
import { trimEndChars } from "../text/trim.js";

/** What an address is for, from the claim it stands in (see `roleOf`). */
export type ContactRole = "report" | "escalation" | "announcement" | "general" | "third-party" | "example";

export interface Contact {
  kind: "email" | "url";
  /** Emails lower-cased; URLs as written. */
  value: string;
  /** The text as it stands in the policy. */
  raw: string;
  range: Range;
  block: Block | null;
  section: Section | null;
  /** How it was written. */
  via: "text" | "code" | "obfuscated" | "mailto" | "link" | "definition" | "html";
  /** What the address is for: only `report` addresses are where the policy sends reports. */
  role: ContactRole;
  /** Why the address is a placeholder (reserved or template name), or null for a real one. */
  placeholder: string | null;
}

/** A `mailto:` link whose visible text shows another address than the one it sends to. */
export interface MailtoMismatch {
  target: string;
  shown: string;
  range: Range;
}

/** A stand-in where an address belongs: `[email]`, `<your-email>`, `[INSERT EMAIL ADDRESS]`. */
export interface StandIn {
  text: string;
  range: Range;
}

const LOCAL = /[A-Za-z0-9._%+-]/;
const DOMAIN = /[A-Za-z0-9.-]/;
/** An `@`, or a bracketed `at` standing for it: `name [at] example [dot] org`. */
const SEPARATOR = /@| ?[[({] ?(?:at|@) ?[\])}] ?| at (?=[a-z0-9-]{1,63}(?:\.| dot ))/gi;
const OBFUSCATED_DOT = /\s?[[({]\s?dot\s?[\])}]\s?| dot (?=[a-z])/giy;
/** How an obfuscated local part writes its dots. */
const LOCAL_DOTS = [" dot ", "[dot]", "(dot)", "{dot}", " [dot] ", " (dot) "];
/** A dot and the top-level domain in one bracket: `security[at]example[dot com]`. */
const OBFUSCATED_TLD = /\s?[[({]\s?dot\s([a-z]{2,12})\s?[\])}]/iy;

export interface FoundEmail {
  start: number;
  end: number;
  address: string;
  obfuscated: boolean;
}

function trimDomain(domain: string): string {
  return trimEndChars(domain, ".-");
}

function validDomain(domain: string): boolean {
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((l) => l === "" || l.startsWith("-") || l.endsWith("-"))) return false;
  return /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1] as string);
}

/** Words that keep a contact labelled "general" a security contact (`general security contact`). */
const SECURE_WORDS = ["security", "vulnerability", "vulnerabilities", "report", "reports", "reporting", "disclosure"];

/**
 * Email addresses in plain text, found by expanding around each `@` (and each `[at]`-style stand-in for
 * it), so the scan is linear in the length of the text.
 */
export function findEmails(text: string, plainAtAllowed: (start: number, end: number) => boolean = () => false): FoundEmail[] {
  const found: FoundEmail[] = [];
  let from = 0;
  while (from < text.length) {
    SEPARATOR.lastIndex = from;
    const sep = SEPARATOR.exec(text);
    if (!sep) break;
    const sepStart = sep.index;
    const sepEnd = sep.index + sep[0].length;
    let obfuscated = sep[0] !== "@";
    let s = sepStart;
    while (s > 0 && LOCAL.test(text[s - 1] as string)) s--;
    while (s < sepStart && text[s] === ".") s++;
    let e = sepEnd;
    let domain = "";
    let dotted = false;
    for (;;) {
      if (e < text.length && DOMAIN.test(text[e] as string)) {
        domain += text[e];
        e++;
        continue;
      }
      OBFUSCATED_DOT.lastIndex = e;
      const dot = obfuscated ? OBFUSCATED_DOT.exec(text) : null;
      if (dot && e < text.length) {
        domain += ".";
        e += dot[0].length;
        obfuscated = true;
        dotted = true;
        continue;
      }
      OBFUSCATED_TLD.lastIndex = e;
      const tld = obfuscated ? OBFUSCATED_TLD.exec(text) : null;
      if (tld && tld[1]) {
        domain += `.${tld[1]}`;
        e += tld[0].length;
        dotted = true;
      }
      break;
    }
    // An obfuscated local part: `jane dot doe at tide dot org`, `jane[dot]doe[at]…`.
    let localText = text.slice(s, sepStart);
    if (obfuscated) {
      for (;;) {
        const sep = LOCAL_DOTS.find((d) => text.slice(Math.max(0, s - d.length), s).toLowerCase() === d);
        if (!sep) break;
        let k = s - sep.length;
        const wordEnd = k;
        while (k > 0 && LOCAL.test(text[k - 1] as string)) k--;
        if (k === wordEnd) break;
        localText = `${text.slice(k, wordEnd)}.${localText}`;
        s = k;
      }
    }
    const trimmed = trimDomain(domain);
    const local = localText;
    // A plain " at " counts only after a local part that could not be an ordinary word: `jane.doe at example.org`.
    const plainAt = sep[0] === " at ";
    // In inline code (`jane at example.org`) any local part counts: nobody writes prose in code spans; nor
    // does anyone write "at tide dot org" but to hide an address.
    if (local.length > 0 && validDomain(trimmed) && (!plainAt || dotted || /[._\-\d]/.test(local) || plainAtAllowed(s, e))) {
      // Give back what trimming removed, and any trailing separator consumed by an obfuscated dot.
      let end = e;
      while (end > sepEnd && !/[A-Za-z0-9]/.test(text[end - 1] as string)) end--;
      found.push({ start: s, end, address: `${local}@${trimmed}`.toLowerCase(), obfuscated });
      from = end;
    } else {
      from = sepEnd;
    }
  }
  return found;
}

const CREDIT_HEADINGS = [
  "hall of fame",
  "acknowledgments",
  "acknowledgements",
  "thanks",
  "credits",
  "contributors",
  "researchers",
  "credit",
];
const ROLES = lexicon.contactRoles;
/** Words right before an address that make it an example ("for example", "e.g."). */
const EXAMPLE_LEADS = ["for example", "for instance", "e g", "z b", "par exemple", "por ejemplo", "例えば", "例如", "например"];

/** Whether the words just before an address introduce an example ("for instance zlib at …"), with no sentence break since. */
function exampleLead(before: string): boolean {
  return findPhrases(fold(before), EXAMPLE_LEADS).some((m) => !/[.;:!?]/.test(before.slice(m.end).replace(/^\./, "")));
}
const CLAUSE_END = /[;,，、；:]\s/g;

/** The clause of a sentence around an address: from the last clause break before it to the next one after it. */
function clauseAround(text: string, start: number, end: number, from: number, to: number): string {
  let lo = from;
  let hi = to;
  CLAUSE_END.lastIndex = from;
  for (let m = CLAUSE_END.exec(text); m && m.index < to; m = CLAUSE_END.exec(text)) {
    if (m.index + m[0].length <= start) lo = m.index + m[0].length;
    else if (m.index >= end) {
      hi = m.index;
      break;
    }
  }
  return ` ${fold(text.slice(lo, start))} ${fold(text.slice(end, hi))} `;
}

/** The role the headings above a block give every address in it, worked out once per section. */
function headingRole(section: Section | null): ContactRole | null {
  if (!section) return null;
  let role = section.contactRole;
  if (role === undefined) {
    role = null;
    if (section.kind === null) {
      const title = ` ${fold(section.title)} `;
      // People credited in a hall of fame or acknowledgments section are not contacts for reports.
      if (hasPhrase(title, CREDIT_HEADINGS)) role = "general";
      else if (hasPhrase(title, ROLES.example)) role = "example";
      else if (hasPhrase(title, ROLES.announcement)) role = "announcement";
      else if (hasPhrase(title, ROLES["third-party"])) role = "third-party";
    }
    role ??= headingRole(section.parent);
    section.contactRole = role;
  }
  return role;
}

/**
 * Blocks that a sentence introduces as an example ("Here is an example report:", "Beispiel:"): the block
 * right after it in the same section.
 */
function exampleBlocks(blocks: readonly Block[]): Set<Block> {
  const out = new Set<Block>();
  for (let i = 1; i < blocks.length; i++) {
    const lead = blocks[i - 1] as Block;
    const block = blocks[i] as Block;
    if (lead.kind !== "paragraph") continue;
    const sentence = leadIn(lead, block);
    if (sentence !== null && hasPhrase(sentence, ROLES.example)) out.add(block);
  }
  return out;
}

/**
 * The role of an address, from the claim it stands in: the headings above it, the words right before it,
 * its clause and sentence, its list item and its table's header. A report address is where reports go;
 * the others (an example, an announcement list, a third party's contact, an escalation address, a
 * general or conduct contact) are not compared with it.
 */
function roleOf(
  block: Block | null,
  textOffset: number,
  address: string,
  length = address.length,
  examples: ReadonlySet<Block> = new Set(),
): ContactRole {
  if (!block) return "report";
  const fromHeadings = headingRole(block.section);
  if (fromHeadings) return fromHeadings;
  if (examples.has(block)) return "example";
  const end = textOffset + length;
  if (exampleLead(block.text.slice(Math.max(0, textOffset - 48), textOffset))) return "example";
  const sentence = sentenceAt(block, textOffset);
  // Bounded windows, so that a block with thousands of addresses in one sentence stays linear.
  const from = Math.max(sentence.start, textOffset - 300);
  const to = Math.min(Math.max(sentence.end, end), end + 200);
  const clause = clauseAround(block.text, textOffset, end, from, to);
  const before = ` ${fold(block.text.slice(from, textOffset))} `;
  const label = ` ${fold(block.listLabels.slice(-1).join(" "))} `;
  const header = block.kind === "tableRow" && block.header ? ` ${fold(block.header.join(" "))} ` : "";
  const local = address.split("@")[0] ?? "";
  if (/announce/.test(local) || hasPhrase(clause, ROLES.announcement) || hasPhrase(label, ROLES.announcement)) return "announcement";
  if (hasPhrase(header, ROLES["third-party"]) || hasPhrase(clause, ROLES["third-party"])) return "third-party";
  if (hasPhrase(before, ROLES.escalation) || hasPhrase(label, ROLES.escalation)) return "escalation";
  if (/secur|vuln|psirt|cert|disclos|report/.test(local)) return "report";
  // The words just before the address on its line or in its sentence.
  const window = block.text.slice(from, textOffset);
  const lineStart = from + Math.max(window.lastIndexOf("\n"), window.lastIndexOf(". ")) + 1;
  const prefix = fold(block.text.slice(lineStart, textOffset));
  for (const context of [prefix, label]) {
    if (hasPhrase(context, lexicon.generalContact) && !hasPhrase(context, SECURE_WORDS)) return "general";
  }
  return "report";
}

/** The block holding a source offset. Blocks are in source order and do not overlap: a binary search. */
function blockAt(blocks: readonly Block[], offset: number): Block | null {
  const b = blocks[countStartingAtOrBefore(blocks, offset, (block) => block.range.start) - 1];
  return b && offset < b.range.end ? b : null;
}

function nodeRange(node: Nodes): Range | null {
  const p = node.position;
  if (!p || p.start.offset === undefined || p.end.offset === undefined) return null;
  return { start: p.start.offset, end: p.end.offset };
}

function stripMailto(url: string): string | null {
  if (!/^mailto:/i.test(url)) return null;
  let address = url.slice(7);
  const q = address.indexOf("?");
  if (q !== -1) address = address.slice(0, q);
  try {
    address = decodeURIComponent(address);
  } catch {
    // Keep the raw address: valid-links reports malformed escapes.
  }
  return address.trim().toLowerCase();
}

const HREF = /href\s*=\s*["']([^"'\s>]{1,2048})["']/gi;

export interface ContactFacts {
  contacts: Contact[];
  mismatches: MailtoMismatch[];
  standIns: StandIn[];
}

const STAND_IN = /[[<{]([^\][<>{}\n]{1,40})[\]>}]/g;
/** A note where the address belongs: "(Provide contact email or method here)", "(insert your e-mail here)". */
const STAND_IN_NOTE = /\((?:provide|add|insert|enter|put)\b[^()\n]{0,60}\b(?:e-?mail|contact|address)\b[^()\n]{0,40}\)/gi;
const STAND_IN_WORDS =
  /^(?:(?:your|insert|enter|add|security|contact|valid|real|actual|project|team)[\s_-]*){0,3}e-?mail(?:[\s_-]*address)?(?:[\s_-]*here)?$|^email\s+protected$/i;

/** Stand-ins in other languages (`[邮箱地址]`, `<E-Mail-Adresse>`), folded. */
const LOCAL_STAND_INS = new Set(lexicon.standIns.map(foldPhrase));

/** Extract every contact of a document from its blocks and link nodes. */
/** Contacts as they are found, with email contacts by address so duplicate checks do not rescan them all. */
class ContactCollector {
  readonly contacts: Contact[] = [];
  readonly mismatches: MailtoMismatch[] = [];
  readonly standIns: StandIn[] = [];
  readonly #byAddress = new Map<string, Contact[]>();
  readonly #blocks: readonly Block[];
  readonly #examples: ReturnType<typeof exampleBlocks>;

  constructor(blocks: readonly Block[]) {
    this.#blocks = blocks;
    this.#examples = exampleBlocks(blocks);
  }

  add(contact: Contact): void {
    this.contacts.push(contact);
    if (contact.kind !== "email") return;
    const list = this.#byAddress.get(contact.value);
    if (list) list.push(contact);
    else this.#byAddress.set(contact.value, [contact]);
  }

  /** Email contacts of an address already found. */
  withAddress(address: string): Contact[] {
    return this.#byAddress.get(address) ?? [];
  }

  /** Addresses written in a block's text (plain, in code, obfuscated), its stand-ins, and an HTML block's `href`s. */
  readBlock(block: Block): void {
    const text = block.kind === "html" ? blankHtmlComments(block.text) : block.text;
    for (const found of findEmails(text, (start, end) => touchesCode(block, start, end))) {
      const code = touchesCode(block, found.start, found.end);
      this.add({
        kind: "email",
        value: found.address,
        raw: text.slice(found.start, found.end),
        range: rangeInSource(block, found.start, found.end),
        block,
        section: block.section,
        via: found.obfuscated ? "obfuscated" : code ? "code" : block.kind === "html" ? "html" : "text",
        role: roleOf(block, found.start, found.address, found.end - found.start, this.#examples),
        placeholder: null,
      });
    }
    this.#readStandIns(block, text);
    if (block.kind === "html") this.#readHrefs(block, text);
  }

  /** Bracketed stand-ins for an address (`[your email]`) and notes that one belongs here. */
  #readStandIns(block: Block, text: string): void {
    STAND_IN.lastIndex = 0;
    for (let m = STAND_IN.exec(text); m; m = STAND_IN.exec(text)) {
      const inner = (m[1] ?? "").trim();
      if (STAND_IN_WORDS.test(inner) || LOCAL_STAND_INS.has(foldPhrase(inner))) {
        this.standIns.push({ text: m[0], range: rangeInSource(block, m.index, m.index + m[0].length) });
      }
    }
    STAND_IN_NOTE.lastIndex = 0;
    for (let m = STAND_IN_NOTE.exec(text); m; m = STAND_IN_NOTE.exec(text)) {
      this.standIns.push({ text: m[0], range: rangeInSource(block, m.index, m.index + m[0].length) });
    }
  }

  /** The `href`s of raw HTML: web pages, and `mailto:` addresses the block's text does not show. */
  #readHrefs(block: Block, text: string): void {
    HREF.lastIndex = 0;
    for (let m = HREF.exec(text); m; m = HREF.exec(text)) {
      const url = m[1] as string;
      const start = m.index + m[0].indexOf(url);
      const range = rangeInSource(block, start, start + url.length);
      const address = stripMailto(url);
      if (address === null && /^https?:\/\//i.test(url)) {
        this.add({
          kind: "url",
          value: url,
          raw: url,
          range,
          block,
          section: block.section,
          via: "html",
          role: "report",
          placeholder: null,
        });
      } else if (address !== null && !this.withAddress(address).some((c) => c.block === block)) {
        this.add({
          kind: "email",
          value: address,
          raw: url,
          range,
          block,
          section: block.section,
          via: "mailto",
          role: roleOf(block, start, address, address.length, this.#examples),
          placeholder: null,
        });
      }
    }
  }

  /** A markdown link or definition: the address it sends to (unless its text shows it), or the web page. */
  readLink(node: Link | Definition): void {
    const range = nodeRange(node);
    if (!range) return;
    const block = blockAt(this.#blocks, range.start);
    const via = node.type === "link" ? "link" : "definition";
    // A target that is a bare address (no `mailto:`) is still the address the link means to send to.
    const address = stripMailto(node.url) ?? bareAddress(node.url)?.toLowerCase() ?? null;
    if (address === null) {
      if (/^(?:https?:)?\/\//i.test(node.url) || /^www\./i.test(node.url)) {
        this.add({
          kind: "url",
          value: node.url,
          raw: node.url,
          range,
          block,
          section: block?.section ?? null,
          via,
          role: "report",
          placeholder: null,
        });
      }
      return;
    }
    const shownText = node.type === "link" ? toString(node) : "";
    const shown = findEmails(shownText).map((e) => e.address);
    if (shown.length > 0 && !shown.includes(address)) this.mismatches.push({ target: address, shown: shown[0] as string, range });
    if (shown.includes(address) || this.withAddress(address).some((c) => c.range.start >= range.start && c.range.end <= range.end)) return;
    this.add({
      kind: "email",
      value: address,
      raw: node.url,
      range,
      block,
      section: block?.section ?? null,
      via: node.type === "link" ? "mailto" : "definition",
      role: roleOf(
        block,
        block ? toText(block, range.start) : 0,
        address,
        node.type === "link" ? shownText.length : address.length,
        this.#examples,
      ),
      placeholder: null,
    });
  }
}

/** Every contact of a document, from its blocks and its link and definition nodes (in document order). */
export function collectContacts(links: readonly (Link | Definition)[], blocks: readonly Block[]): ContactFacts {
  const found = new ContactCollector(blocks);
  for (const block of blocks) found.readBlock(block);
  for (const node of links) found.readLink(node);
  const { contacts, mismatches, standIns } = found;
  for (const c of contacts) c.placeholder = c.kind === "email" ? placeholderEmail(c.value) : placeholderUrl(c.value);
  contacts.sort((a, b) => a.range.start - b.range.start);
  return { contacts, mismatches, standIns };
}
