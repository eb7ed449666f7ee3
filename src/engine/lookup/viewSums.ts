import Decimal from "decimal.js";
import { Day } from "../dates";
import { RateExpr } from "../rates";
import { applying, compose } from "../stacking/compose";
import { EntryFacts } from "../stacking/facts";
import { BaseRate, ImporterIndex, Measure } from "../table/compiledTable";
import { segmentIndex } from "../table/sortedSearch";
import { ENTRY_BYTES, LookupCache, charge } from "./lookupCache";
import { OriginView, viewOf } from "./timeline";

/*
 * What the measures of one origin view add to a line's base rate, segment by segment, as exact integers.
 *
 * A sheet of 100 000 cells touches tens of thousands of (line, origin) pairs, but far fewer origin views:
 * the measures one origin meets on a set of lines, with the options. compose() adds to a base b
 *   the layers that do not depend on it (a fixed fraction × the share of value they are assessed on), and
 *   the all-in layers ("15% all-in": max(0, F − b) × share),
 * so a view's segment is composed once, with no base, and kept as that fixed sum plus its all-in terms; a
 * line's total is then arithmetic on its base. Decimal runs once per view segment, not once per (line,
 * origin) pair, and nothing of the composition is kept but the numbers. Where an exclusion group is
 * decided by comparing rates and holds an all-in measure, the base decides the winner: such a view composes
 * once per base and segment instead.
 *
 * Everything is kept as integers in units of 10^-12 (UNITS): an exact decimal fraction with at most twelve
 * decimals is an integer there, sums of them are exact below 2^53, and one IEEE division by 10^12 rounds the
 * exact total to the nearest double, which is what Decimal's toNumber gives for the same exact decimal. So
 * a total here is bit for bit the one compose + toNumber gives (tests/engine/lookup/viewSums.test.ts).
 * Anything that is not such a sum (a specific duty, a prohibition, a layer of unknown rate, a fraction with
 * more decimals) is marked COMPOSE, and the caller composes the line in full.
 */

/** Rates are kept in units of 10^-12 of customs value. */
export const UNITS = 1e12;

/** A segment this module cannot answer with a plain total: compose the line in full. A total is never Infinity. */
export const COMPOSE = Infinity;

/** An all-in layer of a segment: it adds max(0, F − base) × share. */
interface AllInTerm {
  /** F in UNITS. */
  readonly floor: number;
  /** The share of value it is assessed on; null for all of it (the common case: integer arithmetic only). */
  readonly share: Decimal | null;
}

const NO_TERMS: readonly AllInTerm[] = [];

export interface ViewSums {
  /** Segment starts as day numbers, ascending; the first is the coverage start. */
  readonly starts: Int32Array;
  /**
   * By segment, the fraction the view's base-independent layers add, in UNITS; NaN until composed; COMPOSE
   * where the segment is not a plain sum. Null when an exclusion group's winner depends on the base: then
   * each (base, segment) is composed with its base.
   */
  readonly added: Float64Array | null;
  /** By segment, its all-in terms, once composed (with `added`). */
  readonly allIn: (readonly AllInTerm[] | undefined)[];
  /**
   * By segment, the fraction each base-independent layer adds, in UNITS, once composed (with `added`): `added`
   * is their sum. Landed cost rounds each layer's duty to the cent on its own, so it needs them one by one.
   */
  readonly parts: (readonly number[] | undefined)[];
  /**
   * By segment, the value bases (steel, aluminum, copper content) of its layers assessed on less than full
   * value, once composed: landed cost's metal= option stands for exactly one of them.
   */
  readonly bases: (readonly string[] | undefined)[];
  /** By base (in UNITS), then by segment: layersOn's answers, made on first use (landed cost only). */
  layerPlans: Map<number, (readonly number[] | null | undefined)[]> | null;
  /**
   * By base, its row: the segment starts, then the segments' totals (fractions as DUTY.TARIFF returns them;
   * NaN until computed). Starts and totals in one array are one object for a repeated lookup to reach,
   * where a sheet's cells each reach a different one. The bases (in UNITS) are `rowUnits`, the rows
   * `rowList`, at the same positions: a view has a few bases (11,499 rows for 2,908 views on the bench's
   * sheet), and a scan of a few numbers cost less than a Map keyed by numbers that are not small integers.
   */
  readonly rowUnits: number[];
  readonly rowList: Float64Array[];
  readonly view: OriginView;
  readonly facts: EntryFacts;
}

/** compose() with no base: every layer's own fraction, the all-in ones left unknown (they need the base). */
const NO_BASE: BaseRate = { line: "", expr: null, special: [], column2: null };

const winnerByBase = new WeakMap<readonly Measure[], boolean>();

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
  const added = groupWinnerDependsOnBase(view.partners) ? null : new Float64Array(starts.length).fill(NaN);
  const sums: ViewSums = {
    starts,
    added,
    allIn: new Array(starts.length),
    parts: new Array(starts.length),
    bases: new Array(starts.length),
    layerPlans: null,
    rowUnits: [],
    rowList: [],
    view,
    facts,
  };
  cache.sums.set(view.id, sums);
  charge(cache, ENTRY_BYTES.entry + ENTRY_BYTES.sums + starts.length * ENTRY_BYTES.sumsStart);
  return sums;
}

