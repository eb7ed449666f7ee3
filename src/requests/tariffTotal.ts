import {
  Day,
  NOT_PLAIN,
  NotPlain,
  PlainIndex,
  RateTable,
  SegmentMemo,
  dayOfModernSerial,
  isCurrentLine,
  newTariffLine,
  plainIndexOf,
  plainTotal,
  tariffOnLine,
} from "../engine";
import { readDate } from "./arguments";
import { isEmpty } from "./read";
import { loadedAfterEntry } from "./rateQuestion";
import {
  KeptTariffs,
  NOT_KEPT,
  PLAIN_ENTRY,
  TariffEntry,
  TariffFailure,
  keptSlot,
  keptTariffs,
  newSlot,
  newTariffEntry,
  remember,
} from "./tariffQuestion";

export type { TariffFailure } from "./tariffQuestion";

/**
 * DUTY.TARIFF's answer as a number, the way every rate question is read (rateQuestion's order and rules):
 * the arguments but the date through tariffQuestion (kept per distinct arguments), then the date, then the
 * engine's numbers-only line. A failure is returned, not thrown, and is the same object for the same cause
 * wherever it can be (kept reads, kept line errors), so an adapter can keep what it makes of it.
 * `now` is asked only for an empty date (today, US Eastern).
 *
 * Most of a sheet is plain cells: no importer, no options, a country, a product and a date serial. Those
 * are answered from the engine's plain index (engine/lookup/plainLookup.ts), which resolves each country and
 * each product once rather than each (product, country) pair; their slot keeps only the memo. Whatever the
 * plain index cannot answer is read and asked of the engine's line, as every other cell is.
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
  const kept = keptAnswer(table, country, sector, date, importer, options);
  return kept !== null ? kept : answerSlot(table, country, sector, date, importer, options, now);
}

/**
 * A recalculated cell: the answer its date had last time holds for the whole segment around it (a failed
 * reading holds on every day), and a slot keeps its last two. A date serial of this era is arithmetic.
 *
 * This is most of a recalculation, and it is a function of its own so that it stays small: V8 inlines it
 * into its callers, and the rest of the rule, which a recalculated cell does not reach, is not compiled into
 * every cell's path. In a one-off script timing 100,000 warm cells of the bench's sheet against `Map.get`
 * over the same keys (median of 7, a full collection before each pass), tariffTotal with the memo reads in
 * its body took 2.84 and 3.64×, a copy of those reads as a function of their own 2.24 and 2.80×. Null:
 * the memos do not answer (no answer is null).
 */
function keptAnswer(
  table: RateTable,
  country: unknown,
  sector: unknown,
  date: unknown,
  importer: unknown,
  options: unknown,
): number | TariffFailure | null {
  const k = keptTariffs(table);
  const slot = keptSlot(k, country, sector, importer, options);
  if (slot !== NOT_KEPT && typeof date === "number") {
    const day = dayOfModernSerial(date);
    if (day !== null) {
      const m = k.memo;
      const at = 6 * slot;
      if (day >= m[at]! && day < m[at + 1]!) return k.values[m[at + 4]!]!;
      if (day >= m[at + 2]! && day < m[at + 3]!) return k.values[m[at + 5]!]!;
    }
  }
  return null;
}

/**
 * A cell its slot's memos do not answer, or the first of its arguments. Its slot is looked up again (two
 * map reads), not handed over from keptAnswer: a miss is rare after the first calculation, and the two
 * measured the same (a one-off script, three runs each: 3.06–3.11× against 3.13–3.21× a `Map.get`).
 */
function answerSlot(
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
  const day = typeof date === "number" ? dayOfModernSerial(date) : null;
  if (slot !== NOT_KEPT) {
    let entry = k.entries[slot]!;
    if (entry === PLAIN_ENTRY) {
      if (day !== null) {
        const answer = plainAnswer(table, country as string, sector as string | number, day);
        if (answer !== NOT_PLAIN) return keep(k, slot, answer);
      }
      // A date the plain index does not answer (outside the coverage, text, empty) or a segment it cannot:
      // the slot's arguments are read now, once.
      entry = k.entries[slot] = newTariffEntry(country, sector, importer, options, table);
    }
    return answerAnew(table, k, slot, entry, date, now);
  }
  // First arguments of their kind. A plain cell the plain index answers gets a slot with no reading.
  if (day !== null && isPlain(country, sector, importer, options)) {
    const answer = plainAnswer(table, country, sector as string | number, day);
    if (answer !== NOT_PLAIN) {
      const made = newSlot(k, PLAIN_ENTRY, country, sector, importer, options);
      return made === NOT_KEPT ? answer : keep(k, made, answer);
    }
  }
  // Read once, and kept in a new slot when they can be.
  const entry = newTariffEntry(country, sector, importer, options, table);
  return answerAnew(table, k, newSlot(k, entry, country, sector, importer, options), entry, date, now);
}

/** The arguments of a plain cell: no importer or options, a country that reads as text, a product that reads. */
function isPlain(country: unknown, sector: unknown, importer: unknown, options: unknown): country is string {
  if (importer != null || options != null || typeof country !== "string" || isEmpty(country)) return false;
  return (typeof sector === "string" || typeof sector === "number") && !isEmpty(sector);
}

/** The plain index's answer, its segment left in PLAIN_MEMO. */
function plainAnswer(table: RateTable, country: string, sector: string | number, day: Day): number | TariffFailure | NotPlain {
  PLAIN_MEMO.from = 1;
  PLAIN_MEMO.to = 0;
  return plainTotal(currentPlain(table), country, sector, day, PLAIN_MEMO);
}

/** Keeps the plain index's answer as the slot's memo for the days it holds for. */
function keep(k: KeptTariffs, slot: number, answer: number | TariffFailure): number | TariffFailure {
  if (PLAIN_MEMO.from < PLAIN_MEMO.to) remember(k, slot, PLAIN_MEMO.from, PLAIN_MEMO.to, answer);
  return answer;
}

const PLAIN_MEMO: SegmentMemo = { from: 1, to: 0, answer: { kind: "notAvailable", message: "no answer yet" } };

/**
 * The plain index of the table last asked about, while its caches last: a sheet asks one table, so no
 * WeakMap read per cell; once the caches start over (`dropped`), the new ones' index.
 */
let plainTable: RateTable | null = null;
let plainIndex: PlainIndex | null = null;

function currentPlain(table: RateTable): PlainIndex {
  if (plainTable !== table || plainIndex!.cache.dropped) {
    plainIndex = plainIndexOf(table);
    plainTable = table;
  }
  return plainIndex!;
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
