import type { Lexicon } from "./types.js";

/** German. */
export const de: Lexicon = {
  language: "de",
  sections: {
    "supported-versions": [
      "unterstützte versionen", "unterstützte version", "unterstützte releases", "versionsunterstützung",
      "gepflegte versionen", "unterstützung", "versionen",
    ],
    "response-timeline": [
      "reaktionszeit", "reaktionszeiten", "antwortzeit", "antwortzeiten", "zeitplan", "zeitrahmen", "fristen",
      "was sie erwarten können", "was du erwarten kannst", "ablauf", "unsere reaktion",
    ],
    disclosure: [
      "offenlegung", "koordinierte offenlegung", "verantwortungsvolle offenlegung", "veröffentlichung",
      "sicherheitshinweise", "sicherheitsmitteilungen",
    ],
    "safe-harbor": ["rechtliches", "rechtlicher schutz", "rechtliche hinweise", "guter glaube"],
    scope: ["geltungsbereich", "anwendungsbereich", "umfang", "außerhalb des geltungsbereichs"],
    pgp: ["verschlüsselung", "öffentlicher schlüssel", "pgp schlüssel"],
    contact: ["kontakt", "kontakte", "ansprechpartner", "kontaktinformationen"],
    reporting: [
      "melden", "meldung", "meldungen", "sicherheitslücke melden", "sicherheitslücken melden", "schwachstelle melden",
      "berichten", "einreichen",
    ],
  },
  unsupportedHeadings: ["vorabversion", "vorabversionen", "nicht unterstützte", "veraltete", "beta", "alpha"],
  supportedMarks: ["ja", "unterstützt", "aktiv", "gepflegt", "sicherheitsupdates", "aktuell"],
  unsupportedMarks: [
    "nein", "nicht unterstützt", "nicht mehr unterstützt", "veraltet", "eingestellt", "abgekündigt", "keine",
    "nicht gepflegt",
  ],
  durationWords: { "am selben tag": { value: 1, unit: "day" }, "am gleichen tag": { value: 1, unit: "day" } },
  units: {
    hour: ["stunde", "stunden", "std"],
    day: ["tag", "tage", "tagen", "tages"],
    week: ["woche", "wochen"],
    month: ["monat", "monate", "monaten", "monats"],
  },
  // `Werktage`, `Arbeitstagen`, `Geschäftstage`: the working word is glued to the unit.
  workingDays: ["werk", "arbeits", "geschäfts"],
  numbers: {
    ein: 1, eine: 1, einem: 1, einer: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, zehn: 10,
    vierzehn: 14, dreißig: 30, neunzig: 90,
  },
  rangeWords: ["bis", "oder"],
  promises: {
    acknowledge: ["bestätigen", "bestätigt", "bestätigung", "eingangsbestätigung", "eingang", "empfang", "bestätigt den eingang"],
    respond: ["antworten", "antwort", "rückmeldung", "melden uns", "reagieren", "reaktion", "erste antwort", "antwortet", "melden wir uns", "reagiert"],
    assess: ["bewerten", "bewertung", "prüfen", "prüfung", "analysieren", "analyse", "untersuchen", "untersuchung", "einschätzung", "prüfen wir"],
    update: ["zwischenstand", "informieren", "auf dem laufenden", "statusmeldung", "fortschritt"],
    fix: ["beheben", "behebung", "beseitigen", "beseitigung", "korrektur", "korrigieren", "sicherheitsupdate", "beheben wir", "behoben"],
    disclose: ["veröffentlichen", "veröffentlicht", "veröffentlichung", "offenlegen", "offenlegung", "bekanntgabe", "veröffentlichen wir"],
  },
  severityWords: ["kritisch", "kritische", "schweregrad", "hoch", "mittel", "niedrig", "schwerwiegend"],
  contactRoles: {
    escalation: ["keine antwort", "keine rückmeldung", "eskalation", "eskalieren"],
    announcement: ["abonnieren", "abonniere", "ankündigung", "ankündigungen", "newsletter", "verteiler"],
    "third-party": ["drittanbieter", "upstream", "distributoren", "distributionen", "hersteller", "anderer projekte"],
    example: ["zum beispiel", "z b", "beispiel", "vorlage", "muster"],
  },
  generalContact: [],
  disclosure: [
    "koordinierte offenlegung", "verantwortungsvolle offenlegung", "offenlegung", "sicherheitshinweis",
    "sicherheitshinweise", "veröffentlichen wir", "werden veröffentlicht", "wird veröffentlicht",
  ],
  disclosureMentions: ["verantwortungsvolle offenlegung", "offenlegung"],
  contrasts: ["stattdessen", "sondern", "aber"],
  delegation: ["siehe", "finden sie", "findest du", "ist unter", "sind unter", "verfügbar", "beschrieben", "zu finden"],
  policyWords: ["richtlinie", "richtlinien", "sicherheitsrichtlinie", "prozess", "vorgehen", "verfahren", "anleitung"],
  privateReporting: [
    "private meldung von sicherheitslücken", "privat melden", "vertraulich melden", "private sicherheitsmeldung",
    "sicherheitslücke privat melden",
  ],
  publicReporting: ["ein issue erstellen", "ein issue eröffnen", "issue anlegen", "öffentliche github issues", "öffentliches issue", "öffentliche issues"],
  versionStatements: ["neueste", "neuesten", "aktuelle", "aktuellste", "aktuellen", "alle versionen", "nur die", "version", "versionen"],
  lowerBoundsBefore: ["mindestens", "mehr als", "länger als", "über", "nicht innerhalb", "frühestens nach", "frühestens"],
  lowerBoundsAfter: ["oder mehr", "oder länger", "mindestens"],
  reportWords: [
    "melden", "meldet", "melde", "meldung", "senden", "sende", "einreichen", "sicherheitslücke", "sicherheitslücken",
    "schwachstelle", "schwachstellen",
  ],
  negations: ["nicht", "kein", "keine", "keinen", "niemals", "statt", "anstatt"],
  templatePhrases: [
    "in diesem abschnitt erfährst du", "hier siehst du welche versionen deines projekts",
    "beschreibe wohin du dich wenden kannst", "ersetzen sie", "ersetze dies", "ihre e mail adresse hier",
    "verwende diesen abschnitt",
  ],
  placeholderLabels: ["ihredomain", "deinedomain", "ihrefirma", "deinefirma", "ihreprojekt", "deinprojekt", "ihremail", "deinemail", "ihreemail", "deineemail"],
  standIns: ["e mail adresse", "ihre e mail adresse", "deine e mail adresse", "ihre e mail", "deine e mail"],
};
