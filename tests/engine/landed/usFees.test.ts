import Decimal from "decimal.js";
import fc from "fast-check";
import { fiscalYearOf, harborMaintenanceFee, isoDay, landedLaw, merchandiseProcessingFee, mpfYearFor } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/**
 * MPF and HMF: research/landed-cost.md §3.1 and worked examples E1-E4; research/us-timeline-2026h2.md §G
 * (FY2027). The fiscal-year limits are rows of the table's landed law; a year with no row is refused.
 */

const law = landedLaw(embedded());
const MPF_YEARS = law.doc.mpf;
const MPF_RATE = new Decimal("0.003464");
const LIMIT = new Decimal(2500);
const hmf = (value: Decimal, ocean: boolean, noOther: () => boolean, date = "2025-06-02") => {
  const r = harborMaintenanceFee(law, value, isoDay(date), ocean, noOther);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const FY25 = "2025-06-02";
const FY26 = "2025-11-03";
const FY27 = "2026-11-02";

function mpf(value: string, date: string, entry: "formal" | "informal" = "formal") {
  const r = merchandiseProcessingFee(law, new Decimal(value), isoDay(date), entry, LIMIT);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const amount = (value: string, date: string) => mpf(value, date).amount.toFixed(2);

describe("MPF: 0.3464% of the customs value, clamped to the fiscal year's minimum and maximum", () => {
  it("E1: $10,000 in FY2026 is 34.64, inside [33.58, 651.50]", () => {
    expect(amount("10000", FY26)).toBe("34.64");
    expect(mpf("10000", FY26).clamp).toBeNull();
  });

  it.each([
    ["5000", FY25, "32.71"], // raw 17.32
    ["2500", FY25, "32.71"], // raw 8.66
    ["5000", FY26, "33.58"],
    ["2500", FY26, "33.58"],
    ["5000", FY27, "34.58"],
  ])("E2 minimum: $%s on %s is %s", (value, date, expected) => {
    expect(amount(value, date)).toBe(expected);
    expect(mpf(value, date).clamp).toBe("min");
  });

  it.each([
    ["250000", FY25, "634.62"], // raw 866.00
    ["250000", FY26, "651.50"],
    ["250000", FY27, "670.86"],
  ])("E3 maximum: $%s on %s is %s", (value, date, expected) => {
    expect(amount(value, date)).toBe(expected);
    expect(mpf(value, date).clamp).toBe("max");
  });

  it("E3: $100,000 is 346.40 in both years (no clamp)", () => {
    expect(amount("100000", FY25)).toBe("346.40");
    expect(amount("100000", FY26)).toBe("346.40");
  });

  describe("E4: the crossover values", () => {
    it("FY2025 minimum: the clamp applies up to $9,442.84 and not from $9,442.85", () => {
      expect(mpf("9442.84", FY25)).toMatchObject({ clamp: "min" });
      expect(amount("9442.84", FY25)).toBe("32.71");
      expect(mpf("9442.85", FY25).clamp).toBeNull();
      expect(amount("9442.85", FY25)).toBe("32.71");
      // the first cent of value that moves the rounded fee off the minimum
      expect(amount("9444.28", FY25)).toBe("32.71");
      expect(amount("9444.29", FY25)).toBe("32.72");
    });

    it("FY2025 maximum: capped from $183,204.39", () => {
      expect(mpf("183204.38", FY25).clamp).toBeNull();
      expect(amount("183204.38", FY25)).toBe("634.62"); // 634.6199… rounds to the maximum anyway
      expect(mpf("183204.39", FY25).clamp).toBe("max");
      expect(amount("183204.39", FY25)).toBe("634.62");
      expect(amount("183201.50", FY25)).toBe("634.61");
    });

    it("FY2026 minimum: $9,694.00 pays the minimum 33.58; $9,695.44 is the first value above it", () => {
      expect(mpf("9693.99", FY26).clamp).toBe("min");
      expect(mpf("9694.00", FY26).clamp).toBeNull(); // raw 33.580016
      expect(amount("9694.00", FY26)).toBe("33.58");
      expect(amount("9695.43", FY26)).toBe("33.58");
      expect(amount("9695.44", FY26)).toBe("33.59");
    });

    it("FY2026 maximum: capped from $188,077.37", () => {
      expect(mpf("188077.36", FY26).clamp).toBeNull();
      expect(mpf("188077.37", FY26).clamp).toBe("max");
      expect(amount("188077.37", FY26)).toBe("651.50");
      expect(amount("188074.50", FY26)).toBe("651.49");
    });

    it("FY2027: min 34.58 up to $9,982.67, max 670.86 from $193,666.29", () => {
      expect(mpf("9982.67", FY27).clamp).toBe("min");
      expect(mpf("9982.68", FY27).clamp).toBeNull();
      expect(mpf("193666.28", FY27).clamp).toBeNull();
      expect(mpf("193666.29", FY27).clamp).toBe("max");
    });

    it("every crossover is where value × 0.3464% meets the limit", () => {
      for (const y of MPF_YEARS) {
        const date = y.from;
        expect(y.percent).toBe("0.3464");
        const minCross = new Decimal(y.min).div(MPF_RATE).toDecimalPlaces(2, Decimal.ROUND_FLOOR);
        const maxCross = new Decimal(y.max).div(MPF_RATE).toDecimalPlaces(2, Decimal.ROUND_CEIL);
        expect(mpf(minCross.toString(), date).clamp).toBe("min");
        expect(mpf(minCross.plus("0.01").toString(), date).clamp).toBeNull();
        expect(mpf(maxCross.toString(), date).clamp).toBe("max");
        expect(mpf(maxCross.minus("0.01").toString(), date).clamp).toBeNull();
      }
    });
  });
});

describe("fiscal years: 1 October to 30 September, keyed to the entry date", () => {
  it.each([
    ["2024-09-30", 2024, "31.67", "614.35"],
    ["2024-10-01", 2025, "32.71", "634.62"],
    ["2025-09-30", 2025, "32.71", "634.62"],
    ["2025-10-01", 2026, "33.58", "651.50"],
    ["2026-09-30", 2026, "33.58", "651.50"],
    ["2026-10-01", 2027, "34.58", "670.86"],
    ["2027-09-30", 2027, "34.58", "670.86"],
  ])("%s is FY%d: min %s, max %s", (date, fy, min, max) => {
    expect(fiscalYearOf(isoDay(date))).toBe(fy);
    expect(amount("1", date)).toBe(min);
    expect(amount("1000000", date)).toBe(max);
  });

  it("the same $5,000 entry pays 32.71 on 30 Sep 2025 and 33.58 on 1 Oct 2025", () => {
    expect(amount("5000", "2025-09-30")).toBe("32.71");
    expect(amount("5000", "2025-10-01")).toBe("33.58");
  });

  it.each([
    ["2027-10-01", "FY2028"],
    ["2023-09-30", "FY2023"],
  ])("%s (%s) has no published figures in the table: #N/A, not a guess", (date, fy) => {
    const r = merchandiseProcessingFee(law, new Decimal(5000), isoDay(date), "formal", LIMIT);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("notAvailable");
    expect(r.error.message).toContain(fy);
    expect(r.error.message).toMatch(/not guessed/);
  });

  it("the rows are contiguous, one per fiscal year, each with a source", () => {
    for (let i = 0; i < MPF_YEARS.length; i++) {
      const y = MPF_YEARS[i]!;
      expect(y.from).toBe(`${y.fiscalYear - 1}-10-01`);
      expect(y.to).toBe(`${y.fiscalYear}-10-01`);
      expect(y.source.length).toBeGreaterThan(10);
      if (i > 0) expect(MPF_YEARS[i - 1]!.to).toBe(y.from);
    }
    expect(mpfYearFor(law, isoDay("2026-10-01")).ok).toBe(true);
  });
});

describe("informal entries pay the flat fee of the fiscal year", () => {
  it.each([
    ["2025-06-02", "2.62"],
    ["2025-11-03", "2.69"],
    ["2026-11-02", "2.77"],
  ])("on %s: %s", (date, fee) => {
    const r = mpf("1200", date, "informal");
    expect(r.amount.toFixed(2)).toBe(fee);
    expect(r.describe().formula).toMatch(/informal entry/);
  });
});

describe("HMF: 0.125%, ocean only", () => {
  const none = () => false;
  it("E1: 0.125% × 10,000 = 12.50", () => {
    expect(hmf(new Decimal(10000), true, none).amount.toFixed(2)).toBe("12.50");
    expect(law.hmf[0]!.rate.toString()).toBe("0.00125");
  });

  it("is 0 when not ocean, and says why", () => {
    const r = hmf(new Decimal(10000), false, none);
    expect(r.amount.isZero()).toBe(true);
    expect(r.describe().formula).toMatch(/ocean/);
  });

  it("rounds half up to the cent: 0.125% × 1,004 = 1.255 → 1.26", () => {
    expect(hmf(new Decimal(1004), true, none).amount.toFixed(2)).toBe("1.26");
  });

  it("$3 or less on an entry with no other duty or fee is not collected", () => {
    expect(hmf(new Decimal(2400), true, () => true).amount.toFixed(2)).toBe("0.00");
    expect(hmf(new Decimal(2400), true, none).amount.toFixed(2)).toBe("3.00");
    expect(hmf(new Decimal(2408), true, () => true).amount.toFixed(2)).toBe("3.01");
  });
});

describe("properties", () => {
  const cents = fc.integer({ min: 1, max: 5_000_000_000 }).map((c) => new Decimal(c).div(100));
  const date = fc.constantFrom("2024-10-01", "2025-06-02", "2025-09-30", "2025-10-01", "2026-05-01", "2026-10-01", "2027-09-30");

  it("a formal-entry MPF is always within [min, max] of its fiscal year, and a whole number of cents", () => {
    fc.assert(
      fc.property(cents, date, (value, d) => {
        const r = merchandiseProcessingFee(law, value, isoDay(d), "formal", LIMIT);
        if (!r.ok) throw new Error(r.error.message);
        const y = mpfYearFor(law, isoDay(d));
        if (!y.ok) throw new Error("no year");
        expect(r.value.amount.greaterThanOrEqualTo(y.value.min)).toBe(true);
        expect(r.value.amount.lessThanOrEqualTo(y.value.max)).toBe(true);
        expect(r.value.amount.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });

  it("MPF is monotone in the value", () => {
    fc.assert(
      fc.property(cents, cents, date, (a, b, d) => {
        const [lo, hi] = a.lessThan(b) ? [a, b] : [b, a];
        const f = (v: Decimal) => {
          const r = merchandiseProcessingFee(law, v, isoDay(d), "formal", LIMIT);
          if (!r.ok) throw new Error(r.error.message);
          return r.value.amount;
        };
        expect(f(lo).lessThanOrEqualTo(f(hi))).toBe(true);
      }),
    );
  });
});
