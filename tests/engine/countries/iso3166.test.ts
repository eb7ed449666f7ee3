import { ISO3166 } from "../../../src/engine/countries/iso3166";

/** The normalization these tests hold the data to: case-insensitive, dots and whitespace ignored. */
const norm = (s: string): string => s.toLowerCase().replace(/[.\s]/g, "");

/** Every string a user could type for a country: its codes, its name and its aliases. */
const spellings = (c: (typeof ISO3166)[number]): string[] => [c.alpha2, c.alpha3, c.name, ...c.aliases];

/** A reference resolver built only for these tests: normalized spelling -> alpha2. */
const resolve = (() => {
  const index = new Map<string, string>();
  for (const c of ISO3166) for (const s of spellings(c)) index.set(norm(s), c.alpha2);
  return (s: string): string | undefined => index.get(norm(s));
})();

describe("ISO 3166-1 country list", () => {
  it("has exactly the 249 officially assigned entries", () => {
    expect(ISO3166).toHaveLength(249);
  });

  it("uses well-formed, unique alpha-2 codes", () => {
    for (const c of ISO3166) expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
    expect(new Set(ISO3166.map((c) => c.alpha2)).size).toBe(ISO3166.length);
  });

  it("uses well-formed, unique alpha-3 codes", () => {
    for (const c of ISO3166) expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
    expect(new Set(ISO3166.map((c) => c.alpha3)).size).toBe(ISO3166.length);
  });

  it("is sorted by alpha-2", () => {
    const codes = ISO3166.map((c) => c.alpha2);
    expect(codes).toEqual([...codes].sort());
  });

  it("gives every entry a non-empty name and trimmed, non-empty aliases", () => {
    for (const c of ISO3166) {
      expect(c.name.trim()).toBe(c.name);
      expect(c.name.length).toBeGreaterThan(0);
      for (const a of c.aliases) {
        expect(a.trim()).toBe(a);
        expect(a.length).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ["CN", "CHN", "China"],
    ["VN", "VNM", "Vietnam"],
    ["GB", "GBR", "United Kingdom"],
    ["US", "USA", "United States"],
    ["DE", "DEU", "Germany"],
    ["MX", "MEX", "Mexico"],
    ["CA", "CAN", "Canada"],
    ["JP", "JPN", "Japan"],
    ["KR", "KOR", "South Korea"],
    ["TW", "TWN", "Taiwan"],
    ["HK", "HKG", "Hong Kong"],
    ["MO", "MAC", "Macau"],
    ["CH", "CHE", "Switzerland"],
    ["LI", "LIE", "Liechtenstein"],
    ["IN", "IND", "India"],
    ["BR", "BRA", "Brazil"],
    ["RU", "RUS", "Russia"],
    ["BY", "BLR", "Belarus"],
    ["CU", "CUB", "Cuba"],
    ["KP", "PRK", "North Korea"],
    ["AX", "ALA", "Åland Islands"],
  ])("lists %s as %s, %s", (alpha2, alpha3, name) => {
    const entry = ISO3166.find((c) => c.alpha2 === alpha2);
    expect(entry).toBeDefined();
    expect(entry?.alpha3).toBe(alpha3);
    expect(entry?.name).toBe(name);
  });

  it("does not list Kosovo, whose XK/XKX code is user-assigned, not ISO-assigned", () => {
    expect(ISO3166.find((c) => c.alpha2 === "XK")).toBeUndefined();
    expect(ISO3166.find((c) => c.alpha3 === "XKX")).toBeUndefined();
    expect(resolve("Kosovo")).toBeUndefined();
  });

  it("does not list UK as an alpha-2 code (GB is the code; UK is only an alias)", () => {
    expect(ISO3166.find((c) => c.alpha2 === "UK")).toBeUndefined();
    expect(resolve("UK")).toBe("GB");
  });

  it("never lets one normalized spelling (code, name or alias) belong to two countries", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of ISO3166) {
      for (const s of spellings(c)) {
        const k = norm(s);
        const prev = owner.get(k);
        if (prev !== undefined && prev !== c.alpha2) clashes.push(`"${s}" is used by both ${prev} and ${c.alpha2}`);
        else owner.set(k, c.alpha2);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each([
    ["PRC", "CN"],
    ["People's Republic of China", "CN"],
    ["Mainland China", "CN"],
    ["Viet Nam", "VN"],
    ["UK", "GB"],
    ["Great Britain", "GB"],
    ["Britain", "GB"],
    ["England", "GB"],
    ["USA", "US"],
    ["U.S.", "US"],
    ["US of A", "US"],
    ["America", "US"],
    ["United States of America", "US"],
    ["Korea", "KR"],
    ["Republic of Korea", "KR"],
    ["Korea, Republic of", "KR"],
    ["ROK", "KR"],
    ["North Korea", "KP"],
    ["DPRK", "KP"],
    ["Korea, Democratic People's Republic of", "KP"],
    ["Russian Federation", "RU"],
    ["Hong Kong SAR", "HK"],
    ["Hongkong", "HK"],
    ["Macao", "MO"],
    ["Taiwan, Province of China", "TW"],
    ["Chinese Taipei", "TW"],
    ["Turkey", "TR"],
    ["Czech Republic", "CZ"],
    ["Holland", "NL"],
    ["The Netherlands", "NL"],
    ["Ivory Coast", "CI"],
    ["Côte d'Ivoire", "CI"],
    ["Cote d'Ivoire", "CI"],
    ["Burma", "MM"],
    ["Swaziland", "SZ"],
    ["Eswatini", "SZ"],
    ["Macedonia", "MK"],
    ["North Macedonia", "MK"],
    ["Cape Verde", "CV"],
    ["Cabo Verde", "CV"],
    ["East Timor", "TL"],
    ["Vatican", "VA"],
    ["Holy See", "VA"],
    ["Laos", "LA"],
    ["Lao People's Democratic Republic", "LA"],
    ["Syria", "SY"],
    ["Syrian Arab Republic", "SY"],
    ["Iran, Islamic Republic of", "IR"],
    ["Moldova, Republic of", "MD"],
    ["Tanzania, United Republic of", "TZ"],
    ["Bolivia, Plurinational State of", "BO"],
    ["Venezuela, Bolivarian Republic of", "VE"],
    ["Brunei Darussalam", "BN"],
    ["UAE", "AE"],
    ["Emirates", "AE"],
    ["Saudi", "SA"],
    ["DRC", "CD"],
    ["DR Congo", "CD"],
    ["Congo, Democratic Republic of the", "CD"],
    ["Congo-Kinshasa", "CD"],
    ["Congo-Brazzaville", "CG"],
    ["Republic of the Congo", "CG"],
    ["Palestine, State of", "PS"],
    ["Micronesia, Federated States of", "FM"],
    ["Saint Kitts and Nevis", "KN"],
    ["St Kitts and Nevis", "KN"],
    ["St. Kitts and Nevis", "KN"],
    ["St Lucia", "LC"],
    ["St. Lucia", "LC"],
    ["St Vincent and the Grenadines", "VC"],
    ["St. Vincent and the Grenadines", "VC"],
    ["St Helena", "SH"],
    ["St. Pierre and Miquelon", "PM"],
    ["St Barthélemy", "BL"],
    ["St. Martin", "MF"],
  ])("resolves %s to %s", (typed, alpha2) => {
    expect(resolve(typed)).toBe(alpha2);
  });

  it("keeps the ISO/formal spellings users paste as aliases, not only as normalizable variants", () => {
    const aliasesOf = (alpha2: string): readonly string[] => ISO3166.find((c) => c.alpha2 === alpha2)?.aliases ?? [];
    expect(aliasesOf("VN")).toContain("Viet Nam");
    expect(aliasesOf("GB")).toContain("UK");
    expect(aliasesOf("US")).toContain("USA");
    expect(aliasesOf("MO")).toContain("Macao");
    expect(aliasesOf("TR")).toContain("Turkey");
  });

  it.each([
    ["Congo", "could be either CG or CD"],
    ["Republic of China", "could mean Taiwan or be mistaken for the PRC"],
    ["Virgin Islands", "could be either VG or VI"],
  ])("leaves the ambiguous %s unresolved (%s)", (typed) => {
    expect(resolve(typed)).toBeUndefined();
  });
});
