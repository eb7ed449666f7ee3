import { Outcome } from "./outcome";
import { RateTable } from "../table/compiledTable";
import type { EntryFacts } from "../stacking/facts";
import type { LineClass } from "./lineClasses";
import type { Origin, ProductPart } from "./resolveRequest";
import type { OriginView, Timeline } from "./timeline";
import type { TariffLine } from "./tariffLine";
import type { ViewSums } from "./viewSums";
import type { PlainIndex } from "./plainLookup";

/**
 * The memory of lookups against one table: what a sheet asks again and again (the same country, the
 * same product, the same options for many dates and cells) is resolved once and kept. All of it shares ONE
 * budget in estimated bytes per table (`setLookupBudget`), because a workbook or a CSV batch can make
 * millions of distinct lookups; past the budget the table's caches start over, which changes no answer (a
 * property test checks that cold, warm and evicted lookups agree, with a budget so small that every lookup
 * evicts). Starting over, rather than evicting entry by entry, keeps the links between entries (a class's
 * timelines, a timeline's compositions, a view's id) consistent without bookkeeping on the hot path.
 */
export interface LookupCache {
  readonly table: RateTable;
  readonly countries: Map<string, Outcome<Origin>>;
  /** By importer code, then by the product argument as given (a number and its text are different keys). */
  readonly products: Map<string, Map<string | number, Outcome<ProductPart>>>;
  /** Entry facts (all but the day) by origin and options key ("" for a request without options). */
  readonly facts: Map<string, Outcome<EntryFacts>>;
  readonly classes: Map<string, Outcome<LineClass[]>>;
  /** Timelines by their content key: shared by every class, product and origin that composes alike. */
  readonly timelines: Map<string, Timeline>;
  /** Origin views (timeline.ts) by entry facts, then by candidate set (the array the class holds). */
  readonly views: WeakMap<EntryFacts, Map<readonly object[], OriginView>>;
  /** Origin view ids by their content key: equal ids, equal content. */
  readonly viewIds: Map<string, number>;
  /** By id, the one view object of that content, for views of origins outside Column 2 (see makeView). */
  readonly sharedViews: Map<number, OriginView>;
  /** What origin views add to a base, by view id (viewSums.ts): DUTY.TARIFF's plain sums. */
  readonly sums: Map<number, ViewSums>;
  /** DUTY.TARIFF's numbers-only lines (tariffLine.ts), by the request object the request layer keeps per arguments. */
  readonly lines: Map<object, TariffLine>;
  /** The countries and products of requests without options (plainLookup.ts), made on first use. */
  plain: PlainIndex | null;
  /** The estimated bytes everything above holds (the ENTRY_BYTES estimates); at most the budget. */
  bytes: number;
  /** The budget in bytes, read when the cache is made. */
  readonly budget: number;
  /** Whether composed segments are kept in their timelines (setCompositionKeeping), read when the cache is made. */
  readonly compositions: CompositionKeeping;
  /** Set once the table's caches have started over without this one (a line can tell without a map lookup). */
  dropped: boolean;
}

/**
 * The default budget per table, a workbook's. `dutydesk landed` sets its own (LANDED_CACHE_MB in
 * src/cli/landedCommand.ts), with composed segments not kept.
 */
export const DEFAULT_LOOKUP_BUDGET = 96 * 1024 * 1024;

/**
 * Estimated heap bytes per kept entry. Measured with `node --expose-gc lib-bench/bench/cacheBytes.js N`
 * (bench/cacheBytes.ts): varied lookups on the embedded table, the heap delta after a full collection,
 * with the kept entries counted by kind. At 20 000 and 100 000 lookupRate calls (17k and 64k compositions,
 * 13k and 38k timelines, 12.5k and 20k products) the deltas were 57 and 175 MB; these figures put the
 * estimate at 0.93 to 1.01 of them. 100 000 tariffAt calls add 50 MB, about 520 bytes per numbers-only
 * line with the request object it is kept by. Strings are counted at their length on top of the slot.
 */
export const ENTRY_BYTES = {
  /** A map slot (key, value, hash chain) and a small Outcome object around the value. */
  entry: 120,
  /** A line class in a product's class list: the class object and its timelines map (the candidates are the table's). */
  lineClass: 300,
  /** A timeline: the object, its arrays and typed arrays, and per start a Day, Int32, Float64 and composition slot. */
  timeline: 700,
  timelineStart: 32,
  /** A class → timeline link: a slot in the class's map and the link key. */
  link: 60,
  /** One composed segment: layers, exclusions, notes, signatures, Decimals (the heaviest entry by far). */
  composition: 2000,
  /** An origin view: the object and its arrays, per array element one slot. */
  view: 260,
  viewItem: 8,
  /** An origin view's sums: the object, and per segment an Int32 start and a Float64 sum. */
  sums: 120,
  sumsStart: 12,
  /** A numbers-only line, its map slot and the request object that keys it; per segment when not shared with its timeline. */
  line: 520,
  lineStart: 20,
  /** A (product, country) pair of a request without options (plainLookup.ts): two array elements on its product. */
  plainPair: 16,
  /**
   * A landed-cost layer plan of one (base, segment), a small array of numbers (viewSums.layersOn), and the
   * same rates scaled to n / 10^k for cents (landed/sumLineDuty.ts), kept beside it. From a heap snapshot 40 s
   * into `dutydesk landed` on the bench's 1M rows: 54,062 plans held 9.4 MB, and 33,518 scaled lists 13.4 MB.
   * Both are charged once per distinct plan, since plans of equal content are one array (viewSums.layersOn).
   */
  layerPlan: 180,
  scaledRates: 400,
} as const;

