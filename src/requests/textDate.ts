import { Day, dayFromIso, dayFromParts, isoFromDay } from "../engine";
import { textMemo } from "../engine/util/textMemo";

/**
 * A date typed as text: in a cell, a CLI flag, a CSV column or a pane field. Only forms that mean the same
 * day to every reader are accepted: ISO (2025-04-15) and forms that spell the month (15 Apr 2025,
 * Apr 15, 2025, 15 April 2025, April 15 2025). All-numeric forms such as 04/05/2025 are refused even when
 * one reading is impossible (25/04/2025): a column typed that way would read some rows day-first and
 * others month-first, and a wrong entry date is a wrong rate that looks right.
 */
export type TextDate = { ok: true; day: Day } | { ok: false; reason: string };

const MONTHS: ReadonlyMap<string, number> = new Map(
  ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].flatMap((name, i) => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
    ...(name === "september" ? ([["sept", 9]] as const) : []),
  ]),
);

const MONTH = "([a-z]+)\\.?";
const DAY_OF_MONTH = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "(\\d{4})";
/** 15 Apr 2025, 15-Apr-2025, 15 April, 2025 */
const DAY_MONTH_YEAR = new RegExp(`^${DAY_OF_MONTH}[\\s-]+${MONTH}[\\s,-]+${YEAR}$`, "i");
/** Apr 15, 2025, April 15 2025, Apr-15-2025 */
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}[\\s-]+${DAY_OF_MONTH}[\\s,-]+${YEAR}$`, "i");
/** 04/05/2025, 4/5/25, 04.05.2025, 04-05-2025: the order of day and month is not written down. */
const ALL_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

export const DATE_FORMS = "an Excel date, YYYY-MM-DD or 15 Apr 2025";

/** dayFromText, for a column that repeats its dates: the same answers, each text read once. */
export const dayFromTextMemo: (text: string) => TextDate = textMemo((text) => dayFromText(text));

export function dayFromText(text: string): TextDate {
  const t = text.trim().replace(/\s+/g, " ");
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    const day = dayFromIso(t.replace(/-(\d)(?=-|$)/g, "-0$1"));
    return day === null ? { ok: false, reason: "is not a date: no such day in the calendar" } : { ok: true, day };
  }
  const dmy = DAY_MONTH_YEAR.exec(t);
  if (dmy) return named(Number(dmy[1]), dmy[2]!, Number(dmy[3]));
  const mdy = MONTH_DAY_YEAR.exec(t);
  if (mdy) return named(Number(mdy[2]), mdy[1]!, Number(mdy[3]));
  const numeric = ALL_NUMERIC.exec(t);
  if (numeric) return { ok: false, reason: ambiguity(Number(numeric[1]), Number(numeric[2]), numeric[3]!) };
  return { ok: false, reason: `is not a date: use ${DATE_FORMS}` };
}

function named(dayOfMonth: number, monthName: string, year: number): TextDate {
  const month = MONTHS.get(monthName.toLowerCase());
  if (month === undefined) return { ok: false, reason: `is not a date: "${monthName}" is not an English month name` };
  const day = dayFromParts(year, month, dayOfMonth);
  return day === null ? { ok: false, reason: "is not a date: no such day in the calendar" } : { ok: true, day };
}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The hint names the reading(s) the text could have, so the fix is one edit away. */
function ambiguity(first: number, second: number, yearText: string): string {
  const why = "is not a date DutyDesk reads (all-numeric dates put day and month in a different order from country to country";
  if (yearText.length === 2) return `${why}, and a 2-digit year hides the century): write YYYY-MM-DD or 5 Apr 2025, or use a date cell`;
  const year = Number(yearText);
  const readings = [dayFromParts(year, first, second), dayFromParts(year, second, first)].filter((d): d is Day => d !== null);
  const unique = [...new Set(readings)];
  if (unique.length === 0) return "is not a calendar date, whichever of its numbers is the month";
  const spelled = (d: Day) => {
    const iso = isoFromDay(d);
    return `${iso} or ${Number(iso.slice(8, 10))} ${SHORT_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
  };
  return `${why}): write ${unique.map(spelled).join(" (or, the other way round, ")}${unique.length > 1 ? ")" : ""}, or use a date cell`;
}
