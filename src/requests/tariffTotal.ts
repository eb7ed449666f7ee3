import { Day, LookupError, RateTable, dayOfModernSerial, isCurrentLine, newTariffLine, tariffOnLine } from "../engine";
import { readDate } from "./arguments";
import { isEmpty } from "./read";
import { loadedAfterEntry } from "./rateQuestion";
import { tariffEntry } from "./tariffQuestion";

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
  const entry = tariffEntry(country, sector, importer, options, table);
  const question = entry.question;
  if (question === null) {
    const read = entry.read;
    if (!read.ok) return read;
    throw new Error("tariffTotal: a kept question is missing its reading");
  }
  // A date serial of this era is arithmetic; anything else is read by readDate, which says what is wrong.
  let day: Day | null = typeof date === "number" ? dayOfModernSerial(date) : null;
  if (day === null) {
    const read = readDate(date ?? null, isEmpty(date) ? now() : EPOCH);
    if (!read.ok) return read;
    day = read.value;
  }
  if (entry.loaded !== null) {
    const loaded = loadedAfterEntry(question, day);
    if (loaded !== null) return loaded;
  }
  // A recalculated cell: the answer its date had last time holds for the whole segment around it.
  if (day >= entry.from && day < entry.to) return entry.answer;
  // The line is kept with the arguments, so a repeated cell makes no engine cache lookup; a line from
  // before the engine's caches started over is asked for again (the answer is the same either way).
  let line = entry.line;
  if (line === null || !isCurrentLine(table, line)) {
    line = newTariffLine(table, question.request, question.choice);
    entry.line = line;
  }
  return tariffOnLine(table, line, day, entry);
}

/** The `now` readDate is given when the date is not empty (it reads `now` only for an empty date). */
const EPOCH = new Date(0);
