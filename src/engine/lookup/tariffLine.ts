import { Day } from "../dates";
import { BaseRate, RateTable } from "../table/compiledTable";
import { LookupCache, cacheOf, charge, lineBytes, rememberLine } from "./lookupCache";
import { LookupError } from "./outcome";
import { Parts, Prepared, prepare, resolveParts } from "./resolveRequest";
import { RateRequest, lookupRate } from "./rateLookup";
import { claimedBase, compositionAt, viewOf } from "./timeline";
import { COMPOSE, ViewSums, baseUnitsOf, fixedOn, rowOf, totalOn, viewSumsOf } from "./viewSums";
import { segmentIndex } from "../table/sortedSearch";
import { RateChoice, specificDutyError, totalRate } from "./totalRate";
import { baseSpecificParts } from "../stacking/compose";
import { hasSpecificPart } from "../rates";

/*
 * DUTY.TARIFF's numbers-only path. A sheet asks one (origin, product, options) for many dates, and the
 * answer is a number that changes only on the dates a measure, a relation or a base changes. So a request
 * without its date becomes a TariffLine, and a repeated lookup is one binary search and one array read (or,
 * for a caller that keeps a SegmentMemo, none while the date stays in its segment). For most lines (one class, a plain ad valorem base) the first lookup is also
 * cheap: the base plus what the origin's view adds on that segment, composed once per view and segment and
 * shared by every line with the view (viewSums.ts). Every other line is composed segment by segment through
 * the same compose and totalRate as every other answer. Either way the number is the one lookupRate +
 * totalRate give (tests/engine/lookup/tariffLine.test.ts, viewSums.test.ts).
 */

export type DaylessRequest = Omit<RateRequest, "day">;

/**
 * A request without its date, ready for many dates. Four kinds, so that no line is half one and half another:
 * - failed: the error every day gets (unknown country, not a line, unknown claim), found before the date is read;
 * - sum: one line class whose base is a plain ad valorem rate, with an origin view whose measures add the
 *   same to any base (viewSums.ts): a total is the base plus the view's sum for the segment, no composition;
 * - specific: the same, but a base that is a specific duty (4.4¢/kg) and no unit value or "ad valorem part" in
 *   the options: on a segment where the view adds only ad valorem layers the answer is the #N/A totalRate
 *   gives for that duty, made once per line;
 * - composed: anything else (several classes, a prose or unknown base, a dated base, Column 2, a specific
 *   duty with a unit value), its segments composed as lookupRate composes them.
 * A sum line whose segment is not a plain sum (a specific duty, a prohibition) composes in full, once.
 */
export type TariffLine = FailedLine | SumLine | SpecificLine | ComposedLine;

interface LineOf<K extends string> {
  readonly kind: K;
  /** The request it answers (an answer outside the coverage is worded by lookupRate) and the cache it was made in. */
  readonly request: DaylessRequest;
  readonly choice: RateChoice;
  readonly cache: LookupCache;
}

export interface FailedLine extends LineOf<"failed"> {
  readonly error: LookupError;
}

export interface SumLine extends LineOf<"sum"> {
  /** The class's base (claims applied), and its ad valorem rate in viewSums' UNITS. */
  readonly base: BaseRate;
  readonly units: number;
  readonly sums: ViewSums;
  /** Its view's row for its base (viewSums.ts: starts, then totals), shared by the view's lines with this base. */
  readonly row: Float64Array;
  /** The line composed in full, made the first time a segment is not a plain sum. */
  composed: ComposedLine | FailedLine | null;
}

export interface SpecificLine extends LineOf<"specific"> {
  readonly base: BaseRate;
  readonly sums: ViewSums;
  /** The product as messages name it. */
  readonly display: string;
  /** totalRate's #N/A for the base's specific duty, made the first time a segment needs it. */
  error: LookupError | null;
  composed: ComposedLine | FailedLine | null;
}

export interface ComposedLine extends LineOf<"composed"> {
  readonly prepared: Prepared;
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
}

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

/**
 * A new line for `request`, charged to the cache but not kept in it: for a caller that keeps its lines itself
 * (the request layer keeps one with each distinct arguments), so the cache holds no second map of them.
 */
export function newTariffLine(table: RateTable, request: DaylessRequest, choice: RateChoice): TariffLine {
  const cache = cacheOf(table);
  const line = lineOf(cache, request, choice);
  charge(cache, lineBytes(line));
  return line;
}

