/**
 * Key material a policy publishes: armored public-key blocks (with their structural problems), the
 * placeholder comments templates leave where a key belongs, and fingerprints written in prose.
 */
import type { Range } from "../../types.js";
import { type Block, rangeInSource } from "../text/blocks.js";
import { type ArmorBlock, type ArmorProblem, findArmorBlocks, findFingerprints, type KeyInfo } from "../formats/pgp.js";
import { kindsOf, type Section, sectionAt } from "./sections.js";
import { findHtmlComments } from "../text/html-comments.js";
import { trimEndChars } from "../text/trim.js";

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

/** A link given as the key that leads to a keyserver's front page, where nothing says which key to fetch. */
export interface KeyserverLink {
  url: string;
  range: Range;
}

/** A link the policy gives to a public key: a key file (`.asc`, `.gpg`), a keyserver lookup, or a link it calls the key. */
export interface KeyLink {
  url: string;
  range: Range;
}

export interface KeyFacts {
  keyBlocks: ArmorBlock[];
  keyPlaceholders: KeyPlaceholder[];
  fingerprints: KeyFingerprint[];
  keyserverLinks: KeyserverLink[];
  keyLinks: KeyLink[];
  /** The fingerprints written after the word "fingerprint" (table cells aside), in order. */
  written: KeyFingerprint[];
}

/** A bracketed stand-in for a key in prose: `<PGP_KEY_ID_OR_BLOCK>`, `[YOUR GPG KEY]`, `{{ pgp_fingerprint }}`. */
const KEY_STAND_IN =
  /[<[{]{1,2}\s*[A-Z0-9]+(?:[_ -][A-Z0-9]+){0,8}\s*[>\]}]{1,2}|[<[{]\s*your[ _-](?:pgp|gpg|public)[ _-]?key[^<>[\]{}\n]{0,30}[>\]}]/g;
/** The words of an upper-case stand-in that make it one for a key. */
const KEY_STAND_IN_WORD = /(?:^|[^A-Z])(?:PGP|GPG|KEY|FINGERPRINT)(?:[^A-Z]|$)/;
/** Public keyservers: their front page is a search form, not a key. */
const KEYSERVERS =
  /^(?:keys\.openpgp\.org|keyserver\.ubuntu\.com|pgp\.mit\.edu|keys\.gnupg\.net|pgp\.key-server\.io|keys\.mailvelope\.com|keybase\.io|pgp\.net\.nz|keyserver\.pgp\.com)$/i;
/** Words that tell which key to look up on a keyserver: an address, a fingerprint or a key id. */
const LOOKUP_WORDS = /@|\baddress\b|\bfingerprint\b|\bkey ?id\b|\b(?:0x)?[0-9a-f]{8,}\b/i;

const KEY_WORDS = /\b(?:pgp|gpg|openpgp|public key|encryption key)\b/i;
const STAND_IN_WORDS =
  /\bwould be (?:\w+ )?(?:here|included|provided|added|inserted|placed|published)\b|\bplaceholder\b|\bgoes here\b|\b(?:insert|paste|add) (?:the |your |our )?(?:\w+ )?(?:pgp |gpg |public )?key\b|\bTODO\b|\bTBD\b/i;

/** Whether a comment or short text stands in for a key rather than being one. */
export function isKeyPlaceholderText(text: string): boolean {
  return KEY_WORDS.test(text) && STAND_IN_WORDS.test(text);
}

/** Collect key blocks, key placeholders and fingerprints of a policy's source. */
export function collectKeys(
  source: string,
  blocks: readonly Block[],
  sections: readonly Section[],
  links: ReadonlyArray<{ value: string; range: Range; block: Block | null }> = [],
): KeyFacts {
  const keyBlocks = findArmorBlocks(source);
  const keyPlaceholders: KeyPlaceholder[] = [];
  for (const block of blocks) {
    if (block.kind === "html") continue;
    KEY_STAND_IN.lastIndex = 0;
    for (let m = KEY_STAND_IN.exec(block.text); m; m = KEY_STAND_IN.exec(block.text)) {
      if (!/your/i.test(m[0]) && !KEY_STAND_IN_WORD.test(m[0])) continue;
      const range = rangeInSource(block, m.index, m.index + m[0].length);
      keyPlaceholders.push({ text: m[0], range, section: sectionAt(sections, range.start) });
    }
  }
  const keyserverLinks: KeyserverLink[] = [];
  const keyLinks: KeyLink[] = [];
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.value);
    } catch {
      continue;
    }
    if (isKeyLink(url, link.block)) keyLinks.push({ url: link.value, range: link.range });
    if (!KEYSERVERS.test(url.hostname) || (url.pathname !== "/" && url.pathname !== "") || url.search !== "" || !link.block) continue;
    // Only where the link is given as the key ("PGP key: [View on keyserver](…)"), and nothing beside it
    // says what to search for there ("the key published on … for that address" can be looked up).
    const text = [link.block.text, ...link.block.listLabels].join(" ");
    if (KEY_WORDS.test(text) && !LOOKUP_WORDS.test(link.block.text.replace(link.value, "")))
      keyserverLinks.push({ url: link.value, range: link.range });
  }
  for (const block of blocks) {
    if (block.kind !== "html") continue;
    const raw = source.slice(block.range.start, block.range.end);
    for (const comment of findHtmlComments(raw)) {
      const inner = comment.inner.trim();
      const inPgp = kindsOf(block.section).includes("pgp");
      if (!isKeyPlaceholderText(inner) && !(inPgp && /\bwould be\b|\bplaceholder\b|\bgoes here\b/i.test(inner))) continue;
      const start = block.range.start + comment.start;
      keyPlaceholders.push({
        text: raw.slice(comment.start, comment.end),
        range: { start, end: block.range.start + comment.end },
        section: sectionAt(sections, start),
      });
    }
  }
  const fingerprints: KeyFingerprint[] = findFingerprints(source).map((f) => ({
    text: f.text,
    normalized: f.normalized,
    valid: f.valid,
    range: { start: f.start, end: f.end },
  }));
  const written = [...fingerprints];
  fingerprints.push(...tableFingerprints(blocks, fingerprints));
  fingerprints.sort((a, b) => a.range.start - b.range.start);
  return { keyBlocks, keyPlaceholders, fingerprints, keyserverLinks, keyLinks, written };
}