/**
 * Whether an exclusion group decided by the highest rate holds an all-in measure: its rate, max(0, F − base),
 * depends on the base, so the base can change the winner (compose's resolveGroups).
 */
function groupWinnerDependsOnBase(partners: readonly Measure[]): boolean {
  let v = winnerByBase.get(partners);
  if (v === undefined) {
    const byRate = new Set<string>();
    for (const m of partners) if (m.group !== null && m.group.resolve !== "priority" && m.formula.kind === "allIn") byRate.add(m.group.id);
    v = byRate.size > 0;
    winnerByBase.set(partners, v);
  }
  return v;
}

/** The row of a base of `units` (shared by every line of the view with that base): starts, then totals. */
export function rowOf(sums: ViewSums, units: number): Float64Array {
  const bases = sums.rowUnits;
  for (let i = 0; i < bases.length; i++) if (bases[i] === units) return sums.rowList[i]!;
  const n = sums.starts.length;
  const row = newRow(2 * n);
  row.set(sums.starts);
  row.fill(NaN, n);
  bases.push(units);
  sums.rowList.push(row);
  return row;
}

/**
 * Rows are cut from shared buffers: a sheet makes thousands of them of a few hundred bytes each, and a typed
 * array of its own buffer costs an allocation outside the heap each. A buffer lives as long as any row cut
 * from it (at most ROW_POOL doubles, 512 KiB, beyond what the caches hold).
 */
const ROW_POOL = 1 << 16;
let pool = new Float64Array(ROW_POOL);
let used = 0;

function newRow(length: number): Float64Array {
  if (length > ROW_POOL) return new Float64Array(length);
  if (used + length > ROW_POOL) {
    pool = new Float64Array(ROW_POOL);
    used = 0;
  }
  const row = pool.subarray(used, used + length);
  used += length;
  return row;
}

/**
 * Works out, keeps in `row` and returns the total of the segment of `day` for `base` (whose ad valorem part
 * is `units`), or COMPOSE.
 */
export function totalOn(sums: ViewSums, row: Float64Array, day: number, base: BaseRate, units: number): number {
  const index = segmentIndex(sums.starts, day);
  const total = sums.added === null ? composedTotal(sums, index, base) : summedTotal(sums, sums.added, index, units);
  row[sums.starts.length + index] = total;
  return total;
}

/** base + the fixed sum + each all-in term, in UNITS, divided once. */
function summedTotal(sums: ViewSums, added: Float64Array, index: number, units: number): number {
  let fixed = added[index]!;
  if (fixed !== fixed) fixed = composeSegment(sums, added, index);
  if (fixed === COMPOSE) return COMPOSE;
  let sum = units + fixed;
  for (const term of sums.allIn[index] ?? NO_TERMS) {
    const gap = term.floor - units;
    if (gap <= 0) continue;
    if (term.share === null) sum += gap;
    else {
      const part = integerOf(term.share.times(gap));
      if (part === COMPOSE) return COMPOSE;
      sum += part;
    }
  }
  return sum <= Number.MAX_SAFE_INTEGER ? sum / UNITS : COMPOSE;
}

/**
 * The fixed part of segment `index` in UNITS, or COMPOSE when the segment is not a plain sum of ad valorem
 * layers (or its exclusion groups depend on the base). For a line whose base is a specific duty: on such a
 * segment its answer is the base's specific duty alone.
 */
export function fixedOn(sums: ViewSums, index: number): number {
  const added = sums.added;
  if (added === null) return COMPOSE;
  const fixed = added[index]!;
  return fixed === fixed ? fixed : composeSegment(sums, added, index);
}

/** The segment composed with the line's own base (an exclusion group's winner depends on it). */
function composedTotal(sums: ViewSums, index: number, base: BaseRate): number {
  const c = composeOn(sums, index, base);
  return c.prohibitedBy === null && c.specific.length === 0 && c.total !== null ? c.total.toNumber() : COMPOSE;
}

function composeOn(sums: ViewSums, index: number, base: BaseRate) {
  const { view, facts } = sums;
  return compose(base, view.partners, view.relations, { ...facts, day: sums.starts[index]! as Day }, view.unclaimed);
}

/**
 * Segment `index` with no base: which measures apply and on what share (compose's own decisions, without its
 * notes), summed into the fixed part (kept in `added`) and the all-in terms. A layer's fraction is its rate
 * times its share, as compose's makeLayer has it; anything else (a specific duty, a prohibition, a rate the
 * table lacks) leaves the segment to compose in full.
 */
