import Decimal from "decimal.js";
import fc from "fast-check";
import { Day, LandedRequest, TransportMode, decimalTotals, formatHts, isoDay, landedTotals, parseLandedOptions } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/**
 * landedTotals: integer cents where exact, Decimal otherwise. The fast path must give the Decimal path's
 * cents on every row it takes, and hand every other row to the Decimal path.
 */
const table = embedded();
const LINES = table.importers
  .get("US")!
  .atoms.filter((_, i) => i % 97 === 0)
  .map(formatHts);
const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "BR", "GB", "KR", "China", "AU"];
const OPTIONS = ["", "formal", "informal", "mpf=exempt", "nodeminimis", "USMCA", "final", "fx=1", "metal=40%", "metal=12.5%", "steel=30%; metal=5%"];
const MODES: (TransportMode | null)[] = ["ocean", "air", "truck", null];
const FIRST = isoDay("2025-01-01");

function req(
  value: Decimal,
  country: string,
  product: string,
  day: number,
  mode: TransportMode | null,
  options: string,
  freight: Decimal,
): LandedRequest {
  const o = parseLandedOptions(options, table);
  if (!o.ok) throw new Error(o.error.message);
  return {
    value,
    country,
    product,
    day: day as Day,
    freight,
    insurance: null,
    quantity: null,
    importer: "US",
    mode,
    options: o.value,
    explain: false,
  };
}

const money = (maxCents: number) => fc.integer({ min: 0, max: maxCents }).map((c) => new Decimal(c).div(100));
// Log-spread values: parcels, de minimis, informal, MPF minimum and maximum, up to $50M.
const value = fc.tuple(fc.double({ min: 0, max: Math.log(5e9), noNaN: true }), fc.boolean()).map(([l, whole]) => {
  const cents = Math.floor(Math.exp(l));
  return new Decimal(whole ? Math.floor(cents / 100) : cents).div(whole ? 1 : 100);
});

test("property: the fast path's cents equal the Decimal path's on random US rows", () => {
  let fast = 0;
  fc.assert(
    fc.property(
      value,
      fc.constantFrom(...ORIGINS),
      fc.constantFrom(...LINES),
      fc.integer({ min: 0, max: 637 }),
      fc.constantFrom(...MODES),
      fc.constantFrom(...OPTIONS),
      money(500_000),
      (v, country, product, d, mode, options, freight) => {
        const r = req(v, country, product, FIRST + d, mode, options, freight);
        const got = landedTotals(table, r);
        const want = decimalTotals(table, r);
        expect(got.ok).toBe(want.ok);
        if (got.ok && want.ok) {
          expect({ ...got.value, path: "-" }).toEqual({ ...want.value, path: "-" });
          if (got.value.path === "cents") fast++;
        } else if (!got.ok && !want.ok) expect(got.error).toEqual(want.error);
      },
    ),
    { numRuns: 1500 },
  );
  // The comparison means something only if most rows did take the fast path.
  expect(fast).toBeGreaterThan(500);
});

describe("which path answers", () => {
  const base = (options = "", v = "10000") => req(new Decimal(v), "VN", "9503.00.00", isoDay("2025-10-15"), "ocean", options, new Decimal(0));

  test("worked, cents path: $10,000 of toys from Vietnam, 2025-10-15, ocean", () => {
    // duty: Free + 20% (IEEPA reciprocal, Vietnam) = 2,000.00; MPF 0.3464% × 10,000 = 34.64 (FY2026 limits
    // 33.58-651.50); HMF 0.125% × 10,000 = 12.50; landed 10,000 + 2,000 + 47.14 = 12,047.14.
    const t = landedTotals(table, base());
    expect(t).toEqual({ ok: true, value: { duty: 200000, fees: 4714, taxes: 0, landed: 1204714, customsValue: 1000000, path: "cents" } });
  });

  test.each([
    ["an amount with more than two decimals", base("", "10000.005")],
    ["an exchange rate", base("fx=1.1")],
    ["a duty rate given in options", base("duty=4%")],
    ["an entry value", base("entry value=50000")],
  ])("%s goes to the Decimal path, with the same cents", (_, r) => {
    const t = landedTotals(table, r);
    expect(t.ok && t.value.path).toBe("decimal");
    expect(t).toEqual(decimalTotals(table, r));
  });

  test("metal=: the cents path where one metal measure applies, with the Decimal path's cents", () => {
    // 2711.12.00.10 on 2025-10-15 from Germany: a layer assessed on metal content, so the share changes the duty.
    const row = (options: string) => req(new Decimal("10000"), "DE", "2711.12.00.10", isoDay("2025-10-15"), "ocean", options, new Decimal(0));
    const duties = new Set<number>();
    for (const options of ["metal=40%", "metal=100%", "metal=0%", "steel=30%; metal=5%"]) {
      const got = landedTotals(table, row(options));
      const want = decimalTotals(table, row(options));
      if (!got.ok || !want.ok) throw new Error(`${options}: no answer`);
      expect(got.value.path).toBe("cents");
      expect({ ...got.value, path: "-" }).toEqual({ ...want.value, path: "-" });
      duties.add(got.value.duty);
    }
    expect(duties.size).toBeGreaterThan(1);
  });

  test("metal= where two metal measures apply is the Decimal path's error (which options to give instead)", () => {
    const r = req(new Decimal("10000"), "DE", "0402.99.68.00", isoDay("2025-10-15"), "ocean", "metal=40%", new Decimal(0));
    const t = landedTotals(table, r);
    expect(!t.ok && t.error.message).toMatch(/ambiguous/);
    expect(t).toEqual(decimalTotals(table, r));
  });

  test("a value within a de minimis threshold is decided by the de minimis rule, on either path", () => {
    const march = req(new Decimal("500"), "JP", "9503.00.00", isoDay("2025-03-01"), null, "", new Decimal(0));
    expect(landedTotals(table, march)).toEqual({
      ok: true,
      value: { duty: 0, fees: 0, taxes: 0, landed: 50000, customsValue: 50000, path: "cents" },
    });
  });
});
