/**
 * A lexicon holds the words one language uses for the parts of a security policy. The policy model
 * reads every lexicon for every file, so a policy that mixes languages is understood. Patterns are
 * matched against lower-cased text with `u` semantics; keep them free of nested quantifiers.
 */
export type SectionKind =
  "supported-versions" | "reporting" | "response-timeline" | "disclosure" | "contact" | "pgp" | "scope" | "safe-harbor";

/** What a time commitment promises: receipt acknowledged, a first answer, an assessment, updates, a fix, disclosure. */
export type PromiseKind = "acknowledge" | "respond" | "assess" | "update" | "fix" | "disclose";

export type DurationUnit = "hour" | "day" | "week" | "month";

export interface Lexicon {
  /** BCP 47 tag of the language, e.g. `en`. */
  language: string;
  /** Heading words for each section kind. Checked in the order of `sectionOrder` in the model. */
  sections: Record<SectionKind, string[]>;
  /**
   * Heading words that make a versions heading about versions that get no fixes (`Pre-release Versions`,
   * `Unsupported Versions`, `Vorabversionen`): such a section does not say which versions are supported.
   */
  unsupportedHeadings?: string[];
  /** Words that mark a version row as supported / not supported. */
  supportedMarks: string[];
  unsupportedMarks: string[];
  /** Duration units: the surface forms of each unit. */
  units: Record<DurationUnit, string[]>;
  /**
   * Words that make a day count working days, before the unit (`3 business days`, `3 рабочих дня`) or
   * glued in front of it (`3営業日`, `3个工作日`, `2 Werktage`: `werk` + `tage`).
   */
  workingDays: string[];
  /** Number words, value by word. */
  numbers: Record<string, number>;
  /** Words that connect the two ends of a range (`1 to 2 weeks`). */
  rangeWords: string[];
  /** What a sentence promises, by the words that say it. */
  promises: Record<PromiseKind, string[]>;
  /** Words that tie a promise to a severity tier (`critical: 7 days`). */
  severityWords: string[];
  /** Labels that mark a contact as general rather than for security reports. */
  generalContact: string[];
  /**
   * Words around an address that give it another role than "send reports here": an escalation address
   * ("if you get no answer"), an announcement list ("subscribe"), a third party's contact (distributors,
   * upstream projects), an example (a sample report or notice).
   */
  contactRoles?: Partial<Record<"escalation" | "announcement" | "third-party" | "example", string[]>>;
  /** Phrases that say how disclosure is coordinated. */
  disclosure: string[];
  /**
   * Phrases of `disclosure` (and `promises.disclose`) that only name disclosure ("responsible disclosure",
   * `Offenlegung`): a sentence with one of them describes a process only when it also gives a time or
   * ties publication to the fix ("we publish details 90 days after the fix").
   */
  disclosureMentions?: string[];
  /** Phrases naming GitHub private vulnerability reporting without a link. */
  privateReporting: string[];
  /** Phrases that send reports to the public issue tracker. */
  publicReporting: string[];
  /** Phrases that describe which versions receive fixes, in prose. */
  versionStatements: string[];
  /** Words that are a duration on their own, number included (`하루` one day, `일주일` one week, `fortnight`). */
  durationWords?: Record<string, { value: number; unit: DurationUnit }>;
  /** Words that make a working-day count when they follow the unit (`3 días hábiles`, `5 jours ouvrés`). */
  workingDaysAfter?: string[];
  /**
   * Words that make a duration a lower bound or a negation rather than a promise, right before it
   * (`at least 7 days`, `mindestens 90 Tage`) or right after it (`7 days minimum`, `90日以上`).
   */
  lowerBoundsBefore?: string[];
  lowerBoundsAfter?: string[];
  /** Words that put a sentence about reporting (`report`, `melden`, `报告`): a link in it is a report channel. */
  reportWords?: string[];
  /** Words that negate what follows (`do not`, `nicht`, `不要`): `do not open an issue` is not a channel. */
  negations?: string[];
  /**
   * Words that hand the policy to another page (`see`, `can be found`, `siehe`, `请参阅`), and the nouns
   * that say it is the policy being handed on (`policy`, `process`, `Richtlinie`, `政策`).
   */
  delegation?: string[];
  policyWords?: string[];
  /** Words that negate what comes before them, in languages that put the negation after the verb (`しないでください`, `하지 마세요`). */
  negationsAfter?: string[];
  /** Words that turn a sentence from what it refused to what it asks (`instead`, `stattdessen`): a negation before them does not reach past them. */
  contrasts?: string[];
  /**
   * Template leftovers and placeholders: instructions a template addresses to the policy's author
   * (`Use this section to tell people`, `ersetzen Sie`, `替换为你的邮箱`). Read by template-text checks.
   */
  templatePhrases?: string[];
  /**
   * Host labels and address local parts that say "put yours here" (`ihre-domain`, `tu-dominio`,
   * `votre-email`). Compared without `-`, `_` and `.`.
   */
  placeholderLabels?: string[];
  /** Bracketed stand-ins where an address belongs: the words inside `[…]`, `<…>` or `{…}` (`[邮箱地址]`, `<E-Mail-Adresse>`). */
  standIns?: string[];
}
