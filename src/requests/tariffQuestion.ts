import { Day, LookupError, RateTable, TariffLine } from "../engine";
import { DaylessQuestion, daylessQuestion } from "./rateQuestion";
import { Read } from "./read";

/*
 * DUTY.TARIFF's arguments but the date, read once per distinct (options, importer, country, sector) and
 * kept per table. A sheet repeats those down a column of dates and across recalculations; reading them
 * again (options text, country text, the request object) cost as much as the lookup itself. The reading is
 * daylessQuestion's, the one rule; what is kept is its result, and the same request object each time,
 * which lets the engine keep its numbers-only line for it (engine/lookup/tariffLine.ts).
 *
 * Each distinct arguments get a slot. What a recalculated cell reads (the slot's last answer and the days
 * it holds for) is kept in dense columns, apart from the reading: the readings, questions, requests and
 * lines of 100 000 cells are tens of megabytes spread over the heap, and a cell that reached them on every
 * recalculation waited on memory more than it computed (npm run bench: recalc and warm passes).
 */

type Level<T> = Map<unknown, T>;

/** What is kept per distinct arguments and read only when the slot's memo does not answer. */
export interface TariffEntry {
  readonly read: Read<DaylessQuestion>;
  /** The question (null when the reading failed) and its loaded date (null for none). */
  readonly question: DaylessQuestion | null;
  readonly loaded: Day | null;
  /** The engine's line for the question, once asked (tariffTotal.ts). */
  line: TariffLine | null;
}

/**
 * The entry of a plain cell's slot (tariffTotal.ts): its arguments are not read, since the engine's plain
 * index answers it from the country and product as given; they are read, and the entry replaced, the first
 * time that index cannot answer.
 */
export const PLAIN_ENTRY: unique symbol = Symbol("plain cell");

/** Why a TARIFF cell has no number: an argument that cannot be read (#VALUE!), or the engine's error. */
export type TariffFailure = LookupError | { readonly ok: false; readonly message: string };

/**
 * The kept arguments of one table: the maps give a slot, the columns hold each slot's memos. A memo is an
 * answer and the days [from, to) it holds for; a slot whose answer depends on more than its segment (a
 * loaded date) keeps none (from > to).
 */
export interface KeptTariffs {
  /** options → importer → country → sector → slot. */
  readonly root: Level<Level<Level<Level<number>>>>;
  /** country → sector → slot, for cells without importer and options (null or undefined): most of a sheet. */
  readonly plain: Level<Level<number>>;
  readonly entries: (TariffEntry | typeof PLAIN_ENTRY)[];
  /**
   * Two memos a slot, the last two segments answered, six integers side by side: slot s's first memo holds
   * for the days from memo[6s] to memo[6s+1] (excluded) with the answer values[memo[6s+4]], its second from
   * memo[6s+2] to memo[6s+3] with values[memo[6s+5]]. Cells that share their arguments but not their date
   * (a column of entry dates) each keep their answer. With one memo a slot, such cells missed in turn: on
   * the bench's sheet 9,163 of 100,000 recalculated cells missed, and those misses were a quarter of the
   * pass (each waits on the slot's reading, line and segments); with two, 406 miss.
   *
   * The answers are indexes into `values`, the distinct answers (a few hundred rates and the kept errors),
   * so that a recalculated cell reads one cache line of its slot and a small, hot table, not an array of
   * answers as long as the slots besides (npm run bench: see README, Performance, 2026-12-04).
   */
  memo: Int32Array;
  readonly values: (number | TariffFailure)[];
  readonly valueIndex: Map<number | TariffFailure, number>;
}

/**
 * About 600 bytes a slot (the Read, the question, the request, its map slot and its memo): 100 000 slots,
 * the (line, origin) pairs of a big sheet, are about 60 MB. Past the bound the table's slots start over,
 * which changes no answer.
 */
export const MAX_KEPT_QUESTIONS = 100_000;
let maxKept = MAX_KEPT_QUESTIONS;
const MAX_KEY_TEXT = 500;
/** The slot of arguments that are not kept (a range, an object, long text): read again on every call. */
export const NOT_KEPT = -1;

let kept = new WeakMap<RateTable, KeptTariffs>();

/**
 * values[0]: a slot's answer before it has one (never read: its days are none). The table of distinct
 * answers is bounded: past MAX_VALUES a new answer is returned but not kept as a memo, until the slots
 * start over.
 */
const NO_ANSWER: LookupError = { kind: "notAvailable", message: "no answer yet" };
const MAX_VALUES = 65_536;
let maxValues = MAX_VALUES;

/** Only plain values are kept: a range or an object is read (and refused) each time; long text is not kept. */
function keepable(v: unknown): boolean {
  if (v === null || v === undefined || typeof v === "number") return true;
  return typeof v === "string" && v.length <= MAX_KEY_TEXT;
}

function level<K, T>(map: Map<K, T>, key: K, make: () => T): T {
  let next = map.get(key);
  if (next === undefined) {
    next = make();
    map.set(key, next);
  }
  return next;
}

/** The arguments' reading, kept or not: what a cell whose memo does not answer starts from. */
export function newTariffEntry(country: unknown, sector: unknown, importer: unknown, options: unknown, table: RateTable): TariffEntry {
  const read = daylessQuestion({ country, sector, importer, options }, table);
  return {
    read,
    question: read.ok ? read.value : null,
    loaded: read.ok ? (read.value.request.loaded ?? null) : null,
    line: null,
  };
}

