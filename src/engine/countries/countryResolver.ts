import { ISO3166 } from "./iso3166";
import { clip } from "../util/clip";

/** An ISO 3166-1 alpha-2 code that names a real country or territory. */
export type CountryCode = string & { readonly __brand: "CountryCode" };

export type CountryParse = { ok: true; code: CountryCode; name: string } | { ok: false; reason: string };

/** Case, dots, spaces and apostrophes do not distinguish names: "u.s.", "US", "Cote d'Ivoire". */
export function normalizeCountryKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[.\s'’`-]+/g, "");
}

const BY_KEY = new Map<string, { code: CountryCode; name: string }>();
for (const c of ISO3166) {
  const entry = { code: c.alpha2 as CountryCode, name: c.name };
  for (const key of [c.alpha2, c.alpha3, c.name, ...c.aliases]) BY_KEY.set(normalizeCountryKey(key), entry);
}

export function countryName(code: CountryCode): string {
  return BY_KEY.get(normalizeCountryKey(code))?.name ?? code;
}

export function isCountryCode(code: string): code is CountryCode {
  return /^[A-Z]{2}$/.test(code) && BY_KEY.get(normalizeCountryKey(code))?.code === code;
}

/**
 * Resolves what an analyst types in a country column: ISO alpha-2 or alpha-3, an English name or a common
 * alias. `groups` maps group names (EU, USMCA) to a hint, because a group is not a country of origin.
 */
export function parseCountry(input: string, groups: ReadonlyMap<string, string> = new Map()): CountryParse {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "the country is empty" };
  const found = BY_KEY.get(normalizeCountryKey(text));
  if (found) return { ok: true, code: found.code, name: found.name };
  const group = groups.get(normalizeCountryKey(text));
  if (group) return { ok: false, reason: `"${clip(text)}" is a group (${group}), not a country of origin: name a member country` };
  return { ok: false, reason: `unknown country "${clip(text)}": use an ISO code (CN, CHN) or an English name` };
}
