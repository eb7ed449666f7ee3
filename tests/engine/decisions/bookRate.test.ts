import Decimal from "decimal.js";
import fc from "fast-check";
import {
  BASE_AUTHORITY,
  BookLine,
  BookOptions,
  Day,
  PLAIN_CHOICE,
  bookRate,
  bookRateSeries,
  dayFromIso,
  isoFromDay,
  lookupRate,
  monthlyDays,
  topContributors,
  totalRate,
} from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

const day = (iso: string) => dayFromIso(iso) as Day;
const D = (x: number | string) => new Decimal(x);
const OPTIONS: BookOptions = { basis: "entry", claims: [], loaded: null, content: {}, choice: PLAIN_CHOICE };
const line = (label: string, country: string, product: string, value: number): BookLine => ({ label, country, product, value: D(value) });

const BOOK = [line("row 1", "CN", "9503.00.00", 1000), line("row 2", "VN", "9503.00.00", 3000), line("row 3", "DE", "steel", 1000)];

function rate(book: readonly BookLine[], iso: string, options = OPTIONS) {
  const r = bookRate(embedded(), book, day(iso), options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("worked example: a book of three lines entered 2025-07-01", () => {
  test("ETR = Σ value × total / Σ value = 22%, split by authority", () => {
    // row 1: toys from China    1,000 × (20% fentanyl + 10% reciprocal)   =   300
    // row 2: toys from Vietnam  3,000 × 10% reciprocal                     =   300
    // row 3: steel from Germany 1,000 × 50% Section 232                    =   500
    // ETR = (300 + 300 + 500) / (1,000 + 3,000 + 1,000) = 1,100 / 5,000    = 0.22
    const r = rate(BOOK, "2025-07-01");
    expect([r.value.toNumber(), r.duty.toNumber(), r.etr!.toNumber()]).toEqual([5000, 1100, 0.22]);
    // IEEPA (300 + 300) / 5,000 = 0.12; Section 232 500 / 5,000 = 0.10; every base rate is Free.
    expect(r.byAuthority.map((a) => [a.authority, a.rate!.toNumber()])).toEqual([
      [BASE_AUTHORITY, 0],
      ["IEEPA", 0.12],
      ["Section 232", 0.1],
    ]);
  });

  test("the top contributors: steel pays 500 of 1,100 (45%), then China and Vietnam at 300 each, in book order", () => {
    const top = topContributors(rate(BOOK, "2025-07-01"), 5);
    expect(top.map((t) => [t.line.label, t.duty.toNumber()])).toEqual([
      ["row 3", 500],
      ["row 1", 300],
      ["row 2", 300],
    ]);
    expect(top[0]!.share!.toFixed(4)).toBe("0.4545");
  });

  test("over time: before Feb 4 2025 the book paid nothing; on Apr 15 China's 145% dominates", () => {
    const s = bookRateSeries(embedded(), BOOK, [day("2025-01-15"), day("2025-04-15")], OPTIONS);
    // Apr 15: (1,000 × 1.45 + 3,000 × 0.10 + 1,000 × 0.25 steel) / 5,000 = (1,450 + 300 + 250) / 5,000 = 0.40
    expect(s.ok && s.value.map((r) => [isoFromDay(r.day), r.etr!.toNumber()])).toEqual([
      ["2025-01-15", 0],
      ["2025-04-15", 0.4],
    ]);
  });
});

describe("what has no rate", () => {
  test("a line without a total makes the book #N/A, naming the line (never dropped)", () => {
    const r = bookRate(embedded(), [...BOOK, line("row 4", "AU", "0201.10.05", 500)], day("2025-07-01"), OPTIONS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^row 4 \(AU 0201\.10\.05, 2025-07-01\) has no total: 0201\.10\.05 carries a specific duty/);
  });

  test("an unknown country is the lookup's error, with the line's label", () => {
    const r = bookRate(embedded(), [line("row 7", "Atlantis", "9503.00.00", 1)], day("2025-07-01"), OPTIONS);
    expect(!r.ok && r.error.message).toMatch(/^row 7: /);
  });

  test("a book of zero value has no rate (DUTY.ETR: #DIV/0!)", () => {
    const r = rate([line("row 1", "CN", "9503.00.00", 0)], "2025-07-01");
    expect(r.etr).toBeNull();
    expect(rate([], "2025-07-01").etr).toBeNull();
  });
});

describe("monthlyDays", () => {
  test("the same day each month, clamped to the month's end", () => {
    const d = monthlyDays(day("2025-01-31"), day("2025-05-01"));
    expect(d.ok && d.value.map(isoFromDay)).toEqual(["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]);
  });

  test("an end before the start, or a series too long, is refused", () => {
    expect(monthlyDays(day("2025-02-01"), day("2025-01-01")).ok).toBe(false);
    expect(monthlyDays(day("2000-01-01"), day("2025-01-01")).ok).toBe(false);
  });
});

const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "BR", "GB", "KR", "TW", "CH"];
const PRODUCTS = ["9503.00.00", "8471.30.01", "steel", "aluminum", "6109.10.00", "8703.23.01", "4418.20", "8541.43.00"];

describe("property: ETR is the value-weighted mean of TARIFF, and its authority parts add up to it", () => {
  test("random books and dates", () => {
    const t = embedded();
    const span = Math.min(t.coverage.to - t.coverage.from - 1, 700);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ORIGINS), fc.constantFrom(...PRODUCTS), fc.integer({ min: 0, max: 10_000_000 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: span }),
        (rows, offset) => {
          const d = (t.coverage.from + offset) as Day;
          const book = rows.map(([c, p, cents], i) => ({ label: `row ${i + 1}`, country: c, product: p, value: D(cents).div(100) }));
          const r = bookRate(t, book, d, OPTIONS);
          let num = D(0);
          let den = D(0);
          for (const l of book) {
            const a = lookupRate(t, { country: l.country, product: l.product, day: d });
            if (!a.ok) {
              // The book is refused with the lookup's reason, under the line's label.
              expect(!r.ok && r.error.message).toContain(a.error.message);
              return;
            }
            const total = totalRate(a.value.composition, PLAIN_CHOICE, a.value.product.display);
            if (!total.ok) {
              expect(r.ok).toBe(false);
              return;
            }
            num = num.plus(l.value.times(total.value.total));
            den = den.plus(l.value);
          }
          if (!r.ok) throw new Error(r.error.message);
          if (den.isZero()) expect(r.value.etr).toBeNull();
          else {
            expect(r.value.etr!.toString()).toBe(num.div(den).toString());
            // Each part is divided by the book value on its own (20 significant digits): equal to 1e-15.
            const parts = r.value.byAuthority.reduce((s, a) => s.plus(a.rate!), D(0));
            expect(parts.minus(r.value.etr!).abs().lessThan("1e-15")).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
