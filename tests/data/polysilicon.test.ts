import { isoDay, lookupRate } from "../../src/engine";
import { embedded } from "../support/embeddedTable";

/**
 * Section 232 polysilicon (us-timeline-2026-late.md N1, Conflicts 1 and 4) on the shipped table: which
 * rows apply, that the minimum import price is a claimed specific duty, and that the action stacks with
 * the note 52 country rates because no stacking relation reaches it.
 */
const table = embedded();
const POLY = (id: string) => id.startsWith("us.s232.polysilicon.");

function layers(country: string, product: string, date: string, claims: string[] = []) {
  const outcome = lookupRate(table, { country, product, day: isoDay(date), claims });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.composition;
}

describe("Section 232 polysilicon", () => {
  it("is keyed by product, rate and date, never by the heading it shares with the quartz safeguard", () => {
    const rows = table.doc.measures.filter((m) => POLY(m.id));
    expect(rows.length).toBe(11);
    for (const m of rows) {
      expect(m.id).toMatch(/\.2026-12-04$/);
      expect(m.from).toBe("2026-12-04");
      expect(m.heading).toMatch(/^9903\.45\.3[0-6] \(note 42, polysilicon\)$/);
      expect(m.conflict?.sources).toBeTruthy();
    }
    // The quartz safeguard keeps its own 9903.45.30/.31 labels (us-timeline-2026h2.md D1).
    const quartz = table.doc.measures.filter((m) => m.id.startsWith("us.s201.quartz")).map((m) => m.heading);
    expect(quartz).toContain("9903.45.30 (HTS Rev 16)");
  });

  it("escapes every stacking relation, so note 52, Brazil 301 and Section 338 still apply (Conflicts 4)", () => {
    for (const m of table.measures.filter((x) => POLY(x.id))) {
      expect(m.tags.has("s232")).toBe(false);
      for (const r of table.relations) {
        expect([r.doc.id, r.winners.has(m.index)]).toEqual([r.doc.id, false]);
        expect([r.doc.id, r.losers.has(m.index)]).toEqual([r.doc.id, false]);
      }
    }
    const c = layers("VN", "8541.43.00", "2026-12-04");
    expect(c.layers.map((l) => l.measure.id)).toEqual(
      expect.arrayContaining(["us.s232.polysilicon.derivatives.15pct.2026-12-04", "us.s301.fl.vn"]),
    );
  });

  it("charges the minimum import price only on the claim S232-POLY-MIP, as a specific duty outside the ad valorem total", () => {
    const without = layers("VN", "8541.43.00", "2026-12-04");
    expect(without.layers.some((l) => l.measure.formula.kind === "perUnit")).toBe(false);
    const withMip = layers("VN", "8541.43.00", "2026-12-04", ["S232-POLY-MIP"]);
    const mip = withMip.layers.find((l) => l.measure.id === "us.s232.polysilicon.modules.mip-0.38usd-w.2026-12-04")!;
    expect(mip.measure.formula).toEqual(expect.objectContaining({ kind: "perUnit", unit: "W" }));
    expect(mip.measure.formula.kind === "perUnit" && mip.measure.formula.usd.toString()).toBe("0.38");
    expect(mip.fraction?.toNumber()).toBe(0);
    expect(withMip.total?.toNumber()).toBe(without.total?.toNumber());
  });

  it("gives raw polysilicon (2804.61) the $21/kg MIP and no ad valorem layer", () => {
    expect(layers("CN", "2804.61.00.00", "2026-12-04").layers.filter((l) => POLY(l.measure.id))).toEqual([]);
    const mip = layers("CN", "2804.61.00.00", "2026-12-04", ["S232-POLY-MIP"]).layers.filter((l) => POLY(l.measure.id));
    expect(mip.map((l) => [l.measure.id, l.measure.formula.kind === "perUnit" ? `${l.measure.formula.usd}/${l.measure.formula.unit}` : "?"])).toEqual([
      ["us.s232.polysilicon.raw.mip-21usd-kg.2026-12-04", "21/kg"],
    ]);
  });

  it("covers the Rev 15 wafer lines, reported under 3818.00.00.95 in the table's HTS edition, only on S232-POLY-WAFER", () => {
    expect(layers("VN", "3818.00.00.95", "2026-12-04").total?.toNumber()).toBe(0);
    expect(layers("VN", "3818.00.00.95", "2026-12-04", ["S232-POLY-WAFER"]).total?.toNumber()).toBe(0.15);
    const both = layers("VN", "3818.00.00.95", "2026-12-04", ["S232-POLY-WAFER", "S232-POLY-MIP"]);
    expect(both.layers.map((l) => l.measure.id)).toContain("us.s232.polysilicon.wafers-95.mip-100usd-kg.2026-12-04");
    // 3818.00.00.10 (gallium arsenide) is not a polysilicon derivative.
    expect(layers("VN", "3818.00.00.10", "2026-12-04", ["S232-POLY-WAFER"]).layers.filter((l) => POLY(l.measure.id))).toEqual([]);
  });

  it("is collected even when an FTA rate is claimed (note 42(b)): Korea with KORUS pays the all-in 15%", () => {
    const c = layers("KR", "8541.43.00", "2026-12-04", ["KORUS"]);
    const poly = c.layers.find((l) => l.measure.id === "us.s232.polysilicon.derivatives.allin15.2026-12-04")!;
    expect(poly.fraction?.toNumber()).toBe(0.15);
  });
});
