import Decimal from "decimal.js";
import { Day } from "../dates";
import { RateExpr } from "../rates";
import { compose } from "../stacking/compose";
import { EntryFacts } from "../stacking/facts";
import { BaseRate, ImporterIndex, Measure } from "../table/compiledTable";
import { ENTRY_BYTES, LookupCache, charge } from "./lookupCache";
import { OriginView, viewOf } from "./timeline";

/*
 * What the measures of one origin view add to a line's base rate, segment by segment, as exact integers.
 *
 * A sheet of 100 000 cells touches tens of thousands of (line, origin) pairs, but far fewer origin views:
 * the measures one origin meets on a set of lines, with the options. Where no measure of the view depends
 * on the base rate (an "all-in" rate does: it adds max(0, X − base)), compose() adds the same fraction to
 * every base, so that fraction is composed once per view and segment and a line's total is its base plus
 * it. Decimal runs once per view segment, not once per (line, origin) pair, and nothing of the composition
 * is kept but the number.
 *
 * Both parts are kept as integers in units of 10^-12 (UNITS): an exact decimal fraction with at most twelve
 * decimals is an integer there, the sum of two is exact below 2^53, and one IEEE division by 10^12 rounds it
 * to the nearest double, which is what Decimal's toNumber gives for the same exact decimal. So a total here
 * is bit for bit the one compose + toNumber gives (tests/engine/lookup/viewSums.test.ts checks every view
 * segment of a sheet). Anything that is not such a plain sum (a specific duty, a prohibition, a layer of
 * unknown rate, a fraction with more decimals) is marked COMPOSE, and the caller composes the line in full.
 */

/** Rates are kept in units of 10^-12 of customs value. */
export const UNITS = 1e12;

/** A segment this module cannot answer with a plain total: compose the line in full. A total is never Infinity. */
export const COMPOSE = Infinity;

export interface ViewSums {
  /** Segment starts as day numbers, ascending; the first is the coverage start. */
  readonly starts: Int32Array;
  /**
   * By segment, the fraction the view adds to any base, in UNITS; NaN until computed; COMPOSE where it is not
   * a plain sum. Null when the view's additions depend on the base (an all-in measure): then each base has
   * its row of compositions.
   */
  readonly added: Float64Array | null;
  /**
   * By base (in UNITS), its row: the segment starts, then the segments' totals (fractions as DUTY.TARIFF
   * returns them; NaN until computed). Starts and totals in one array are one object for a repeated lookup
   * to reach, where a sheet's cells each reach a different one (see rowTotal).
   */
  readonly rows: Map<number, Float64Array>;
  readonly view: OriginView;
  readonly facts: EntryFacts;
}

/** compose() with no base: the measures' own layers, which with no all-in measure do not depend on the base. */
const NO_BASE: BaseRate = { line: "", expr: null, special: [], column2: null };

const baseDependent = new WeakMap<readonly Measure[], boolean>();

/**
 * The sums of the view of `candidates` for `facts`, or null when the origin is in Column 2 at some time
 * (the base itself then changes by date).
 */
export function viewSumsOf(cache: LookupCache, importer: ImporterIndex, candidates: readonly Measure[], facts: EntryFacts): ViewSums | null {
  const view = viewOf(cache, importer, candidates, facts);
  if (view.column2.length > 0) return null;
  const hit = cache.sums.get(view.id);
  if (hit !== undefined) return hit;
  const { from } = cache.table.coverage;
  const starts = Int32Array.from([from, ...view.points]).sort();
  const added = dependsOnBase(view.partners) ? null : new Float64Array(starts.length).fill(NaN);
  const sums: ViewSums = { starts, added, rows: new Map(), view, facts };
  cache.sums.set(view.id, sums);
  charge(cache, ENTRY_BYTES.entry + ENTRY_BYTES.sums + starts.length * ENTRY_BYTES.sumsStart);
  return sums;
}

function dependsOnBase(partners: readonly Measure[]): boolean {
  let v = baseDependent.get(partners);
  if (v === undefined) {
    v = partners.some((m) => m.formula.kind === "allIn");
    baseDependent.set(partners, v);
  }
  return v;
}

/** The segment of `day` (at or after the first start). */
export function segmentOf(starts: Int32Array, day: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The row of a base of `units` (shared by every line of the view with that base): starts, then totals. */
export function rowOf(sums: ViewSums, units: number): Float64Array {
  let row = sums.rows.get(units);
  if (row === undefined) {
    const n = sums.starts.length;
    row = new Float64Array(2 * n).fill(NaN);
    row.set(sums.starts);
    sums.rows.set(units, row);
  }
  return row;
}

/**
 * The total `row` holds for `day` (inside the coverage): NaN until its segment has been worked out (totalOn),
 * COMPOSE when the line must be composed in full. One binary search over the row's starts.
 */
export function rowTotal(row: Float64Array, day: number): number {
  const n = row.length >> 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (row[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return row[n + lo]!;
}

/**
 * Works out, keeps in `row` and returns the total of the segment of `day` for `base` (whose ad valorem part
 * is `units`), or COMPOSE.
 */
export function totalOn(sums: ViewSums, row: Float64Array, day: number, base: BaseRate, units: number): number {
  const index = segmentOf(sums.starts, day);
  let total: number;
  if (sums.added !== null) {
    const added = addedOn(sums, sums.added, index);
    const sum = units + added;
    total = sum <= Number.MAX_SAFE_INTEGER ? sum / UNITS : COMPOSE;
  } else {
    // The base decides what an all-in measure adds (and may decide an exclusion group): composed with it.
    const c = composeOn(sums, index, base);
    total = c.prohibitedBy === null && c.specific.length === 0 && c.total !== null ? c.total.toNumber() : COMPOSE;
  }
  row[sums.starts.length + index] = total;
  return total;
}

function composeOn(sums: ViewSums, index: number, base: BaseRate) {
  const { view, facts } = sums;
  return compose(base, view.partners, view.relations, { ...facts, day: sums.starts[index]! as Day }, view.unclaimed);
}

function addedOn(sums: ViewSums, added: Float64Array, index: number): number {
  const kept = added[index]!;
  if (kept === kept) return kept;
  const c = composeOn(sums, index, NO_BASE);
  const value = c.prohibitedBy === null && c.specific.length === 0 && c.additional !== null ? unitsOf(c.additional) : COMPOSE;
  added[index] = value;
  return value;
}

const baseUnits = new WeakMap<RateExpr, number>();

/** A base rate in UNITS, or COMPOSE when it is not a plain ad valorem rate (unknown, prose, specific). */
export function baseUnitsOf(base: BaseRate): number {
  const expr = base.expr;
  if (expr === null) return COMPOSE;
  let units = baseUnits.get(expr);
  if (units === undefined) {
    units = expr.kind === "free" ? 0 : expr.kind === "adValorem" ? unitsOf(expr.fraction) : COMPOSE;
    baseUnits.set(expr, units);
  }
  return units;
}

/** The exact integer `fraction` × UNITS, or COMPOSE when it is not one below 2^53. */
function unitsOf(fraction: Decimal): number {
  const scaled = fraction.times(UNITS);
  if (!scaled.isInteger() || scaled.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return COMPOSE;
  return scaled.toNumber();
}
