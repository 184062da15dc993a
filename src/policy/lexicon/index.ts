import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { ko } from "./ko.js";
import { pt } from "./pt.js";
import { ru } from "./ru.js";
import { uk } from "./uk.js";
import { uz } from "./uz.js";
import { zhHans } from "./zh-Hans.js";
import { zhHant } from "./zh-Hant.js";
import type { DurationUnit, Lexicon, PromiseKind, SectionKind } from "./types.js";

export type { DurationUnit, Lexicon, PromiseKind, SectionKind } from "./types.js";

/** Every lexicon the model reads. Adding a language is adding its module here. */
export const lexicons: readonly Lexicon[] = [en, zhHans, zhHant, ja, ko, es, pt, de, fr, ru, uk, uz];

/** The words of all lexicons, merged, as the model uses them. */
export interface MergedLexicon extends Required<Omit<Lexicon, "language" | "contactRoles">> {
  languages: string[];
  contactRoles: Record<keyof NonNullable<Lexicon["contactRoles"]>, string[]>;
}

function mergeRecord<K extends string>(pick: (l: Lexicon) => Record<K, string[]>): Record<K, string[]> {
  const out = {} as Record<K, string[]>;
  for (const lexicon of lexicons) {
    const record = pick(lexicon);
    for (const key of Object.keys(record) as K[]) (out[key] ??= []).push(...record[key]);
  }
  return out;
}

function mergeList(pick: (l: Lexicon) => string[]): string[] {
  return [...new Set(lexicons.flatMap(pick))];
}

export const lexicon: MergedLexicon = {
  languages: lexicons.map((l) => l.language),
  sections: mergeRecord<SectionKind>((l) => l.sections),
  supportedMarks: mergeList((l) => l.supportedMarks),
  unsupportedHeadings: mergeList((l) => l.unsupportedHeadings ?? []),
  unsupportedMarks: mergeList((l) => l.unsupportedMarks),
  units: mergeRecord<DurationUnit>((l) => l.units),
  workingDays: mergeList((l) => l.workingDays),
  numbers: Object.assign({}, ...lexicons.map((l) => l.numbers)) as Record<string, number>,
  durationWords: Object.assign({}, ...lexicons.map((l) => l.durationWords ?? {})) as Record<string, { value: number; unit: DurationUnit }>,
  rangeWords: mergeList((l) => l.rangeWords),
  promises: mergeRecord<PromiseKind>((l) => l.promises),
  severityWords: mergeList((l) => l.severityWords),
  generalContact: mergeList((l) => l.generalContact),
  contactRoles: {
    escalation: mergeList((l) => l.contactRoles?.escalation ?? []),
    announcement: mergeList((l) => l.contactRoles?.announcement ?? []),
    "third-party": mergeList((l) => l.contactRoles?.["third-party"] ?? []),
    example: mergeList((l) => l.contactRoles?.example ?? []),
  },
  disclosure: mergeList((l) => l.disclosure),
  privateReporting: mergeList((l) => l.privateReporting),
  publicReporting: mergeList((l) => l.publicReporting),
  versionStatements: mergeList((l) => l.versionStatements),
  workingDaysAfter: mergeList((l) => l.workingDaysAfter ?? []),
  lowerBoundsBefore: mergeList((l) => l.lowerBoundsBefore ?? []),
  lowerBoundsAfter: mergeList((l) => l.lowerBoundsAfter ?? []),
  reportWords: mergeList((l) => l.reportWords ?? []),
  negations: mergeList((l) => l.negations ?? []),
  delegation: mergeList((l) => l.delegation ?? []),
  policyWords: mergeList((l) => l.policyWords ?? []),
  negationsAfter: mergeList((l) => l.negationsAfter ?? []),
  contrasts: mergeList((l) => l.contrasts ?? []),
  disclosureMentions: mergeList((l) => l.disclosureMentions ?? []),
  templatePhrases: mergeList((l) => l.templatePhrases ?? []),
  placeholderLabels: mergeList((l) => l.placeholderLabels ?? []),
  standIns: mergeList((l) => l.standIns ?? []),
};