/** A key file by its name, a keyserver lookup, or a link to a page named after a key in a sentence about the key. */
function isKeyLink(url: URL, block: Block | null): boolean {
  if (!/^https?:$/.test(url.protocol)) return false;
  if (/\.(?:asc|gpg|pgp|pub|key)$/i.test(url.pathname)) return true;
  const lookup = (url.pathname !== "/" && url.pathname !== "") || url.search !== "";
  if (KEYSERVERS.test(url.hostname)) return lookup;
  return lookup && /(?:pgp|gpg|openpgp|pubkey|public[-_]?key)/i.test(url.pathname) && block !== null && KEY_WORDS.test(block.text);
}

/** A cell value that is meant as a fingerprint: hex digits, or the `X` a template puts in their place. */
const FINGERPRINT_CELL = /^(?:0x)?[0-9A-Fa-fXx]{4,}(?:[ \u00a0]{1,2}[0-9A-Fa-fXx]{4,})*$/;

/** Fingerprints in the cells of a table column headed "Fingerprint" (the word is not on their line). */
function tableFingerprints(blocks: readonly Block[], known: readonly KeyFingerprint[]): KeyFingerprint[] {
  const out: KeyFingerprint[] = [];
  for (const block of blocks) {
    if (block.kind !== "tableRow" || block.isHeader || !block.cells || !block.header) continue;
    const column = block.header.findIndex((h) => /fingerprint/i.test(h));
    const cell = block.cells[column];
    if (column === -1 || !cell) continue;
    const text = cell.text.trim();
    if (!FINGERPRINT_CELL.test(text) || !/[0-9Xx]/.test(text)) continue;
    const at = cell.offset + cell.text.indexOf(text);
    const range = rangeInSource(block, at, at + text.length);
    if (known.some((k) => k.range.start < range.end && k.range.end > range.start)) continue;
    const normalized = text
      .replace(/^0x/i, "")
      .replace(/[ \u00a0]/g, "")
      .toUpperCase();
    out.push({ text, normalized, valid: /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/.test(normalized), range });
  }
  return out;
}

/** A key fingerprint a text gives, upper-case hex, and where it stands. */
export interface GivenKey {
  fingerprint: string;
  range: Range;
}

/**
 * The keys a text gives: fingerprints written out, and the fingerprints of its armored key blocks (at
 * the block's first line). Reading a key block is asynchronous, so callers ask only when they compare.
 */
export async function givenKeys(
  source: string,
  written: readonly KeyFingerprint[],
  blocks: readonly ArmorBlock[],
  inspect: (block: ArmorBlock) => Promise<KeyInfo | ArmorProblem>,
): Promise<GivenKey[]> {
  const keys: GivenKey[] = written.filter((f) => f.valid).map((f) => ({ fingerprint: f.normalized, range: f.range }));
  for (const block of blocks) {
    const info = await inspect(block);
    const lineEnd = source.indexOf("\n", block.start);
    const end = lineEnd === -1 ? block.end : Math.min(block.end, lineEnd);
    if ("fingerprint" in info) keys.push({ fingerprint: info.fingerprint, range: { start: block.start, end } });
  }
  return keys;
}

/** Whether two fingerprints name the same key (a long key id names the key whose fingerprint it ends). */
export function sameKey(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 16 && (a.endsWith(b) || b.endsWith(a)));
}

/** A fingerprint or long key id a key URL carries (`/vks/v1/by-fingerprint/…`, `?search=0x…`), upper-case, or null. */
export function fingerprintInUrl(url: string): string | null {
  let text = url;
  try {
    text = decodeURIComponent(url);
  } catch {
    // Keep the URL as written.
  }
  const m = /(?:^|[^0-9A-Za-z])(?:0x)?([0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{16})(?![0-9A-Za-z])/.exec(
    text.replace(/^[a-z]+:\/\/[^/]+/i, ""),
  );
  return m ? (m[1] as string).toUpperCase() : null;
}

/** A URL as compared: no fragment, no trailing slash, scheme and host in lower case. */
export function comparableUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${trimEndChars(u.pathname, "/")}${u.search}`;
  } catch {
    return trimEndChars(url.trim(), "/");
  }
}

/**
 * Whether a key URL names a key the policy gives: by the fingerprint in the URL when the policy gives
 * fingerprints or key blocks, else as one of the policy's key links (or a link carrying the same
 * fingerprint). Null when the policy gives nothing to compare with.
 */
export function keyUrlAgrees(url: string, given: readonly GivenKey[], links: readonly KeyLink[]): boolean | null {
  const fingerprint = fingerprintInUrl(url);
  if (fingerprint && given.length > 0) return given.some((g) => sameKey(g.fingerprint, fingerprint));
  if (links.length === 0) return null;
  const target = comparableUrl(url);
  return links.some((l) => {
    if (comparableUrl(l.url) === target) return true;
    const theirs = fingerprint ? fingerprintInUrl(l.url) : null;
    return theirs !== null && fingerprint !== null && sameKey(theirs, fingerprint);
  });
}