/**
 * Where a caller keeps the last answer of a line and the days it holds for, [from, to): a cell recalculated
 * with the same date is then answered from the memo, without reaching the line. A line's answer on a
 * segment never changes once worked out, whatever happens to the caches, so a memo needs no currency check.
 * An answer that names its date (an ambiguity, a date outside the coverage) is not kept.
 */
export interface SegmentMemo {
  from: number;
  to: number;
  answer: number | LookupError;
}

/** "Every day" for an answer that does not depend on the date; small integers, as every memo bound is. */
const ALL_DAYS_FROM = -1_000_000_000;
const ALL_DAYS_TO = 1_000_000_000;

export function isCurrentLine(table: RateTable, line: TariffLine): boolean {
  return !line.cache.dropped && line.cache.table === table;
}

/**
 * The total of `line` (made for `table`) on `day`: one binary search and one array read once its segment is
 * known. With a `memo`, the answer is also written there with the days it holds for.
 */
export function tariffOnLine(table: RateTable, line: TariffLine, day: Day, memo?: SegmentMemo): number | LookupError {
  if (line.kind === "failed") return remember(memo, ALL_DAYS_FROM, ALL_DAYS_TO, line.error);
  const { from, to } = table.coverage;
  if (day < from || day >= to) return slowError(table, line.request, day);
  if (line.kind === "composed") return onComposed(line, day, to, memo);
  const starts = line.sums.starts;
  const index = segmentIndex(starts, day);
  if (line.kind === "specific") {
    if (fixedOn(line.sums, index) === COMPOSE) return onFallback(line, day, to, memo);
    return remember(memo, starts[index]!, index + 1 < starts.length ? starts[index + 1]! : to, (line.error ??= specificError(line)));
  }
  let total = line.row[starts.length + index]!;
  if (total !== total) total = totalOn(line.sums, line.row, day, line.base, line.units);
  if (total === COMPOSE) return onFallback(line, day, to, memo);
  return remember(memo, starts[index]!, index + 1 < starts.length ? starts[index + 1]! : to, total);
}

function remember(memo: SegmentMemo | undefined, from: number, to: number, answer: number | LookupError): number | LookupError {
  if (memo !== undefined) {
    memo.from = from;
    memo.to = to;
    memo.answer = answer;
  }
  return answer;
}

/** A segment the view cannot answer alone: the line composed in full (once), as every other line is. */
function onFallback(line: SumLine | SpecificLine, day: Day, to: number, memo: SegmentMemo | undefined): number | LookupError {
  const composed = (line.composed ??= composedLine(line.cache, line.request, line.choice));
  return composed.kind === "failed" ? remember(memo, ALL_DAYS_FROM, ALL_DAYS_TO, composed.error) : onComposed(composed, day, to, memo);
}

function specificError(line: SpecificLine): LookupError {
  const e = specificDutyError(line.display, baseSpecificParts(line.base));
  if (e.ok) throw new Error("specificDutyError gave no error");
  return e.error;
}

function onComposed(line: ComposedLine, day: Day, to: number, memo: SegmentMemo | undefined): number | LookupError {
  const starts = line.starts;
  const lo = segmentIndex(starts, day);
  let answer: number | LookupError = line.totals[lo]!;
  if (answer !== answer) answer = segment(line, lo, day);
  // An answer the segment holds (a total, or an error kept for it) is the memo's; an ambiguity names its date.
  if (typeof answer === "number" || line.errors?.[lo] === answer) {
    remember(memo, starts[lo]!, lo + 1 < starts.length ? starts[lo + 1]! : to, answer);
  }
  return answer;
}

/** A resolved request whose answer is its base plus what its origin view adds (viewSums.ts). */
export interface SumParts {
  /** The one class's base (claims applied), and its ad valorem rate in viewSums' UNITS. */
  readonly base: BaseRate;
  readonly units: number;
  readonly sums: ViewSums;
}

/**
 * The parts of a sum line: one line class, an undated base that is a plain ad valorem rate, an origin outside
 * Column 2. Null for any other request. Made of kept parts only (classes, views, sums), so a caller with
 * many distinct requests (a landed-cost batch) can ask it for every row without keeping a line per request.
 */
