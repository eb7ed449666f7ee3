import fc from "fast-check";
import { Day, formatHts, isoDay, lookupRate, parseLandedOptions } from "../../../src/engine";
import { scaledRate } from "../../../src/engine/landed/cents";
import { rateRequestOf } from "../../../src/engine/landed/landedCost";
import { sumLineRates } from "../../../src/engine/landed/sumLineDuty";
import { forgetLookups, setLookupBudget } from "../../../src/engine/lookup/lookupCache";
import { embedded } from "../../support/embeddedTable";

/**
 * sumLineRates: a batch row's duty rates, line by line, read off the origin views' sums. Wherever it answers,
 * its rates are the composition's own (the base, then each layer with a non-zero fraction), which is what the
 * cents path multiplies; everything else is left to the composition (undefined).
 */
const table = embedded();
const LINES = table.importers
  .get("US")!
  .atoms.filter((_, i) => i % 41 === 0)
  .map(formatHts);
const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "BR", "GB", "KR", "CH", "TW", "China", "AU", "RU"];
const OPTIONS = ["", "USMCA", "final", "steel=40%", "aluminum=10%; copper=5%", "loaded=2025-03-01", "KORUS"];
const FIRST = isoDay("2025-01-01");

const options = (text: string) => {
  const o = parseLandedOptions(text, table);
  if (!o.ok) throw new Error(o.error.message);
  return o.value;
};
const key = (r: { n: number; k: number }) => r.n / 10 ** r.k;

/** The general path's answer for the same row: lookupRate with the landed options' rate request. */
const lookup = (country: string, product: string, opts: ReturnType<typeof options>, day: Day) =>
  lookupRate(table, { ...rateRequestOf(table, "US", country, product, opts), day });

/** The composition's rates as the cents path takes them: base and layers, zero fractions left out. */
function composedRates(country: string, product: string, opts: ReturnType<typeof options>, day: Day) {
  const a = lookup(country, product, opts, day);
  if (!a.ok) return null;
  const c = a.value.composition;
  if (c.baseFraction === null || c.layers.some((l) => l.fraction === null)) return null;
  return [c.baseFraction, ...c.layers.map((l) => l.fraction!)].filter((f) => !f.isZero()).map((f) => scaledRate(f)!);
}

test("property: wherever it answers, the rates are the composition's, line by line", () => {
  let answered = 0;
  let notAdValorem = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...ORIGINS),
      fc.constantFrom(...LINES),
      fc.constantFrom(...OPTIONS),
      fc.integer({ min: -30, max: 700 }),
      fc.boolean(),
      (country, product, text, d, evict) => {
        // Starting over between rows changes no answer.
        if (evict) forgetLookups(table);
        const opts = options(text);
        const day = (FIRST + d) as Day;
        const got = sumLineRates(table, "US", country, product, opts, day);
        if (got === "notAdValorem") {
          // Then no day of the request has a plain ad valorem base: the cents path can have no plan for it.
          const a = lookup(country, product, opts, day);
          if (a.ok) expect(["free", "adValorem"]).not.toContain(a.value.composition.base.expr?.kind);
          notAdValorem++;
          return;
        }
        if (got === "compose") return;
        answered++;
        const want = composedRates(country, product, opts, day);
        expect(want).not.toBeNull();
        expect([...got].sort((a, b) => key(a) - key(b))).toEqual([...want!].sort((a, b) => key(a) - key(b)));
      },
    ),
    { numRuns: 2000 },
  );
  // The comparison means something only if most rows were answered here.
  expect(answered).toBeGreaterThan(1000);
  expect(notAdValorem).toBeGreaterThan(10);
});

test("worked: toys from Vietnam on 2025-10-15 pay Free and 20 % (IEEPA reciprocal): one line of 20 %", () => {
  expect(sumLineRates(table, "US", "VN", "9503.00.00", options(""), isoDay("2025-10-15"))).toEqual([{ n: 2, k: 1, scale: 10 }]);
});

describe('left to the composition ("compose") or to the Decimal path ("notAdValorem")', () => {
  const opts = options("");
  test("a date outside the table's coverage", () => {
    expect(sumLineRates(table, "US", "VN", "9503.00.00", opts, (table.coverage.to + 1) as Day)).toBe("compose");
    expect(sumLineRates(table, "US", "VN", "9503.00.00", opts, (table.coverage.from - 1) as Day)).toBe("compose");
  });
  test("an unknown country or product, and the importer as origin", () => {
    expect(sumLineRates(table, "US", "Atlantis", "9503.00.00", opts, isoDay("2025-10-15"))).toBe("compose");
    expect(sumLineRates(table, "US", "VN", "9999.99.99", opts, isoDay("2025-10-15"))).toBe("compose");
    expect(sumLineRates(table, "US", "US", "9503.00.00", opts, isoDay("2025-10-15"))).toBe("compose");
  });
  test("a line whose base is a specific duty (0102.29.40: 1¢/kg)", () => {
    const specific = table.importers
      .get("US")!
      .atoms.map(formatHts)
      .find((l) => {
        const a = lookupRate(table, { country: "VN", product: l, day: isoDay("2025-10-15") });
        return a.ok && a.value.composition.specific.length > 0;
      })!;
    expect(sumLineRates(table, "US", "VN", specific, opts, isoDay("2025-10-15"))).toBe("notAdValorem");
    // From Russia (Column 2) the same line's base is its Column 2 rate, which may be ad valorem: composed.
    expect(sumLineRates(table, "US", "RU", specific, opts, isoDay("2025-10-15"))).toBe("compose");
  });
  test("Russia (Column 2): the base itself changes", () => {
    expect(sumLineRates(table, "US", "RU", "9503.00.00", opts, isoDay("2025-10-15"))).toBe("compose");
  });
});

test("the same answers with a budget so small that every lookup starts the caches over", () => {
  const opts = options("");
  const days = [isoDay("2025-02-03"), isoDay("2025-04-10"), isoDay("2025-10-15")];
  const before = days.map((d) => sumLineRates(table, "US", "CN", "9503.00.00", opts, d));
  setLookupBudget(table, 1);
  try {
    expect(days.map((d) => sumLineRates(table, "US", "CN", "9503.00.00", opts, d))).toEqual(before);
  } finally {
    setLookupBudget(table, undefined);
  }
});
