import * as z from "zod";
import { defineRule } from "../src/engine/rule.js";

/** Words that make a link a place to report, the policy itself or a key. */
const SENSITIVE = /report|advisor|vulnerab|disclos|security|policy|pgp|gpg|openpgp|\bkeys?\b|\.asc\b|security\.txt|bounty/i;
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$|\.(?:onion|local|localhost|internal)$/i;

export default defineRule({
  meta: {
    id: "valid-links",
    description:
      "Require well-formed links: valid URLs and mailto addresses, https for reporting, policy and key URLs, and private vulnerability reporting links to this repository",
    severity: "warn",
    options: () =>
      z
        .object({
          requireHttps: z.boolean().describe("Warn about `http://` links to reporting, policy or key pages"),
        })
        .strict(),
    defaultOptions: { requireHttps: true },
    messages: {
      malformedUrl: "Unexpected malformed URL `{url}` ({reason}), expected a well-formed `https://` address",
      bareAddress:
        "Unexpected link target `{address}` without `mailto:`, expected `mailto:{address}` (a bare address is a relative path that opens nothing)",
      malformedMailto: "Unexpected malformed `mailto:` address `{address}`, expected `mailto:name@domain.tld`",
      insecure: "Unexpected `http://` in `{url}`, expected `https://` for a reporting, policy or key URL",
      privateToPublic:
        "Unexpected link `{text}` to the public issue tracker `{url}`, expected a private channel where the link text promises one",
      otherRepository: "Unexpected private vulnerability reporting link to `{linked}`, expected this repository `{slug}`",
    },
  },
  check(policy, context) {
    const slug = context.repository.slug?.toLowerCase() ?? null;
    const seen = new Set<string>();
    for (const link of policy.links) {
      const url = link.url.trim();
      const key = `${link.range.start}:${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A template variable (`mailto:{{email}}`) is no-template-text's and no-placeholder-contact's to report.
      if (/\{\{|\{%|\$\{/.test(url)) continue;
      const problem = link.problem;
      if (problem?.kind === "malformed-mailto") {
        context.report({ messageId: "malformedMailto", data: { address: problem.address }, range: link.range });
        continue;
      }
      if (problem?.kind === "bare-address") {
        context.report({ messageId: "bareAddress", data: { address: problem.address }, range: link.range });
        continue;
      }
      if (problem?.kind === "malformed-url") {
        context.report({ messageId: "malformedUrl", data: { url, reason: problem.reason }, range: link.range });
        continue;
      }
      if (!/^https?:\/\//i.test(url)) continue;
      if (link.promisesPrivate && link.toIssues) {
        context.report({ messageId: "privateToPublic", data: { text: link.text.replace(/\s+/g, " ").trim(), url }, range: link.range });
        continue;
      }
      const kinds = link.sectionKinds;
      const inReporting = kinds.includes("reporting") || kinds.includes("contact") || kinds.includes("pgp");
      if (context.options.requireHttps && /^http:\/\//i.test(url)) {
        const host = new URL(url).hostname;
        const channel = policy.channels.some(
          (c) => c.contact !== null && c.contact.range.start < link.range.end && c.contact.range.end > link.range.start,
        );
        if (!LOCAL_HOST.test(host) && (channel || SENSITIVE.test(url) || SENSITIVE.test(link.text))) {
          context.report({ messageId: "insecure", data: { url }, range: link.range });
          continue;
        }
      }
      const pvr = link.reportingForm;
      if (slug && pvr && (/\/advisories\/new\b/i.test(url) || inReporting)) {
        const owner = pvr.owner.toLowerCase();
        const repo = pvr.repo.toLowerCase().replace(/\.git$/, "");
        const [slugOwner, slugRepo] = slug.split("/");
        // An organisation's `.github` repository holds the policy of all its repositories.
        const orgWide = slugRepo === ".github" && owner === slugOwner;
        if (`${owner}/${repo}` !== slug && !orgWide) {
          context.report({
            messageId: "otherRepository",
            data: { linked: `${pvr.owner}/${pvr.repo}`, slug: context.repository.slug ?? slug },
            range: link.range,
          });
        }
      }
    }
  },
});
