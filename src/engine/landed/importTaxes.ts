import Decimal from "decimal.js";
import { Day, isoDay, isoFromDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { ImporterProfile } from "./importerProfile";
import { HALF_UP_CENT, ONE, formatMoney, formatPercent, roundCents } from "./money";

/*
 * Import VAT, GST and China's consumption tax, charged at the border on the customs value plus duty.
 *
 * Standard rates are dated rows with sources. They apply to goods in general; reduced rates (China's 9%
 * on farm products, grain, edible oils, books, feed, fertiliser …; the EU's reduced rates) depend on
 * product definitions that no HS prefix list captures exactly, so they are never inferred: the caller
 * passes the rate (option vat=9%) and the detail says it was given.
 *
 * Rows are checked through `CHECKED_THROUGH`; a later entry date still gets the last row (VAT rates
 * persist until changed) and the detail says the rate was not re-checked for that date.
 */
export interface VatRow {
  readonly country: string;
  readonly tax: "VAT" | "GST";
  readonly percent: string;
  readonly from: string;
  readonly to?: string;
  readonly source: string;
}

export const CHECKED_THROUGH = "2025-12-31";

// Transcribed from the European Commission's list (DG TAXUD, "VAT rates applied in the Member States of the
// European Union") as restated by 2025 summaries (easytax.co, vat-solutions.com, eurofiscalis.com); the
// Commission document itself was not re-read for this table. Rows start at 2016-01-01 or at the last change
// before that date was checked; earlier entry dates are refused.
const EC = "European Commission (DG TAXUD), VAT rates applied in the Member States, via 2025 secondary summaries: verify before filing";

export const IMPORT_VAT: readonly VatRow[] = [
  { country: "CN", tax: "VAT", percent: "13", from: "2019-04-01", source: "MOF/STA/GACC Announcement [2019] No. 39 (16% → 13% from 2019-04-01); PRC VAT Law (from 2026-01-01) keeps 13%" },
  { country: "GB", tax: "VAT", percent: "20", from: "2011-01-04", source: "VAT Act 1994 s.2 (20% from 2011-01-04); import VAT on the duty-inclusive value: VAT Act 1994 s.21" },
  { country: "CA", tax: "GST", percent: "5", from: "2008-01-01", source: "Excise Tax Act s.212, s.215 (GST 5% on value for duty + duty, from 2008-01-01); CBSA D13-3-5" },
  { country: "AT", tax: "VAT", percent: "20", from: "2016-01-01", source: EC },
  { country: "BE", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "BG", tax: "VAT", percent: "20", from: "2016-01-01", source: EC },
  { country: "HR", tax: "VAT", percent: "25", from: "2016-01-01", source: EC },
  { country: "CY", tax: "VAT", percent: "19", from: "2016-01-01", source: EC },
  { country: "CZ", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "DK", tax: "VAT", percent: "25", from: "2016-01-01", source: EC },
  { country: "EE", tax: "VAT", percent: "20", from: "2016-01-01", to: "2024-01-01", source: EC },
  { country: "EE", tax: "VAT", percent: "22", from: "2024-01-01", to: "2025-07-01", source: EC },
  { country: "EE", tax: "VAT", percent: "24", from: "2025-07-01", source: `${EC}; Estonian VAT Act amendment (24% from 2025-07-01)` },
  { country: "FI", tax: "VAT", percent: "24", from: "2016-01-01", to: "2024-09-01", source: EC },
  { country: "FI", tax: "VAT", percent: "25.5", from: "2024-09-01", source: `${EC}; Finnish VAT Act amendment (25.5% from 2024-09-01)` },
  { country: "FR", tax: "VAT", percent: "20", from: "2016-01-01", source: EC },
  { country: "DE", tax: "VAT", percent: "19", from: "2021-01-01", source: `${EC} (16% from 2020-07-01 to 2020-12-31 not modelled)` },
  { country: "GR", tax: "VAT", percent: "24", from: "2016-06-01", source: EC },
  { country: "HU", tax: "VAT", percent: "27", from: "2016-01-01", source: EC },
  { country: "IE", tax: "VAT", percent: "23", from: "2021-03-01", source: EC },
  { country: "IT", tax: "VAT", percent: "22", from: "2016-01-01", source: EC },
  { country: "LV", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "LT", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "LU", tax: "VAT", percent: "17", from: "2024-01-01", source: `${EC} (16% in 2023 not modelled)` },
  { country: "MT", tax: "VAT", percent: "18", from: "2016-01-01", source: EC },
  { country: "NL", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "PL", tax: "VAT", percent: "23", from: "2016-01-01", source: EC },
  { country: "PT", tax: "VAT", percent: "23", from: "2016-01-01", source: EC },
  { country: "RO", tax: "VAT", percent: "19", from: "2017-01-01", to: "2025-08-01", source: EC },
  { country: "RO", tax: "VAT", percent: "21", from: "2025-08-01", source: `${EC}; Romanian Law 141/2025 (21% from 2025-08-01)` },
  { country: "SK", tax: "VAT", percent: "20", from: "2016-01-01", to: "2025-01-01", source: EC },
  { country: "SK", tax: "VAT", percent: "23", from: "2025-01-01", source: `${EC}; Slovak Act 278/2024 (23% from 2025-01-01)` },
  { country: "SI", tax: "VAT", percent: "22", from: "2016-01-01", source: EC },
  { country: "ES", tax: "VAT", percent: "21", from: "2016-01-01", source: EC },
  { country: "SE", tax: "VAT", percent: "25", from: "2016-01-01", source: EC },
];

const ROWS = IMPORT_VAT.map((row) => ({
  row,
  from: isoDay(row.from),
  to: row.to === undefined ? null : isoDay(row.to),
  fraction: new Decimal(row.percent).div(100),
}));
const CHECKED = isoDay(CHECKED_THROUGH);

export interface TaxRate {
  readonly tax: "VAT" | "GST";
  readonly fraction: Decimal;
  readonly source: string;
  /** True when the entry date is past CHECKED_THROUGH and the row is open-ended. */
  readonly unchecked: boolean;
}

/** The standard import VAT/GST rate of an importer on an entry date; #N/A before the first row. */
export function standardTaxRate(country: string, day: Day): Outcome<TaxRate> {
  const rows = ROWS.filter((r) => r.row.country === country);
  if (rows.length === 0) return notAvailable(`no import VAT or GST rate for ${country} in DutyDesk's tax table`);
  const found = rows.find((r) => day >= r.from && (r.to === null || day < r.to));
  if (!found) return notAvailable(`the ${country} import ${rows[0]!.row.tax} rate on ${isoFromDay(day)} is not in DutyDesk's tax table (it starts ${rows[0]!.row.from})`);
  return ok({ tax: found.row.tax, fraction: found.fraction, source: found.row.source, unchecked: day > CHECKED && found.to === null });
}

export interface TaxLine {
  readonly item: string;
  readonly base: Decimal;
  readonly amount: Decimal;
  /** What the line says in the detail; built only when asked for (batch runs skip it). */
  readonly describe: () => { readonly rate: string; readonly formula: string; readonly rounding: string; readonly source: string };
}

export interface TaxRequest {
  readonly customsValue: Decimal;
  readonly duty: Decimal;
  readonly day: Day;
  /** A rate given by the caller (a reduced rate), replacing the standard one. */
  readonly vat: Decimal | null;
  /** China's consumption tax, ad valorem (tobacco, alcohol, cosmetics, jewellery, vehicles …). */
  readonly consumptionTax: Decimal | null;
}

/** Why a vat= or ct= option cannot apply to this importer, or null. */
export function checkTaxOptions(profile: ImporterProfile, vat: Decimal | null, ct: Decimal | null): string | null {
  if (profile.taxes === "none" && vat !== null) return `vat= does not apply: ${profile.name} charges no import VAT`;
  if (ct !== null && profile.taxes !== "cn") return `ct= is China's consumption tax; it does not apply to imports into ${profile.name}`;
  return null;
}

const CN_ROUNDING = "half-up to the fen (0.01 CNY), as China customs computes duties and taxes";
const CT_SOURCE = "PRC Provisional Regulations on Consumption Tax (composite assessable price of imports); research/china.md §2";

/**
 * The import taxes of one entry, each rounded to the cent (fen, penny) half up at its own line; a later
 * line uses the earlier lines' rounded amounts, as the declaration shows them.
 *
 * - CN: consumption tax = (CIF + duty) / (1 − ct) × ct, when a rate is given; VAT = (CIF + duty + CT) × 13%
 *   (or the rate given). Additional (retaliatory) duties are customs duty, so they are in the base.
 * - EU and GB: VAT = (customs value + duty) × rate (Directive 2006/112 Art. 85-86; VAT Act 1994 s.21).
 *   The EU base also takes incidental costs to the first destination, which are not an input here.
 * - CA: GST = (value for duty + duty) × 5%.
 * - US: no federal import tax.
 */
export function importTaxes(profile: ImporterProfile, req: TaxRequest): Outcome<TaxLine[]> {
  const problem = checkTaxOptions(profile, req.vat, req.consumptionTax);
  if (problem) return invalid(problem);
  if (profile.taxes === "none") return ok([]);
  const standard = standardTaxRate(profile.code, req.day);
  if (!standard.ok && req.vat === null) return standard;
  const taxName = standard.ok ? standard.value.tax : profile.taxes === "gst" ? "GST" : "VAT";
  const lines: TaxLine[] = [];
  const cv = req.customsValue;
  const duty = req.duty;
  const dutiable = cv.plus(duty);
  let base = dutiable;
  const rounding = profile.taxes === "cn" ? CN_ROUNDING : HALF_UP_CENT;

  let ctAmount: Decimal | null = null;
  if (profile.taxes === "cn" && req.consumptionTax !== null) {
    const ct = req.consumptionTax;
    if (ct.greaterThanOrEqualTo(ONE)) return invalid("ct= must be below 100%");
    const ctBase = dutiable.div(ONE.minus(ct));
    const amount = roundCents(ctBase.times(ct));
    ctAmount = amount;
    lines.push({
      item: "Consumption tax",
      base: roundCents(ctBase),
      amount,
      describe: () => ({
        rate: `${formatPercent(ct)} (given)`,
        formula: `(CIF ${formatMoney(cv)} + duty ${formatMoney(duty)}) / (1 − ${formatPercent(ct)}) = ${formatMoney(roundCents(ctBase))}; × ${formatPercent(ct)} = ${formatMoney(amount)}`,
        rounding,
        source: CT_SOURCE,
      }),
    });
    base = dutiable.plus(amount);
  }

  const given = req.vat !== null;
  const fraction = req.vat ?? (standard.ok ? standard.value.fraction : null)!;
  const vatBase = base;
  const amount = roundCents(vatBase.times(fraction));
  lines.push({
    item: `Import ${taxName}`,
    base: vatBase,
    amount,
    describe: () => {
      const parts =
        ctAmount !== null
          ? `(CIF ${formatMoney(cv)} + duty ${formatMoney(duty)} + consumption tax ${formatMoney(ctAmount)})`
          : `(${profile.valuation === "cif" ? "CIF" : profile.valuation === "fob" ? "value for duty" : "value"} ${formatMoney(cv)} + duty ${formatMoney(duty)})`;
      const rateNote = given ? " (given in options)" : profile.taxes === "cn" ? " (general rate; pass vat=9% for goods on the reduced list)" : " (standard rate)";
      const notes = [
        !given && standard.ok && standard.value.unchecked ? `standard rate checked through ${CHECKED_THROUGH}; not re-checked for ${isoFromDay(req.day)}` : null,
        profile.taxes !== "cn" ? "recoverable as input tax by a registered importer, but part of the cash landed cost" : null,
      ].filter(Boolean);
      return {
        rate: `${formatPercent(fraction)}${rateNote}`,
        formula: `${parts} = ${formatMoney(vatBase)}; × ${formatPercent(fraction)} = ${formatMoney(amount)}${notes.length ? `; ${notes.join("; ")}` : ""}`,
        rounding,
        source: given ? "rate given by the caller" : standard.ok ? standard.value.source : "",
      };
    },
  });
  return ok(lines);
}
