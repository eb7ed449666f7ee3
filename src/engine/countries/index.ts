export * from "./countryResolver";
export { ISO3166 } from "./iso3166";
export type { CountryRecord } from "./iso3166";
