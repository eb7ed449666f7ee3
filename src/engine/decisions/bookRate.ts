import Decimal from "decimal.js";
import { Day, addDays, dayFromParts, isoFromDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { lookupRate } from "../lookup/rateLookup";
import { RateChoice, totalRate } from "../lookup/totalRate";
import { breakdownRows } from "../report/breakdown";
import { Basis, ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";

/**
 * The effective tariff rate of a book of imports: duties over import value,
 *
 *   ETR = Σ (value_i × total_i) / Σ value_i
 *
 * the measure the Budget Lab at Yale publishes for all US imports (its tariff-rate tracker aggregates the
 * statutory rate of every HTS-10 × country pair with import-value weights, and splits it by legal
 * authority: Section 232, 301, IEEPA, 122, 201, the MFN base), applied here to the analyst's own book with
 * its own values as the weights. Like the tracker's series it is statutory: the rate the table prescribes
 * on entry, with the book's values held fixed (no substitution between lines or origins).
 *
 * A line whose total is unknown makes the book's rate unknown: dropping it would move the rate towards the
 * lines that are known, a wrong number that looks right. A book of zero value has no rate (Excel: #DIV/0!).
 */
export interface BookLine {
  /** Where the line came from (a sheet row, a CSV line), for messages. */
  readonly label: string;
  readonly country: string;
  readonly product: string | number;
  readonly importer?: string;
  readonly value: Decimal;
}

export interface BookOptions {
  readonly basis: Basis;
  readonly claims: readonly string[];
  readonly loaded: Day | null;
  readonly content: ContentShares;
  readonly choice: RateChoice;
}

/** The base rate's share of the split, under one name whatever its column (MFN, Special, Column 2). */
export const BASE_AUTHORITY = "Base rate";

export interface AuthorityShare {
  readonly authority: string;
  /** Duty attributed to this authority: Σ value_i × its layers' rate on line i. */
  readonly duty: Decimal;
  /** Its part of the ETR: duty / Σ value. The parts add up to the ETR. */
  readonly rate: Decimal | null;
}

export interface BookLineRate {
  readonly line: BookLine;
  readonly total: Decimal;
  readonly duty: Decimal;
}

export interface BookRate {
  readonly day: Day;
  readonly value: Decimal;
  readonly duty: Decimal;
  /** null when the book's value is zero: no rate (#DIV/0!). */
  readonly etr: Decimal | null;
  /** By authority, in the table's order of authorities, the base first; only authorities that appear. */
  readonly byAuthority: readonly AuthorityShare[];
  readonly lines: readonly BookLineRate[];
}

const ZERO = new Decimal(0);

export function bookRate(table: RateTable, book: readonly BookLine[], day: Day, options: BookOptions): Outcome<BookRate> {
  let value = ZERO;
  let duty = ZERO;
  const byAuthority = new Map<string, Decimal>();
  const lines: BookLineRate[] = [];
  for (const line of book) {
    if (line.value.isNegative() || !line.value.isFinite()) return invalid(`${line.label}: value must be a non-negative amount`);
    const looked = lookupRate(table, {
      ...(line.importer === undefined ? {} : { importer: line.importer }),
      country: line.country,
      product: line.product,
      day,
      basis: options.basis,
      claims: options.claims,
      loaded: options.loaded,
      content: options.content,
    });
    if (!looked.ok) return { ok: false, error: { kind: looked.error.kind, message: `${line.label}: ${looked.error.message}` } };
    const a = looked.value;
    const t = totalRate(a.composition, options.choice, a.product.display);
    if (!t.ok) return notAvailable(`${line.label} (${a.origin} ${a.product.display}, ${isoFromDay(day)}) has no total: ${t.error.message}`);
    const total = t.value.total;
    const lineDuty = line.value.times(total);
    value = value.plus(line.value);
    duty = duty.plus(lineDuty);
    lines.push({ line, total, duty: lineDuty });
    // The split comes from BREAKDOWN's rows; whatever they do not account for (a floor recomputed against
    // a specific base's equivalent) is shown as its own part rather than hidden in another authority.
    let attributed = ZERO;
    for (const r of breakdownRows(a, options.choice)) {
      if ((r.kind !== "base" && r.kind !== "layer" && r.kind !== "specific") || r.rate === null) continue;
      const name = r.kind === "base" || (r.kind === "specific" && r.id === "specific:base") ? BASE_AUTHORITY : r.authority;
      const rate = new Decimal(r.rate);
      attributed = attributed.plus(rate);
      byAuthority.set(name, (byAuthority.get(name) ?? ZERO).plus(line.value.times(rate)));
    }
    const rest = total.minus(attributed);
    if (!rest.isZero()) byAuthority.set(UNATTRIBUTED, (byAuthority.get(UNATTRIBUTED) ?? ZERO).plus(line.value.times(rest)));
  }
  const order = [BASE_AUTHORITY, ...table.authorities, UNATTRIBUTED];
  const names = [...byAuthority.keys()].sort((x, y) => rank(order, x) - rank(order, y) || (x < y ? -1 : 1));
  return ok({
    day,
    value,
    duty,
    etr: value.isZero() ? null : duty.div(value),
    byAuthority: names.map((n) => {
      const d = byAuthority.get(n)!;
      return { authority: n, duty: d, rate: value.isZero() ? null : d.div(value) };
    }),
    lines,
  });
}

/** Stacking adjustments no single layer row carries (see above); named so that the parts still add up. */
export const UNATTRIBUTED = "Stacking adjustment";

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i === -1 ? order.length - 1 : i;
}

/** The book's rate on each day of a series (the first failure stops it: every point is the same book). */
export function bookRateSeries(table: RateTable, book: readonly BookLine[], days: readonly Day[], options: BookOptions): Outcome<BookRate[]> {
  const out: BookRate[] = [];
  for (const d of days) {
    const r = bookRate(table, book, d, options);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

export interface Contributor {
  readonly line: BookLine;
  readonly total: Decimal;
  readonly duty: Decimal;
  /** Its share of the book's duty; null when the book pays no duty. */
  readonly share: Decimal | null;
}

/** The `n` lines that pay the most duty, largest first; ties in book order. */
export function topContributors(rate: BookRate, n: number): Contributor[] {
  return rate.lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => b.l.duty.comparedTo(a.l.duty) || a.i - b.i)
    .slice(0, n)
    .map(({ l }) => ({ line: l.line, total: l.total, duty: l.duty, share: rate.duty.isZero() ? null : l.duty.div(rate.duty) }));
}

/** The longest series a caller may ask for: ten years of months. */
export const MAX_SERIES = 120;

/** `from`, then the same day of each following month (clamped to the month's end), up to `to`. */
export function monthlyDays(from: Day, to: Day): Outcome<Day[]> {
  if (to < from) return invalid(`the end date ${isoFromDay(to)} is before the start date ${isoFromDay(from)}`);
  const [y, m, d] = isoFromDay(from).split("-").map(Number) as [number, number, number];
  const out: Day[] = [];
  for (let i = 0; ; i++) {
    const month = m - 1 + i;
    const year = y + Math.floor(month / 12);
    const mm = (month % 12) + 1;
    const first = dayFromParts(year, mm, 1)!;
    const next = dayFromParts(year + Math.floor(mm / 12), (mm % 12) + 1, 1)!;
    const day = Math.min(addDays(first, d - 1), addDays(next, -1)) as Day;
    if (day > to) break;
    if (out.length >= MAX_SERIES)
      return invalid(`more than ${MAX_SERIES} months from ${isoFromDay(from)} to ${isoFromDay(to)}: choose a shorter period`);
    out.push(day);
  }
  return ok(out);
}
