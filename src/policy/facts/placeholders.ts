/**
 * Placeholder addresses: names reserved for examples (RFC 2606, RFC 6761) and the stand-ins templates
 * leave behind (`your-domain.com`, `email@domain.com`, `github.com/your-org/your-repo`).
 */

import { lexicon } from "../lexicon/index.js";

/** Second-level names reserved by RFC 2606 §3. */
const RESERVED_NAMES = new Set(["example.com", "example.net", "example.org"]);
/** Top-level names reserved by RFC 2606 §2 and RFC 6761 §6. */
const RESERVED_TLDS = new Set(["example", "test", "invalid", "localhost"]);
/** Registered names that templates use as stand-ins; nobody's security team reads mail there. */
const TEMPLATE_NAMES = new Set([
  "company.com",
  "domain.com",
  "email.com",
  "mail.com",
  "website.com",
  "project.com",
  "acme.com",
  "organization.com",
  "org.com",
]);
/** A label that says "put your own name here". */
const TEMPLATE_LABEL =
  /^(?:your|my|our)[-_]?(?:domain|company|org|organi[sz]ation|project|site|website|app|email|mail|repo|name|server|host|product|team)s?$|^(?:domain|company|project)[-_]?name$/;
/** Local parts that stand for an address rather than being one. */
const TEMPLATE_LOCAL =
  /^(?:your|my)?[-_.]?(?:e-?mail|name|address|username|user)(?:[-_.]?address)?$|^your[-_.]?[a-z]+$|^(?:first|firstname)[-_.]?(?:last|lastname)$|^x+$/;
/** GitHub owners and repositories that are template stand-ins. */
const TEMPLATE_GITHUB =
  /^(?:your[-_]?(?:org|organi[sz]ation|user|username|name|repo|repository|project|account)|owner|org|organization|username|user-name|repo|repository|project-name|repo-name|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|:owner|:repo|x+)$/i;

/** Labels that say "put yours here" in other languages (`ihre-domain`, `tu-dominio`), compared without `-`, `_`, `.`. */
const LOCAL_LABELS = new Set(lexicon.placeholderLabels.map(squash));
function squash(label: string): string {
  return label.toLowerCase().replace(/[-_.]/g, "");
}

/** Why a host name is a placeholder, or null. */
export function placeholderHost(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  const labels = h.split(".");
  const tld = labels[labels.length - 1] ?? "";
  const base = labels.slice(-2).join(".");
  if (RESERVED_NAMES.has(base)) return `\`${base}\` is reserved by RFC 2606`;
  if (RESERVED_TLDS.has(tld)) return `\`.${tld}\` is reserved by RFC 2606 and RFC 6761`;
  if (h === "localhost") return "`localhost` is reserved by RFC 6761";
  if (TEMPLATE_NAMES.has(base)) return `\`${base}\` is a template stand-in`;
  // A bare `your` label (`link.to.your.gpg.asc`) is a stand-in too; nobody's real host is named that.
  if (labels.some((l) => TEMPLATE_LABEL.test(l) || l === "your" || LOCAL_LABELS.has(squash(l)))) return `\`${h}\` is a template stand-in`;
  return null;
}

/** Why an email address is a placeholder, or null. */
export function placeholderEmail(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at === -1) return null;
  const host = placeholderHost(address.slice(at + 1));
  if (host) return host;
  const local = address.slice(0, at).toLowerCase();
  if (TEMPLATE_LOCAL.test(local) || LOCAL_LABELS.has(squash(local))) return `\`${local}@\` is a template stand-in`;
  return null;
}

/** Why a URL is a placeholder, or null. */
export function placeholderUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.startsWith("//") ? `https:${url}` : /^www\./i.test(url) ? `https://${url}` : url);
  } catch {
    return null;
  }
  const host = placeholderHost(parsed.hostname);
  if (host) return host;
  if (/^(?:www\.)?github\.com$/i.test(parsed.hostname)) {
    let path = parsed.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape (`%{{owner}}` in a template) stays as written; found by the fuzz suite.
    }
    const [owner, repo] = path.split("/").filter(Boolean);
    if (owner && TEMPLATE_GITHUB.test(owner)) return `\`${owner}\` is a template stand-in for the repository owner`;
    if (repo && TEMPLATE_GITHUB.test(repo)) return `\`${repo}\` is a template stand-in for the repository name`;
  }
  return null;
}
