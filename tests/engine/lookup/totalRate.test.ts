import Decimal from "decimal.js";
import fc from "fast-check";
import { PLAIN_CHOICE, RateChoice, isoDay, lookupRate, parseUnitValue, totalRate } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/**
 * A specific or compound duty (13.2¢/kg, 4.4¢/kg + 6%) has no rate of its own. The rate is #N/A unless
 * the caller gives a unit value (the ad valorem equivalent) or asks for the ad valorem part alone.
 */
const choice = (text?: string, adValoremPart = false): RateChoice => {
  if (text === undefined) return adValoremPart ? { unitValues: [], adValoremPart } : PLAIN_CHOICE;
  const uv = parseUnitValue(text);
  if (!uv.ok) throw new Error(uv.error.message);
  return { unitValues: [uv.value], adValoremPart: false };
};
const answer = (country: string, code: string, date: string) => {
  const r = lookupRate(embedded(), { country, product: code, day: isoDay(date) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const total = (country: string, code: string, date: string, c: RateChoice) => {
  const a = answer(country, code, date);
  const t = totalRate(a.composition, c, a.product.display);
  return t.ok ? t.value.total.toNumber() : t.error.message;
};

describe("specific duties", () => {
  it("a pure specific rate is #N/A by default, naming the duty and the two ways to an answer", () => {
    const t = total("AU", "0201.10.05", "2025-01-15", PLAIN_CHOICE);
    expect(t).toMatch(/0201\.10\.05 carries a specific duty \(4\.4¢\/kg\)/);
    expect(t).toMatch(/unit value=2\.40\/kg/);
    expect(t).toMatch(/ad valorem part/);
  });

  it("with a unit value it is the specific duty divided by the unit value: 4.4¢ / $6.00 = 0.7333…%", () => {
    expect(total("AU", "0201.10.05", "2025-01-15", choice("6/kg"))).toBeCloseTo(0.044 / 6, 12);
  });

  it("converts the unit value into the rate's unit: $2.72155422/lb is $6.00/kg", () => {
    // 1 lb = 0.45359237 kg exactly, so $6/kg = $2.72155422/lb.
    expect(total("AU", "0201.10.05", "2025-01-15", choice("2.72155422/lb"))).toBeCloseTo(0.044 / 6, 9);
  });

  it("refuses a unit value in another dimension rather than guessing a density", () => {
    expect(total("AU", "0201.10.05", "2025-01-15", choice("6/liter"))).toMatch(/needs a unit value per kg/);
  });

  it("a compound rate adds its ad valorem part: $1.104/kg + 14.9% at $5.00/kg is 22.08% + 14.9%", () => {
    expect(answer("AU", "0402.29.50", "2025-01-15").composition.base.expr?.text).toBe("$1.104/kg + 14.9%");
    expect(total("AU", "0402.29.50", "2025-01-15", choice("5/kg"))).toBeCloseTo(1.104 / 5 + 0.149, 12);
    expect(total("AU", "0402.29.50", "2025-01-15", choice(undefined, true))).toBeCloseTo(0.149, 12);
  });

  it("'ad valorem part' returns the ad valorem duties alone, knowingly", () => {
    expect(total("AU", "0201.10.05", "2025-01-15", choice(undefined, true))).toBe(0);
  });

  it("an ad valorem line ignores both options: its total is its total", () => {
    expect(total("CN", "9503.00.00", "2025-04-15", choice("6/kg"))).toBe(1.45);
    expect(total("CN", "9503.00.00", "2025-04-15", choice(undefined, true))).toBe(1.45);
  });

  it("an all-in floor tops up against the base's equivalent, not its ad valorem part (note 52(k))", () => {
    // A Japanese good on a specific-rate line after Jul 24 2026: the all-in 12.5% floor counts the
    // specific duty's equivalent as part of the base, so the total is max(12.5%, base equivalent).
    const lines = ["0201.10.05", "0402.10.10", "1701.12.10", "2204.21.20"];
    for (const line of lines) {
      const a = lookupRate(embedded(), { country: "JP", product: line, day: isoDay("2026-09-01") });
      if (!a.ok) continue;
      const floor = a.value.composition.layers.find((l) => l.measure.formula.kind === "allIn");
      if (!floor || floor.share.toNumber() !== 1) continue;
      const f = floor.measure.formula as { fraction: Decimal };
      const c = totalRate(a.value.composition, choice("0.10/kg"), line);
      if (!c.ok) continue;
      const eq = c.value.equivalents.filter((e) => e.part.measure === null).reduce((s, e) => s + e.fraction.toNumber(), 0);
      const base = (a.value.composition.baseFraction?.toNumber() ?? 0) + eq;
      const others = a.value.composition.layers.filter((l) => l !== floor).reduce((s, l) => s + (l.fraction?.toNumber() ?? 0), 0);
      expect(c.value.total.toNumber()).toBeCloseTo(Math.max(base, f.fraction.toNumber()) + others, 12);
      return;
    }
    throw new Error("no Japanese specific-rate line with an all-in floor found among the examples");
  });

  it("reads unit values as dollars per unit, and refuses what is not one", () => {
    expect(parseUnitValue("$2.40 per kg")).toMatchObject({ ok: true, value: { unit: "kg" } });
    expect(parseUnitValue("1,200/t")).toMatchObject({ ok: true, value: { unit: "t" } });
    for (const bad of ["2.40", "kg", "0/kg", "2.40/parsec", "-1/kg"]) expect(parseUnitValue(bad).ok).toBe(false);
  });
});

describe("property: no specific-duty line ever gets a bare number without a unit value or the explicit option", () => {
  const table = embedded();
  const us = table.importers.get("US")!;
  const specificLines = [
    ...new Set(
      us.atoms.filter((_, i) => {
        const kind = us.bases.at(i).expr?.kind;
        return kind === "specific" || kind === "compound";
      }),
    ),
  ];

  it("finds the specific and compound lines of the schedule (1,082 8-digit lines in HTS 2026 Rev 10)", () => {
    expect(new Set(specificLines.map((a) => a.slice(0, 8))).size).toBe(1082);
  });

  it("holds for random lines, origins and dates", () => {
    const origins = ["CN", "DE", "JP", "MX", "VN", "BR", "IN", "GB", "KP", "RU", "AU", "CA"];
    fc.assert(
      fc.property(
        fc.constantFrom(...specificLines),
        fc.constantFrom(...origins),
        fc.integer({ min: table.coverage.from, max: table.coverage.to - 1 }),
        (line, origin, day) => {
          const r = lookupRate(table, { country: origin, product: line, day: day as never });
          if (!r.ok) return true; // ambiguous or prohibited: an error, not a number
          const c = r.value.composition;
          if (c.specific.length === 0) return true; // a Column 2 origin may meet an ad valorem Column 2 rate
          return !totalRate(c, PLAIN_CHOICE, line).ok;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
