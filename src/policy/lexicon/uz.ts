import type { Lexicon } from "./types.js";

/** Uzbek (Latin script). A small lexicon: headings, units and the commonest promise words. */
export const uz: Lexicon = {
  language: "uz",
  sections: {
    "supported-versions": ["qo llab quvvatlanadigan versiyalar", "versiyalar"],
    "response-timeline": ["javob berish muddati", "javob muddati"],
    disclosure: ["oshkor qilish"],
    "safe-harbor": [],
    scope: ["loyiha doirasi", "javobgarlik doirasi"],
    pgp: [],
    contact: ["aloqa"],
    reporting: ["xabar berish", "zaifliklar haqida xabar berish"],
  },
  supportedMarks: ["ha", "qo llab quvvatlanadi"],
  unsupportedMarks: ["yo q", "qo llab quvvatlanmaydi"],
  units: {
    hour: ["soat", "soatda"],
    day: ["kun", "kuni", "kunda"],
    week: ["hafta", "haftada"],
    month: ["oy", "oyda"],
  },
  workingDays: ["ish"],
  numbers: {},
  rangeWords: [],
  promises: {
    acknowledge: ["tasdiqlash", "qabul qilish"],
    respond: ["javob", "javob berish"],
    assess: ["ko rib chiqish", "ko rib chiqishga", "tekshirish"],
    update: [],
    fix: ["tuzatish", "tuzatamiz"],
    disclose: ["e lon qilish", "oshkor qilish"],
  },
  severityWords: ["kritik", "jiddiy"],
  generalContact: [],
  disclosure: ["oshkor qilish"],
  disclosureMentions: ["oshkor qilish"],
  privateReporting: [],
  publicReporting: [],
  versionStatements: ["eng so nggi", "versiya", "versiyalar"],
  reportWords: ["xabar", "zaiflik", "zaifliklar"],
  negations: [],
};
