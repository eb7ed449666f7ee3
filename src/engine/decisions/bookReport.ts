import { Day } from "../dates";
import { Outcome, ok } from "../lookup/outcome";
import { RateTable } from "../table/compiledTable";
import { BookLine, BookOptions, BookRate, Contributor, bookRateSeries, topContributors } from "./bookRate";

/**
 * A book's effective rate over a series of dates, split by authority, with the lines that pay the most
 * on the last date: what `dutydesk etr` prints and the pane's Portfolio view draws.
 */
export interface BookReport {
  readonly series: readonly BookRate[];
  /** Every authority with a part on some date, in the order of the series' splits (the base first). */
  readonly authorities: readonly string[];
  /** The `top` lines that pay the most duty on the last date. */
  readonly top: readonly Contributor[];
}

export function bookReport(table: RateTable, book: readonly BookLine[], days: readonly Day[], options: BookOptions, top = 5): Outcome<BookReport> {
  const series = bookRateSeries(table, book, days, options);
  if (!series.ok) return series;
  const authorities: string[] = [];
  for (const r of series.value) for (const a of r.byAuthority) if (!authorities.includes(a.authority)) authorities.push(a.authority);
  const last = series.value[series.value.length - 1];
  return ok({ series: series.value, authorities, top: last === undefined ? [] : topContributors(last, top) });
}
