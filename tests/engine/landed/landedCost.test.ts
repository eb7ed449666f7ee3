import Decimal from "decimal.js";
import fc from "fast-check";
import {
  LandedCost,
  LandedRequest,
  LookupError,
  RateTable,
  isoDay,
  landedCost,
  landedDetailRows,
  parseLandedOptions,
  parseQuantity,
} from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";
import { fixtureTable, measure } from "../../support/tableFixture";

/**
 * Landed cost, to the cent: every worked example of research/landed-cost.md, and the rules around them.
 *
 * Most cases run on a hand-made table (tests/support/tableFixture.ts) whose rates never change, so that
 * the figures are the specification; a few run on the committed table where its 2025 data is settled.
 */

const LINES: [string, string, string, null, null][] = [
  ["02013000", "26.4¢/kg", "00", null, null],
  ["20098000", "The rate applicable to the natural juice in heading 2009", "00", null, null],
  ["39269099", "4.4¢/kg + 6%", "00", null, null], // E8
  ["72083900", "Free", "00", null, null],
  ["73269086", "2.9%", "00", null, null],
  ["82119300", "3¢ each + 5.4%", "35", null, null], // E7
  ["91061000", "36¢ each + 5.6% + 2¢/jewel", "00", null, null],
  ["95030000", "Free", "00", null, null],
];

const fixture: RateTable = fixtureTable(
  [
    measure("us.vn.25", {
      partners: ["VN"],
      scope: { include: ["9503", "7326"] },
      rate: { add: "25" },
      heading: "9903.99.25",
      title: "Test 25% on Vietnam",
    }),
    measure("us.232.steel", {
      authority: "Section 232",
      partners: ["*"],
      scope: { include: ["7208", "7326"] },
      rate: { add: "50" },
      basis: "steel",
      heading: "9903.81.87",
      title: "Test 232 steel",
    }),
    measure("us.232.alu", {
      authority: "Section 232",
      partners: ["*"],
      scope: { include: ["7326"] },
      rate: { add: "50" },
      basis: "aluminum",
      heading: "9903.85.08",
      title: "Test 232 aluminum",
    }),
    measure("us.beef.unit", {
      partners: ["AR"],
      scope: { include: ["0201"] },
      rate: { perUnit: { usd: "0.50", unit: "kg" } },
      heading: "9903.99.50",
      title: "Test 50¢/kg",
    }),
    measure("cn.us.10", {
      importer: "CN",
      authority: "Retaliation",
      partners: ["US"],
      scope: { include: ["*"] },
      rate: { add: "10" },
      heading: "CN test",
      title: "Test China 10% on US goods",
    }),
  ],
  [],
  {
    importers: [
      { code: "US", name: "United States", baseSource: "test HTS", lineMode: "listed", lines: LINES },
      { code: "CN", name: "China", baseSource: "unknown", lineMode: "open", lines: [] },
    ],
  },
);

interface Input {
  value: string;
  country: string;
  product: string | number;
  date: string;
  freight?: string;
  insurance?: string;
  quantity?: string | number;
  importer?: string;
  mode?: LandedRequest["mode"];
  options?: string;
}

function request(table: RateTable, i: Input, explain = true): LandedRequest {
  const options = parseLandedOptions(i.options ?? "", table);
  if (!options.ok) throw new Error(options.error.message);
  const quantity = i.quantity === undefined ? null : parseQuantity(i.quantity);
  if (quantity && !quantity.ok) throw new Error(quantity.error.message);
  return {
    value: new Decimal(i.value),
    country: i.country,
    product: i.product,
    day: isoDay(i.date),
    freight: i.freight === undefined ? null : new Decimal(i.freight),
    insurance: i.insurance === undefined ? null : new Decimal(i.insurance),
    quantity: quantity ? quantity.value : null,
    importer: i.importer ?? null,
    mode: i.mode ?? null,
    options: options.value,
    explain,
  };
}

