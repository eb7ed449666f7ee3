import Decimal from "decimal.js";
import fc from "fast-check";
import { centsOf, centsOfText, centsText, compareTimesRate, scaledRate, timesRateHalfUp } from "../../../src/engine/landed/cents";
import { parseAmount } from "../../../src/engine/landed/money";

/** Integer-cent arithmetic of the batch fast path: exact, or null (then the row is computed with Decimal). */

const halfUp = (cents: number, rate: Decimal) => new Decimal(cents).times(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

describe("scaledRate", () => {
  test("a rate as an integer over a power of ten", () => {
    expect(scaledRate(new Decimal("0.003464"))).toEqual({ n: 3464, k: 6, scale: 1e6 });
    expect(scaledRate(new Decimal("0.25"))).toEqual({ n: 25, k: 2, scale: 100 });
    expect(scaledRate(new Decimal(0))).toEqual({ n: 0, k: 0, scale: 1 });
  });
  test("more than 15 decimals, or a negative rate, is not a scaled rate", () => {
    expect(scaledRate(new Decimal("0.1234567890123456"))).toBeNull();
    expect(scaledRate(new Decimal("-0.1"))).toBeNull();
  });
});

describe("timesRateHalfUp", () => {
  test("worked: MPF 0.3464% × $10,000.00 = $34.64; HMF 0.125% × $2,000.04 = 2.50005 → $2.50; 0.125% × $4.00 = 0.005 → $0.01", () => {
    expect(timesRateHalfUp(1_000_000, scaledRate(new Decimal("0.003464"))!)).toBe(3464);
    expect(timesRateHalfUp(200_004, scaledRate(new Decimal("0.00125"))!)).toBe(250);
    expect(timesRateHalfUp(400, scaledRate(new Decimal("0.00125"))!)).toBe(1); // exactly half a cent rounds up
    expect(timesRateHalfUp(399, scaledRate(new Decimal("0.00125"))!)).toBe(0); // 0.49875 of a cent
  });

  test("the boundary: exact while cents × n is a safe integer, null past it", () => {
    const rate = scaledRate(new Decimal("0.333333333333"))!; // n = 333,333,333,333
    const last = Math.floor(Number.MAX_SAFE_INTEGER / rate.n);
    expect(timesRateHalfUp(last, rate)).toBe(halfUp(last, new Decimal("0.333333333333")));
    expect(timesRateHalfUp(last + 1, rate)).toBeNull();
    expect(compareTimesRate(last + 1, rate, 1)).toBeNull();
  });

  test("property: equals Decimal's half-up product wherever it answers, and answers for every 2-decimal rate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e14 }), fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 12 }), (cents, n, k) => {
        const rate = new Decimal(n).div(new Decimal(10).pow(k));
        const s = scaledRate(rate)!;
        const got = timesRateHalfUp(cents, s);
        if (got === null) expect(cents * s.n).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
        else expect(got).toBe(halfUp(cents, rate));
        if (k <= 2 && n <= 1000) expect(got).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  test("property: compareTimesRate orders the unrounded product against a limit as Decimal does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (cents, n, limit) => {
        const rate = new Decimal(n).div(1e6);
        const s = scaledRate(rate)!;
        const got = compareTimesRate(cents, s, limit);
        if (got === null) expect(cents * s.n).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
        else expect(got).toBe(new Decimal(cents).times(rate).comparedTo(limit));
      }),
    );
  });
});

describe("centsOf and centsText", () => {
  test("an amount of at most two decimals is its cents; more decimals is null", () => {
    expect(centsOf(new Decimal("1234.5"))).toBe(123450);
    expect(centsOf(new Decimal("0.07"))).toBe(7);
    expect(centsOf(new Decimal("999999999999.99"))).toBe(99999999999999);
    expect(centsOf(new Decimal("1.005"))).toBeNull();
    expect(centsOf(new Decimal("0"))).toBe(0);
    expect(centsOf(new Decimal("-0.5"))).toBeNull();
    expect(centsOf(new Decimal("NaN"))).toBeNull();
    expect(centsOf(new Decimal("Infinity"))).toBeNull();
    expect(centsOf(new Decimal("1e20"))).toBeNull();
  });
  test("exact near 2^52 cents, where a double's × 100 is a cent off (36,767,065,043,009.38 is not …39)", () => {
    expect(centsOf(new Decimal("36767065043009.38"))).toBe(3676706504300938);
    expect(centsOf(new Decimal("45035996273704.95"))).toBe(4503599627370495);
    expect(centsOf(new Decimal("45035996273704.96"))).toBeNull(); // 2^52 cents
  });
  test("property: any decimal text is its exact value × 100 when that is an integer below 2^52, else null", () => {
    const text = fc
      .tuple(fc.stringMatching(/^[0-9]{1,18}$/), fc.stringMatching(/^[0-9]{0,5}$/), fc.integer({ min: -4, max: 12 }))
      .map(([whole, frac, exp]) => `${whole}${frac === "" ? "" : `.${frac}`}e${exp}`);
    fc.assert(
      fc.property(text, (t) => {
        const hundred = new Decimal(t).times(100);
        const want = hundred.isInteger() && hundred.lessThan(2 ** 52) ? hundred.toNumber() : null;
        expect(centsOf(new Decimal(t))).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });
  test("property: round-trips with Decimal's toFixed(2)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (c) => {
        const d = new Decimal(c).div(100);
        expect(centsText(c)).toBe(d.toFixed(2));
        if (c >= 0) expect(centsOf(d)).toBe(c);
      }),
    );
  });
});

describe("centsOfText", () => {
  const viaDecimal = (t: string) => {
    const d = parseAmount(t);
    return d === null ? null : centsOf(d);
  };

  test("plain text with at most two decimals is its cents, as parseAmount then centsOf give them", () => {
    for (const [text, cents] of [
      ["0", 0],
      ["0.00", 0],
      ["0.5", 50],
      ["0.05", 5],
      ["12.5", 1250],
      ["0012.50", 1250],
      ["1234.56", 123456],
      ["999999999999.99", 99999999999999],
      ["1000000000000", 100000000000000],
      ["9999999999999.99", 999999999999999],
    ] as const) {
      expect(centsOfText(text)).toBe(cents);
      expect(viaDecimal(text)).toBe(cents);
    }
  });

  test("anything else is null, for the Decimal reading to decide (which may read it, or word the error)", () => {
    for (const text of [
      "",
      "10000000000000",
      "1.005",
      "1.",
      ".5",
      "1,234.50",
      "1e5",
      "-5",
      "+5",
      " 1",
      "1 ",
      "1.2.3",
      "1..2",
      "abc",
      "١٢",
      "12.a",
      "1.-1",
    ]) {
      expect(centsOfText(text)).toBeNull();
    }
  });

  test("property: wherever it answers, it is the Decimal reading's cents; it answers for every plain amount", () => {
    const text = fc.string({ unit: fc.constantFrom("0", "1", "5", "9", ".", ",", "e", "-", "+", " "), maxLength: 18 });
    fc.assert(
      fc.property(text, (t) => {
        const got = centsOfText(t);
        if (got !== null) expect(got).toBe(viaDecimal(t));
      }),
      { numRuns: 20_000 },
    );
    const plain = fc.tuple(
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 13 }),
      fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 2 }),
    );
    fc.assert(
      fc.property(plain, ([whole, frac]) => {
        const t = frac === "" ? whole : `${whole}.${frac}`;
        expect(centsOfText(t)).not.toBeNull();
        expect(centsOfText(t)).toBe(viaDecimal(t));
      }),
      { numRuns: 5_000 },
    );
  });
});
