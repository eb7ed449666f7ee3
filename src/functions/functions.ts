import Decimal from "decimal.js";
import { BREAKDOWN_HEADER, Composition, HISTORY_HEADER, RateRequest, breakdownRows, dayFromIso, historyLines, knownTotal, lookupRate, noTotalReason, rateHistory, unknownLayers } from "../engine";
import { currentTable } from "../runtime/tableStore";
import { readCountry, readDate, readImporter, readOptions, readProduct } from "./excelArguments";
import { ExcelFailure, answer, cellDate, cellNumber, excel, need } from "./excelResults";
import { LANDED_DETAIL_HEADER, landedDetailRows } from "../engine";
import { landedFromExcel } from "./landedArguments";

/*
 * The DUTY.* custom functions. Each is a thin adapter: read Excel arguments, ask the engine, return Excel
 * values. Microsoft's custom-functions-metadata generator turns the JSDoc below into functions.json, and
 * its webpack plugin registers each function with CustomFunctions.associate. Function ids are stored in
 * saved workbooks, so they never change and parameters are only ever appended.
 */

/** A lookup request, plus the one option that changes only how a total is read (not what applies). */
type FunctionRequest = RateRequest & { readonly knownLayers: boolean };

function request(country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown, dateName = "date"): FunctionRequest {
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
    knownLayers: opts.knownLayers,
  };
}

/**
 * The total a cell shows: the composition's, or with "known layers" the base plus the known layers where
 * the only gaps are layers of unknown rate (the caller asked for that lower bound explicitly).
 */
function totalFor(c: Composition, knownLayers: boolean): Decimal | null {
  if (c.total !== null) return c.total;
  return knownLayers && unknownLayers(c).length > 0 ? knownTotal(c) : null;
}

/**
 * Total ad valorem duty rate in force, as a fraction (1.45 = 145%): the base (MFN) rate plus every additional measure that applies.
 * @customfunction TARIFF
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA": basis entry/final/net, claims, loaded=DATE, steel=40%, known layers.
 * @returns The total rate as a fraction.
 */
export function tariff(country: any, sector: any, date?: any, importer?: any, options?: any): number {
  return excel(() => {
    const req = request(country, sector, date, importer, options);
    const c = answer(lookupRate(currentTable(), req)).composition;
    const total = totalFor(c, req.knownLayers);
    if (total === null) {
      const hint = unknownLayers(c).length > 0 && !req.knownLayers && c.baseFraction !== null ? '; give "known layers" in options for the known part' : "";
      throw new ExcelFailure("notAvailable", `no total: ${noTotalReason(c)}${hint}`);
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
    const req = request(country, sector, date, importer, options);
    const a = answer(lookupRate(currentTable(), req));
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
    const gaps = unknownLayers(c).length > 0;
    const shown = totalFor(c, req.knownLayers);
    const label = gaps && shown !== null ? "Total (known layers only)" : "Total";
    const why = gaps ? (req.knownLayers ? "total (the base rate is unknown)" : `total (${noTotalReason(c)})`) : "total (see the notes on the base rate)";
    const total = [label, "", "", cellNumber(shown?.toNumber() ?? null, why), "", "", "", "", `table ${a.table.id}, sha256 ${a.table.sha256.slice(0, 12)}`];
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
    const found = answer(rateHistory(currentTable(), req, last));
    const rows = historyLines(found);
    // "known layers": the total column is base + known layers where only unknown-rate layers are missing.
    const totals = found.map((r) => totalFor(r.composition, req.knownLayers)?.toNumber() ?? null);
    return [
      [...HISTORY_HEADER],
      ...rows.map((r, i) => [cellDate(r.from), cellDate(r.through), cellNumber(totals[i]!, "total"), cellNumber(r.additional, "additional rate"), r.layers]),
    ];
  });
}

/**
 * The rate table in use: release id, release date, SHA-256, and whether a scenario of overrides is on. This is what the workbook is pinned to.
 * @customfunction VERSION
 * @returns A header row and one row of values.
 */
export function version(): any[][] {
  return excel(() => {
    const t = currentTable();
    // A scenario table (src/engine/scenario) carries the release it was derived from: VERSION names that
    // release (what the workbook is pinned to) and says that a scenario is on, with its own hash.
    const scenario = (t as { scenario?: { base: typeof t; label: string } }).scenario;
    const release = scenario?.base ?? t;
    return [
      ["Table", "Released", "SHA-256", "Scenario"],
      [release.id, cellDate(dayFromIso(release.released)), release.sha256, scenario ? `on: ${scenario.label}` : "none"],
    ];
  });
}

// ---------------------------------------------------------------- landed cost
// LANDED and its siblings take the same ten arguments in the same order; each returns one part of the
// same computation, so LANDED = goods + freight + insurance + LANDED.DUTY + LANDED.FEES + LANDED.TAX.

/**
 * Landed cost of a shipment in the importer's currency: goods, freight and insurance plus duty (every layer, with specific and compound rates), fees (US MPF and HMF) and import taxes (VAT, GST, China's consumption tax), each rounded to the cent.
 * @customfunction LANDED
 * @param value Price of the goods in the invoice currency, without international freight and insurance.
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [freight] International freight to the importing country, in the invoice currency. Dutiable for CN, EU and GB (CIF), not for US and CA.
 * @param [insurance] Insurance to the importing country, in the invoice currency. Dutiable for CN, EU and GB (CIF), not for US and CA.
 * @param [quantity] Quantity for a specific duty, in the rate's unit: a number, or text such as "100 kg" or "20000 each".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state (DE, FR, …).
 * @param [mode] Transport mode: ocean, air, truck, rail or postal. The US harbor maintenance fee applies to ocean shipments only.
 * @param [options] Text such as "fx=1.15; duty=4%; vat=9%; ct=10%; formal; metal=40%", plus the TARIFF options (final, USMCA, loaded=DATE).
 * @returns The landed cost, to the cent.
 */
export function landed(value: any, country: any, sector: any, date?: any, freight?: any, insurance?: any, quantity?: any, importer?: any, mode?: any, options?: any): number {
  return excel(() => landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false).landed.toNumber());
}

