import { readFileSync } from "node:fs";
import { join } from "node:path";
import { breakdownRows, isoDay, loadTable, lookupRate } from "../../../src/engine";
import { EMBEDDED_TABLE_FILE, embedded } from "../../support/embeddedTable";

/**
 * Column 2 (HTS general note 3(b)): goods of Cuba and North Korea, and of Russia and Belarus from
 * 2022-04-09 (Pub. L. 117-110), pay the line's Column 2 ("Other") rate, never Column 1, and no Special
 * rate. Membership is dated data in the table (data/source/us/column2.yaml).
 */
const rate = (country: string, code: string, date: string, claims: string[] = []) => {
  const r = lookupRate(embedded(), { country, product: code, day: isoDay(date), claims });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const pct = (country: string, code: string, date: string) => rate(country, code, date).composition.total!.times(100).toNumber();

describe("Column 2 origins", () => {
  it("North Korea's toys pay the Column 2 70%, not the Column 1 Free", () => {
    expect(pct("KP", "9503.00.00", "2025-04-15")).toBe(70);
    expect(pct("CN", "9503.00.00", "2025-01-15")).toBe(0); // Column 1 Free, before any 2025 measure
  });

  it("Cuban cotton T-shirts pay the Column 2 90%, not the Column 1 16.5%", () => {
    expect(pct("CU", "6109.10.00", "2025-04-15")).toBe(90);
    expect(pct("MX", "6109.10.00", "2025-01-15")).toBe(16.5);
  });

  it("Russia pays Column 2 plus the measures that reach Column 2 goods (data/source/us/column2.yaml)", () => {
    expect(pct("RU", "9503.00.00", "2025-06-01")).toBe(70); // no IEEPA layer: 9903.01.29 excepts Column 2
    expect(pct("RU", "9503.00.00", "2026-07-23")).toBe(80); // Section 122 reached every origin
    expect(pct("RU", "9503.00.00", "2026-07-24")).toBe(82.5); // note 52: +12.5% in Column 2 too (Conflicts 7)
  });

  it("Belarus, by name or code, is in Column 2 on every date the table covers", () => {
    for (const name of ["BY", "Belarus", "BLR"]) expect(pct(name, "9503.00.00", "2025-01-01")).toBe(70);
  });

  it("is named in the breakdown: the column, the law, and that no Special rate applies", () => {
    const a = rate("RU", "9503.00.00", "2025-06-01");
    const base = breakdownRows(a)[0]!;
    expect(base.authority).toBe("HTS Column 2 (general note 3(b))");
    expect(base.citation).toContain("Pub. L. 117-110");
    expect(a.composition.notes.join(" ")).toContain("no Column 1 or Special rate applies");
  });

  it("shares no line class or timeline with a Column 1 origin that has the same measures", () => {
    // Cuba and Kenya meet no 2025-01 measure on this line: the same candidates, different columns.
    const table = loadTable(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
    const ask = (country: string) => lookupRate(table, { country, product: "6109.10.00", day: isoDay("2025-01-02") });
    const ke = ask("KE");
    const cu = ask("CU");
    const ke2 = ask("KE");
    expect([
      ke.ok && ke.value.composition.total!.toNumber(),
      cu.ok && cu.value.composition.total!.toNumber(),
      ke2.ok && ke2.value.composition.total!.toNumber(),
    ]).toEqual([0.165, 0.9, 0.165]);
  });

  it("is dated: a table whose membership starts later answers Column 1 before it", () => {
    const text = readFileSync(EMBEDDED_TABLE_FILE, "utf8").replace('{"country":"BY","from":"2022-04-09"', '{"country":"BY","from":"2025-06-01"');
    const table = loadTable(text);
    const total = (d: string) => {
      const r = lookupRate(table, { country: "BY", product: "9503.00.00", day: isoDay(d) });
      return r.ok ? r.value.composition.total!.toNumber() : r.error.message;
    };
    expect([total("2025-05-31"), total("2025-06-01")]).toEqual([0, 0.7]);
  });
});

describe("a format-1 release (2026.11a) has no Column 2 rates", () => {
  const legacy = loadTable(readFileSync(join(__dirname, "../../../data/releases/2026.11a.dutytable"), "utf8"));

  it("refuses Column 2 origins with the reason, instead of a Column 1 number", () => {
    const r = lookupRate(legacy, { country: "KP", product: "9503.00.00", day: isoDay("2025-04-15") });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("notAvailable");
      expect(r.error.message).toMatch(/no Column 2 rates.*2026\.12a/);
    }
    const cn = lookupRate(legacy, { country: "CN", product: "9503.00.00", day: isoDay("2025-04-15") });
    expect(cn.ok && cn.value.composition.total!.toNumber()).toBe(1.45);
  });
});
