import { Day } from "../dates";
import { RateTable } from "../table/compiledTable";
import { LookupCache, cacheOf, rememberLine } from "./lookupCache";
import { LookupError } from "./outcome";
import { Prepared, resolveRequest } from "./resolveRequest";
import { RateRequest, lookupRate } from "./rateLookup";
import { compositionAt } from "./timeline";
import { RateChoice, totalRate } from "./totalRate";

/*
 * DUTY.TARIFF's numbers-only path. A sheet asks one (origin, product, options) for many dates, and the
 * answer is a number that changes only on the dates its timelines change. So a request without its date
 * becomes a TariffLine: the sorted segment starts (the union of its timelines' starts, as day numbers) and,
 * per segment, the total as a JS number once it has been computed, or the error that does not depend on the
 * day. A repeated lookup is then one binary search over an Int32Array and one Float64Array read; Decimal
 * runs only the first time a segment is asked for, through the same compose and totalRate as every other
 * answer, so the number is the one lookupRate + totalRate give (tests/engine/lookup/tariffLine.test.ts).
 */

export type DaylessRequest = Omit<RateRequest, "day">;

export interface TariffLine {
  /** The error every day gets (unknown country, not a line, unknown claim): resolved before the date is read. */
  readonly error: LookupError | null;
  readonly prepared: Prepared | null;
  /** Segment starts, ascending; the first is the table's coverage start. A one-timeline line shares its timeline's. */
  readonly starts: Int32Array;
  /**
   * The ad valorem total of each segment; NaN until computed (a total is never NaN) and for a segment whose
   * total depends on the options (a specific duty). A one-timeline line shares its timeline's: that number
   * is the same for every product and option set with the timeline.
   */
  readonly totals: Float64Array;
  /** The totals that depend on the options (unit value, ad valorem part), once computed; null until one is. */
  own: Float64Array | null;
  /** The day-independent error of each segment (specific duty without unit value, prohibited), once known. */
  errors: (LookupError | undefined)[] | null;
  readonly choice: RateChoice;
  /** The request it answers (an answer outside the coverage is worded by lookupRate) and the cache it was made in. */
  readonly request: DaylessRequest;
  readonly cache: LookupCache;
}

const NO_DAYS = new Int32Array(0);
const NO_TOTALS = new Float64Array(0);

/**
 * The TARIFF total for `request` on `day`: a number, or the error. Lines are kept per request object, so a
 * caller that passes the same object for the same arguments (src/requests/tariffQuestion.ts) pays for the
 * resolution once; any other object is simply resolved again, with the same answer.
 */
export function tariffAt(table: RateTable, request: DaylessRequest, choice: RateChoice, day: Day): number | LookupError {
  return tariffOnLine(table, tariffLineOf(table, request, choice), day);
}

/**
 * The line of `request`, kept per request object. A caller may keep the line itself (the request layer
 * keeps it with the arguments it read) and ask `tariffOnLine` directly; a line gives the same answers
 * whatever happens to the caches, but one made before they started over keeps memory of the old ones
 * alive, so such a caller asks again when `isCurrentLine` says no.
 */
export function tariffLineOf(table: RateTable, request: DaylessRequest, choice: RateChoice): TariffLine {
  const cache = cacheOf(table);
  const line = cache.lines.get(request);
  return line ?? rememberLine(cache, request, lineOf(cache, request, choice));
}

export function isCurrentLine(table: RateTable, line: TariffLine): boolean {
  return line.cache === cacheOf(table);
}

/** The total of `line` (made for `table`) on `day`: one binary search and one array read once its segment is known. */
export function tariffOnLine(table: RateTable, line: TariffLine, day: Day): number | LookupError {
  if (line.error !== null) return line.error;
  const { from, to } = table.coverage;
  if (day < from || day >= to) return slowError(table, line.request, day);
  const starts = line.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  const total = line.totals[lo]!;
  if (total === total) return total;
  return segment(line, lo, day);
}

function lineOf(cache: LookupCache, request: DaylessRequest, choice: RateChoice): TariffLine {
  const prepared = resolveRequest(cache.table, request);
  if (!prepared.ok) {
    return { error: prepared.error, prepared: null, starts: NO_DAYS, totals: NO_TOTALS, own: null, errors: null, choice, request, cache };
  }
  const timelines = prepared.value.timelines;
  if (timelines.length === 1) {
    const t = timelines[0]!;
    return { error: null, prepared: prepared.value, starts: t.startDays, totals: t.totals, own: null, errors: null, choice, request, cache };
  }
  const points = new Set<number>();
  for (const t of timelines) for (const d of t.starts) points.add(d);
  const starts = Int32Array.from(points).sort();
  const totals = new Float64Array(starts.length).fill(NaN);
  return { error: null, prepared: prepared.value, starts, totals, own: null, errors: null, choice, request, cache };
}

/** The first lookup in a segment: composed as lookupRate composes it, the total read as DUTY.TARIFF reads it. */
function segment(line: TariffLine, index: number, day: Day): number | LookupError {
  const kept = line.errors?.[index];
  if (kept !== undefined) return kept;
  const own = line.own?.[index];
  if (own !== undefined && own === own) return own;
  const p = line.prepared!;
  const c = compositionAt(p.timelines, day, p.product, p.lineCount);
  if (!c.ok) {
    // With one timeline the only error is a prohibition, the same on every day of the segment; an
    // ambiguity (several timelines) names the date, so it is not kept.
    if (p.timelines.length === 1) keepError(line, index, c.error);
    return c.error;
  }
  const composition = c.value;
  if (composition.total !== null && composition.specific.length === 0) {
    // The plain ad valorem total: the same whatever the options' unit values, so kept where lines share it.
    const total = composition.total.toNumber();
    line.totals[index] = total;
    return total;
  }
  const t = totalRate(composition, line.choice, p.product.display);
  if (!t.ok) {
    keepError(line, index, t.error);
    return t.error;
  }
  const total = t.value.total.toNumber();
  if (line.own === null) line.own = new Float64Array(line.starts.length).fill(NaN);
  line.own[index] = total;
  return total;
}

function keepError(line: TariffLine, index: number, error: LookupError): void {
  (line.errors ??= [])[index] = error;
}

/** Outside the coverage the message names the date: lookupRate words it. */
function slowError(table: RateTable, request: DaylessRequest, day: Day): LookupError {
  const o = lookupRate(table, { ...request, day });
  if (o.ok) throw new Error(`tariffAt: ${String(day)} is outside the coverage, yet lookupRate answered`);
  return o.error;
}
