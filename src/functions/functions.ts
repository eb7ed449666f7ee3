import { BREAKDOWN_HEADER, HISTORY_HEADER, RateRequest, breakdownRows, dayFromIso, historyLines, lookupRate, rateHistory } from "../engine";
import { currentTable } from "../runtime/tableStore";
import { readCountry, readDate, readImporter, readOptions, readProduct } from "./excelArguments";
import { ExcelFailure, answer, cellDate, cellNumber, excel, need } from "./excelResults";

/*
 * The DUTY.* custom functions. Each is a thin adapter: read Excel arguments, ask the engine, return Excel
 * values. Microsoft's custom-functions-metadata generator turns the JSDoc below into functions.json, and
 * its webpack plugin registers each function with CustomFunctions.associate. Function ids are stored in
 * saved workbooks, so they never change and parameters are only ever appended.
 */

function request(country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown, dateName = "date"): RateRequest {
  const table = currentTable();
  const opts = need(readOptions(options, table));
  return {
    importer: need(readImporter(importer)),
    country: need(readCountry(country)),
    product: need(readProduct(sector)),
    day: need(readDate(date, new Date(), dateName)),
    basis: opts.basis,
    claims: opts.claims,
    loaded: opts.loaded,
    content: opts.content,
  };
}

/**
 * Total ad valorem duty rate in force, as a fraction (1.45 = 145%): the base (MFN) rate plus every additional measure that applies.
 * @customfunction TARIFF
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA": basis entry/final/net, claims, loaded=DATE, steel=40%.
 * @returns The total rate as a fraction.
 */
export function tariff(country: any, sector: any, date?: any, importer?: any, options?: any): number {
  return excel(() => {
    const a = answer(lookupRate(currentTable(), request(country, sector, date, importer, options)));
    const total = a.composition.total;
    if (total === null) {
      const why = a.composition.notes[0] ?? "the base rate is unknown";
      const extra = a.composition.additional;
      throw new ExcelFailure("notAvailable", `no total: ${why}${extra === null ? "" : `; additional duties ${extra.times(100).toString()}%`}`);
    }
    return total.toNumber();
  });
}

/**
 * The duty rate layer by layer: the base rate, then each measure, with its authority, Chapter 99 heading, rate, dates, status and legal citation.
 * @customfunction BREAKDOWN
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA".
 * @returns A table with a header row; rates are fractions, dates are Excel dates.
 */
export function breakdown(country: any, sector: any, date?: any, importer?: any, options?: any): any[][] {
  return excel(() => {
    const a = answer(lookupRate(currentTable(), request(country, sector, date, importer, options)));
    const rows = breakdownRows(a).map((r) => [
      r.layer,
      r.authority,
      r.heading,
      cellNumber(r.rate, `rate of ${r.layer}`),
      r.basis,
      r.from === "" ? "" : cellDate(dayFromIso(r.from)),
      r.through === "" ? "" : cellDate(dayFromIso(r.through)),
      r.status,
      r.citation,
    ]);
    const c = a.composition;
    const total = ["Total", "", "", cellNumber(c.total?.toNumber() ?? null, "total (see the notes on the base rate)"), "", "", "", "", `table ${a.table.id}, sha256 ${a.table.sha256.slice(0, 12)}`];
    return [[...BREAKDOWN_HEADER], ...rows, total];
  });
}

/**
 * Every date on which the duty rate changes between two dates, like STOCKHISTORY: the rate at the start, then each change.
 * @customfunction HISTORY
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param start First entry date: an Excel date or YYYY-MM-DD text.
 * @param [end] Last entry date. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA".
 * @returns A table with a header row: from, through, total rate, additional rate, layers.
 */
export function history(country: any, sector: any, start: any, end?: any, importer?: any, options?: any): any[][] {
  return excel(() => {
    if (start === null || start === undefined || start === "" || start === 0) {
      need({ ok: false, message: "start date is required" });
    }
    const req = request(country, sector, start, importer, options, "start");
    const last = need(readDate(end, new Date(), "end"));
    const rows = historyLines(answer(rateHistory(currentTable(), req, last)));
    return [
      [...HISTORY_HEADER],
      ...rows.map((r) => [cellDate(r.from), cellDate(r.through), cellNumber(r.total, "total"), cellNumber(r.additional, "additional rate"), r.layers]),
    ];
  });
}

/**
 * The rate table in use: release id, release date and SHA-256. This is what the workbook is pinned to.
 * @customfunction VERSION
 * @returns A header row and one row of values.
 */
export function version(): any[][] {
  return excel(() => {
    const t = currentTable();
    return [
      ["Table", "Released", "SHA-256"],
      [t.id, cellDate(dayFromIso(t.released)), t.sha256],
    ];
  });
}
