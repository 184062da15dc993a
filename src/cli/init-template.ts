/**
 * The SECURITY.md that `secpolicy-lint init` writes: a complete policy (supported versions, a private
 * channel, a response timeline, a disclosure process) that passes every recommended rule as written.
 * Pure: the answers come in, markdown comes out.
 */

export interface InitAnswers {
  /** The security contact address, if reports go by email. */
  email?: string;
  /** `owner/name` of the GitHub repository, for the private vulnerability reporting form. */
  pvrSlug?: string;
  /** Supported release lines, newest first, e.g. ["2.x", "1.x"]. */
  versions: string[];
  /** Days within which reports are acknowledged (the OpenSSF guide suggests 3 working days). */
  ackDays: number;
  /** The project's name, for the opening sentence. */
  projectName?: string;
}

/** Supported lines from a package version: `2.4.1` -> `["2.x"]`, `0.3.0` -> `["0.3.x"]`. */
export function versionsFromPackage(version: string | undefined): string[] | null {
  const m = /^(\d+)\.(\d+)\.\d+/.exec(version ?? "");
  if (!m) return null;
  return m[1] === "0" ? [`0.${m[2]}.x`] : [`${m[1]}.x`];
}

/** Split `--versions "2.x, 1.x"` into release lines. */
export function parseVersions(text: string): string[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function renderPolicy(answers: InitAnswers): string {
  const { email, pvrSlug, versions, ackDays } = answers;
  if (!email && !pvrSlug) throw new Error("a security contact is needed: an email address or GitHub private vulnerability reporting");
  if (versions.length === 0) throw new Error("at least one supported version is needed");
  const name = answers.projectName ? `\`${answers.projectName}\`` : "this project";
  const rows = versions.map((v) => `| ${v.padEnd(7)} | :white_check_mark: |`);
  const channels: string[] = [];
  if (pvrSlug) {
    channels.push(`- Use GitHub's private vulnerability reporting: <https://github.com/${pvrSlug}/security/advisories/new>.`);
  }
  if (email) channels.push(`- Email [${email}](mailto:${email}).`);
  const older =
    versions.length === 1
      ? "Older releases do not receive security fixes; please upgrade to the supported line."
      : "Releases older than these lines do not receive security fixes.";
  return `# Security Policy

Thank you for helping keep ${name} and its users safe.

## Supported Versions

Security fixes are released for these versions:

| Version | Supported          |
| ------- | ------------------ |
${rows.join("\n")}

${older}

## Reporting a Vulnerability

Please do not report security vulnerabilities through public issues, discussions or pull requests.
Report them privately instead:

${channels.join("\n")}

Include the affected version, the steps to reproduce the problem and the impact you expect.

We acknowledge every report within ${plural(ackDays, "day")} and keep you informed while we work on a fix.

## Disclosure Process

We fix the problem in private, release patched versions, and then publish a GitHub security advisory
(with a CVE when one applies) that credits the reporter unless they prefer otherwise. We ask that you
give us up to 90 days to release a fix before any public disclosure.
`;
}

/** What `init --insights` needs beyond the policy's answers. */
export interface InsightsAnswers {
  /** `owner/name` of the GitHub repository: the file's URLs point there. */
  slug: string;
  /** Today, `YYYY-MM-DD`: the file is written and reviewed together with the policy. */
  date: string;
}

/** A YAML double-quoted scalar: JSON's string syntax is valid YAML, with every special character escaped. */
const quoted = (value: string): string => JSON.stringify(value);

/**
 * The SECURITY-INSIGHTS.yml (OpenSSF Security Insights 2.0.0) that matches the policy `renderPolicy`
 * writes for the same answers: reports accepted, the same contact, the policy GitHub shows, no bug bounty.
 */
export function renderInsights(answers: InitAnswers, insights: InsightsAnswers): string {
  const { email } = answers;
  const repoName = insights.slug.split("/")[1] ?? insights.slug;
  const name = answers.projectName ?? repoName;
  const url = `https://github.com/${insights.slug}`;
  const contactName = `${name} security team`;
  const person = (indent: string): string =>
    [`${indent}- name: ${quoted(contactName)}`, `${indent}  primary: true`, ...(email ? [`${indent}  email: ${quoted(email)}`] : [])].join(
      "\n",
    );
  const contact = email ? `\n    contact:\n      name: ${quoted(contactName)}\n      primary: true\n      email: ${quoted(email)}` : "";
  return `# OpenSSF Security Insights (https://github.com/ossf/security-insights-spec), written with SECURITY.md
# by \`secpolicy-lint init --insights\`. Keep the two in step: \`secpolicy-lint\` compares them
# (rule consistent-security-insights). Review both together and update last-reviewed when you do.
header:
  schema-version: 2.0.0
  last-updated: ${quoted(insights.date)}
  last-reviewed: ${quoted(insights.date)}
  url: ${url}
project:
  name: ${quoted(name)}
  # The people with administrative access to the project; the security contact stands here until you list them.
  administrators:
${person("    ")}
  repositories:
    - name: ${quoted(repoName)}
      url: ${url}
      comment: ${quoted(`The repository this file describes.`)}
  vulnerability-reporting:
    reports-accepted: true
    bug-bounty-available: false${contact}
    security-policy: ${url}/security/policy
`;
}