export function sumPartsOf(cache: LookupCache, parts: Parts): SumParts | null {
  const base = singleBase(cache, parts);
  if (base === null) return null;
  const units = baseUnitsOf(base);
  if (units === COMPOSE) return null;
  const sums = viewSumsOf(cache, parts.importer, parts.part.classes[0]!.candidates, parts.facts);
  return sums === null ? null : { base, units, sums };
}

/**
 * Whether every day's base of the request is other than a plain ad valorem rate (a specific or compound
 * duty, prose, unknown): one undated line class whose base, with the claims, is such, for an origin that is
 * never in Column 2 (whose own rate would replace it). A caller that can price only ad valorem bases (the
 * batch's cents path) then knows without composing.
 */
export function baseNeverAdValorem(cache: LookupCache, parts: Parts): boolean {
  const base = singleBase(cache, parts);
  if (base === null) return false;
  const expr = base.expr;
  if (expr !== null && (expr.kind === "free" || expr.kind === "adValorem")) return false;
  return viewOf(cache, parts.importer, parts.part.classes[0]!.candidates, parts.facts).column2.length === 0;
}

/** The base of a request of one line class, with its claims; null with several classes or a dated base. */
function singleBase(cache: LookupCache, parts: Parts): BaseRate | null {
  const classes = parts.part.classes;
  // A dated base changes by date, which a view's sums do not know: such a line is composed.
  if (classes.length !== 1 || classes[0]!.base.editions !== undefined) return null;
  return claimedBase(cache.table, classes[0]!.base, parts.facts.claims);
}

function lineOf(cache: LookupCache, request: DaylessRequest, choice: RateChoice): TariffLine {
  const parts = resolveParts(cache, request);
  if (!parts.ok) return { kind: "failed", error: parts.error, request, choice, cache };
  const sum = sumPartsOf(cache, parts.value);
  if (sum !== null) {
    const { base, units, sums } = sum;
    return { kind: "sum", base, units, sums, row: rowOf(sums, units), composed: null, request, choice, cache };
  }
  const base = singleBase(cache, parts.value);
  if (base !== null && base.expr !== null && hasSpecificPart(base.expr) && choice.unitValues.length === 0 && !choice.adValoremPart) {
    const sums = viewSumsOf(cache, parts.value.importer, parts.value.part.classes[0]!.candidates, parts.value.facts);
    if (sums !== null) {
      const display = parts.value.part.product.display;
      return { kind: "specific", base, sums, display, error: null, composed: null, request, choice, cache };
    }
  }
  return composedFrom(cache, prepare(cache, parts.value), request, choice);
}

function composedLine(cache: LookupCache, request: DaylessRequest, choice: RateChoice): ComposedLine | FailedLine {
  const parts = resolveParts(cache, request);
  if (!parts.ok) return { kind: "failed", error: parts.error, request, choice, cache };
  return composedFrom(cache, prepare(cache, parts.value), request, choice);
}

function composedFrom(cache: LookupCache, prepared: Prepared, request: DaylessRequest, choice: RateChoice): ComposedLine {
  const timelines = prepared.timelines;
  if (timelines.length === 1) {
    const t = timelines[0]!;
    return { kind: "composed", prepared, starts: t.startDays, totals: t.totals, own: null, errors: null, choice, request, cache };
  }
  const points = new Set<number>();
  for (const t of timelines) for (const d of t.starts) points.add(d);
  const starts = Int32Array.from(points).sort();
  const totals = new Float64Array(starts.length).fill(NaN);
  return { kind: "composed", prepared, starts, totals, own: null, errors: null, choice, request, cache };
}

/** The first lookup in a segment: composed as lookupRate composes it, the total read as DUTY.TARIFF reads it. */
function segment(line: ComposedLine, index: number, day: Day): number | LookupError {
  const kept = line.errors?.[index];
  if (kept !== undefined) return kept;
  const own = line.own?.[index];
  if (own !== undefined && own === own) return own;
  const p = line.prepared;
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

function keepError(line: ComposedLine, index: number, error: LookupError): void {
  (line.errors ??= [])[index] = error;
}

/** Outside the coverage the message names the date: lookupRate words it. */
function slowError(table: RateTable, request: DaylessRequest, day: Day): LookupError {
  const o = lookupRate(table, { ...request, day });
  if (o.ok) throw new Error(`tariffAt: ${String(day)} is outside the coverage, yet lookupRate answered`);
  return o.error;
}
