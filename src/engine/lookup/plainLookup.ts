import { Day } from "../dates";
import { hasSpecificPart } from "../rates";
import { baseSpecificParts } from "../stacking/compose";
import { EntryFacts } from "../stacking/facts";
import { BaseRate, ImporterIndex, Measure } from "../table/compiledTable";
import { segmentIndex } from "../table/sortedSearch";
import { ENTRY_BYTES, LookupCache, cacheOf, charge } from "./lookupCache";
import { LookupError } from "./outcome";
import { importerOf, originOf, productOf } from "./resolveRequest";
import { specificDutyError } from "./totalRate";
import { detached } from "../util/detached";
import type { SegmentMemo } from "./tariffLine";
import { COMPOSE, ViewSums, baseUnitsOf, fixedOn, rowOf, totalOn, viewSumsOf } from "./viewSums";
import type { RateTable } from "../table/compiledTable";

/*
 * DUTY.TARIFF for the cell most sheets are made of: a country and a product on the default importer, no
 * options, a date. Such a cell needs no request object, no line and no kept slot of its own. Its country
 * and its product are each resolved once (a sheet has a few dozen countries and a few thousand products,
 * but up to one (product, country) pair per cell), and a pair is one array element on its product, indexed
 * by the country's ordinal: the row of segment totals the pair's origin view gives the product's base
 * (viewSums.ts), shared by every product with that view and base. A first lookup of a pair is then a few
 * kept reads, and any lookup two map reads, two array reads and one binary search; the request layer keeps
 * each cell's last answers beside its arguments (src/requests/tariffQuestion.ts), so a recalculation
 * reaches this only when its date leaves the segment it had.
 *
 * This is the numbers-only line of tariffLine.ts for exactly the requests whose line is a sum line or a
 * specific line, with the same numbers and errors in the same order (tests/engine/lookup/plainLookup.test.ts).
 * What it cannot answer alone (a product of several line classes or another base, a Column 2 origin, a
 * segment that must be composed in full, a date outside the coverage) it says so with NOT_PLAIN, and the
 * caller asks the general path, which composes and words those answers.
 */

/** The answer "ask the general path": not an answer, never kept. */
export const NOT_PLAIN: unique symbol = Symbol("not plain");
export type NotPlain = typeof NOT_PLAIN;

/** The resolved countries and products of one cache, for requests without options on the default importer. */
export interface PlainIndex {
  readonly cache: LookupCache;
  /** The default importer's schedule; null when the table has none (then every cell is NOT_PLAIN). */
  readonly importer: ImporterIndex | null;
  readonly from: number;
  readonly to: number;
  readonly origins: Map<string, PlainOrigin>;
  readonly products: Map<string | number, PlainProduct>;
  /** The pair arrays products share, by their candidate measures and their base's units (pairsOf). */
  readonly pairs: Map<readonly Measure[], Map<number, SharedPairs>>;
  /** The ordinal of each origin's entry facts (newOrigin). */
  readonly ordinalOf: Map<EntryFacts, number>;
  /** How many origins have an ordinal (the length a product's pair arrays can reach). */
  ordinals: number;
}

/** A country argument: the error every product gets with it, or its ordinal and entry facts. */
type PlainOrigin = { readonly error: LookupError } | { readonly error: null; readonly ordinal: number; readonly facts: EntryFacts };

/** How a product's lines are answered here: a plain ad valorem base, a specific base, or not here at all. */
const SUM = 0;
const SPECIFIC = 1;
const ELSEWHERE = 2;

/** A product argument: the error, or its one line class and, by origin ordinal, what the pair reads. */
type PlainProduct = { readonly error: LookupError } | ProductPairs;

interface ProductPairs {
  readonly error: null;
  readonly kind: typeof SUM | typeof SPECIFIC | typeof ELSEWHERE;
  readonly base: BaseRate;
  /** The base in viewSums' UNITS (SUM), COMPOSE otherwise. */
  readonly units: number;
  readonly candidates: readonly Measure[];
  readonly display: string;
  /**
   * By origin ordinal, undefined until asked and null for an origin in Column 2 (which the general path
   * answers): the origin view's sums, and for SUM the view's row for this base (viewSums.rowOf: starts,
   * then totals), which is all a SUM lookup reads but for a segment's first total. Shared with every
   * product of the same candidates and base units (pairsOf).
   */
  readonly sums: (ViewSums | null | undefined)[];
  readonly rows: (Float64Array | null | undefined)[];
  /** A SPECIFIC product's #N/A for its duty, the same on every segment the view adds only ad valorem layers. */
  specificError: LookupError | null;
}

/** The plain index of `table`'s current caches (made on first use, and again once they start over). */
export function plainIndexOf(table: RateTable): PlainIndex {
  const cache = cacheOf(table);
  return (cache.plain ??= newIndex(cache));
}

function newIndex(cache: LookupCache): PlainIndex {
  const importer = importerOf(cache.table, undefined);
  const { from, to } = cache.table.coverage;
  charge(cache, ENTRY_BYTES.entry);
  return {
    cache,
    importer: importer.ok ? importer.value : null,
    from,
    to,
    origins: new Map(),
    products: new Map(),
    pairs: new Map(),
    ordinalOf: new Map(),
    ordinals: 0,
  };
}

