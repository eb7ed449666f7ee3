import { Day, LookupError, RateTable, SegmentMemo, TariffLine } from "../engine";
import { DaylessQuestion, daylessQuestion } from "./rateQuestion";
import { Read } from "./read";

/*
 * DUTY.TARIFF's arguments but the date, read once per distinct (options, importer, country, sector) and
 * kept per table. A sheet repeats those down a column of dates and across recalculations; reading them
 * again (options text, country text, the request object) cost as much as the lookup itself. The reading is
 * daylessQuestion's, the one rule; what is kept is its result, and the same request object each time,
 * which lets the engine keep its numbers-only line for it (engine/lookup/tariffLine.ts).
 */

type Level<T> = Map<unknown, T>;

/** What is kept per distinct arguments: the reading, and the engine's line for it once asked (tariffTotal.ts). */
export interface TariffEntry extends SegmentMemo {
  readonly read: Read<DaylessQuestion>;
  /**
   * The question (null when the reading failed) and its loaded date (null for none), copied here: a repeated cell then reads this
   * object and the engine's line, not the reading's objects, which are scattered over the heap.
   */
  readonly question: DaylessQuestion | null;
  readonly loaded: Day | null;
  line: TariffLine | null;
  /**
   * The line's last answer and the days it holds for (engine: SegmentMemo): a recalculated cell, whose date
   * has not changed, is answered from these three fields, with no line or array to reach.
   */
  from: number;
  to: number;
  answer: number | LookupError;
}

interface Kept {
  /** options → importer → country → sector. */
  readonly root: Level<Level<Level<Level<TariffEntry>>>>;
  /** country → sector, for cells without importer and options (null or undefined): most of a sheet, two map reads. */
  readonly plain: Level<Level<TariffEntry>>;
  entries: number;
}

/**
 * About 600 bytes an entry (the Read, the question, the request and its map slot): 100 000 entries, the
 * (line, origin) pairs of a big sheet, are about 60 MB. Past the bound the table's entries start over,
 * which changes no answer.
 */
export const MAX_KEPT_QUESTIONS = 100_000;
const MAX_KEY_TEXT = 500;

const kept = new WeakMap<RateTable, Kept>();

/** An entry's answer before it has one (never read: its days are none). */
const NO_ANSWER: LookupError = { kind: "notAvailable", message: "no answer yet" };

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

export function tariffQuestion(country: unknown, sector: unknown, importer: unknown, options: unknown, table: RateTable): Read<DaylessQuestion> {
  return tariffEntry(country, sector, importer, options, table).read;
}

/** The kept entry for these arguments (a fresh one, not kept, for arguments that are not kept). */
export function tariffEntry(country: unknown, sector: unknown, importer: unknown, options: unknown, table: RateTable): TariffEntry {
  const k = keptFor(table);
  const plain = importer == null && options == null;
  const bySector = plain ? k.plain.get(country) : k.root.get(options)?.get(importer)?.get(country);
  const hit = bySector?.get(sector);
  if (hit !== undefined) return hit;
  const read = daylessQuestion({ country, sector, importer, options }, table);
  const entry: TariffEntry = {
    read,
    question: read.ok ? read.value : null,
    loaded: read.ok ? (read.value.request.loaded ?? null) : null,
    line: null,
    // No days until the line answers. The placeholder is an object, so the field holds numbers and errors
    // alike from the start (a field that starts as a small integer is reshaped, entry by entry, when the
    // first fraction or error is stored in it, which a recalculation would pay for).
    from: 1,
    to: 0,
    answer: NO_ANSWER,
  };
  if (!(keepable(country) && keepable(sector) && keepable(importer) && keepable(options))) return entry;
  if (++k.entries > MAX_KEPT_QUESTIONS) {
    k.root.clear();
    k.plain.clear();
    k.entries = 1;
  }
  const byCountry = plain
    ? k.plain
    : level(
        level(k.root, options, () => new Map()),
        importer,
        () => new Map(),
      );
  level(byCountry, country, () => new Map<unknown, TariffEntry>()).set(sector, entry);
  return entry;
}

/** The last table asked about and what is kept for it: a sheet asks about one table, so no WeakMap read per cell. */
let lastTable: RateTable | null = null;
let lastKept: Kept | null = null;

function keptFor(table: RateTable): Kept {
  if (table === lastTable) return lastKept!;
  let k = kept.get(table);
  if (k === undefined) {
    k = { root: new Map(), plain: new Map(), entries: 0 };
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
