import { CountryCode, ISO3166, countryName, isCountryCode, normalizeCountryKey, parseCountry } from "../../../src/engine/countries";

/** The code a text resolves to, or the reason it does not. */
function codeOf(input: string, groups?: ReadonlyMap<string, string>): string {
  const r = parseCountry(input, groups);
  return r.ok ? r.code : `refused: ${r.reason}`;
}

function reasonFor(input: string, groups?: ReadonlyMap<string, string>): string {
  const r = parseCountry(input, groups);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${r.code}`);
  return r.reason;
}

describe("parseCountry", () => {
  it.each([
    ["CN", "CN", "an ISO alpha-2 code"],
    ["cn", "CN", "an alpha-2 code in lower case"],
    ["chn", "CN", "an ISO alpha-3 code in lower case"],
    ["CHN", "CN", "an alpha-3 code"],
    ["China", "CN", "the English name"],
    ["PRC", "CN", "a common alias"],
    ["Viet Nam", "VN", "the UN spelling"],
    ["vietnam", "VN", "the name in lower case"],
    ["UK", "GB", "an alias that is not an ISO code"],
    ["u.s.a.", "US", "an alias with dots, in lower case"],
    ["U.S.", "US", "an alias with dots"],
    ["Côte d’Ivoire", "CI", "the name with a curly apostrophe"],
    ["Cote d'Ivoire", "CI", "the name without its accent, with a straight apostrophe"],
    ["COTE DIVOIRE", "CI", "the name in capitals with no apostrophe"],
    ["Aland", "AX", "a name without its ring accent"],
    ["Bosnia-Herzegovina", "BA", "a hyphenated alias"],
  ])("resolves %j to %s (%s)", (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it("ignores whitespace around the text", () => {
    expect(codeOf("  China \t")).toBe("CN");
    expect(codeOf("\nDE ")).toBe("DE");
  });

  it("returns the country's English name with its code", () => {
    expect(parseCountry("chn")).toEqual({ ok: true, code: "CN", name: "China" });
    expect(parseCountry("UK")).toEqual({ ok: true, code: "GB", name: "United Kingdom" });
  });

  it("resolves every code, name and alias in the ISO 3166 list to its own entry", () => {
    for (const c of ISO3166) {
      for (const spelling of [c.alpha2, c.alpha3, c.name, ...c.aliases]) {
        expect([spelling, codeOf(spelling)]).toEqual([spelling, c.alpha2]);
      }
    }
  });

  it("says so when the country is empty", () => {
    expect(reasonFor("")).toBe("the country is empty");
    expect(reasonFor("   ")).toBe("the country is empty");
  });

  it("refuses an unknown country and suggests an ISO code", () => {
    expect(reasonFor("Atlantis")).toBe('unknown country "Atlantis": use an ISO code (CN, CHN) or an English name');
  });

  it("shortens a long unknown text in its message to 40 characters", () => {
    const long = "Republic of Somewhere Far Beyond the Sea and the Mountains";
    expect(reasonFor(long)).toBe(`unknown country "${long.slice(0, 40)}…": use an ISO code (CN, CHN) or an English name`);
  });

  describe("with groups of countries", () => {
    const groups = new Map([
      ["eu", "European Union (27 member states)"],
      ["usmca", "United States, Mexico and Canada"],
    ]);

    it.each([["EU"], ["eu"], ["E.U."], [" EU "]])("refuses the group %j: a group is not a country of origin", (input) => {
      expect(reasonFor(input, groups)).toBe(
        `"${input.trim()}" is a group (European Union (27 member states)), not a country of origin: name a member country`,
      );
    });

    it("still resolves countries when groups are given", () => {
      expect(codeOf("Germany", groups)).toBe("DE");
    });

    it("calls a group unknown when the groups are not given", () => {
      expect(reasonFor("EU")).toContain("unknown country");
    });
  });
});

describe("normalizeCountryKey", () => {
  it.each([
    ["U.S.A.", "usa"],
    ["Viet Nam", "vietnam"],
    ["Côte d’Ivoire", "cotedivoire"],
    ["Cote d'Ivoire", "cotedivoire"],
    ["Bosnia-Herzegovina", "bosniaherzegovina"],
    ["Åland", "aland"],
    ["  China\t", "china"],
  ])("ignores case, accents, dots, spaces, hyphens and apostrophes: %j → %j", (text, key) => {
    expect(normalizeCountryKey(text)).toBe(key);
  });
});

describe("isCountryCode", () => {
  it.each([
    ["GB", true, "an assigned alpha-2 code"],
    ["CN", true, "an assigned alpha-2 code"],
    ["UK", false, "an alias of GB, not a code"],
    ["gb", false, "a code must be in capitals"],
    ["GBR", false, "an alpha-3 code"],
    ["XX", false, "not assigned"],
    ["EU", false, "reserved for the European Union, not a country"],
    ["", false, "empty"],
  ])("is %j → %s (%s)", (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });
});

describe("countryName", () => {
  it.each([
    ["CN", "China"],
    ["GB", "United Kingdom"],
    ["CI", "Côte d'Ivoire"],
    ["VN", "Vietnam"],
  ])("names %s %j", (code, name) => {
    expect(countryName(code as CountryCode)).toBe(name);
  });
});
