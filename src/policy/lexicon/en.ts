import type { Lexicon } from "./types.js";

export const en: Lexicon = {
  language: "en",
  sections: {
    "supported-versions": [
      "supported versions", "supported version", "versions supported", "version support", "supported releases",
      "supported release", "supported branches", "maintained versions", "supported",
      "version policy", "versions",
    ],
    "response-timeline": [
      "response timeline", "response time", "response times", "timeline", "timelines", "what to expect",
      "response process", "sla", "service level", "our commitment", "our response", "response",
    ],
    disclosure: [
      "disclosure", "coordinated disclosure", "responsible disclosure", "disclosure process", "disclosure policy",
      "advisories", "security advisories", "embargo", "publication",
    ],
    "safe-harbor": ["safe harbor", "safe harbour", "legal", "good faith", "good-faith"],
    scope: ["scope", "in scope", "out of scope", "out-of-scope", "in-scope", "threat model", "qualifying vulnerabilities"],
    pgp: ["pgp", "gpg", "openpgp", "encryption", "encrypted", "public key", "encryption key"],
    contact: ["contact", "contacts", "contact information", "security contact", "get in touch", "security team"],
    reporting: [
      "reporting", "report", "reports", "how to report", "submit", "submitting", "security bug", "security bugs",
      "privately", "private",
    ],
  },
  unsupportedHeadings: ["pre release", "prerelease", "prereleases", "pre releases", "beta", "alpha", "unstable", "nightly", "unsupported", "deprecated", "legacy", "end of life", "eol", "old versions", "older versions", "development versions"],
  supportedMarks: [
    "✅", "✔", "✓", "☑", "🟢", ":white_check_mark:", ":heavy_check_mark:", ":white_check_mark",
    "yes", "y", "supported", "full support", "fully supported", "active", "maintained", "lts", "current",
    "security fixes", "security updates", "security only", "security patches", "critical fixes", "bug fixes",
  ],
  unsupportedMarks: [
    "❌", "✖", "✗", "✘", "⛔", "🚫", "🔴", ":x:", ":no_entry:", ":no_entry_sign:", ":heavy_multiplication_x:",
    ":red_circle:", "no", "n", "not supported", "unsupported", "end of life", "end-of-life", "eol", "deprecated",
    "no longer supported", "none", "unmaintained", "not maintained", "discontinued",
  ],
  units: {
    hour: ["hours", "hour", "hrs", "hr", "h"],
    day: ["days", "day", "d"],
    week: ["weeks", "week", "wks", "wk"],
    month: ["months", "month", "mos"],
  },
  workingDays: ["business", "working", "work"],
  durationWords: {
    fortnight: { value: 2, unit: "week" },
    "same day": { value: 1, unit: "day" },
    "same business day": { value: 1, unit: "day" },
    "same working day": { value: 1, unit: "day" },
  },
  numbers: {
    a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, thirty: 30, sixty: 60, ninety: 90,
  },
  rangeWords: ["-", "–", "—", "to", "or"],
  promises: {
    acknowledge: [
      "acknowledge", "acknowledges", "acknowledged", "acknowledgement", "acknowledgment", "acknowledging", "ack",
      "receipt", "confirm receipt", "confirmation of receipt",
    ],
    respond: [
      "initial response", "first response", "respond", "responds", "response", "reply", "replies", "get back to you",
      "hear back", "hear from us", "contact you", "initial contact", "initial reply", "first reply",
    ],
    assess: [
      "assess", "assessed", "assessment", "triage", "triaged", "evaluate", "evaluated", "evaluation", "investigate",
      "investigation", "validate", "validated", "validation", "verify", "verified", "verification", "analysis",
      "analyze", "analyse", "confirm the vulnerability", "triage window",
    ],
    update: ["detailed response", "update", "updates", "status", "progress", "inform you", "notify you", "keep you informed", "follow-up"],
    fix: [
      "fix", "fixed", "fixes", "fixing", "patch", "patched", "patches", "resolve", "resolved", "resolution",
      "remediate", "remediation", "remediated", "address", "addressed", "mitigate", "mitigation", "release a fix",
      "patching", "released", "been released",
    ],
    disclose: [
      "disclose", "disclosed", "disclosure", "publish", "published", "publication", "advisory", "advisories",
      "publicly", "announce", "announced", "announcement", "announcements", "embargo", "cve",
    ],
  },
  severityWords: [
    "critical", "high", "medium", "moderate", "low", "severity", "severe", "priority", "non-critical", "cvss",
    "important", "minor", "major",
  ],
  contactRoles: {
    escalation: ["if you do not get", "if you don t get", "if you haven t heard", "if you haven t received", "if you do not receive", "if you don t receive", "if you have not received", "if you do not hear", "if you don t hear", "if you have not heard", "if you get no", "if you receive no", "no response", "no reply", "escalate", "escalation", "unresponsive", "not acknowledged"],
    announcement: ["subscribe", "subscribed", "subscription", "announce", "announcement", "announcements", "announced", "newsletter", "notifications list", "low volume list", "read only list"],
    "third-party": ["third party", "third parties", "upstream", "downstream", "distributor", "distributors", "distribution", "distributions", "distros", "vendor", "vendors", "packager", "packagers", "person or team maintaining", "maintainers of that", "that project", "that library", "other projects", "linux distributions"],
    example: ["for example", "e g", "example", "examples", "sample", "template"],
  },
  generalContact: [
    "general", "question", "questions", "inquiries", "enquiries", "support", "business", "press", "media", "sales",
    "other", "non-security", "conduct", "permission", "permission to test", "committee", "feedback", "partnership", "partnerships", "maintainer", "author",
  ],
  disclosure: [
    "coordinated disclosure", "coordinated vulnerability disclosure", "responsible disclosure", "public disclosure",
    "publicly disclose", "disclose the vulnerability", "disclosure timeline", "disclosure window", "disclosure date",
    "security advisory", "security advisories", "github advisory", "cve", "embargo", "publish an advisory",
    "publish a security advisory", "advisory will be published", "release notes", "changelog", "credit you",
    "credited", "disclosure process", "disclosure policy",
  ],
  disclosureMentions: ["publicly disclose", "disclose the vulnerability", "responsible disclosure", "responsibly disclose", "responsibly disclosing", "disclosure", "disclose", "disclosed", "disclosing"],
  contrasts: ["instead", "but", "rather", "however", "otherwise"],
  delegation: ["see", "refer to", "listed at", "listed on", "tracked at", "can be found", "is available", "are available", "found at", "found on", "described at", "described on", "documented at", "documented on", "visit", "read", "is located", "lives at", "is published at", "is maintained at", "is hosted at", "head to", "go to"],
  policyWords: ["policy", "policies", "guidelines", "process", "procedure", "procedures", "instructions", "security page", "how to report", "security information"],
  privateReporting: [
    "private vulnerability reporting", "privately report a vulnerability", "security tab", "draft security advisory",
    "draft a security advisory", "new security advisory", "github security advisory", "github security advisories",
    "github advisory", "github s security advisory", "private security advisory", "report a vulnerability button",
    "advisories tab", "security advisories tab", "github private reporting", "private report", "private advisory",
    "security report a vulnerability", "report a vulnerability privately", "privately via github", "github report a vulnerability",
    "report a vulnerability in the security", "report a vulnerability feature", "report a vulnerability form",
    "report a vulnerability link", "private vulnerability disclosure", "privately report a security vulnerability",
  ],
  publicReporting: [
    "open an issue", "open a github issue", "create an issue", "file an issue", "open a new issue", "submit an issue",
    "raise an issue", "create a new issue", "report it as an issue", "issue tracker", "github issues page",
    "to the github issues", "via github issues", "through github issues", "using github issues", "on github issues",
    "in github issues", "as github issues", "as bug reports to",
  ],
  versionStatements: [
    "latest", "current", "most recent", "newest", "main branch", "master branch", "all versions", "only the",
    "release", "version", "versions",
  ],
  lowerBoundsBefore: [
    "beyond", "more than", "longer than", "at least", "exceed", "exceeds", "exceeding", "older than", "not on the",
    "not within", "no later than a minimum of", "minimum of",
  ],
  lowerBoundsAfter: ["minimum", "at least", "or more", "or longer", "ago"],
  reportWords: ["report", "reports", "reporting", "submit", "send", "disclose", "vulnerability", "vulnerabilities"],
  negations: ["not", "never", "don t", "do not", "avoid", "instead of", "rather than", "no"],
  templatePhrases: [
    "use this section to tell people", "tell them where to go", "how often they can expect to get an update",
    "what to expect if the vulnerability is accepted or declined", "replace with your", "replace this with",
    "insert your email", "your email here", "you should include a security md file",
  ],
};
