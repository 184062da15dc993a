/** Calendar dates as policies write them: `2025-06-17`, `2025/06/17`, `June 17, 2025`, `17 June 2025`, `June 2025`. */

const MONTHS: Record<string, number> = {
  jan: 0,
  january: 0,
  feb: 1,
  february: 1,
  mar: 2,
  march: 2,
  apr: 3,
  april: 3,
  may: 4,
  jun: 5,
  june: 5,
  jul: 6,
  july: 6,
  aug: 7,
  august: 7,
  sep: 8,
  sept: 8,
  september: 8,
  oct: 9,
  october: 9,
  nov: 10,
  november: 10,
  dec: 11,
  december: 11,
};

export interface FoundDate {
  start: number;
  end: number;
  date: Date;
  text: string;
}

const MONTH_NAMES =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
export const DATE = new RegExp(
  [
    "\\b(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})\\b", // 2025-06-17, 2025/06/17
    `\\b(${MONTH_NAMES})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, // June 17, 2025
    `\\b(\\d{1,2})(?:st|nd|rd|th)? (${MONTH_NAMES})\\.?,? (\\d{4})\\b`, // 17 June 2025
    `\\b(${MONTH_NAMES}) (\\d{4})\\b`, // June 2025
    "\\b(\\d{4})-(\\d{2})\\b(?![-/.]\\d)", // 2025-06
  ].join("|"),
  "gi",
);

const YEAR = /\d{4}/;

function make(year: number, month: number, day: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || year < 1970 || year > 2200) return null;
  const d = new Date(Date.UTC(year, month, day));
  return d.getUTCMonth() === month ? d : null;
}

/** Every date in a text, with its offsets. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  // Every form has a four-digit year: most blocks have none, and need no pass of the longer expression.
  if (!YEAR.test(text)) return out;
  DATE.lastIndex = 0;
  for (let m = DATE.exec(text); m; m = DATE.exec(text)) {
    let date: Date | null = null;
    if (m[1]) date = make(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    else if (m[4]) date = make(Number(m[6]), MONTHS[(m[4] as string).toLowerCase()] ?? -1, Number(m[5]));
    else if (m[7]) date = make(Number(m[9]), MONTHS[(m[8] as string).toLowerCase()] ?? -1, Number(m[7]));
    else if (m[10]) date = make(Number(m[11]), MONTHS[(m[10] as string).toLowerCase()] ?? -1, 1);
    else if (m[12]) date = make(Number(m[12]), Number(m[13]) - 1, 1);
    if (date) out.push({ start: m.index, end: m.index + m[0].length, date, text: m[0] });
  }
  return out;
}