/** The slot already kept for these arguments, or NOT_KEPT: two map reads for a plain cell, and no reading. */
export function keptSlot(k: KeptTariffs, country: unknown, sector: unknown, importer: unknown, options: unknown): number {
  const bySector = importer == null && options == null ? k.plain.get(country) : k.root.get(options)?.get(importer)?.get(country);
  const slot = bySector?.get(sector);
  return slot === undefined ? NOT_KEPT : slot;
}

/** Keeps `entry`, the reading of these arguments, in a new slot (NOT_KEPT for arguments that are never kept). */
export function newSlot(
  k: KeptTariffs,
  entry: TariffEntry | typeof PLAIN_ENTRY,
  country: unknown,
  sector: unknown,
  importer: unknown,
  options: unknown,
): number {
  if (!(keepable(country) && keepable(sector) && keepable(importer) && keepable(options))) return NOT_KEPT;
  if (k.entries.length >= maxKept) startOver(k);
  const slot = k.entries.length;
  if (MEMO_INTS * slot === k.memo.length) grow(k);
  k.entries.push(entry);
  k.memo.set(NO_MEMOS, MEMO_INTS * slot);
  // A reading that failed is the answer on every day; any other slot has no answer until its line gives one.
  if (entry !== PLAIN_ENTRY && !entry.read.ok) remember(k, slot, ALL_DAYS_FROM, ALL_DAYS_TO, entry.read);
  const plain = importer == null && options == null;
  const byCountry = plain
    ? k.plain
    : level(
        level(k.root, options, () => new Map()),
        importer,
        () => new Map(),
      );
  level(byCountry, country, () => new Map<unknown, number>()).set(sector, slot);
  return slot;
}

/** "Every day", for an answer that does not depend on the date; small integers, as every memo bound is. */
const ALL_DAYS_FROM = -1_000_000_000;
const ALL_DAYS_TO = 1_000_000_000;

/** The integers of a slot's two memos (KeptTariffs.memo). */
const MEMO_INTS = 6;

/** No days, no answer: both memos of a new slot. */
const NO_MEMOS = [1, 0, 1, 0, 0, 0];

/** Keeps `answer` as the slot's first memo for the days [from, to); the first becomes the second. */
export function remember(k: KeptTariffs, slot: number, from: number, to: number, answer: number | TariffFailure): void {
  const value = valueOf(k, answer);
  if (value < 0) return;
  const m = k.memo;
  const at = MEMO_INTS * slot;
  m[at + 2] = m[at]!;
  m[at + 3] = m[at + 1]!;
  m[at + 5] = m[at + 4]!;
  m[at] = from;
  m[at + 1] = to;
  m[at + 4] = value;
}

/**
 * The index of `answer` among the distinct answers, added if new; −1 when the table is full (the answer is
 * then not kept). One boxed number per distinct rate, not one per slot: a recalculation reads a few hundred
 * numbers rather than 100 000 spread over the heap. −0 is never kept, since a Map takes it for 0.
 */
function valueOf(k: KeptTariffs, answer: number | TariffFailure): number {
  const known = k.valueIndex.get(answer);
  if (known !== undefined) return known;
  if (k.values.length >= maxValues || Object.is(answer, -0)) return -1;
  k.valueIndex.set(answer, k.values.length);
  k.values.push(answer);
  return k.values.length - 1;
}

const FIRST_SLOTS = 1024;

function grow(k: KeptTariffs): void {
  const memo = new Int32Array(Math.min(k.memo.length * 2, MEMO_INTS * maxKept));
  memo.set(k.memo);
  k.memo = memo;
}

function startOver(k: KeptTariffs): void {
  k.root.clear();
  k.plain.clear();
  k.entries.length = 0;
  resetValues(k);
}

function resetValues(k: KeptTariffs): void {
  k.values.length = 0;
  k.valueIndex.clear();
  valueOf(k, NO_ANSWER);
}

/** The last table asked about and what is kept for it: a sheet asks about one table, so no WeakMap read per cell. */
let lastTable: RateTable | null = null;
let lastKept: KeptTariffs | null = null;

export function keptTariffs(table: RateTable): KeptTariffs {
  if (table === lastTable) return lastKept!;
  let k = kept.get(table);
  if (k === undefined) {
    k = {
      root: new Map(),
      plain: new Map(),
      entries: [],
      memo: new Int32Array(MEMO_INTS * Math.min(FIRST_SLOTS, maxKept)),
      values: [],
      valueIndex: new Map(),
    };
    resetValues(k);
    kept.set(table, k);
  }
  lastTable = table;
  lastKept = k;
  return k;
}

/** Forgets what was kept for `table` (with forgetLookups: memory pressure, tests). */
export function forgetTariffQuestions(table: RateTable): void {
  kept.delete(table);
  if (table === lastTable) {
    lastTable = null;
    lastKept = null;
  }
}

/**
 * Tests: a smaller bound on the slots (null for the default), so that starting over is exercised, and on
 * the distinct answers (null for the default), so that answers not kept as memos are. Forgets what is kept.
 */
export function setMaxKeptQuestions(n: number | null, values: number | null = null): void {
  maxKept = n ?? MAX_KEPT_QUESTIONS;
  maxValues = values ?? MAX_VALUES;
  kept = new WeakMap();
  lastTable = null;
  lastKept = null;
}