/** Inputs longer than this (pasted text, hostile input) are answered but not kept. */
export const MAX_KEY_LENGTH = 1_000;

/**
 * Whether a table's caches keep what compose() makes for each segment (the layers, citations and Decimals
 * a BREAKDOWN or a landed cost reads), or compose the segment again when it is asked again. A workbook asks
 * the same cells on every recalculation, so it keeps them. A batch of varied rows gains little from them:
 * on the landed bench's 1M rows (bench/landed.ts) 50,450 segments were composed and read again 79,757
 * times (a temporary tally), an estimated 101 MB of the 163 MB the caches held. Keeping none left the CPU
 * time as it was (54.3 and 56.6 s kept, 55.8 and 53.7 s not, `/usr/bin/time node lib/cli/main.js landed`)
 * and lowered peak RSS from 446–495 MB to 375–385 MB. Answers are the same either way: a segment
 * composes alike each time.
 */
export type CompositionKeeping = "keep" | "discard";

const caches = new WeakMap<RateTable, LookupCache>();
const budgets = new WeakMap<RateTable, number>();
const keeping = new WeakMap<RateTable, CompositionKeeping>();

/**
 * Sets the byte budget of `table`'s lookup caches (undefined: the default); tests set a tiny one to
 * force evictions, the CLI a larger one for a machine with memory to spare. The current caches start over.
 */
export function setLookupBudget(table: RateTable, bytes: number | undefined): void {
  if (bytes === undefined) budgets.delete(table);
  else {
    if (!(bytes >= 0)) throw new RangeError(`a lookup budget is a number of bytes, not ${String(bytes)}`);
    budgets.set(table, bytes);
  }
  dropCurrent(table);
}

/** Sets whether `table`'s caches keep composed segments ("keep" unless set); the current caches start over. */
export function setCompositionKeeping(table: RateTable, keep: CompositionKeeping): void {
  keeping.set(table, keep);
  dropCurrent(table);
}

export function cacheOf(table: RateTable): LookupCache {
  let cache = caches.get(table);
  if (!cache) {
    cache = {
      table,
      countries: new Map(),
      products: new Map(),
      facts: new Map(),
      classes: new Map(),
      timelines: new Map(),
      views: new WeakMap(),
      viewIds: new Map(),
      sharedViews: new Map(),
      sums: new Map(),
      lines: new Map(),
      plain: null,
      bytes: 0,
      budget: budgets.get(table) ?? DEFAULT_LOOKUP_BUDGET,
      compositions: keeping.get(table) ?? "keep",
      dropped: false,
    };
    caches.set(table, cache);
  }
  return cache;
}

/**
 * Counts `bytes` more against the cache's budget; past it, the table's caches start over. The caller has
 * already kept its entry in `cache`, and may go on using `cache` for the rest of its lookup: a dropped
 * cache is complete and consistent, only no longer reachable from the table, so the garbage collector
 * frees it once its last lookup ends.
 */
export function charge(cache: LookupCache, bytes: number): void {
  cache.bytes += bytes;
  if (cache.bytes > cache.budget) dropCache(cache);
}

/** Starts the table's caches over (only if `cache` is still the current one). */
export function dropCache(cache: LookupCache): void {
  if (caches.get(cache.table) === cache) caches.delete(cache.table);
  cache.dropped = true;
}

/** Drops whatever cache `table` has now. */
function dropCurrent(table: RateTable): void {
  const cache = caches.get(table);
  if (cache !== undefined) dropCache(cache);
}

/** Keeps `value` under `key` in one of `cache`'s maps, charged `bytes` (the entry plus what only it holds). */
export function remember<K, V>(cache: LookupCache, map: Map<K, V>, key: K, value: V, bytes: number): V {
  map.set(key, value);
  charge(cache, ENTRY_BYTES.entry + bytes + (typeof key === "string" ? key.length : 0));
  return value;
}

/** An estimate of a line's own heap size; a sum line and a one-timeline line share their arrays. */
export function lineBytes(line: TariffLine): number {
  if (line.kind !== "composed" || line.prepared.timelines.length === 1) return ENTRY_BYTES.line;
  return ENTRY_BYTES.line + line.starts.length * ENTRY_BYTES.lineStart;
}

/** Keeps `line` for its request object. */
export function rememberLine(cache: LookupCache, key: object, line: TariffLine): TariffLine {
  cache.lines.set(key, line);
  charge(cache, lineBytes(line));
  return line;
}

/** Forgets everything kept for `table` (memory pressure, tests): the next lookups start cold. */
export function forgetLookups(table: RateTable): void {
  dropCurrent(table);
}
