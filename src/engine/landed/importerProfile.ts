import { CountryCode, countryName, parseCountry } from "../countries";
import { Day, isoDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { clip } from "../util/clip";

/**
 * How each importing country values goods for duty and what it adds on top: the rules of landed cost
 * that are not tariff rates. These are data rows; the code that reads them knows no country.
 */
export type ValuationBasis = "transaction" | "fob" | "cif";

export type TaxRegime = "none" | "cn" | "vat" | "gst";

export interface ImporterProfile {
  readonly code: CountryCode;
  readonly name: string;
  /** The currency every amount is computed in; the caller's `fx` converts the invoice into it. */
  readonly currency: (day: Day) => string;
  readonly valuation: ValuationBasis;
  readonly valuationSource: string;
  /** US only: MPF, HMF and the Section 321 de minimis rules apply. */
  readonly usFees: boolean;
  readonly taxes: TaxRegime;
  /** Member of the EU customs union: goods from another member state are not imported at all. */
  readonly euMember: boolean;
}

const US_VALUATION = "transaction value, international freight and insurance excluded: 19 USC 1401a(b)(4)(A); 19 CFR 152.103";
const CA_VALUATION = "value for duty at the place of direct shipment to Canada (FOB-type), freight to Canada excluded: Customs Act s.48; CBSA Memorandum D13-3-5";
const CN_VALUATION = "CIF: transaction price plus freight, related charges and insurance to the place of importation: PRC Customs Law Art. 55";
const EU_VALUATION = "CIF to the EU border: Union Customs Code (Reg. 952/2013) Art. 70 and 71(1)(e); CJEU C-75/20 Lifosa";
const GB_VALUATION = "CIF to the UK border: HMRC Notice 252 (valuation of imported goods)";

const fixed = (code: string) => () => code;

/**
 * EU member states and their currencies. Bulgaria adopted the euro on 2026-01-01 (Council decision of
 * July 2025); every other currency here has been unchanged since before the rate table's coverage.
 */
const BG_EURO = isoDay("2026-01-01");
const EU_CURRENCIES: Readonly<Record<string, (day: Day) => string>> = {
  AT: fixed("EUR"), BE: fixed("EUR"), BG: (d) => (d < BG_EURO ? "BGN" : "EUR"), HR: fixed("EUR"), CY: fixed("EUR"),
  CZ: fixed("CZK"), DK: fixed("DKK"), EE: fixed("EUR"), FI: fixed("EUR"), FR: fixed("EUR"), DE: fixed("EUR"),
  GR: fixed("EUR"), HU: fixed("HUF"), IE: fixed("EUR"), IT: fixed("EUR"), LV: fixed("EUR"), LT: fixed("EUR"),
  LU: fixed("EUR"), MT: fixed("EUR"), NL: fixed("EUR"), PL: fixed("PLN"), PT: fixed("EUR"), RO: fixed("RON"),
  SK: fixed("EUR"), SI: fixed("EUR"), ES: fixed("EUR"), SE: fixed("SEK"),
};

export const EU_MEMBERS: readonly string[] = Object.keys(EU_CURRENCIES);

function profile(code: string, fields: Omit<ImporterProfile, "code" | "name" | "euMember"> & { euMember?: boolean }): ImporterProfile {
  return { code: code as CountryCode, name: countryName(code as CountryCode), euMember: false, ...fields };
}

const PROFILES = new Map<string, ImporterProfile>([
  ["US", profile("US", { currency: fixed("USD"), valuation: "transaction", valuationSource: US_VALUATION, usFees: true, taxes: "none" })],
  ["CN", profile("CN", { currency: fixed("CNY"), valuation: "cif", valuationSource: CN_VALUATION, usFees: false, taxes: "cn" })],
  ["GB", profile("GB", { currency: fixed("GBP"), valuation: "cif", valuationSource: GB_VALUATION, usFees: false, taxes: "vat" })],
  ["CA", profile("CA", { currency: fixed("CAD"), valuation: "fob", valuationSource: CA_VALUATION, usFees: false, taxes: "gst" })],
  ...EU_MEMBERS.map(
    (code) =>
      [code, profile(code, { currency: EU_CURRENCIES[code]!, valuation: "cif", valuationSource: EU_VALUATION, usFees: false, taxes: "vat", euMember: true })] as const,
  ),
]);

export const LANDED_IMPORTERS = "US, CN, GB, CA and the EU member states (DE, FR, …)";

/**
 * The importer argument: an ISO code or a name ("UK", "Germany"), default US. "EU" is refused with a
 * reason, because import VAT is set by each member state; "EL" (the EU's code for Greece) is accepted.
 */
export function importerProfile(input: string | null | undefined): Outcome<ImporterProfile> {
  const key = input ?? "";
  const hit = CACHE.get(key);
  if (hit) return hit;
  const found = resolveImporter(key);
  if (CACHE.size >= 1000) CACHE.clear(); // bounded: a batch may hold any text in its importer column
  CACHE.set(key, found);
  return found;
}

const CACHE = new Map<string, Outcome<ImporterProfile>>();

function resolveImporter(input: string): Outcome<ImporterProfile> {
  const text = input.trim();
  if (text === "") return ok(PROFILES.get("US")!);
  const upper = text.toUpperCase();
  if (upper === "EU" || upper === "EU27" || upper === "EUROPEAN UNION") {
    return invalid(`importer "${clip(text, 20)}": name the EU member state of import (DE, FR, NL, …); its VAT rate applies`);
  }
  const parsed = parseCountry(upper === "EL" ? "GR" : text);
  if (!parsed.ok) return invalid(`importer: ${parsed.reason}`);
  const found = PROFILES.get(parsed.code);
  if (!found) return notAvailable(`no landed-cost rules for importer ${parsed.name}: DutyDesk knows ${LANDED_IMPORTERS}`);
  return ok(found);
}
