/**
 * Profiles: presets that encode a published standard. Each entry says which clause asks for it; the
 * rule settings are applied on top of the rules' own defaults, as a user configuration would be.
 */
import type { Severity } from "../types.js";

export interface ProfileRule {
  severity: Exclude<Severity, "off"> | "off";
  options?: Record<string, unknown>;
  /** The clause of the standard this setting comes from. */
  source: string;
}

export interface Profile {
  description: string;
  /** Rules not listed keep their recommended setting, unless `othersOff` says otherwise. */
  othersOff: boolean;
  rules: Record<string, ProfileRule>;
}

export const PROFILES = {
  github: {
    description: "GitHub's minimum: which versions get security fixes, and how to report a vulnerability",
    othersOff: true,
    rules: {
      "require-supported-versions": { severity: "error", source: "GitHub's SECURITY.md template, section `Supported Versions`" },
      "require-private-reporting": { severity: "error", source: "GitHub's SECURITY.md template, section `Reporting a Vulnerability`" },
      "no-placeholder-contact": { severity: "error", source: "GitHub's SECURITY.md template: tell reporters where to go" },
      "single-policy-file": { severity: "warn", source: "GitHub docs: one SECURITY.md in `.github/`, the root or `docs/`" },
    },
  },
  openssf: {
    description: "OpenSSF Best Practices badge (passing) and OSPS Baseline, with a full OpenSSF Scorecard Security-Policy score",
    othersOff: false,
    rules: {
      "require-private-reporting": { severity: "error", source: "Best Practices `vulnerability_report_private`; OSPS-VM-03.01" },
      "require-response-timeline": {
        severity: "error",
        options: { maxAcknowledgeDays: 14 },
        source: "Best Practices `vulnerability_report_response` (initial response within 14 days)",
      },
      "require-disclosure-process": { severity: "error", source: "OSPS-VM-01.01 (a disclosure policy with a clear response timeframe)" },
      "scorecard-security-policy": {
        severity: "error",
        options: { minScore: 10 },
        source: "OpenSSF Scorecard, Security-Policy check, 10/10",
      },
    },
  },
  "disclose-io": {
    description: "disclose.io core terms: scope, official channels, safe harbor and a disclosure window",
    othersOff: false,
    rules: {
      "require-scope": { severity: "error", source: "disclose.io: scope (what is in and out of scope)" },
      "require-safe-harbor": { severity: "error", source: "disclose.io: safe harbor (no legal action against good-faith research)" },
      "require-disclosure-process": { severity: "error", source: "disclose.io: coordinated disclosure with a window in days" },
      "require-private-reporting": { severity: "error", source: "disclose.io: official channels" },
    },
  },
} satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;
