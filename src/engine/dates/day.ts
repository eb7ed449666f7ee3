/**
 * A calendar date as a whole number of days since 1970-01-01.
 *
 * Tariff measures take effect "for goods entered for consumption on or after 12:01 a.m. Eastern" on a
 * given date, so the unit of law is the entry date, not an instant. Keeping dates as day numbers makes
 * every comparison an integer comparison and keeps time zones out of the engine.
 */
export type Day = number & { readonly __brand: "Day" };

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromParts(year: number, month: number, dayOfMonth: number): Day | null {
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) {
    return null;
  }
  return Math.round(ms / MS_PER_DAY) as Day;
}

/** Parses `YYYY-MM-DD` (a real calendar date); returns null for anything else. */
export function dayFromIso(text: string): Day | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Like dayFromIso, for dates written in data files, where a bad date is a bug in the data. */
export function isoDay(text: string): Day {
  const day = dayFromIso(text);
  if (day === null) throw new Error(`not an ISO date: ${JSON.stringify(text)}`);
  return day;
}

export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  return (day + n) as Day;
}
