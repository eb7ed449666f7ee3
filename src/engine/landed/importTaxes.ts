import Decimal from "decimal.js";
import { Day, isoFromDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { ImporterProfile, LandedLaw, rowOn } from "./landedLaw";
import { HALF_UP_CENT, ONE, formatMoney, formatPercent, roundCents } from "./money";

/*
 * Import VAT, GST and China's consumption tax, charged at the border on the customs value plus duty.
 *
 * Standard rates are dated rows of the table's landed law (data/source/landed/import-taxes.yaml). They
 * apply to goods in general; reduced rates (China's 9% on farm products, grain, edible oils, books, feed,
 * fertiliser …; the EU's reduced rates) depend on product definitions that no HS prefix list captures
 * exactly, so they are never inferred: the caller passes the rate (option vat=9%) and the detail says it
 * was given.
 *
 * Rows are checked through the law's `checkedThrough` date; a later entry date still gets the last row
 * (VAT rates persist until changed) and the detail says the rate was not re-checked for that date.
 */
export interface TaxRate {
  readonly tax: "VAT" | "GST";
  readonly fraction: Decimal;
  readonly source: string;
  /** True when the entry date is past the law's checkedThrough date and the row is open-ended. */
  readonly unchecked: boolean;
}

/** The standard import VAT/GST rate of an importer on an entry date; #N/A before the first row. */
export function standardTaxRate(law: LandedLaw, country: string, day: Day): Outcome<TaxRate> {
  const rows = law.importTax.get(country) ?? [];
  if (rows.length === 0) return notAvailable(`no import VAT or GST rate for ${country} in DutyDesk's tax table`);
  const found = rowOn(rows, day);
  if (!found)
    return notAvailable(
      `the ${country} import ${rows[0]!.row.tax} rate on ${isoFromDay(day)} is not in DutyDesk's tax table (it starts ${rows[0]!.row.from})`,
    );
  return ok({ tax: found.row.tax, fraction: found.fraction, source: found.row.source, unchecked: day > law.taxCheckedThrough && found.to === null });
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

/**
 * The import taxes of one entry, each rounded to the cent (fen, penny) half up at its own line; a later
 * line uses the earlier lines' rounded amounts, as the declaration shows them.
 *
 * - CN: consumption tax = (CIF + duty) / (1 − ct) × ct, when a rate is given; VAT = (CIF + duty + CT) × the
 *   standard rate (or the rate given). Additional (retaliatory) duties are customs duty, so they are in the base.
 * - EU and GB: VAT = (customs value + duty) × rate (Directive 2006/112 Art. 85-86; VAT Act 1994 s.21).
 *   The EU base also takes incidental costs to the first destination, which are not an input here.
 * - CA: GST = (value for duty + duty) × 5%.
 * - US: no federal import tax.
 */
export function importTaxes(law: LandedLaw, profile: ImporterProfile, req: TaxRequest): Outcome<TaxLine[]> {
  const problem = checkTaxOptions(profile, req.vat, req.consumptionTax);
  if (problem) return invalid(problem);
  if (profile.taxes === "none") return ok([]);
  const standard = standardTaxRate(law, profile.code, req.day);
  if (!standard.ok && req.vat === null) return standard;
  const taxName = standard.ok ? standard.value.tax : profile.taxes === "gst" ? "GST" : "VAT";
  const lines: TaxLine[] = [];
  const cv = req.customsValue;
  const duty = req.duty;
  const dutiable = cv.plus(duty);
  let base = dutiable;
  const rounding = profile.taxRounding ?? HALF_UP_CENT;

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
        source: profile.consumptionTaxSource ?? "",
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
      const rateNote = given ? " (given in options)" : ` (${profile.standardRateNote ?? "standard rate"})`;
      const notes = [
        !given && standard.ok && standard.value.unchecked
          ? `standard rate checked through ${law.doc.importTax.checkedThrough}; not re-checked for ${isoFromDay(req.day)}`
          : null,
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
