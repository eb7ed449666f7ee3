import { z } from "zod";
import { isCountryCode } from "../countries";
import { clip } from "../util/clip";
import { Checked, DeepReadonly, countryCode, integer, isoDate, list, nonEmptyList, record, text } from "./schemaFields";

/**
 * The landed-cost law (`landed`, format 2): every rate and amount DUTY.LANDED uses besides the tariff
 * measures, as dated rows [from, to) with their legal source (`source`, shown in the detail) and public
 * citations. What a schema cannot say (rows of one key never overlap, rows name declared importers) is
 * checked in validateLanded.ts.
 */
const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;
const USD = /^\d{1,9}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const UNION = /^[A-Z][A-Za-z0-9-]{0,19}$/;

const percent = text(2000, PERCENT);
const usd = text(2000, USD);
const citations = nonEmptyList(text(), 50, "every row cites a public source");

/** `source` is the legal source as the DUTY.LANDED detail shows it; `citations` the public documents. */
const cited = { source: text(), citations };
/** A dated row: [from, to), `to` absent while in force. */
const dated = { ...cited, from: isoDate, to: isoDate.optional() };

const valuationBasis = z.enum(["transaction", "fob", "cif"]);
const taxRegime = z.enum(["none", "cn", "vat", "gst"]);

const landedImporter = record({
  code: countryCode,
  valuation: valuationBasis,
  valuationSource: text(),
  taxes: taxRegime,
  /** MPF, HMF and Section 321 de minimis apply (the US). */
  usFees: z.boolean(),
  /** Goods of another importer with the same union are not imported at all (EU). */
  customsUnion: text(2000, UNION).optional(),
  fxSource: text(),
  /** How tax lines round, where not the default half-up to the cent. */
  taxRounding: text().optional(),
  /** Where the consumption tax formula comes from (regime `cn`). */
  consumptionTaxSource: text().optional(),
  /** Said beside a standard tax rate in the detail (China: pass vat=9% for goods on the reduced list). */
  standardRateNote: text(200).optional(),
  citations,
});

const currencyRow = record({
  ...cited,
  country: text(),
  currency: text(2000, CURRENCY),
  /** Absent: in force since before any date the landed rows cover. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const mpfRow = record({
  ...dated,
  fiscalYear: integer,
  /** Ad valorem rate in percent ("0.3464"). */
  percent,
  /** Minimum and maximum per formal entry, USD. */
  min: usd,
  max: usd,
  /** Flat fee of an automated informal entry (class code 311), USD. */
  informal: usd,
  confidence: z.enum(["confirmed", "secondary"]),
  /** Statute and regulation; `source` is the notice setting the year's amounts. */
  law: text(),
});

const hmfRow = record({
  ...dated,
  percent,
  /** An HMF at or below this, on an entry owing nothing else, is not collected (USD). */
  smallUsd: usd,
  smallSource: text(),
});

const informalEntryRow = record({
  ...dated,
  /** Shipments valued up to this may be entered informally (USD). */
  usd,
});

const deMinimisOrigin = new Checked(text(), (s) =>
  s === "*" || isCountryCode(s) ? null : `${JSON.stringify(clip(s, 60))} is not an ISO alpha-2 country or "*"`,
);

const deMinimisRow = record({
  ...dated,
  /** ISO codes, or ["*"] for every origin no other row lists. */
  origins: nonEmptyList(deMinimisOrigin, 300, 'name the origins (ISO codes) or ["*"]'),
  thresholdUsd: usd,
  /** Why the row ended; the text before its first colon is its short citation. */
  endedBy: text(),
});

const importTaxRow = record({
  ...dated,
  country: text(),
  tax: z.enum(["VAT", "GST"]),
  percent,
});

export const landedSchema = record({
  importers: list(landedImporter, 300),
  currencies: list(currencyRow, 1000),
  mpf: list(mpfRow, 200),
  hmf: list(hmfRow, 100),
  informalEntry: list(informalEntryRow, 100),
  deMinimis: list(deMinimisRow, 500),
  importTax: record({ checkedThrough: isoDate, rates: list(importTaxRow, 2000) }),
});

export type LandedDoc = DeepReadonly<z.infer<typeof landedSchema>>;
export type ValuationBasis = z.infer<typeof valuationBasis>;
export type TaxRegime = z.infer<typeof taxRegime>;
export type LandedImporterDoc = LandedDoc["importers"][number];
export type CurrencyRowDoc = LandedDoc["currencies"][number];
export type MpfRowDoc = LandedDoc["mpf"][number];
export type HmfRowDoc = LandedDoc["hmf"][number];
export type InformalEntryRowDoc = LandedDoc["informalEntry"][number];
export type DeMinimisRowDoc = LandedDoc["deMinimis"][number];
export type ImportTaxRowDoc = LandedDoc["importTax"]["rates"][number];
