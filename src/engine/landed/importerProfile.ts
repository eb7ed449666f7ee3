import { DEFAULT_IMPORTER } from "../lookup/defaultImporter";
import { parseCountry } from "../countries";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { clip } from "../util/clip";
import { ImporterProfile, LandedLaw } from "./landedLaw";

/**
 * The importing countries DUTY.LANDED knows are the `landed.importers` rows of the table's law
 * (data/source/landed/importers.yaml): how each values goods for duty, which taxes it charges, its
 * currency. The code that reads them knows no country.
 */
export type { ImporterProfile } from "./landedLaw";
export type { TaxRegime, ValuationBasis } from "../table/schema";

/** Importer texts remembered per law; bounded, since a batch may hold any text in its importer column. */
const MAX_CACHED = 1000;

/**
 * The importer argument: an ISO code or a name ("UK", "Germany"), default US. "EU" is refused with a
 * reason, because import VAT is set by each member state; "EL" (the EU's code for Greece) is accepted.
 */
export function importerProfile(law: LandedLaw, input: string | null | undefined): Outcome<ImporterProfile> {
  const key = input ?? "";
  const cache = law.profileCache as Map<string, Outcome<ImporterProfile>>;
  const hit = cache.get(key);
  if (hit) return hit;
  const found = resolveImporter(law, key);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, found);
  return found;
}

function resolveImporter(law: LandedLaw, input: string): Outcome<ImporterProfile> {
  const text = input.trim();
  if (text === "") {
    const found = law.importers.get(DEFAULT_IMPORTER);
    return found
      ? ok(found)
      : notAvailable(`no importer given, and the table's landed-cost law has no rules for the default importer ${DEFAULT_IMPORTER}`);
  }
  const upper = text.toUpperCase();
  if (upper === "EU" || upper === "EU27" || upper === "EUROPEAN UNION") {
    return invalid(`importer "${clip(text, 20)}": name the EU member state of import (DE, FR, NL, …); its VAT rate applies`);
  }
  const parsed = parseCountry(upper === "EL" ? "GR" : text);
  if (!parsed.ok) return invalid(`importer: ${parsed.reason}`);
  const found = law.importers.get(parsed.code);
  if (!found) return notAvailable(`no landed-cost rules for importer ${parsed.name}: DutyDesk knows ${law.known}`);
  return ok(found);
}

/** True when goods of `origin` move inside the importer's customs union: not an import at all. */
export function sameCustomsUnion(law: LandedLaw, importer: ImporterProfile, origin: string): boolean {
  if (importer.customsUnion === null) return false;
  return law.importers.get(origin)?.customsUnion === importer.customsUnion;
}
