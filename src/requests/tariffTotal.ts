import { LookupError, RateTable, tariffAt } from "../engine";
import { readDate } from "./arguments";
import { isEmpty } from "./read";
import { loadedAfterEntry } from "./rateQuestion";
import { tariffQuestion } from "./tariffQuestion";

/** Why a TARIFF cell has no number: an argument that cannot be read (#VALUE!), or the engine's error. */
export type TariffFailure = LookupError | { readonly ok: false; readonly message: string };

/**
 * DUTY.TARIFF's answer as a number, the way every rate question is read (rateQuestion's order and rules):
 * the arguments but the date through tariffQuestion (kept per distinct arguments), then the date, then the
 * engine's numbers-only line. A failure is returned, not thrown, and is the same object for the same cause
 * wherever it can be (kept reads, kept line errors), so an adapter can keep what it makes of it.
 * `now` is asked only for an empty date (today, US Eastern).
 */
export function tariffTotal(
  table: RateTable,
  country: unknown,
  sector: unknown,
  date: unknown,
  importer: unknown,
  options: unknown,
  now: () => Date,
): number | TariffFailure {
  const q = tariffQuestion(country, sector, importer, options, table);
  if (!q.ok) return q;
  const day = readDate(date ?? null, isEmpty(date) ? now() : EPOCH);
  if (!day.ok) return day;
  const loaded = loadedAfterEntry(q.value, day.value);
  if (loaded !== null) return loaded;
  return tariffAt(table, q.value.request, q.value.choice, day.value);
}

/** The `now` readDate is given when the date is not empty (it reads `now` only for an empty date). */
const EPOCH = new Date(0);
