import { readFileSync } from "node:fs";
import { breakdownRows, isoDay, loadTable, lookupRate } from "../../../src/engine";
import { EMBEDDED_TABLE_FILE, embedded } from "../../support/embeddedTable";

/**
 * A measure that depends on a fact the HTS line does not decide (an end use, a quota status, the
 * producer) carries its default as data: `condition.default` is the case that covers most trade under
 * its lines, and the breakdown says what was assumed, or which claim would apply a layer left out.
 */
const look = (country: string, code: string, date: string, claims: string[] = []) => {
  const r = lookupRate(embedded(), { country, product: code, day: isoDay(date), claims });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const pct = (a: ReturnType<typeof look>) => a.composition.total!.times(100).toNumber();

describe("conditional layers", () => {
  it("an ordinary Chinese power supply in the catch-all 8504.40.95.80 does not pay the drone duty", () => {
    // 12.5% note 52 + 25% List 3; the 100% UAS duty only for UAS docking stations and parts.
    expect(pct(look("CN", "8504.40.95.80", "2026-10-03"))).toBe(37.5);
    expect(pct(look("CN", "8504.40.95.80", "2026-10-03", ["S232-UAS-ARTICLE"]))).toBe(137.5);
  });

  it("lists the layer not applied, with the claim that would apply it and why it is not assumed", () => {
    const rows = breakdownRows(look("CN", "8504.40.95.80", "2026-10-03"));
    const row = rows.find((r) => r.kind === "notApplied" && r.id === "us.s232.uas.catch-all");
    expect(row).toBeDefined();
    expect(row!.basis).toMatch(/claim S232-UAS-ARTICLE/);
    expect(row!.basis).toMatch(/ordinary power supplies/);
    expect(row!.rate).toBeNull();
  });

  it("an applied default says what it assumed, and the claim that denies it", () => {
    const a = look("CN", "8806.24.00", "2026-10-03");
    const uas = a.composition.layers.find((l) => l.measure.id === "us.s232.uas")!;
    expect(uas.fraction!.toNumber()).toBe(1);
    expect(uas.notes.join(" ")).toMatch(/assumes the goods are for use in an unmanned aircraft system .*claim S232-UAS-NOT-UAS if not/);
    expect(pct(look("CN", "8806.24.00", "2026-10-03", ["S232-UAS-NOT-UAS"]))).toBe(pct(a) - 100);
  });

  it("quartz surfaces are in quota by default, as peers assume; over quota is a claim (us-timeline-2026h2.md D1)", () => {
    expect(pct(look("IN", "6810.99.00.20", "2026-09-01"))).toBe(35); // 25% in quota + 10% note 52 India
    expect(pct(look("IN", "6810.99.00.20", "2026-09-01", ["S201-OVER-QUOTA"]))).toBe(60);
  });

  it("the glass catch-all 7020.00.60.00 pays the quartz safeguard only when claimed a quartz surface", () => {
    const plain = pct(look("IN", "7020.00.60.00", "2026-09-01"));
    expect(pct(look("IN", "7020.00.60.00", "2026-09-01", ["S201-QUARTZ-GLASS"]))).toBe(plain + 25);
  });

  it("patented pharmaceuticals: before Sep 29 2026 only flagged Annex III companies pay (Conflicts 3); from Sep 29 all do", () => {
    const line = "3004.90.92.01";
    const aug = pct(look("IN", line, "2026-08-15"));
    expect(pct(look("IN", line, "2026-08-15", ["S232-PHARMA-ANNEX-III"]))).toBe(100);
    expect(aug).toBeLessThan(100);
    expect(pct(look("IN", line, "2026-10-01"))).toBe(100);
  });
});

describe("the condition field is checked at load", () => {
  const text = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
  const refused = (t: string) => {
    try {
      loadTable(t);
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  };

  it("refuses a condition whose claim the table does not define", () => {
    const bad = text.replace('"claim":"S232-UAS-ARTICLE"', '"claim":"NO-SUCH-CLAIM"');
    expect(bad).not.toBe(text);
    expect(refused(bad)).toMatch(/condition\.claim: unknown claim "NO-SUCH-CLAIM"/);
  });

  it("refuses a default that is neither applies nor claimed", () => {
    const bad = text.replace('"default":"claimed","claim":"S232-UAS-ARTICLE"', '"default":"maybe","claim":"S232-UAS-ARTICLE"');
    expect(refused(bad)).toMatch(/condition\.default: expected applies or claimed$/);
  });
});
