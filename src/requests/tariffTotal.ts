import { Day, RateTable, SegmentMemo, dayOfModernSerial, isCurrentLine, newTariffLine, tariffOnLine } from "../engine";
import { readDate } from "./arguments";
import { isEmpty } from "./read";
import { loadedAfterEntry } from "./rateQuestion";
import { KeptTariffs, NOT_KEPT, TariffEntry, TariffFailure, keptSlot, keptTariffs, newSlot, newTariffEntry, remember } from "./tariffQuestion";

export type { TariffFailure } from "./tariffQuestion";

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
  const k = keptTariffs(table);
  const slot = keptSlot(k, country, sector, importer, options);
  // A recalculated cell: the answer its date had last time holds for the whole segment around it (a failed
  // reading holds on every day), and a slot keeps its last two. A date serial of this era is arithmetic;
  // anything else is read below.
  if (slot !== NOT_KEPT && typeof date === "number") {
    const day = dayOfModernSerial(date);
    if (day !== null) {
      const d = k.days;
      const at = 4 * slot;
      if (day >= d[at]! && day < d[at + 1]!) return k.answers[2 * slot]!;
      if (day >= d[at + 2]! && day < d[at + 3]!) return k.answers[2 * slot + 1]!;
    }
  }
  if (slot !== NOT_KEPT) return answerAnew(table, k, slot, k.entries[slot]!, date, now);
  // First arguments of their kind: read once, and kept in a new slot when they can be.
  const entry = newTariffEntry(country, sector, importer, options, table);
  return answerAnew(table, k, newSlot(k, entry, country, sector, importer, options), entry, date, now);
}

/** A cell its slot's memo does not answer: dated, and asked of the engine (its arguments are read in `entry`). */
function answerAnew(table: RateTable, k: KeptTariffs, slot: number, entry: TariffEntry, date: unknown, now: () => Date): number | TariffFailure {
  const question = entry.question;
  if (question === null) {
    const read = entry.read;
    if (!read.ok) return read;
    throw new Error("tariffTotal: a kept question is missing its reading");
  }
  let day: Day | null = typeof date === "number" ? dayOfModernSerial(date) : null;
  if (day === null) {
    const read = readDate(date ?? null, isEmpty(date) ? now() : EPOCH);
    if (!read.ok) return read;
    day = read.value;
  }
  if (entry.loaded !== null) {
    // The answer depends on the loaded date as well as the segment: such a slot keeps no memo.
    const loaded = loadedAfterEntry(question, day);
    if (loaded !== null) return loaded;
    return tariffOnLine(table, currentLine(table, entry), day);
  }
  if (slot === NOT_KEPT) return tariffOnLine(table, currentLine(table, entry), day);
  SCRATCH.from = 1;
  SCRATCH.to = 0;
  const answer = tariffOnLine(table, currentLine(table, entry), day, SCRATCH);
  // The engine fills the memo only for an answer its segment holds (not one that names its date).
  if (SCRATCH.from < SCRATCH.to) remember(k, slot, SCRATCH.from, SCRATCH.to, SCRATCH.answer);
  return answer;
}

/**
 * The line is kept with the arguments, so a repeated cell makes no engine cache lookup; a line from before
 * the engine's caches started over is asked for again (the answer is the same either way).
 */
function currentLine(table: RateTable, entry: TariffEntry) {
  let line = entry.line;
  if (line === null || !isCurrentLine(table, line)) {
    const q = entry.question!;
    line = newTariffLine(table, q.request, q.choice);
    entry.line = line;
  }
  return line;
}

/** Where the engine leaves a segment's answer and days, copied into the slot's columns. */
const SCRATCH: SegmentMemo = { from: 1, to: 0, answer: { kind: "notAvailable", message: "no answer yet" } };

/** The `now` readDate is given when the date is not empty (it reads `now` only for an empty date). */
const EPOCH = new Date(0);