/** The default options, as a request without options has them. */
const NO_OPTIONS = {};

/**
 * The TARIFF total of `product` from `country` on `day` with no options, or the error, or NOT_PLAIN; the
 * answer is also written to `memo` with the days it holds for (as tariffOnLine writes a line's). The
 * arguments are as the request layer read them (readCountry, readProduct): present, and of those types.
 */
export function plainTotal(
  index: PlainIndex,
  country: string,
  product: string | number,
  day: Day,
  memo: SegmentMemo,
): number | LookupError | NotPlain {
  let o = index.origins.get(country);
  if (o === undefined) {
    if (index.importer === null) return NOT_PLAIN;
    o = newOrigin(index, index.importer, country);
  }
  if (o.error !== null) return always(memo, o.error);
  let p = index.products.get(product);
  if (p === undefined) {
    if (index.importer === null) return NOT_PLAIN;
    p = newProduct(index, index.importer, product);
  }
  if (p.error !== null) return always(memo, p.error);
  // Outside the coverage the general path words the message with the date.
  if (p.kind === ELSEWHERE || day < index.from || day >= index.to) return NOT_PLAIN;
  const i = o.ordinal;
  if (p.kind === SUM) {
    let row = p.rows[i];
    if (row === undefined) row = sumRowOf(index, o.facts, p, i);
    if (row === null) return NOT_PLAIN;
    const n = row.length >> 1;
    const lo = segmentIndexIn(row, n, day);
    let total = row[n + lo]!;
    if (total !== total) total = totalOn(p.sums[i]!, row, day, p.base, p.units);
    if (total === COMPOSE) return NOT_PLAIN;
    memo.from = row[lo]!;
    memo.to = lo + 1 < n ? row[lo + 1]! : index.to;
    return total;
  }
  let sums = p.sums[i];
  if (sums === undefined) sums = sumsOf(index, o.facts, p, i);
  if (sums === null) return NOT_PLAIN;
  const starts = sums.starts;
  const lo = segmentIndex(starts, day);
  if (fixedOn(sums, lo) === COMPOSE) return NOT_PLAIN;
  memo.from = starts[lo]!;
  memo.to = lo + 1 < starts.length ? starts[lo + 1]! : index.to;
  return (p.specificError ??= specificError(p));
}

/** Where plainSums leaves a pair's base units (viewSums' UNITS) beside the sums it returns. */
export interface PlainUnits {
  units: number;
}

/**
 * A plain pair's origin view sums, for the batch's layer rates (landed/sumLineDuty.ts): the sums and, in
 * `out`, the base's units for a product whose one line class has a plain ad valorem base; "notAdValorem"
 * for a specific or compound base on an origin never in Column 2 (only the Decimal path prices those);
 * NOT_PLAIN for everything else, errors included (the general path answers and words them). The same
 * answers as sumPartsOf and baseNeverAdValorem on the request without options, from two map reads and an
 * array read rather than a resolution per row (tests/engine/landed/sumLineDuty.test.ts).
 */
export function plainSums(index: PlainIndex, country: string, product: string | number, out: PlainUnits): ViewSums | "notAdValorem" | NotPlain {
  if (index.importer === null) return NOT_PLAIN;
  const o = index.origins.get(country) ?? newOrigin(index, index.importer, country);
  if (o.error !== null) return NOT_PLAIN;
  const p = index.products.get(product) ?? newProduct(index, index.importer, product);
  if (p.error !== null || p.kind === ELSEWHERE) return NOT_PLAIN;
  const i = o.ordinal;
  let sums = p.sums[i];
  // Only the sums: a batch reads a segment's layers (viewSums.layersOn), not the row of totals TARIFF reads.
  if (sums === undefined) sums = sumsOf(index, o.facts, p, i);
  // A Column 2 origin: its own rate replaces the base on some days, which the general path composes.
  if (sums === null) return NOT_PLAIN;
  if (p.kind === SPECIFIC) return "notAdValorem";
  out.units = p.units;
  return sums;
}

