import { Day, isoFromDay } from "../dates";
import { CountryCode } from "../countries";
import { formatHts } from "../hts";
import { Composition } from "../stacking/compose";
import { Basis, ContentShares, EntryFacts } from "../stacking/facts";
import { ImporterIndex, RateTable } from "../table/compiledTable";
import { Outcome, invalid, notAvailable, ok } from "./outcome";
import { ProductRef } from "./product";
import { resolveRequest } from "./resolveRequest";
import { compositionAt } from "./timeline";

/*
 * The lookup API: a rate on one entry date, and the rate's history over a period. A request is resolved
 * (resolveRequest.ts) into the timelines of its line classes (timeline.ts), which the lookup caches keep
 * (lookupCache.ts); an answer is one binary search in each.
 */

export interface RateRequest {
  /** Importing country; default US. */
  readonly importer?: string;
  readonly country: string;
  /** HTS code (text or number) or a sector keyword. */
  readonly product: string | number;
  readonly day: Day;
  readonly basis?: Basis;
  readonly claims?: readonly string[];
  readonly loaded?: Day | null;
  readonly content?: ContentShares;
}

export interface RateAnswer {
  readonly table: RateTable;
  readonly importer: ImporterIndex;
  readonly origin: CountryCode;
  readonly originName: string;
  readonly product: ProductRef;
  readonly facts: EntryFacts;
  readonly composition: Composition;
  /** How many statistical lines the product covers (all with this same answer). */
  readonly lineCount: number;
  /**
   * Set when the entry date is after the table's release date: the answer projects the law as known at
   * release. The same sentence is the last of the composition's notes.
   */
  readonly projection?: string;
}

export interface HistoryRow {
  readonly from: Day;
  /** Exclusive end, or null when the rate holds to the end of the requested period. */
  readonly to: Day | null;
  readonly composition: Composition;
}

export function lookupRate(table: RateTable, request: RateRequest): Outcome<RateAnswer> {
  const prepared = resolveRequest(table, request);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  const day = request.day;
  if (day < table.coverage.from || day >= table.coverage.to) {
    return notAvailable(
      `no data for ${isoFromDay(day)}: table ${table.id} covers entries from ${isoFromDay(table.coverage.from)} to ${isoFromDay((table.coverage.to - 1) as Day)}`,
    );
  }
  const answer = compositionAt(p.timelines, day, p.product, p.lineCount);
  if (!answer.ok) return answer;
  // Per day, not per timeline segment: a segment can straddle the release date.
  const projection = p.facts.released !== undefined && day > p.facts.released ? projectionNote(table) : undefined;
  return ok({
    table,
    importer: p.importer,
    origin: p.origin,
    originName: p.originName,
    product: p.product,
    facts: { ...p.facts, day },
    composition: projection === undefined ? answer.value : { ...answer.value, notes: [...answer.value.notes, projection] },
    lineCount: p.lineCount,
    ...(projection === undefined ? {} : { projection }),
  });
}

/** What an answer for an entry date after the release says about itself. */
export function projectionNote(table: RateTable): string {
  return `projection: the law as known at release ${table.id} (${table.released}); later changes are not in this table`;
}

/** Every date in [start, end] on which the answer changes, STOCKHISTORY style, starting with the rate at `start`. */
export function rateHistory(table: RateTable, request: RateRequest, end: Day): Outcome<HistoryRow[]> {
  const prepared = resolveRequest(table, request);
  if (!prepared.ok) return prepared;
  const { product, timelines, lineCount } = prepared.value;
  const start = request.day;
  if (end < start) return invalid(`the end date ${isoFromDay(end)} is before the start date ${isoFromDay(start)}`);
  if (start < table.coverage.from || start >= table.coverage.to) {
    return notAvailable(`no data for ${isoFromDay(start)}: table ${table.id} starts at ${isoFromDay(table.coverage.from)}`);
  }
  const last = Math.min(end, table.coverage.to - 1) as Day;
  const days = new Set<Day>([start]);
  for (const t of timelines) {
    for (const d of t.starts) if (d > start && d <= last) days.add(d);
  }
  const rows: HistoryRow[] = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const c = compositionAt(timelines, d, product, lineCount);
    if (!c.ok) return c;
    const previous = rows[rows.length - 1];
    if (previous && previous.composition.signature === c.value.signature) continue;
    if (previous) rows[rows.length - 1] = { ...previous, to: d };
    rows.push({ from: d, to: null, composition: c.value });
  }
  return ok(rows);
}

export { formatHts };