function landed(i: Input, table = fixture): LandedCost {
  const r = landedCost(table, request(table, i));
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function refused(i: Input, table = fixture): LookupError {
  const r = landedCost(table, request(table, i));
  if (r.ok) throw new Error(`expected a refusal, got landed ${r.value.landed.toFixed(2)}`);
  return r.error;
}

/** The money figures as strings, two decimals: what the tests compare. */
function figures(c: LandedCost) {
  return {
    customsValue: c.customsValue.toFixed(2),
    duty: c.duty.toFixed(2),
    fees: c.fees.toFixed(2),
    taxes: c.taxes.toFixed(2),
    landed: c.landed.toFixed(2),
  };
}

const line = (c: LandedCost, item: RegExp) => {
  const found = c.lines.find((l) => item.test(l.item));
  if (!found) throw new Error(`no line ${item} in ${c.lines.map((l) => l.item).join(" | ")}`);
  return found;
};

// ---------------------------------------------------------------- worked examples

describe("E1: US ocean import in FY2026, $10,000 at 25%", () => {
  const base: Input = { value: "10000", country: "VN", product: "9503.00.00", date: "2025-10-15", mode: "ocean" };

  it("duty 2,500.00; MPF 34.64; HMF 12.50; duties, taxes and fees 2,547.14; landed 12,547.14", () => {
    const c = landed(base);
    expect(figures(c)).toEqual({ customsValue: "10000.00", duty: "2500.00", fees: "47.14", taxes: "0.00", landed: "12547.14" });
    expect(line(c, /^MPF/).amount!.toFixed(2)).toBe("34.64");
    expect(line(c, /^HMF/).amount!.toFixed(2)).toBe("12.50");
    expect(line(c, /^Duties, taxes and fees/).amount!.toFixed(2)).toBe("2547.14");
  });

  it("with freight 1,200 and insurance 120 (not dutiable in the US): landed 13,867.14, duty unchanged", () => {
    const c = landed({ ...base, freight: "1200", insurance: "120" });
    expect(figures(c)).toEqual({ customsValue: "10000.00", duty: "2500.00", fees: "47.14", taxes: "0.00", landed: "13867.14" });
    expect(line(c, /^International freight/).formula).toMatch(/not dutiable/);
  });

  it("the same with the rate given (duty=25%) on the committed table, which is then not consulted", () => {
    const c = landed({ ...base, country: "DE", product: 9503, freight: "1200", insurance: "120", options: "duty=25%" }, embedded());
    expect(figures(c)).toEqual({ customsValue: "10000.00", duty: "2500.00", fees: "47.14", taxes: "0.00", landed: "13867.14" });
    expect(c.answer).toBeNull();
  });
});

describe("E2/E3: the MPF minimum and maximum inside LANDED", () => {
  const entry = (value: string, date: string, options = "formal") =>
    landed({ value, country: "JP", product: "7208.39.00", date, mode: "air", options }).fees.toFixed(2);

  it.each([
    ["5000", "2025-06-02", "32.71"],
    ["2500", "2025-06-02", "32.71"],
    ["5000", "2025-10-15", "33.58"],
    ["2500", "2025-10-15", "33.58"],
    ["250000", "2025-06-02", "634.62"],
    ["250000", "2025-10-15", "651.50"],
    ["100000", "2025-06-02", "346.40"],
  ])("formal entry of $%s on %s: MPF %s", (value, date, fee) => {
    expect(entry(value, date)).toBe(fee);
  });

  it("a shipment up to $2,500 is an informal entry by default, with the flat fee", () => {
    expect(entry("2500", "2025-10-15", "")).toBe("2.69");
    expect(entry("2500.01", "2025-10-15", "")).toBe("33.58");
  });

  it("informal above $2,500 is refused (19 CFR 143.21)", () => {
    const e = refused({ value: "2500.01", country: "JP", product: "7208.39.00", date: "2025-10-15", options: "informal" });
    expect(e).toMatchObject({ kind: "invalid", message: expect.stringMatching(/\$2,500/) });
  });

  it("a fiscal year with no published figures is #N/A", () => {
    const e = refused({ value: "5000", country: "JP", product: "7208", date: "2027-10-01", options: "duty=0%" }, fixtureTableCoveringLater());
    expect(e.kind).toBe("notAvailable");
    expect(e.message).toMatch(/FY2028/);
  });
});

function fixtureTableCoveringLater(): RateTable {
  return fixtureTable([], [], {
    coverage: { from: "2025-01-01", to: "2028-01-01" },
    importers: [{ code: "US", name: "United States", baseSource: "test", lineMode: "listed", lines: LINES }],
  });
}

describe("E7: compound duty with quantity, the knife set (3¢ each + 5.4%, 20,000 pieces, $24,000)", () => {
  const knives: Input = { value: "24000", country: "JP", product: "8211.93.00.35", date: "2025-01-15", quantity: 20000, mode: "air" };

  it("600 + 1,296 = 1,896.00, an ad valorem equivalent of 7.9% (fixture table)", () => {
    const c = landed(knives);
    expect(c.duty.toFixed(2)).toBe("1896.00");
    const base = line(c, /^Base rate/);
    expect(base.rate).toBe("3¢ each + 5.4%");
    expect(base.formula).toContain("20,000 each × 3¢ = 600");
    expect(base.formula).toContain("5.4% × 24,000.00 = 1,296");
    expect(line(c, /^Duty$/).formula).toContain("7.9% of the customs value");
  });

  it("the same on the committed table (Japan, before the 2025 measures)", () => {
    expect(landed(knives, embedded()).duty.toFixed(2)).toBe("1896.00");
  });

  it("quantity as text with a unit gives the same answer", () => {
    expect(landed({ ...knives, quantity: "20,000 pcs" }).duty.toFixed(2)).toBe("1896.00");
  });

  it("without a quantity: #N/A naming the specific duty, never 0", () => {
    const e = refused({ ...knives, quantity: undefined });
    expect(e.kind).toBe("notAvailable");
    expect(e.message).toBe("quantity needed for the specific duty 3¢ each (in each)");
  });
});

describe("E8: compound per kg, 4.4¢/kg + 6%, $1,000, 100 kg", () => {
  const e8: Input = { value: "1000", country: "JP", product: "3926.90.99", date: "2025-01-15", quantity: "100 kg" };

  it("4.40 + 60.00 = 64.40", () => {
    expect(landed(e8).duty.toFixed(2)).toBe("64.40");
  });

  it("a bare number is read in the rate's unit (kg)", () => {
    expect(landed({ ...e8, quantity: 100 }).duty.toFixed(2)).toBe("64.40");
  });

  it("pounds are converted exactly, and the detail shows the conversion", () => {
    const c = landed({ ...e8, quantity: "220.46226218487758 lb" });
    expect(c.duty.toFixed(2)).toBe("64.40");
    expect(line(c, /^Base rate/).formula).toMatch(/lb = 100(\.0+)? kg/);
  });

  it("a quantity in another dimension is #VALUE!", () => {
    expect(refused({ ...e8, quantity: "3 pairs" })).toMatchObject({ kind: "invalid", message: expect.stringMatching(/4\.4¢\/kg.*kg/) });
  });

  it("#N/A without a quantity: the message names the rate", () => {
    expect(refused({ ...e8, quantity: undefined }).message).toBe("quantity needed for the specific duty 4.4¢/kg (in kg)");
  });
});

describe("compound duties with several units", () => {
  const clock: Input = { value: "1000", country: "JP", product: "9106.10.00", date: "2025-01-15" };

  it("36¢ each + 5.6% + 2¢/jewel: 10 clocks with 170 jewels = 3.60 + 56.00 + 3.40 = 63.00", () => {
    expect(landed({ ...clock, quantity: "10 each; 170 jewels" }).duty.toFixed(2)).toBe("63.00");
  });

  it("a bare number cannot serve two units: #N/A naming both", () => {
    expect(refused({ ...clock, quantity: 10 }).message).toBe("quantity needed for the specific duty 36¢ each (in each) and 2¢/jewel (in jewel)");
  });

  it("one unit given, the other missing", () => {
    expect(refused({ ...clock, quantity: "10 each" }).message).toBe("quantity needed for the specific duty 2¢/jewel (in jewel)");
  });
});

describe("specific duties from a per-unit measure", () => {
  it("26.4¢/kg base + a 50¢/kg layer on 100 kg of beef from Argentina = 26.40 + 50.00", () => {
    const c = landed({ value: "800.01", country: "AR", product: "0201.30.00", date: "2025-01-15", quantity: "100 kg" });
    expect(c.duty.toFixed(2)).toBe("76.40");
    expect(line(c, /Test 50¢\/kg/).formula).toBe("100 kg × 50¢ = 50");
  });

  it("#N/A without the quantity, naming both", () => {
    const e = refused({ value: "800.01", country: "AR", product: "0201.30.00", date: "2025-01-15" });
    expect(e.message).toBe("quantity needed for the specific duty 26.4¢/kg (in kg) and 50¢/kg (in kg)");
  });
});

describe("E13: Canada, US$100 at 1.15 = C$115, duty 4%, GST 5%", () => {
  it("duty 4.60; GST 5% × 119.60 = 5.98; duty and tax 10.58; landed 125.58", () => {
    const c = landed({ value: "100", country: "US", product: "8471", date: "2025-06-02", importer: "CA", options: "fx=1.15; duty=4%" });
    expect(figures(c)).toEqual({ customsValue: "115.00", duty: "4.60", fees: "0.00", taxes: "5.98", landed: "125.58" });
    expect(c.currency).toBe("CAD");
    expect(line(c, /^Duties, taxes and fees/).amount!.toFixed(2)).toBe("10.58");
  });

  it("freight to Canada is not dutiable (FOB-type value for duty)", () => {
    const c = landed({
      value: "100",
      freight: "20",
      country: "US",
      product: "8471",
      date: "2025-06-02",
      importer: "CA",
      options: "fx=1.15; duty=4%",
    });
    expect(c.customsValue.toFixed(2)).toBe("115.00");
    expect(c.landed.toFixed(2)).toBe("148.58");
  });
});

describe("E14/E15: China, CIF basis, VAT and consumption tax", () => {
  const cn: Input = { value: "9000", freight: "800", insurance: "200", country: "US", product: "8471", date: "2025-12-01", importer: "CN" };

  it("E14: CIF 10,000 (freight and insurance dutiable), duty 10% = 1,000, VAT 1,430, landed 12,430", () => {
    const c = landed({ ...cn, options: "duty=10%" });
    expect(figures(c)).toEqual({ customsValue: "10000.00", duty: "1000.00", fees: "0.00", taxes: "1430.00", landed: "12430.00" });
    expect(c.currency).toBe("CNY");
  });

  it("E14 from the table: base 0% given, the 10% retaliation layer from the table", () => {
    const c = landed({ ...cn, options: "base=0%" });
    expect(figures(c)).toMatchObject({ duty: "1000.00", taxes: "1430.00", landed: "12430.00" });
    expect(line(c, /China 10%/).amount!.toFixed(2)).toBe("1000.00");
  });

  it("without base=, China's base rate is unknown: #N/A saying so and how to give it", () => {
    const e = refused(cn);
    expect(e.kind).toBe("notAvailable");
    expect(e.message).toMatch(/base \(MFN\) rate .*unknown, not zero.*base=X%/);
    expect(e.message).toMatch(/additional duties are 10%/);
  });

  describe("on the committed table in 2026: China's 2026 base, and its 2018-19 lists as a stated gap (china.md CN9)", () => {
    // Soybeans 1201.90.11: MFN 3% (China's 2026 schedule) + 10% (china.md CN7); CIF 10,000.
    const soy: Input = { value: "9000", freight: "800", insurance: "200", country: "US", product: "1201.90.11", date: "2026-03-01", importer: "CN" };

    it("without known layers the duty is #N/A, naming the gap and the known part", () => {
      const e = refused(soy, embedded());
      expect(e.kind).toBe("notAvailable");
      expect(e.message).toMatch(/not known in full: lines on China's 2018-19 lists pay 5-25% more .*known layers are base 3% \+ 10%.*"known layers"/);
    });

    it('with "known layers": duty 300 + 1,000, VAT 13% on 11,300; the gap is a row of the detail', () => {
      const c = landed({ ...soy, options: "known layers" }, embedded());
      expect(figures(c)).toMatchObject({ customsValue: "10000.00", duty: "1300.00", taxes: "1469.00", landed: "12769.00" });
      const gap = line(c, /^Not included \(known layers only\)/);
      expect([gap.part, gap.amount, gap.rate]).toEqual(["note", null, "unknown"]);
      expect(gap.formula).toMatch(/2018-19 lists pay 5-25% more/);
    });
  });

  it("E15: duty 14%, CT 10%: CT base 12,666.67, CT 1,266.67, VAT 1,646.67", () => {
    const c = landed({ ...cn, options: "duty=14%; ct=10%" });
    expect(figures(c)).toEqual({ customsValue: "10000.00", duty: "1400.00", fees: "0.00", taxes: "2913.34", landed: "14313.34" });
    const ct = line(c, /^Consumption tax/);
    expect([ct.base!.toFixed(2), ct.amount!.toFixed(2)]).toEqual(["12666.67", "1266.67"]);
    expect(line(c, /^Import VAT/).amount!.toFixed(2)).toBe("1646.67");
  });

  it("E15 from the table: base 4% + the 10% layer, CT 10%", () => {
    const c = landed({ ...cn, options: "base=4%; ct=10%" });
    expect(figures(c)).toMatchObject({ duty: "1400.00", taxes: "2913.34" });
  });

  it("the reduced VAT rate is an option: vat=9%", () => {
    const c = landed({ ...cn, options: "duty=10%; vat=9%" });
    expect(c.taxes.toFixed(2)).toBe("990.00");
  });
});

// ---------------------------------------------------------------- the rules around the examples

describe("customs value by importer", () => {
  const goods: Input = { value: "1000", freight: "100", insurance: "10", country: "CN", product: "9503", date: "2025-06-02", options: "duty=10%" };

  it.each([
    ["US", "1000.00"],
    ["CA", "1000.00"],
    ["CN", "1110.00"],
    ["DE", "1110.00"],
    ["GB", "1110.00"],
  ])("%s: %s", (importer, cv) => {
    const c = landed({ ...goods, country: importer === "CN" ? "US" : "CN", importer });
    expect(c.customsValue.toFixed(2)).toBe(cv);
    expect(c.landed.toFixed(2)).toBe(c.goods.plus(c.freight).plus(c.insurance).plus(c.duty).plus(c.fees).plus(c.taxes).toFixed(2));
  });

  it("EU member states charge their own VAT on CIF + duty: Germany 19%, Hungary 27%", () => {
    expect(landed({ ...goods, importer: "DE" }).taxes.toFixed(2)).toBe("231.99"); // (1,110 + 111) × 19%
    expect(landed({ ...goods, importer: "HU" }).taxes.toFixed(2)).toBe("329.67"); // × 27%
    expect(landed({ ...goods, importer: "GB" }).taxes.toFixed(2)).toBe("244.20"); // × 20%
  });

  it("conversion rounds each amount to the cent, half up, before adding", () => {
    const c = landed({ ...goods, value: "10.005", freight: "0.005", insurance: "0", importer: "DE", options: "duty=0%" });
    expect([c.goods.toFixed(2), c.freight.toFixed(2), c.customsValue.toFixed(2)]).toEqual(["10.01", "0.01", "10.02"]);
  });
});

describe("importers without duty data: explicit rate or #N/A", () => {
  it.each(["GB", "CA", "DE", "FR"])("%s without duty=: #N/A saying the duty is unknown and how to give it", (importer) => {
    const e = refused({ value: "1000", country: "CN", product: "9503", date: "2025-06-02", importer });
    expect(e.kind).toBe("notAvailable");
    expect(e.message).toMatch(/no duty rates for imports into .* duty=4%/);
  });

  it("goods moving inside the EU are not imports", () => {
    expect(refused({ value: "1000", country: "FR", product: "9503", date: "2025-06-02", importer: "DE", options: "duty=0%" }).kind).toBe("invalid");
  });

  it("the origin cannot be the importer", () => {
    expect(refused({ value: "1000", country: "US", product: "9503", date: "2025-06-02" }).message).toMatch(/importing country/);
  });

  it("US-only options are refused for other importers", () => {
    expect(refused({ value: "1000", country: "CN", product: "9503", date: "2025-06-02", importer: "GB", options: "duty=0%; formal" }).kind).toBe(
      "invalid",
    );
    expect(refused({ value: "1000", country: "CN", product: "9503", date: "2025-06-02", importer: "US", options: "vat=9%" }).kind).toBe("invalid");
  });
});

describe("de minimis (US, Section 321)", () => {
  it("a $500 toy from Japan in March 2025: no duty, no fees, and the detail says why", () => {
    const c = landed({ value: "500", country: "JP", product: "9503", date: "2025-03-01", mode: "ocean" });
    expect(figures(c)).toEqual({ customsValue: "500.00", duty: "0.00", fees: "0.00", taxes: "0.00", landed: "500.00" });
    expect(c.deMinimis).toBe(true);
    expect(line(c, /^De minimis/).formula).toMatch(/≤ \$800.*Section 321/);
  });

  it("applies even to a specific-rate product without a quantity (nothing is owed)", () => {
    expect(landed({ value: "500", country: "JP", product: "8211.93.00.35", date: "2025-03-01" }).duty.toFixed(2)).toBe("0.00");
  });

  it("from China it ended on 2025-05-02; from elsewhere on 2025-08-29", () => {
    expect(landed({ value: "500", country: "VN", product: "9503", date: "2025-05-02" }).deMinimis).toBe(true);
    const vn = landed({ value: "500", country: "VN", product: "9503", date: "2025-08-29" });
    expect(vn.deMinimis).toBe(false);
    expect(figures(vn)).toMatchObject({ duty: "125.00", fees: "2.62" }); // 25% and the informal fee of FY2025
    expect(line(vn, /^De minimis/).formula).toMatch(/EO 14324/);
  });

  it("is not claimed with nodeminimis", () => {
    expect(landed({ value: "500", country: "VN", product: "9503", date: "2025-03-01", options: "nodeminimis" }).duty.toFixed(2)).toBe("125.00");
  });

  it("on the committed table: a $500 shipment from China on 2025-04-15 is free; on 2025-05-02 it owes the tariff", () => {
    expect(landed({ value: "500", country: "CN", product: "9503", date: "2025-04-15" }, embedded()).landed.toFixed(2)).toBe("500.00");
    expect(landed({ value: "500", country: "CN", product: "9503", date: "2025-05-02" }, embedded()).duty.greaterThan(0)).toBe(true);
  });
});

describe("fees options and HMF", () => {
  it("mpf=exempt removes MPF; an HMF of $3 or less on an entry with nothing else owed is not collected", () => {
    const c = landed({ value: "2000", country: "JP", product: "9503", date: "2025-10-15", mode: "ocean", options: "mpf=exempt; nodeminimis" });
    expect(c.fees.toFixed(2)).toBe("0.00");
    expect(line(c, /^HMF/).formula).toMatch(/not collected/);
  });

  it("without a mode, HMF is not charged and the detail asks for one", () => {
    const c = landed({ value: "10000", country: "JP", product: "7208.39.00", date: "2025-10-15" });
    expect(line(c, /^HMF/).formula).toMatch(/mode not given/);
    expect(c.fees.toFixed(2)).toBe("34.64");
  });

  it("a claim does not exempt MPF silently: the detail says to add mpf=exempt", () => {
    const c = landed({ value: "10000", country: "MX", product: "7208.39.00", date: "2025-10-15", options: "USMCA" });
    expect(line(c, /^MPF/).formula).toMatch(/mpf=exempt/);
  });
});

describe("metal content (Section 232)", () => {
  it("metal=40% is the steel share when only the steel measure applies: 50% × 40% × 10,000 = 2,000", () => {
    const c = landed({ value: "10000", country: "JP", product: "7208.39.00", date: "2025-06-02", options: "metal=40%" });
    expect(c.duty.toFixed(2)).toBe("2000.00");
    expect(c.lines.some((l) => /read as the steel content share/.test(l.formula))).toBe(true);
  });

  it("with two metal measures metal= is ambiguous; steel= and aluminum= are not", () => {
    expect(refused({ value: "10000", country: "JP", product: "7326.90.86", date: "2025-06-02", options: "metal=40%" }).message).toMatch(/ambiguous/);
    const c = landed({ value: "10000", country: "JP", product: "7326.90.86", date: "2025-06-02", options: "steel=40%; aluminum=10%" });
    expect(c.duty.toFixed(2)).toBe("2790.00"); // 2.9% + 50%×40% + 50%×10%
  });
});

describe("base rates the table cannot compute", () => {
  it("a prose base rate is #N/A unless base= gives it", () => {
    const juice: Input = { value: "1000", country: "JP", product: "2009.80.00", date: "2025-01-15" };
    expect(refused(juice).message).toMatch(/not a formula.*base=X%/);
    expect(landed({ ...juice, options: "base=5%" }).duty.toFixed(2)).toBe("50.00");
  });
});

describe("the detail", () => {
  const cases: [string, Input][] = [
    ["E1", { value: "10000", country: "VN", product: "9503", date: "2025-10-15", mode: "ocean", freight: "1200", insurance: "120" }],
    ["E7", { value: "24000", country: "JP", product: "8211.93.00.35", date: "2025-01-15", quantity: 20000 }],
    ["E15", { value: "10000", country: "US", product: "8471", date: "2025-12-01", importer: "CN", options: "base=4%; ct=10%" }],
    ["de minimis", { value: "500", country: "JP", product: "9503", date: "2025-03-01" }],
  ];

  it.each(cases)("%s: the lines add up to the totals", (_, input) => {
    const c = landed(input);
    const sum = (part: string) => c.lines.filter((l) => l.part === part).reduce((s, l) => s.plus(l.amount ?? 0), new Decimal(0));
    expect(sum("duty").toFixed(2)).toBe(c.duty.toFixed(2));
    expect(sum("fee").toFixed(2)).toBe(c.fees.toFixed(2));
    expect(sum("tax").toFixed(2)).toBe(c.taxes.toFixed(2));
    const last = c.lines[c.lines.length - 1]!;
    expect(last.item).toMatch(/^Landed cost/);
    expect(last.amount!.toFixed(2)).toBe(c.landed.toFixed(2));
  });

  it.each(cases)("%s: every amount line has a formula, and every duty, fee and tax line its rounding and source", (_, input) => {
    for (const l of landed(input).lines) {
      expect(l.formula.length).toBeGreaterThan(0);
      if (l.part === "duty" || l.part === "tax" || (l.part === "fee" && !l.amount!.isZero())) {
        expect({ item: l.item, rounding: l.rounding.length > 0, source: l.source.length > 0 }).toEqual({
          item: l.item,
          rounding: true,
          source: true,
        });
      }
    }
  });

  it("rows for the spill", () => {
    const rows = landedDetailRows(landed(cases[0]![1]));
    expect(rows[0]).toMatchObject({ part: "Value", item: "Goods" });
    expect(rows.map((r) => r.part)).toContain("Fee");
  });

  it("states the rounding rule of each fee", () => {
    const c = landed(cases[0]![1]);
    expect(line(c, /^MPF/).rounding).toBe("after the min/max clamp, half-up to the cent");
    expect(line(c, /^HMF/).rounding).toBe("half-up to the cent");
  });
});

// ---------------------------------------------------------------- properties

describe("properties", () => {
  const cents = (max: number) => fc.integer({ min: 0, max }).map((c) => new Decimal(c).div(100).toString());
  const rate = fc.integer({ min: 0, max: 20000 }).map((bp) => new Decimal(bp).div(100)); // 0% to 200%
  const importerCase = fc.constantFrom(
    { importer: "US", country: "VN" },
    { importer: "CN", country: "US" },
    { importer: "DE", country: "CN" },
    { importer: "GB", country: "CN" },
    { importer: "CA", country: "CN" },
  );
  const date = fc.constantFrom("2025-03-01", "2025-06-02", "2025-09-15", "2025-10-15", "2026-05-01");
  const mode = fc.constantFrom<LandedRequest["mode"]>("ocean", "air", "truck", "rail", "postal", null);

  it("landed ≥ customs value, and landed = goods + freight + insurance + duty + fees + taxes", () => {
    fc.assert(
      fc.property(cents(100_000_000), cents(1_000_000), cents(100_000), rate, importerCase, date, mode, (value, freight, insurance, r, who, d, m) => {
        const c = landed({
          value,
          freight,
          insurance,
          country: who.country,
          product: "9503",
          date: d,
          importer: who.importer,
          mode: m,
          options: `duty=${r.toString()}%`,
        });
        expect(c.landed.greaterThanOrEqualTo(c.customsValue)).toBe(true);
        expect(c.landed.equals(c.goods.plus(c.freight).plus(c.insurance).plus(c.duty).plus(c.fees).plus(c.taxes))).toBe(true);
        for (const part of [c.duty, c.fees, c.taxes, c.landed]) expect(part.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });

  it("duty (and landed cost) are monotone in the duty rate", () => {
    fc.assert(
      fc.property(cents(100_000_000), rate, rate, importerCase, (value, a, b, who) => {
        const [lo, hi] = a.lessThan(b) ? [a, b] : [b, a];
        const at = (r: Decimal) =>
          landed({
            value,
            country: who.country,
            product: "9503",
            date: "2025-10-15",
            importer: who.importer,
            options: `duty=${r.toString()}%; ${who.importer === "US" ? "nodeminimis" : ""}`,
          });
        const [x, y] = [at(lo), at(hi)];
        expect(x.duty.lessThanOrEqualTo(y.duty)).toBe(true);
        expect(x.landed.lessThanOrEqualTo(y.landed)).toBe(true);
      }),
    );
  });

  it("duty from the table is monotone in the base rate under the table's layers (China)", () => {
    fc.assert(
      fc.property(cents(100_000_000), rate, rate, (value, a, b) => {
        const [lo, hi] = a.lessThan(b) ? [a, b] : [b, a];
        const at = (r: Decimal) =>
          landed({ value, country: "US", product: "8471", date: "2025-10-15", importer: "CN", options: `base=${r.toString()}%` }).duty;
        expect(at(lo).lessThanOrEqualTo(at(hi))).toBe(true);
      }),
    );
  });

  it("US formal-entry fees are within [MPF min, MPF max + HMF] of the fiscal year", () => {
    const limits: Record<string, [string, string]> = { "2025-06-02": ["32.71", "634.62"], "2025-10-15": ["33.58", "651.50"] };
    fc.assert(
      fc.property(
        fc.integer({ min: 250_001, max: 100_000_000 }).map((c) => new Decimal(c).div(100)),
        fc.constantFrom("2025-06-02", "2025-10-15"),
        mode,
        (value, d, m) => {
          const c = landed({ value: value.toString(), country: "JP", product: "7208.39.00", date: d, mode: m });
          const [min, max] = limits[d]!;
          const hmf = m === "ocean" ? value.times("0.00125").toDecimalPlaces(2, Decimal.ROUND_HALF_UP) : new Decimal(0);
          expect(c.fees.minus(hmf).greaterThanOrEqualTo(min)).toBe(true);
          expect(c.fees.minus(hmf).lessThanOrEqualTo(max)).toBe(true);
        },
      ),
    );
  });

  it("a batch computation (no explanation) gives exactly the same figures", () => {
    fc.assert(
      fc.property(cents(10_000_000), importerCase, date, mode, (value, who, d, m) => {
        const input: Input = {
          value,
          country: who.country,
          product: "9503",
          date: d,
          importer: who.importer,
          mode: m,
          options: who.importer === "US" || who.importer === "CN" ? "base=3%" : "duty=3%",
        };
        const a = landedCost(fixture, request(fixture, input, true));
        const b = landedCost(fixture, request(fixture, input, false));
        expect(b.ok).toBe(a.ok);
        if (a.ok && b.ok) {
          expect(figures(b.value)).toEqual(figures(a.value));
          expect(b.value.lines).toEqual([]);
        }
      }),
    );
  });
});