/** The segment of `day` among the first `n` elements of `row` (its starts), as segmentIndex finds it. */
function segmentIndexIn(row: Float64Array, n: number, day: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (row[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** "Every day", for an answer that does not depend on the date, as tariffLine's memos have it. */
const ALL_DAYS_FROM = -1_000_000_000;
const ALL_DAYS_TO = 1_000_000_000;

function always(memo: SegmentMemo, error: LookupError): LookupError {
  memo.from = ALL_DAYS_FROM;
  memo.to = ALL_DAYS_TO;
  return error;
}

/**
 * An origin's ordinal is its entry facts': the spellings of one country ("CN", "China", "CHN") have one
 * facts object (resolveRequest keeps them by origin code) and so share their pairs.
 */
function newOrigin(index: PlainIndex, importer: ImporterIndex, country: string): PlainOrigin {
  const found = originOf(index.cache, importer, country, "", NO_OPTIONS);
  let o: PlainOrigin;
  if (!found.ok) o = { error: found.error };
  else {
    const facts = found.value.facts;
    let ordinal = index.ordinalOf.get(facts);
    if (ordinal === undefined) index.ordinalOf.set(facts, (ordinal = index.ordinals++));
    o = { error: null, ordinal, facts };
  }
  // Detached: a batch's fields are slices of its read chunks, which a kept key would keep alive.
  index.origins.set(detached(country), o);
  charge(index.cache, ENTRY_BYTES.entry + country.length);
  return o;
}

/** A product's line class decides how its pairs are answered, as tariffLine's lineOf decides a line's kind. */
function newProduct(index: PlainIndex, importer: ImporterIndex, input: string | number): PlainProduct {
  const part = productOf(index.cache, importer, input);
  let p: PlainProduct;
  if (!part.ok) p = { error: part.error };
  else {
    const classes = part.value.classes;
    // Several classes can be ambiguous, and a dated base changes by date: those lines are composed.
    const one = classes.length === 1 && classes[0]!.base.editions === undefined ? classes[0]! : null;
    // Without claims a line's base is its General rate (claimedBase is the identity).
    const base = one?.base ?? classes[0]?.base ?? null;
    const units = one === null || base === null ? COMPOSE : baseUnitsOf(base);
    const kind =
      one === null || base === null ? ELSEWHERE : units !== COMPOSE ? SUM : base.expr !== null && hasSpecificPart(base.expr) ? SPECIFIC : ELSEWHERE;
    const candidates = one?.candidates ?? [];
    const pairs = kind === ELSEWHERE ? NO_PAIRS : pairsOf(index, candidates, units, kind);
    p = {
      error: null,
      kind,
      base: base ?? NO_BASE,
      units,
      candidates,
      display: part.value.product.display,
      sums: pairs.sums,
      rows: pairs.rows,
      specificError: null,
    };
  }
  index.products.set(typeof input === "string" ? detached(input) : input, p);
  charge(index.cache, ENTRY_BYTES.entry + (typeof input === "string" ? input.length : 0));
  return p;
}

const NO_BASE: BaseRate = { line: "", expr: null, special: [], column2: null };

/** A product's pair arrays (ProductPairs' sums and rows), the same arrays for every product that shares them. */
export interface SharedPairs {
  readonly sums: (ViewSums | null | undefined)[];
  readonly rows: (Float64Array | null | undefined)[];
}

const NO_PAIRS: SharedPairs = { sums: [], rows: [] };

/**
 * The pair arrays of products with these candidate measures and this base. A pair's sums depend only on
 * the candidates and the origin, and its row only on those and the base's units, so the spellings of one
 * line ("9503.00.00", "9503000000", 9503000000) and the lines of one candidate set with equal bases share
 * their pairs: a first lookup of a spelling or a line whose pair another one has already asked is an array
 * read. On the bench's sheet, 8,000 product arguments share 1,318 pair arrays; one array each had been
 * 17 MB, a tenth of the open pass's allocations (a sampling heap profile, collected objects included).
 */
function pairsOf(index: PlainIndex, candidates: readonly Measure[], units: number, kind: typeof SUM | typeof SPECIFIC): SharedPairs {
  let byUnits = index.pairs.get(candidates);
  if (byUnits === undefined) index.pairs.set(candidates, (byUnits = new Map()));
  let pairs = byUnits.get(units);
  if (pairs === undefined) {
    // Sized for the origins known so far, so that the arrays rarely grow.
    const n = Math.max(8, index.ordinals);
    pairs = { sums: new Array<ViewSums | null | undefined>(n), rows: new Array<Float64Array | null | undefined>(kind === SUM ? n : 0) };
    byUnits.set(units, pairs);
    charge(index.cache, ENTRY_BYTES.entry);
  }
  return pairs;
}

/** A SUM pair's first lookup: its origin view's row for the product's base (null for a Column 2 origin). */
function sumRowOf(index: PlainIndex, facts: EntryFacts, p: ProductPairs, i: number): Float64Array | null {
  const sums = viewSumsOf(index.cache, index.importer!, p.candidates, facts);
  const row = sums === null ? null : rowOf(sums, p.units);
  p.rows[i] = row;
  p.sums[i] = sums;
  charge(index.cache, ENTRY_BYTES.plainPair);
  return row;
}

/** A SPECIFIC pair's first lookup, or a batch's (plainSums): its origin view's sums (null for a Column 2 origin). */
function sumsOf(index: PlainIndex, facts: EntryFacts, p: ProductPairs, i: number): ViewSums | null {
  const sums = viewSumsOf(index.cache, index.importer!, p.candidates, facts);
  p.sums[i] = sums;
  charge(index.cache, ENTRY_BYTES.plainPair);
  return sums;
}

function specificError(p: ProductPairs): LookupError {
  const e = specificDutyError(p.display, baseSpecificParts(p.base));
  if (e.ok) throw new Error("specificDutyError gave no error");
  return e.error;
}
