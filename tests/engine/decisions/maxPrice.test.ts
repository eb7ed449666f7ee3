import Decimal from "decimal.js";
import fc from "fast-check";
import { Day, MaxPriceRequest, TransportMode, dayFromIso, firstFall, landedCost, maxPrice } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

const day = (iso: string) => dayFromIso(iso) as Day;
const D = (x: number | string) => new Decimal(x);

function solve(req: MaxPriceRequest, target: number | string) {
  const m = maxPrice(embedded(), req, D(target));
  if (!m.ok) throw new Error(m.error.message);
  return [m.value.price.toNumber(), m.value.landed.toNumber(), m.value.landedNextCent.toNumber()];
}

const TOYS_CN = { country: "CN", product: "9503.00.00", day: day("2025-04-15") } as const;
const TOYS_VN = { country: "VN", product: "9503.00.00", day: day("2025-04-15") } as const;

describe("worked examples (toys, entered 2025-04-15, FY2025 fees)", () => {
  test("China by sea, target 3,000.00: 1,222.79", () => {
    // landed(p) = p + 20% p + 125% p + MPF informal 2.62 + HMF 0.125% p, each line rounded to the cent
    // p = 1,222.79: 1,222.79 + 244.56 + 1,528.49 + 2.62 + 1.53 = 2,999.99 ≤ 3,000
    // p = 1,222.80: 1,222.80 + 244.56 + 1,528.50 + 2.62 + 1.53 = 3,000.01 > 3,000
    expect(solve({ ...TOYS_CN, mode: "ocean" }, 3000)).toEqual([1222.79, 2999.99, 3000.01]);
  });

  test("the de minimis cliff: target 1,000.00 is met at 800.00 exactly (duty-free), never above", () => {
    // p = 800.00: Section 321, no duty, no fees: landed 800.00
    // p = 800.01: 800.01 + 160.00 + 1,000.01 + 2.62 = 1,962.64
    expect(solve(TOYS_CN, 1000)).toEqual([800, 800, 1962.64]);
  });

  test("the informal-entry limit: a target in the gap the formal MPF minimum opens is met at 2,500.00", () => {
    // p = 2,500.00 (informal): 2,500.00 + 10% 250.00 + MPF 2.62 = 2,752.62 ≤ 2,770
    // p = 2,500.01 (formal):   2,500.01 + 250.00 + MPF minimum 32.71 = 2,782.72 > 2,770
    expect(solve(TOYS_VN, 2770)).toEqual([2500, 2752.62, 2782.72]);
  });

  test("past the limit, on the formal MPF minimum: target 2,800.00 is met at 2,515.72", () => {
    // p = 2,515.72: 2,515.72 + 251.57 + 32.71 = 2,800.00 ≤ 2,800
    // p = 2,515.73: 2,515.73 + 251.57 + 32.71 = 2,800.01 > 2,800
    expect(solve(TOYS_VN, 2800)).toEqual([2515.72, 2800, 2800.01]);
  });

  test("no price meets a target below the landed cost at a price of 0: #N/A with the reason", () => {
    const m = maxPrice(embedded(), { ...TOYS_CN, freight: D(60) }, D(50));
    expect(m).toEqual({
      ok: false,
      error: {
        kind: "notAvailable",
        message: "no price meets the target 50.00: even at a price of 0.00 the landed cost is 60.00 (freight, insurance, fees and duty on them)",
      },
    });
  });

  test("a question LANDED cannot answer is LANDED's error (a specific duty without a quantity)", () => {
    const m = maxPrice(embedded(), { country: "AU", product: "0201.10.05", day: day("2025-04-15") }, D(1000));
    expect(!m.ok && m.error.message).toMatch(/quantity needed for the specific duty 4\.4¢\/kg/);
  });

  test("the search is short: at most about 2 × log2 of the price in cents evaluations", () => {
    const m = maxPrice(embedded(), { ...TOYS_CN, mode: "ocean" }, D(3000));
    expect(m.ok && m.value.evaluations).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(122279)) + 2);
  });
});

describe("the monotonicity guard", () => {
  test("finds the first evaluated pair where a higher price lands lower", () => {
    const seen = new Map([
      [0, D(10)],
      [400, D(30)],
      [100, D(20)],
      [200, D(19)],
    ]);
    expect(firstFall(seen)).toEqual({ at: 100, next: 200, before: D(20), after: D(19) });
  });

  test("a jump up (de minimis, the formal-entry minimum) is not a fall", () => {
    expect(
      firstFall(
        new Map([
          [0, D(0)],
          [80000, D(800)],
          [80001, D(1962.64)],
        ]),
      ),
    ).toBeNull();
  });
});

const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "BR", "GB", "KR", "TW", "CH"];
const PRODUCTS = ["9503.00.00", "8471.30.01", "steel", "aluminum", "6109.10.00", "8703.23.01", "4418.20", "8541.43.00", "9401.61"];
const MODES: (TransportMode | null)[] = [null, "ocean", "air", "truck", "rail", "postal"];

describe("property: landed(price) ≤ target < landed(price + 0.01), or no price at all", () => {
  test("random origins, lines, dates, freight, insurance, modes and targets", () => {
    const t = embedded();
    const span = Math.min(t.coverage.to - t.coverage.from - 1, 700);
    fc.assert(
      fc.property(
        fc.constantFrom(...ORIGINS),
        fc.constantFrom(...PRODUCTS),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom(...MODES),
        fc.integer({ min: 0, max: 200_000_000 }),
        (country, product, offset, freightCents, insuranceCents, mode, targetCents) => {
          const req: MaxPriceRequest = {
            country,
            product,
            day: (t.coverage.from + offset) as Day,
            freight: D(freightCents).div(100),
            insurance: D(insuranceCents).div(100),
            mode,
          };
          const target = D(targetCents).div(100);
          const landed = (price: Decimal) => {
            const l = landedCost(t, { ...req, value: price, explain: false });
            if (!l.ok) throw new Error(l.error.message);
            return l.value.landed;
          };
          const m = maxPrice(t, req, target);
          if (!m.ok) {
            const zero = landedCost(t, { ...req, value: D(0), explain: false });
            // Either LANDED itself cannot answer, or nothing meets the target.
            if (zero.ok) expect(zero.value.landed.greaterThan(target)).toBe(true);
            else expect(m.error.message).toBe(zero.error.message);
            return;
          }
          const p = m.value.price;
          expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(landed(p).lessThanOrEqualTo(target)).toBe(true);
          expect(landed(p.plus("0.01")).greaterThan(target)).toBe(true);
          expect(m.value.landed.toString()).toBe(landed(p).toString());
          expect(m.value.landedNextCent.toString()).toBe(landed(p.plus("0.01")).toString());
        },
      ),
      { numRuns: 80 },
    );
  });
});
