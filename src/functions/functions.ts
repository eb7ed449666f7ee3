import {
  BREAKDOWN_HEADER,
  BreakdownRow,
  Day,
  HISTORY_HEADER,
  LANDED_DETAIL_HEADER,
  LandedCost,
  breakdownRows,
  dayFromIso,
  historyLines,
  isoFromDay,
  landedCost,
  landedDetailRows,
  lookupRate,
  rateHistory,
  totalRate,
} from "../engine";
import { currentTable } from "../runtime/tableStore";
import { readDate } from "../requests/arguments";
import { LandedArguments, landedQuestion } from "../requests/landedQuestion";
import { RateQuestion, rateQuestion } from "../requests/rateQuestion";
import { tariffTotal } from "../requests/tariffTotal";
import { excelErrorOf } from "./keptErrors";
import { answer, cellDate, cellNumber, excel, need, toExcelError } from "./excelResults";

/*
 * The DUTY.* custom functions. Each is a thin adapter: Excel arguments become an engine request in
 * src/requests (the one place arguments are read, shared with the CLI, the pane and the cell-impact
 * predictor), the engine answers, and the answer goes back as Excel values. Microsoft's
 * custom-functions-metadata generator turns the JSDoc below into functions.json, and its webpack plugin
 * registers each function with CustomFunctions.associate. Function ids are stored in saved workbooks, so
 * they never change and parameters are only ever appended.
 */

function question(country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown, dateName = "date"): RateQuestion {
  return need(rateQuestion({ country, sector, date, importer, options }, currentTable(), new Date(), dateName));
}

const now = () => new Date();

function landedFromExcel(args: LandedArguments, explain: boolean): LandedCost {
  const table = currentTable();
  return answer(landedCost(table, need(landedQuestion(args, table, new Date(), explain))));
}

/**
 * Total ad valorem duty rate in force, as a fraction (1.45 = 145%): the base (MFN) rate plus every additional measure that applies.
 * @customfunction TARIFF
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA": basis entry/final/net, claims, loaded=DATE, steel=40%; for specific duties "unit value=2.40/kg" or "ad valorem part"; "known layers" where a layer's rate is unknown.
 * @returns The total rate as a fraction.
 */
export function tariff(country: any, sector: any, date?: any, importer?: any, options?: any): number {
  return excel(() => {
    // The numbers-only path (issue 12): the same reading rule and answers as BREAKDOWN's, kept per arguments.
    const r = tariffTotal(currentTable(), country, sector, date, importer, options, now);
    if (typeof r === "number") return r;
    throw excelErrorOf(r);
  });
}

/**
 * The duty rate layer by layer: the base rate, then each measure, with its authority, Chapter 99 heading, rate, dates, status and legal citation.
 * @customfunction BREAKDOWN
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA"; "unit value=2.40/kg" gives a specific duty's ad valorem equivalent.
 * @returns A table with a header row; rates are fractions, dates are Excel dates. Specific duties and conditional layers not applied have rows of their own.
 */
export function breakdown(country: any, sector: any, date?: any, importer?: any, options?: any): any[][] {
  return excel(() => {
    const q = question(country, sector, date, importer, options);
    const a = answer(lookupRate(currentTable(), q.request));
    const rows = breakdownRows(a, q.choice).map((r) => [
      r.layer,
      r.authority,
      r.heading,
      rateCell(r),
      r.basis,
      r.from === "" ? "" : cellDate(dayFromIso(r.from)),
      r.through === "" ? "" : cellDate(dayFromIso(r.through)),
      r.status,
      r.citation,
    ]);
    // After the release date the answer is a projection; the row says so above the total.
    const projection = a.projection === undefined ? [] : [["Projection", "", "", "", "", "", "", "", a.projection]];
    const t = totalRate(a.composition, q.choice, a.product.display);
    const totalCell = t.ok ? t.value.total.toNumber() : toExcelError(t.error.kind, t.error.message);
    const label = t.ok && t.value.knownLayersOnly ? "Total (known layers only)" : "Total";
    const total = [
      label,
      "",
      "",
      totalCell,
      t.ok && t.value.method === "adValoremPart" ? "ad valorem part only" : "",
      "",
      "",
      "",
      `table ${a.table.id}, sha256 ${a.table.sha256.slice(0, 12)}`,
    ];
    return [[...BREAKDOWN_HEADER], ...rows, ...projection, total];
  });
}

/** A not-applied layer adds nothing and has no rate to show; every other missing rate is an error cell. */
function rateCell(r: BreakdownRow): number | string | CustomFunctions.Error {
  if (r.kind === "notApplied") return "";
  return cellNumber(r.rate, r.kind === "specific" ? `rate of ${r.layer}: ${r.basis}` : `rate of ${r.layer}`);
}

/**
 * Every date on which the duty rate changes between two dates, like STOCKHISTORY: the rate at the start, then each change.
 * @customfunction HISTORY
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param start First entry date: an Excel date or YYYY-MM-DD text.
 * @param [end] Last entry date. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA"; "unit value=2.40/kg" or "ad valorem part" for specific duties.
 * @returns A table with a header row: from, through, total rate, additional rate, layers, specific duty.
 */
export function history(country: any, sector: any, start: any, end?: any, importer?: any, options?: any): any[][] {
  return excel(() => {
    if (start === null || start === undefined || start === "" || start === 0) {
      need({ ok: false, message: "start date is required" });
    }
    const q = question(country, sector, start, importer, options, "start");
    const last = need(readDate(end, new Date(), "end"));
    const rows = historyLines(answer(rateHistory(currentTable(), q.request, last)), q.choice, String(q.request.product));
    return [
      [...HISTORY_HEADER],
      ...rows.map((r) => [
        cellDate(r.from),
        cellDate(r.through),
        r.total === null ? toExcelError("notAvailable", r.totalNote ?? "total unknown") : r.total,
        cellNumber(r.additional, "additional rate"),
        r.layers,
        r.specific,
      ]),
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
      ["Table", "Released", "SHA-256", "Scenario", "Coverage"],
      [release.id, cellDate(dayFromIso(release.released)), release.sha256, scenario ? `on: ${scenario.label}` : "none", coverageText(release)],
    ];
  });
}

/** VERSION's coverage cell: the entry dates answered, and that those after the release are projections. */
function coverageText(t: { coverage: { from: Day; to: Day }; released: string }): string {
  const last = isoFromDay((t.coverage.to - 1) as Day);
  return `entries ${isoFromDay(t.coverage.from)} to ${last}; dates after ${t.released} project the law as known at release`;
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
export function landed(
  value: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
): number {
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
export function landedDuty(
  value: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
): number {
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
export function landedFees(
  value: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
): number {
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
export function landedTax(
  value: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
): number {
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
export function landedDetail(
  value: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
): any[][] {
  return excel(() => {
    const cost = landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], true);
    const rows = landedDetailRows(cost).map((r) => [
      r.part,
      r.item,
      r.rate,
      r.base === null ? "" : r.base.toNumber(),
      r.amount === null ? "" : r.amount.toNumber(),
      r.formula,
      r.rounding,
      r.source,
    ]);
    return [[...LANDED_DETAIL_HEADER], ...rows];
  });
}
