import {
  BREAKDOWN_HEADER,
  BreakdownRow,
  COMPARE_HEADER,
  bookRate,
  compareOrigins,
  maxPrice,
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
  RateTable,
  lookupRate,
  rateHistory,
  totalRate,
} from "../engine";
import { currentTable, readyTable } from "../runtime/tableStore";
import { readDate } from "../requests/arguments";
import { LandedArguments, landedQuestion } from "../requests/landedQuestion";
import { RateQuestion, rateQuestion } from "../requests/rateQuestion";
import { compareQuestion } from "../requests/compareQuestion";
import { etrQuestion } from "../requests/etrQuestion";
import { maxPriceQuestion } from "../requests/maxPriceQuestion";
import { answer, cellNumber, excelErrorFrom, need, toExcelError } from "./excelResults";
import { ExcelValues, excelValues } from "./excelValues";
import { rateCard } from "./rateCard";
import { gated } from "./tableGate";
import { tariffTotal } from "../requests/tariffTotal";
import { excelErrorOf } from "./keptErrors";

/*
 * The DUTY.* custom functions. Each is a thin adapter: Excel arguments become an engine request in
 * src/requests (the one place arguments are read, shared with the CLI, the pane and the cell-impact
 * predictor), the engine answers, and the answer goes back as Excel values. Microsoft's
 * custom-functions-metadata generator turns the JSDoc below into functions.json, and its webpack plugin
 * registers each function with CustomFunctions.associate. Function ids are stored in saved workbooks, so
 * they never change and parameters are only ever appended. Numbers go out through ./excelValues: formatted
 * (percentages, dates, money) where the host has data types, plain otherwise; hence results typed `any`.
 *
 *
 * Every body runs through gated() (./tableGate): a value when the table is ready, a promise while the
 * workbook's pinned release loads. The Excel result type is therefore written in `@returns {…}` (the
 * generator reads it there), and TypeScript infers `T | Promise<T>`.
 */

function question(country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown, dateName = "date"): RateQuestion {
  return need(rateQuestion({ country, sector, date, importer, options }, currentTable(), new Date(), dateName));
}

const now = () => new Date();

function landedFromExcel(args: LandedArguments, explain: boolean): LandedCost {
  const table = currentTable();
  return answer(landedCost(table, need(landedQuestion(args, table, new Date(), explain))));
}

/** One amount of a landed cost, in the importer's currency (the cost's own, from the landed-cost table). */
function money(cost: LandedCost, part: "landed" | "duty" | "fees" | "taxes"): unknown {
  return excelValues().money(cost[part].toNumber(), cost.currency);
}

/**
 * Total ad valorem duty rate in force, as a fraction (1.45 = 145%): the base (MFN) rate plus every additional measure that applies.
 * @customfunction TARIFF
 * @helpurl https://localhost:3000/help/tariff.html
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA": basis entry/final/net, claims, loaded=DATE, steel=40%; for specific duties "unit value=2.40/kg" or "ad valorem part"; "known layers" where a layer's rate is unknown.
 * @returns {any} The total rate as a fraction, shown as a percentage where Excel has data types.
 */
export function tariff(country: any, sector: any, date?: any, importer?: any, options?: any) {
  // With the gate open (every call but the first of a session) a cell makes no closure and no promise:
  // a sheet of 100 000 TARIFF cells recalculates in about the time of as many Map reads (npm run bench).
  const table = readyTable();
  if (table !== null) return tariffCell(table, country, sector, date, importer, options);
  return gated(() => tariffCell(currentTable(), country, sector, date, importer, options));
}

/**
 * A TARIFF cell: the rate, or its Excel error returned rather than thrown. Excel's runtime takes a returned
 * CustomFunctions.Error as the cell's error, message included, exactly as a thrown one (office.js
 * custom-functions-runtime, CustomFunctionProxy._setResultWithOutboundData sends it as its toJSON(), as it
 * does data types). A throw costs microseconds (V8 records where it was thrown), which a column of error
 * cells would pay on every recalculation; returning the kept error objects costs nothing.
 */
function tariffCell(table: RateTable, country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown) {
  try {
    // The same reading rule and answers as BREAKDOWN's, kept per arguments.
    const r = tariffTotal(table, country, sector, date, importer, options, now);
    return typeof r === "number" ? excelValues().rate(r) : excelErrorOf(r);
  } catch (e) {
    return excelErrorFrom(e);
  }
}

