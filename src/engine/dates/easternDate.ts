import { Day, dayFromParts } from "./day";

const EASTERN = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The US Eastern calendar date of an instant: "today" for entry-date purposes, since CBP keys every
 * 2025–26 change to 12:01 a.m. Eastern. The instant is an argument so that callers decide what now is.
 */
export function easternDate(instant: Date): Day {
  const parts = EASTERN.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return dayFromParts(get("year"), get("month"), get("day"))!;
}
