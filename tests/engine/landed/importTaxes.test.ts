import Decimal from "decimal.js";
import { ImporterProfile, importTaxes, importerProfile, isoDay, landedLaw, standardTaxRate } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

const law = landedLaw(embedded());
const IMPORT_VAT = law.doc.importTax.rates;

/** Import VAT, GST and China's consumption tax on the customs value plus duty (research/landed-cost.md E13-E15). */

function profile(code: string): ImporterProfile {
  const p = importerProfile(law, code);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

function taxes(code: string, cv: string, duty: string, date = "2025-06-02", vat: string | null = null, ct: string | null = null) {
  const r = importTaxes(law, profile(code), {
    customsValue: new Decimal(cv),
    duty: new Decimal(duty),
    day: isoDay(date),
    vat: vat === null ? null : new Decimal(vat),
    consumptionTax: ct === null ? null : new Decimal(ct),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("China: VAT on CIF + duty + consumption tax", () => {
  it("E14: CIF 10,000, duty 1,000 (10%), VAT 13% = 1,430.00", () => {
    const t = taxes("CN", "10000", "1000");
    expect(t.map((l) => [l.item, l.base.toFixed(2), l.amount.toFixed(2)])).toEqual([["Import VAT", "11000.00", "1430.00"]]);
  });

  it("E15: CIF 10,000, duty 1,400 (14%), CT 10%: CT base 12,666.67, CT 1,266.67, VAT 1,646.67", () => {
    const t = taxes("CN", "10000", "1400", "2025-06-02", null, "0.1");
    expect(t.map((l) => [l.item, l.base.toFixed(2), l.amount.toFixed(2)])).toEqual([
      ["Consumption tax", "12666.67", "1266.67"],
      ["Import VAT", "12666.67", "1646.67"],
    ]);
    expect(t[0]!.describe().formula).toContain("/ (1 − 10%)");
    expect(t[1]!.describe().formula).toContain("consumption tax 1,266.67");
  });

  it("the reduced 9% rate is taken when given, and the detail says so", () => {
    const [vat] = taxes("CN", "10000", "1000", "2025-06-02", "0.09");
    expect(vat!.amount.toFixed(2)).toBe("990.00");
    expect(vat!.describe().rate).toBe("9% (given in options)");
  });

  it("the general rate says how to get the reduced one", () => {
    expect(taxes("CN", "100", "0")[0]!.describe().rate).toMatch(/vat=9%/);
  });
});

describe("Canada, UK and the EU", () => {
  it("E13: Canada, GST 5% × (115.00 + 4.60) = 5.98", () => {
    const [gst] = taxes("CA", "115", "4.60");
    expect([gst!.item, gst!.amount.toFixed(2)]).toEqual(["Import GST", "5.98"]);
  });

  it("UK VAT 20% on the duty-inclusive value", () => {
    expect(taxes("GB", "1000", "120")[0]!.amount.toFixed(2)).toBe("224.00");
  });

  it.each([
    ["DE", "2025-06-02", "19"],
    ["FR", "2025-06-02", "20"],
    ["HU", "2025-06-02", "27"],
    ["EE", "2025-06-30", "22"],
    ["EE", "2025-07-01", "24"],
    ["RO", "2025-07-31", "19"],
    ["RO", "2025-08-01", "21"],
    ["SK", "2024-12-31", "20"],
    ["SK", "2025-01-01", "23"],
    ["FI", "2024-08-31", "24"],
    ["FI", "2024-09-01", "25.5"],
  ])("%s on %s: %s%%", (country, date, percent) => {
    const r = standardTaxRate(law, country, isoDay(date));
    expect(r.ok && r.value.fraction.times(100).toString()).toBe(percent);
  });

  it("every EU member state has a standard rate, with a source", () => {
    const members = [
      "AT",
      "BE",
      "BG",
      "HR",
      "CY",
      "CZ",
      "DK",
      "EE",
      "FI",
      "FR",
      "DE",
      "GR",
      "HU",
      "IE",
      "IT",
      "LV",
      "LT",
      "LU",
      "MT",
      "NL",
      "PL",
      "PT",
      "RO",
      "SK",
      "SI",
      "ES",
      "SE",
    ];
    for (const m of members) {
      const r = standardTaxRate(law, m, isoDay("2025-06-02"));
      expect({ m, ok: r.ok }).toEqual({ m, ok: true });
    }
    for (const row of IMPORT_VAT) expect(row.source.length).toBeGreaterThan(10);
  });

  it("rows do not overlap within a country", () => {
    const byCountry = new Map<string, typeof IMPORT_VAT>();
    for (const r of IMPORT_VAT) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
    for (const rows of byCountry.values()) {
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.to).toBe(rows[i]!.from);
    }
  });

  it("a date before the first row is #N/A, not a guess", () => {
    const r = standardTaxRate(law, "DE", isoDay("2019-06-01"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("notAvailable");
  });

  it("after the rows were last checked the rate still applies, with a note", () => {
    const [vat] = taxes("DE", "100", "0", "2026-06-01");
    expect(vat!.describe().formula).toMatch(/checked through 2025-12-31/);
  });
});

describe("options that cannot apply are refused", () => {
  it("the US has no import VAT; ct= is China's", () => {
    const us = importTaxes(law, profile("US"), {
      customsValue: new Decimal(1),
      duty: new Decimal(0),
      day: isoDay("2025-06-02"),
      vat: new Decimal("0.1"),
      consumptionTax: null,
    });
    expect(us.ok).toBe(false);
    const de = importTaxes(law, profile("DE"), {
      customsValue: new Decimal(1),
      duty: new Decimal(0),
      day: isoDay("2025-06-02"),
      vat: null,
      consumptionTax: new Decimal("0.1"),
    });
    expect(de.ok).toBe(false);
    expect(taxes("US", "100", "10")).toEqual([]);
  });
});

describe("importerProfile", () => {
  it.each([
    ["", "US", "transaction"],
    ["us", "US", "transaction"],
    ["UK", "GB", "cif"],
    ["Germany", "DE", "cif"],
    ["EL", "GR", "cif"],
    ["CA", "CA", "fob"],
    ["CN", "CN", "cif"],
  ])("%p is %s with a %s basis", (input, code, basis) => {
    expect(profile(input)).toMatchObject({ code, valuation: basis });
  });

  it("EU is refused: VAT is set per member state", () => {
    const r = importerProfile(law, "EU");
    expect(!r.ok && r.error.message).toMatch(/member state/);
  });

  it("an importer without landed-cost rules is #N/A naming the ones known", () => {
    const r = importerProfile(law, "JP");
    expect(!r.ok && r.error.kind).toBe("notAvailable");
    expect(!r.ok && r.error.message).toMatch(/US, CN, GB, CA/);
  });

  it("Bulgaria's currency changes to the euro on 2026-01-01", () => {
    const bg = profile("BG");
    expect(bg.currency(isoDay("2025-12-31"))).toBe("BGN");
    expect(bg.currency(isoDay("2026-01-01"))).toBe("EUR");
  });
});