/**
 * The duty part of DUTY.LANDED: the base rate and every additional layer in money, specific and compound rates included, each line rounded to the cent.
 * @customfunction LANDED.DUTY
 * @param value Price of the goods in the invoice currency, without international freight and insurance.
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [freight] International freight, in the invoice currency (dutiable for CN, EU and GB).
 * @param [insurance] Insurance, in the invoice currency (dutiable for CN, EU and GB).
 * @param [quantity] Quantity for a specific duty: a number in the rate's unit, or text such as "100 kg".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state.
 * @param [mode] Transport mode: ocean, air, truck, rail or postal.
 * @param [options] Text such as "fx=1.15; duty=4%; base=6%", plus the TARIFF options.
 * @returns The duty in the importer's currency.
 */
export function landedDuty(value: any, country: any, sector: any, date?: any, freight?: any, insurance?: any, quantity?: any, importer?: any, mode?: any, options?: any): number {
  return excel(() => landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false).duty.toNumber());
}

/**
 * The fees part of DUTY.LANDED: for US imports the merchandise processing fee (fiscal-year minimum and maximum) and the harbor maintenance fee (ocean only); 0 for other importers.
 * @customfunction LANDED.FEES
 * @param value Price of the goods in the invoice currency, without international freight and insurance.
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [freight] International freight, in the invoice currency.
 * @param [insurance] Insurance, in the invoice currency.
 * @param [quantity] Quantity for a specific duty: a number in the rate's unit, or text such as "100 kg".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state.
 * @param [mode] Transport mode: ocean, air, truck, rail or postal. HMF is charged on ocean shipments only.
 * @param [options] Text such as "formal; mpf=exempt", plus the other LANDED options.
 * @returns The fees in the importer's currency.
 */
export function landedFees(value: any, country: any, sector: any, date?: any, freight?: any, insurance?: any, quantity?: any, importer?: any, mode?: any, options?: any): number {
  return excel(() => landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false).fees.toNumber());
}

/**
 * The tax part of DUTY.LANDED: import VAT or GST on the customs value plus duty, and China's consumption tax when a rate is given; 0 for US imports.
 * @customfunction LANDED.TAX
 * @param value Price of the goods in the invoice currency, without international freight and insurance.
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [freight] International freight, in the invoice currency.
 * @param [insurance] Insurance, in the invoice currency.
 * @param [quantity] Quantity for a specific duty: a number in the rate's unit, or text such as "100 kg".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state.
 * @param [mode] Transport mode: ocean, air, truck, rail or postal.
 * @param [options] Text such as "vat=9%; ct=10%", plus the other LANDED options.
 * @returns The import taxes in the importer's currency.
 */
export function landedTax(value: any, country: any, sector: any, date?: any, freight?: any, insurance?: any, quantity?: any, importer?: any, mode?: any, options?: any): number {
  return excel(() => landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false).taxes.toNumber());
}

/**
 * Every line of the DUTY.LANDED computation: values, customs value, de minimis, each duty layer, each fee and tax, and the totals, with the rate, what it applies to, the formula, the rounding and the source.
 * @customfunction LANDED.DETAIL
 * @param value Price of the goods in the invoice currency, without international freight and insurance.
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [freight] International freight, in the invoice currency.
 * @param [insurance] Insurance, in the invoice currency.
 * @param [quantity] Quantity for a specific duty: a number in the rate's unit, or text such as "100 kg".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state.
 * @param [mode] Transport mode: ocean, air, truck, rail or postal.
 * @param [options] Text such as "fx=1.15; duty=4%; vat=9%", plus the TARIFF options.
 * @returns A table with a header row: part, line, rate, applied to, amount, formula, rounding, source.
 */
export function landedDetail(value: any, country: any, sector: any, date?: any, freight?: any, insurance?: any, quantity?: any, importer?: any, mode?: any, options?: any): any[][] {
  return excel(() => {
    const cost = landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], true);
    const rows = landedDetailRows(cost).map((r) => [r.part, r.item, r.rate, r.base === null ? "" : r.base.toNumber(), r.amount === null ? "" : r.amount.toNumber(), r.formula, r.rounding, r.source]);
    return [[...LANDED_DETAIL_HEADER], ...rows];
  });
}
