import { Outcome } from "./outcome";
import { RateTable } from "../table/compiledTable";
import type { EntryFacts } from "../stacking/facts";
import type { LineClass } from "./lineClasses";
import type { Origin, ProductPart } from "./resolveRequest";
import type { OriginView, Timeline } from "./timeline";
import type { TariffLine } from "./tariffLine";

/**
 * The memory of lookups against one table: what a sheet asks again and again (the same country, the
 * same product, the same options for many dates and cells) is resolved once and kept. Everything here is
 * bounded, because a workbook can make millions of distinct lookups; past a bound the table's caches
 * start over, which changes no answer (a property test checks that cold, warm and evicted lookups agree).
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
  /** DUTY.TARIFF's numbers-only lines (tariffLine.ts), by the request object the request layer keeps per arguments. */
  readonly lines: Map<object, TariffLine>;
  /** The estimated bytes those lines hold: they are bounded by memory, not by count. */
  lineBytes: number;
  /** How many class → timeline links exist: a few words each, but each keeps its timeline alive. */
  links: number;
  /** How many compositions the timelines built for this cache hold: they, not entries, are the memory. */
  compositions: number;
}

/** Entries of any one map. */
export const MAX_CACHED = 50_000;
export const MAX_LINKS = 500_000;
/**
 * A composition is about 1.6 KB on the 2026.11a table (layers, exclusions, notes, signatures, Decimals),
 * so this keeps one table's caches under roughly 330 MB however many distinct lookups a workbook makes.
 * Only the segments lookups land in are composed: a sheet needs at most one per distinct (line class,
 * origin, options, segment of dates).
 */
export const MAX_COMPOSITIONS = 200_000;
/** Inputs longer than this (pasted text, hostile input) are answered but not kept. */
export const MAX_KEY_LENGTH = 1_000;

const caches = new WeakMap<RateTable, LookupCache>();

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
      lines: new Map(),
      lineBytes: 0,
      links: 0,
      compositions: 0,
    };
    caches.set(table, cache);
  }
  return cache;
}

/** Starts the table's caches over (only if `cache` is still the current one). */
export function dropCache(cache: LookupCache): void {
  if (caches.get(cache.table) === cache) caches.delete(cache.table);
}

export function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  // Bounded so a workbook of a million distinct lookups cannot exhaust memory; oldest entries go first.
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

/**
 * The memory the numbers-only lines may hold per table. A line is a few small objects and three arrays
 * of its segment count; 100 000 lines of a big sheet take about 25 MB.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** An estimate of a line's heap size: the objects' headers and fields, and 20 bytes per segment (Int32 + Float64 + a slot). */
export function lineBytes(line: TariffLine): number {
  return 240 + line.starts.length * 20;
}

/** Keeps `line`, dropping the oldest lines while the bound in bytes is exceeded. */
export function rememberLine(cache: LookupCache, key: object, line: TariffLine): TariffLine {
  cache.lineBytes += lineBytes(line);
  while (cache.lineBytes > MAX_LINE_BYTES && cache.lines.size > 0) {
    const [oldKey, old] = cache.lines.entries().next().value as [object, TariffLine];
    cache.lines.delete(oldKey);
    cache.lineBytes -= lineBytes(old);
  }
  cache.lines.set(key, line);
  return line;
}

/** Forgets everything kept for `table` (memory pressure, tests): the next lookups start cold. */
export function forgetLookups(table: RateTable): void {
  caches.delete(table);
}