function composeSegment(sums: ViewSums, added: Float64Array, index: number): number {
  const { view, facts } = sums;
  const { active, shares } = applying(NO_BASE, view.partners, view.relations, { ...facts, day: sums.starts[index]! as Day }, null);
  let fixed = 0;
  const parts: number[] = [];
  const terms: AllInTerm[] = [];
  const bases: string[] = [];
  for (const m of active) {
    const share = shares.get(m.index)!;
    if (share.isZero()) continue;
    if (m.basis !== "full" && !bases.includes(m.basis)) bases.push(m.basis);
    const f = m.formula;
    if (f.kind === "add") {
      const part = share.equals(1) ? rateUnitsOf(f.fraction) : unitsOf(f.fraction.times(share));
      if (part === COMPOSE) return keep(sums, added, index, COMPOSE, NO_PARTS, NO_TERMS);
      fixed += part;
      parts.push(part);
    } else if (f.kind === "allIn") {
      const floor = rateUnitsOf(f.fraction);
      if (floor === COMPOSE) return keep(sums, added, index, COMPOSE, NO_PARTS, NO_TERMS);
      terms.push({ floor, share: share.equals(1) ? null : share });
    } else return keep(sums, added, index, COMPOSE, NO_PARTS, NO_TERMS);
  }
  sums.bases[index] = bases.length === 0 ? NO_BASES : bases;
  return keep(sums, added, index, fixed, parts, terms.length === 0 ? NO_TERMS : terms);
}

const NO_BASES: readonly string[] = [];

/** The value bases of segment `index`'s layers (composed with `added`; fixedOn first). */
export function basesOn(sums: ViewSums, index: number): readonly string[] {
  return sums.bases[index] ?? NO_BASES;
}

const NO_PARTS: readonly number[] = [];

function keep(sums: ViewSums, added: Float64Array, index: number, fixed: number, parts: readonly number[], terms: readonly AllInTerm[]): number {
  added[index] = fixed;
  sums.parts[index] = parts;
  sums.allIn[index] = terms;
  return fixed;
}

/**
 * Layer by layer, what a line whose base is `units` pays on segment `index`, in UNITS: the base first, then
 * each layer that adds a non-zero fraction (the base-independent ones, then the all-in ones). The same
 * fractions compose() gives its layers (compose's makeLayer), so a layer's duty rounded to the cent is the
 * Decimal path's. Null where the segment is not a plain sum (totalOn would say COMPOSE): the caller composes.
 * Kept per (base, segment): a batch asks the same few thousand of them for a million rows.
 */
export function layersOn(cache: LookupCache, sums: ViewSums, index: number, units: number): readonly number[] | null {
  const plans = (sums.layerPlans ??= new Map());
  let byIndex = plans.get(units);
  if (byIndex === undefined) {
    plans.set(units, (byIndex = new Array(sums.starts.length)));
    charge(cache, ENTRY_BYTES.entry + sums.starts.length * ENTRY_BYTES.sumsStart);
  }
  let plan = byIndex[index];
  if (plan === undefined) {
    plan = planOf(sums, index, units);
    if (plan !== null) {
      const key = plan.join(",");
      const shared = SHARED_PLANS.get(key);
      if (shared !== undefined) plan = shared;
      else {
        if (SHARED_PLANS.size >= MAX_SHARED_PLANS) SHARED_PLANS.clear();
        SHARED_PLANS.set(key, plan);
        // Only a new plan is charged (its slot in byIndex was charged with the array): what is kept beside
        // a plan (the batch's scaled rates, keyed by the plan) is then kept once per distinct plan too.
        charge(cache, ENTRY_BYTES.layerPlan);
      }
    }
    byIndex[index] = plan;
  }
  return plan;
}

/**
 * One plan per distinct content. Lines of different views and bases mostly pay the same layers: on the
 * bench's 1M landed rows, 106,393 (view, base, segment) plans had 5,646 distinct contents (counted), and a
 * plan per (view, base, segment), with the scaled rates kept beside each, was the largest part of a
 * batch's live heap. Bounded: past the bound the shared plans start over, which changes no answer (a plan is
 * numbers, never changed once made).
 */
const SHARED_PLANS = new Map<string, readonly number[]>();
const MAX_SHARED_PLANS = 20_000;

function planOf(sums: ViewSums, index: number, units: number): readonly number[] | null {
  if (fixedOn(sums, index) === COMPOSE) return null;
  const plan = [units, ...sums.parts[index]!];
  for (const term of sums.allIn[index]!) {
    const gap = term.floor - units;
    if (gap <= 0) continue;
    const part = term.share === null ? gap : integerOf(term.share.times(gap));
    if (part === COMPOSE) return null;
    plan.push(part);
  }
  return plan;
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
  return integerOf(fraction.times(UNITS));
}

/**
 * unitsOf for a measure's own rate, which every view segment the measure is in asks for: kept per Decimal
 * (an immutable value that the table holds).
 */
function rateUnitsOf(fraction: Decimal): number {
  let units = unitsByFraction.get(fraction);
  if (units === undefined) {
    units = unitsOf(fraction);
    unitsByFraction.set(fraction, units);
  }
  return units;
}

const unitsByFraction = new WeakMap<Decimal, number>();

/** `d` as a number when it is an integer below 2^53 (so exactly a double), else COMPOSE. */
function integerOf(d: Decimal): number {
  if (!d.isInteger() || d.abs().greaterThan(Number.MAX_SAFE_INTEGER)) return COMPOSE;
  return d.toNumber();
}
