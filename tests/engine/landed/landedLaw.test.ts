import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import { FORMAT1_LAW } from "../../../src/engine/table/format1LawData";
import {
  FORMAT1_LAW_SHA256,
  LandedDoc,
  RateTable,
  TableDocument,
  TableValidationError,
  isoDay,
  landedCost,
  landedLaw,
  loadTable,
  parseLandedOptions,
  tryLoad,
} from "../../../src/engine";
import { EMBEDDED_TABLE_FILE, embedded } from "../../support/embeddedTable";
import { fixtureDocument, fixtureTable, measure } from "../../support/tableFixture";

/**
 * The landed-cost law is table data: every rate and amount DUTY.LANDED applies comes from the loaded
 * release (its `landed` section in format 2, the frozen format-1 law for a format-1 release), is checked at
 * load with a JSON path for every problem, and is covered by the release hash.
 */

const LEGACY_FILE = join(__dirname, "..", "..", "..", "data", "legacy", "landed-format1.json");

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** A deep copy of the frozen law, to change one row. */
function lawCopy(): Mutable<LandedDoc> & Record<string, unknown> {
  return JSON.parse(JSON.stringify(FORMAT1_LAW.landed));
}

function usEntry(table: RateTable, value: string, date: string, options = "duty=0%", importer: string | null = null, country = "VN") {
  const opts = parseLandedOptions(options, table);
  if (!opts.ok) throw new Error(opts.error.message);
  const r = landedCost(table, {
    value: new Decimal(value),
    country,
    product: "9503",
    day: isoDay(date),
    importer,
    mode: "ocean",
    options: opts.value,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const fee = (c: ReturnType<typeof usEntry>, item: RegExp) => c.lines.find((l) => item.test(l.item))!.amount!.toFixed(2);

function problems(doc: unknown): string[] {
  const outcome = tryLoad(JSON.stringify(doc));
  if (outcome.ok) throw new Error("expected the table to be refused");
  return [...outcome.problems];
}

/** The committed release as a format-1 document: no landed section, no vocabularies (as 2026.11a was published). */
function format1Doc(): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
  delete doc.landed;
  delete doc.valueBases;
  delete doc.authorities;
  // Format 1 had no Column 2 rates, no Column 2 membership and no measure conditions either.
  for (const imp of doc.importers) {
    delete imp.column2;
    imp.lines = imp.lines.map((l: unknown[]) => (l[3] === null ? l.slice(0, 3) : l.slice(0, 4)));
  }
  for (const m of doc.measures) delete m.condition;
  return { ...doc, format: "dutydesk-table/1" };
}

describe("the frozen format-1 law", () => {
  it("is the file whose SHA-256 the engine pins (data/legacy/landed-format1.json must never be edited)", () => {
    const sha = createHash("sha256").update(readFileSync(LEGACY_FILE)).digest("hex");
    expect(sha).toBe(FORMAT1_LAW_SHA256);
  });

  it("passes the format-2 validator as a landed section", () => {
    const t = fixtureTable([], [], { landed: FORMAT1_LAW.landed });
    expect(landedLaw(t).doc).toEqual(FORMAT1_LAW.landed);
  });

  it("has the 2026.11a figures of research/landed-cost.md: MPF FY2026 0.3464% in [33.58, 651.50], HMF 0.125%", () => {
    const fy26 = FORMAT1_LAW.landed.mpf.find((r) => r.fiscalYear === 2026)!;
    expect([fy26.percent, fy26.min, fy26.max, fy26.informal]).toEqual(["0.3464", "33.58", "651.50", "2.69"]);
    expect(FORMAT1_LAW.landed.hmf.map((r) => r.percent)).toEqual(["0.125"]);
    expect(FORMAT1_LAW.valueBases).toEqual(["steel", "aluminum", "copper"]);
  });
});

describe("a format-1 release loads with the frozen law", () => {
  const v1 = loadTable(JSON.stringify(format1Doc()));
  const v2 = embedded();

  it("is accepted, and its landed law and vocabularies are the frozen copy", () => {
    expect(v1.doc.format).toBe("dutydesk-table/1");
    expect(landedLaw(v1).doc).toBe(FORMAT1_LAW.landed);
    expect(v1.valueBases).toBe(FORMAT1_LAW.valueBases);
    expect(v1.authorities).toBe(FORMAT1_LAW.authorities);
  });

  it.each([
    ["E1 US ocean FY2026, 25%", { value: "10000", date: "2025-10-15", options: "duty=25%", importer: null, country: "VN" }, "12547.14"],
    [
      "E13 Canada, fx 1.15, duty 4%, GST 5%",
      { value: "100", date: "2025-06-02", options: "duty=4%; fx=1.15", importer: "CA", country: "US" },
      "125.58",
    ],
    [
      "E14 China CIF 10,000, duty 10%, VAT 13%",
      { value: "10000", date: "2025-12-01", options: "duty=10%", importer: "CN", country: "US" },
      "12430.00",
    ],
    ["E15 China, duty 14%, CT 10%", { value: "10000", date: "2025-12-01", options: "duty=14%; ct=10%", importer: "CN", country: "US" }, "14313.34"],
  ])("%s: the same landed cost as the format-2 release of the same law", (_name, i, expected) => {
    const a = usEntry(v1, i.value, i.date, i.options, i.importer, i.country);
    const b = usEntry(v2, i.value, i.date, i.options, i.importer, i.country);
    expect(a.landed.toFixed(2)).toBe(expected);
    expect(b.landed.toFixed(2)).toBe(expected);
    expect(a.lines.map((l) => [l.item, l.amount?.toFixed(2), l.formula, l.source])).toEqual(
      b.lines.map((l) => [l.item, l.amount?.toFixed(2), l.formula, l.source.replace(v2.sha256.slice(0, 12), v1.sha256.slice(0, 12))]),
    );
  });

  it("a format-1 document may not carry a landed section or vocabularies: its law is fixed", () => {
    expect(problems({ ...format1Doc(), landed: FORMAT1_LAW.landed, valueBases: ["steel"] })).toEqual([
      "$.valueBases: is a dutydesk-table/2 section; a dutydesk-table/1 table takes the frozen format-1 law",
      "$.landed: is a dutydesk-table/2 section; a dutydesk-table/1 table takes the frozen format-1 law",
    ]);
  });
});

describe("DUTY.LANDED takes the law from the table", () => {
  it("a table with a lower FY2026 MPF maximum caps the fee there: $250,000 pays 500.00, not 651.50", () => {
    const law = lawCopy();
    law.mpf = law.mpf.map((r) => (r.fiscalYear === 2026 ? { ...r, max: "500.00" } : r));
    const changed = fixtureTable([], [], { landed: law as LandedDoc });
    const standard = fixtureTable([]);
    expect(fee(usEntry(standard, "250000", "2025-10-15"), /^MPF/)).toBe("651.50");
    const c = usEntry(changed, "250000", "2025-10-15");
    expect(fee(c, /^MPF/)).toBe("500.00");
    expect(c.lines.find((l) => /^MPF/.test(l.item))!.formula).toMatch(/capped at the FY2026 maximum 500\.00/);
  });

  it("a table with another MPF rate, HMF rate and informal limit uses them", () => {
    const law = lawCopy();
    law.mpf = law.mpf.map((r) => ({ ...r, percent: "0.5" }));
    law.hmf = law.hmf.map((r) => ({ ...r, percent: "0.2" }));
    law.informalEntry = law.informalEntry.map((r) => ({ ...r, usd: "1000" }));
    const t = fixtureTable([], [], { landed: law as LandedDoc });
    const c = usEntry(t, "10000", "2025-10-15");
    expect([fee(c, /^MPF/), fee(c, /^HMF/)]).toEqual(["50.00", "20.00"]);
    // $2,000 is informal under the standard law, formal (minimum 33.58) under this one.
    expect(fee(usEntry(fixtureTable([]), "2000", "2025-10-15"), /^MPF/)).toBe("2.69");
    expect(fee(usEntry(t, "2000", "2025-10-15"), /^MPF/)).toBe("33.58");
  });

  it("a table with another VAT rate or currency row changes the import VAT and the currency", () => {
    const law = lawCopy();
    law.importTax = { ...law.importTax, rates: law.importTax.rates.map((r) => (r.country === "DE" ? { ...r, percent: "20" } : r)) };
    law.currencies = law.currencies.map((r) => (r.country === "DE" ? { ...r, currency: "DEM" } : r));
    const t = fixtureTable([], [], { landed: law as LandedDoc });
    const c = usEntry(t, "1000", "2025-06-02", "duty=0%", "DE", "US");
    expect([c.taxes.toFixed(2), c.currency]).toEqual(["200.00", "DEM"]);
    expect(usEntry(fixtureTable([]), "1000", "2025-06-02", "duty=0%", "DE", "US").taxes.toFixed(2)).toBe("190.00");
  });

  it("a table that drops an importer's row has no landed rules for it", () => {
    const law = lawCopy();
    law.importers = law.importers.filter((r) => r.code !== "GB");
    law.currencies = law.currencies.filter((r) => r.country !== "GB");
    law.importTax = { ...law.importTax, rates: law.importTax.rates.filter((r) => r.country !== "GB") };
    const t = fixtureTable([], [], { landed: law as LandedDoc });
    const opts = parseLandedOptions("duty=0%", t);
    const r = landedCost(t, {
      value: new Decimal(100),
      country: "US",
      product: "9503",
      day: isoDay("2025-06-02"),
      importer: "GB",
      options: opts.ok ? opts.value : undefined,
    });
    expect(!r.ok && r.error.message).toMatch(/no landed-cost rules for importer United Kingdom/);
  });

  it("de minimis rows come from the table: a row reinstating $800 for Japan from 2026-01-01 lets a $500 shipment in free", () => {
    const law = lawCopy();
    law.deMinimis = [...law.deMinimis, { ...law.deMinimis[1]!, origins: ["JP"], from: "2026-01-01", to: undefined, endedBy: "test" } as never];
    const t = fixtureTable([], [], { landed: law as LandedDoc });
    expect(usEntry(t, "500", "2026-02-02", "", null, "JP").deMinimis).toBe(true);
    expect(usEntry(t, "500", "2025-12-31", "duty=0%", null, "JP").deMinimis).toBe(false);
    expect(usEntry(fixtureTable([]), "500", "2026-02-02", "duty=0%", null, "JP").deMinimis).toBe(false);
  });
});

describe("a malformed landed section is refused with its JSON path", () => {
  const withLaw = (change: (law: Mutable<LandedDoc> & Record<string, any>) => void, extra: Partial<TableDocument> = {}) => {
    const law = lawCopy();
    change(law);
    return { ...fixtureDocument([], [], extra), landed: law };
  };

  it("a format-2 table without one", () => {
    const doc: Record<string, unknown> = { ...fixtureDocument([]) };
    delete doc.landed;
    expect(problems(doc)).toEqual(["$.landed: expected an object"]);
  });

  it.each<[string, (law: any) => void, string]>([
    ["an amount that is not a decimal", (l) => (l.mpf[2].max = "651,50"), '$.landed.mpf[2].max: "651,50" is not well-formed'],
    ["a minimum above the maximum", (l) => (l.mpf[0].min = "900"), "$.landed.mpf[0]: min (900) is above max (614.35)"],
    ["an MPF row without citations", (l) => (l.mpf[1].citations = []), "$.landed.mpf[1].citations: every row cites a public source"],
    ["overlapping fiscal years", (l) => (l.mpf[1].from = "2024-09-01"), "$.landed.mpf[1]: overlaps $.landed.mpf[0]: one row per day"],
    ["a date that is not a date", (l) => (l.hmf[0].from = "1991-13-01"), '$.landed.hmf[0].from: "1991-13-01" is not a calendar date (YYYY-MM-DD)'],
    [
      "a VAT row for an importer the section does not declare",
      (l) => (l.importTax.rates[0].country = "JP"),
      '$.landed.importTax.rates[0].country: "JP" is not one of landed.importers',
    ],
    [
      "two VAT rates for one day",
      (l) => l.importTax.rates.push({ ...l.importTax.rates[0] }),
      "$.landed.importTax.rates[35]: overlaps $.landed.importTax.rates[0] (CN): one row per day",
    ],
    ["an unknown valuation basis", (l) => (l.importers[0].valuation = "fas"), "$.landed.importers[0].valuation: expected transaction, fob or cif"],
    [
      "a de minimis origin that is no country",
      (l) => (l.deMinimis[0].origins = ["XX"]),
      '$.landed.deMinimis[0].origins[0]: "XX" is not an ISO alpha-2 country or "*"',
    ],
    [
      "an importer without a currency",
      (l) => (l.currencies = l.currencies.filter((c: any) => c.country !== "SE")),
      "$.landed.currencies: importer SE has no currency row",
    ],
    ["a currency that is no ISO 4217 code", (l) => (l.currencies[0].currency = "usd"), '$.landed.currencies[0].currency: "usd" is not well-formed'],
  ])("%s", (_name, change, expected) => {
    expect(problems(withLaw(change))).toEqual([expected]);
  });

  it("throws a TableValidationError from loadTable", () => {
    expect(() => loadTable(JSON.stringify(withLaw((l) => (l.hmf = "0.125" as never))))).toThrow(TableValidationError);
  });
});

describe("metal bases and authorities are the table's lists", () => {
  it("a measure on a basis the table does not declare is refused", () => {
    const doc = { ...fixtureDocument([measure("m", { basis: "copper" })]), valueBases: ["steel", "aluminum"] };
    expect(problems(doc)).toEqual(["$.measures[0].basis: expected full, steel, aluminum"]);
  });

  it("a measure naming an authority the table does not declare is refused", () => {
    const doc = { ...fixtureDocument([measure("m", { authority: "Section 999" })]) };
    expect(problems(doc)[0]).toMatch(/^\$\.measures\[0\]\.authority: unknown authority "Section 999"/);
  });

  it("a table declaring a new metal (nickel) takes nickel= as an option and assesses the layer on its share", () => {
    const t = fixtureTable([measure("ni", { authority: "Section 232", basis: "nickel", rate: { add: "50" }, scope: { include: ["7208"] } })], [], {
      valueBases: ["steel", "aluminum", "copper", "nickel"],
    });
    const opts = parseLandedOptions("nickel=40%", t);
    expect(opts.ok && opts.value.content.nickel?.toString()).toBe("0.4");
    const r = landedCost(t, {
      value: new Decimal(1000),
      country: "VN",
      product: "7208.39.00",
      day: isoDay("2025-06-02"),
      options: opts.ok ? opts.value : undefined,
    });
    expect(r.ok && r.value.duty.toFixed(2)).toBe("200.00");
    // The committed table has no nickel: the word is unknown there.
    expect(parseLandedOptions("nickel=40%", embedded()).ok).toBe(false);
  });

  it('"full" and "metal" cannot be declared as metals', () => {
    expect(problems({ ...fixtureDocument([]), valueBases: ["full", "metal"] })).toEqual([
      '$.valueBases[0]: "full" (the whole value) is always a basis; list only metals',
      '$.valueBases[1]: "metal" is the option word for whichever one metal applies (metal=40%); it cannot name a basis',
    ]);
  });
});