/**
 * The duty rate layer by layer: the base rate, then each measure, with its authority, Chapter 99 heading, rate, dates, status and legal citation.
 * @customfunction BREAKDOWN
 * @helpurl https://localhost:3000/help/breakdown.html
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA"; "unit value=2.40/kg" gives a specific duty's ad valorem equivalent.
 * @returns {any[][]} A table with a header row; rates are fractions, dates are Excel dates. Specific duties and conditional layers not applied have rows of their own.
 */
export function breakdown(country: any, sector: any, date?: any, importer?: any, options?: any) {
  return gated(() => {
    const v = excelValues();
    const q = question(country, sector, date, importer, options);
    const a = answer(lookupRate(currentTable(), q.request));
    const rows = breakdownRows(a, q.choice).map((r) => [
      r.layer,
      r.authority,
      r.heading,
      rateCell(r, v),
      r.basis,
      r.from === "" ? "" : v.date(dayFromIso(r.from)),
      r.through === "" ? "" : v.date(dayFromIso(r.through)),
      r.status,
      r.citation,
    ]);
    // After the release date the answer is a projection; the row says so above the total.
    const projection = a.projection === undefined ? [] : [["Projection", "", "", "", "", "", "", "", a.projection]];
    const t = totalRate(a.composition, q.choice, a.product.display);
    const totalCell = t.ok ? v.rate(t.value.total.toNumber()) : toExcelError(t.error.kind, t.error.message);
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
function rateCell(r: BreakdownRow, v: ExcelValues): unknown {
  if (r.kind === "notApplied") return "";
  const cell = cellNumber(r.rate, r.kind === "specific" ? `rate of ${r.layer}: ${r.basis}` : `rate of ${r.layer}`);
  return typeof cell === "number" ? v.rate(cell) : cell;
}

/**
 * Every date on which the duty rate changes between two dates, like STOCKHISTORY: the rate at the start, then each change.
 * @customfunction HISTORY
 * @helpurl https://localhost:3000/help/history.html
 * @param country Country of origin: ISO code or English name.
 * @param sector HTS code or sector keyword.
 * @param start First entry date: an Excel date or YYYY-MM-DD text.
 * @param [end] Last entry date. Empty means today.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA"; "unit value=2.40/kg" or "ad valorem part" for specific duties.
 * @returns {any[][]} A table with a header row: from, through, total rate, additional rate, layers, specific duty.
 */
export function history(country: any, sector: any, start: any, end?: any, importer?: any, options?: any) {
  return gated(() => {
    if (start === null || start === undefined || start === "" || start === 0) {
      need({ ok: false, message: "start date is required" });
    }
    const v = excelValues();
    const q = question(country, sector, start, importer, options, "start");
    const last = need(readDate(end, new Date(), "end"));
    const rows = historyLines(answer(rateHistory(currentTable(), q.request, last)), q.choice, String(q.request.product));
    return [
      [...HISTORY_HEADER],
      ...rows.map((r) => [
        v.date(r.from),
        v.date(r.through),
        r.total === null ? toExcelError("notAvailable", r.totalNote ?? "total unknown") : v.rate(r.total),
        r.additional === null ? cellNumber(null, "additional rate") : v.rate(r.additional),
        r.layers,
        r.specific,
      ]),
    ];
  });
}

/**
 * The rate table in use: release id, release date, SHA-256, and whether a scenario of overrides is on. This is what the workbook is pinned to.
 * @customfunction VERSION
 * @helpurl https://localhost:3000/help/version.html
 * @returns {any[][]} A header row and one row of values.
 */
export function version() {
  return gated(() => {
    const t = currentTable();
    // A scenario table (src/engine/scenario) carries the release it was derived from: VERSION names that
    // release (what the workbook is pinned to) and says that a scenario is on, with its own hash.
    const scenario = (t as { scenario?: { base: typeof t; label: string } }).scenario;
    const release = scenario?.base ?? t;
    return [
      ["Table", "Released", "SHA-256", "Scenario", "Coverage"],
      [
        release.id,
        excelValues().date(dayFromIso(release.released)),
        release.sha256,
        scenario ? `on: ${scenario.label}` : "none",
        coverageText(release),
      ],
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
 * @helpurl https://localhost:3000/help/landed.html
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
 * @returns {any} The landed cost, to the cent.
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
) {
  return gated(() => money(landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false), "landed"));
}

/**
 * The duty part of DUTY.LANDED: the base rate and every additional layer in money, specific and compound rates included, each line rounded to the cent.
 * @customfunction LANDED.DUTY
 * @helpurl https://localhost:3000/help/landed-duty.html
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
 * @returns {any} The duty in the importer's currency.
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
) {
  return gated(() => money(landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false), "duty"));
}

/**
 * The fees part of DUTY.LANDED: for US imports the merchandise processing fee (fiscal-year minimum and maximum) and the harbor maintenance fee (ocean only); 0 for other importers.
 * @customfunction LANDED.FEES
 * @helpurl https://localhost:3000/help/landed-fees.html
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
 * @returns {any} The fees in the importer's currency.
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
) {
  return gated(() => money(landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false), "fees"));
}

/**
 * The tax part of DUTY.LANDED: import VAT or GST on the customs value plus duty, and China's consumption tax when a rate is given; 0 for US imports.
 * @customfunction LANDED.TAX
 * @helpurl https://localhost:3000/help/landed-tax.html
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
 * @returns {any} The import taxes in the importer's currency.
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
) {
  return gated(() => money(landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], false), "taxes"));
}

/**
 * Every line of the DUTY.LANDED computation: values, customs value, de minimis, each duty layer, each fee and tax, and the totals, with the rate, what it applies to, the formula, the rounding and the source.
 * @customfunction LANDED.DETAIL
 * @helpurl https://localhost:3000/help/landed-detail.html
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
 * @returns {any[][]} A table with a header row: part, line, rate, applied to, amount, formula, rounding, source.
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
) {
  return gated(() => {
    const cost = landedFromExcel([value, country, sector, date, freight, insurance, quantity, importer, mode, options], true);
    const v = excelValues();
    const rows = landedDetailRows(cost).map((r) => [
      r.part,
      r.item,
      r.rate,
      r.base === null ? "" : r.base.toNumber(),
      // Every amount is in the importer's currency; "applied to" may be a quantity, so it stays a number.
      r.amount === null ? "" : v.money(r.amount.toNumber(), cost.currency),
      r.formula,
      r.rounding,
      r.source,
    ]);
    return [[...LANDED_DETAIL_HEADER], ...rows];
  });
}

// ---------------------------------------------------------------- decisions
// Sourcing and pricing questions built on TARIFF and LANDED (src/engine/decisions): which origin, what
// price, what the whole book pays. Each has a CLI twin (dutydesk compare, maxprice, etr) on the same engine.

/**
 * Compares origins for the same goods, cheapest first: by total rate, or by landed cost when a value is given. Claims the table offers only some origins (USMCA: CA, MX) are made for those, and the row says so.
 * @customfunction COMPARE
 * @helpurl https://localhost:3000/help/compare.html
 * @param sector HTS code (text or number, dots optional) or a sector keyword (steel, toys).
 * @param {any[][]} origins The origins to compare: a range of countries, or text such as "CN, VN, MX". Each origin once.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [value] Price of the goods: when given, origins are ranked by landed cost (DUTY.LANDED with this value).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA", as for TARIFF.
 * @returns {any[][]} A table with a header row: origin, total, additional, landed cost, difference to the cheapest, largest layer, its authority, note. An origin without a total shows why and comes last.
 */
export function compare(sector: any, origins: any[][], date?: any, value?: any, importer?: any, options?: any) {
  return gated(() => {
    const table = currentTable();
    const c = answer(compareOrigins(table, need(compareQuestion({ sector, origins, date, value, importer, options }, table, new Date()))));
    const v = excelValues();
    return [
      [...COMPARE_HEADER],
      ...c.rows.map((r) => {
        const unknown = r.error === null ? null : toExcelError("notAvailable", `${r.origin}: ${r.error}`);
        return [
          r.origin,
          r.total === null ? (unknown ?? "") : v.rate(r.total.toNumber()),
          r.additional === null ? "" : v.rate(r.additional.toNumber()),
          c.rankedBy === "total" ? "" : r.landed === null ? (unknown ?? "") : r.landed.toNumber(),
          r.difference === null ? "" : c.rankedBy === "total" ? v.rate(r.difference.toNumber()) : r.difference.toNumber(),
          r.largest?.heading ?? "",
          r.largest?.authority ?? "",
          [r.error, r.claimNote].filter((t) => t !== null && t !== "").join("; "),
        ];
      }),
    ];
  });
}

/**
 * The highest supplier price, to the cent, whose landed cost is at most the target: landed(price) ≤ target < landed(price + 0.01). Solved exactly by search over whole cents (doubling, then bisection), checking that landed cost never falls as the price rises.
 * @customfunction MAXPRICE
 * @helpurl https://localhost:3000/help/maxprice.html
 * @param target The highest acceptable landed cost, in the importer's currency.
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code or sector keyword.
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [freight] International freight, in the invoice currency (as for LANDED).
 * @param [insurance] Insurance, in the invoice currency (as for LANDED).
 * @param [quantity] Quantity for a specific duty: a number in the rate's unit, or text such as "100 kg".
 * @param [importer] Importing country: US (default), CN, GB, CA or an EU member state.
 * @param [mode] Transport mode: ocean, air, truck, rail or postal.
 * @param [options] The LANDED options: "fx=1.15; formal; USMCA" and the like.
 * @returns {number} The price in the invoice currency, to the cent; #N/A with the reason when no price meets the target.
 */
export function maxprice(
  target: any,
  country: any,
  sector: any,
  date?: any,
  freight?: any,
  insurance?: any,
  quantity?: any,
  importer?: any,
  mode?: any,
  options?: any,
) {
  return gated(() => {
    const table = currentTable();
    const q = need(maxPriceQuestion([target, country, sector, date, freight, insurance, quantity, importer, mode, options], table, new Date()));
    return answer(maxPrice(table, q.request, q.target)).price.toNumber();
  });
}

/**
 * Effective tariff rate of a book of imports: Σ(value × total rate) / Σ value, the Budget Lab's measure applied to your own lines. Blank rows are skipped; a row without a total is #N/A naming it; a book of zero value is #DIV/0!.
 * @customfunction ETR
 * @helpurl https://localhost:3000/help/etr.html
 * @param {any[][]} values Import value of each line (a range).
 * @param {any[][]} countries Country of origin of each line (a range of the same shape).
 * @param {any[][]} sectors HTS code or sector keyword of each line (a range of the same shape).
 * @param [date] Entry date: an Excel date or YYYY-MM-DD text. Empty means today (US Eastern).
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA", as for TARIFF, applied to every line.
 * @returns {any} The effective rate as a fraction (0.2 = 20%).
 */
export function etr(values: any[][], countries: any[][], sectors: any[][], date?: any, importer?: any, options?: any) {
  return gated(() => {
    const table = currentTable();
    const q = need(etrQuestion({ values, countries, sectors, date, importer, options }, table, new Date()));
    const r = answer(bookRate(table, q.book, q.day, q.options));
    if (r.etr === null) throw new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero, "the book's total value is zero: no rate");
    return excelValues().rate(r.etr.toNumber());
  });
}

// ---------------------------------------------------------------- the rate card

/**
 * The duty rate as a card, like the Stocks data type: title "145% · China · 9503.00.00 · 2025-04-15", properties Total, Base, Additional and Layers (=A1.Total), the table and its hash, the basis and the claims. Without data types in the host, the title as text.
 * @customfunction RATE
 * @helpurl https://localhost:3000/help/rate.html
 * @param country Country of origin: ISO code (CN, CHN) or English name (China).
 * @param sector HTS code (text or number, dots optional, 2 to 10 digits) or a sector keyword (steel, toys).
 * @param [date] Entry date: an Excel date, YYYY-MM-DD or 15 Apr 2025. Empty means today (US Eastern), at calculation time.
 * @param [importer] Importing country: US (default) or CN.
 * @param [options] Text such as "final; USMCA", as for TARIFF.
 * @returns {any} An entity card.
 */
export function rate(country: any, sector: any, date?: any, importer?: any, options?: any) {
  return gated(() => {
    const q = question(country, sector, date, importer, options);
    const card = rateCard(answer(lookupRate(currentTable(), q.request)), q.choice);
    return excelValues().rich ? card : card.text;
  });
}
