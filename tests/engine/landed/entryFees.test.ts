import Decimal from "decimal.js";
import fc from "fast-check";
import {
  ALLOCATION_RULE,
  Day,
  LandedRequest,
  TransportMode,
  allocateCents,
  entryFees,
  entryTotals,
  isoDay,
  landedCost,
  landedDetailRows,
  landedLaw,
  landedTotals,
  parseLandedOptions,
} from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/**
 * Entry-level US fees: MPF's minimum and maximum apply per entry, so MPF and HMF are computed on the
 * entry's total value and allocated to its lines pro rata by value, in whole cents, by largest remainder.
 * The fee law (FY2025: 0.3464%, min $32.71, max $634.62; HMF 0.125%) is the table's landed section.
 */
const table = embedded();
const law = landedLaw(table);
const JUNE = isoDay("2025-06-02"); // FY2025

const line = (usd: string, duty = "0") => ({ customsValue: new Decimal(usd), mpfExempt: false, duty: new Decimal(duty) });
const cents = (d: Decimal) => Math.round(d.toNumber() * 100);

describe("allocateCents", () => {
  test("worked: 100 cents over values 1, 1, 1 → 34, 33, 33 (three remainders of 1/3; the tie goes to the first row)", () => {
    expect(allocateCents(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });
  test("worked: 10 cents over 3, 3, 4 → 3, 3, 4 exactly; over 1, 2 → 3.33 and 6.67 → 3, 7", () => {
    expect(allocateCents(10n, [3n, 3n, 4n])).toEqual([3n, 3n, 4n]);
    expect(allocateCents(10n, [1n, 2n])).toEqual([3n, 7n]);
  });
  test("lines all valued at zero count equally", () => {
    expect(allocateCents(5n, [0n, 0n])).toEqual([3n, 2n]);
  });
  test("property: the shares sum to the fee and each is within one cent of the exact pro-rata share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 14n }), { minLength: 1, maxLength: 40 }),
        (total, w) => {
          const shares = allocateCents(total, w);
          expect(shares.reduce((s, x) => s + x, 0n)).toBe(total);
          const sum = w.reduce((s, x) => s + x, 0n);
          shares.forEach((s, i) => {
            // |s − total × w / sum| < 1  ⇔  |s × sum − total × w| < sum
            const exactNum = sum === 0n ? total : total * w[i]!;
            const den = sum === 0n ? BigInt(w.length) : sum;
            const diff = s * den - exactNum;
            expect(diff < den && -diff < den).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
  test("the rule is stated in words", () => {
    expect(ALLOCATION_RULE).toMatch(/largest remainder/);
    expect(ALLOCATION_RULE).toMatch(/earlier row/);
  });
});

describe("entryFees (FY2025 law from the table)", () => {
  test("three lines whose MPF hits the minimum: $1,000 + $2,000 + $3,000.01 by ocean", () => {
    const f = entryFees(law, { day: JUNE, mode: "ocean", entry: null, lines: [line("1000"), line("2000"), line("3000.01")] });
    if (!f.ok) throw new Error(f.error.message);
    // Total 6,000.01 > $2,500: formal. MPF 0.3464% × 6,000.01 = 20.784… < 32.71 → 32.71 (3,271 cents).
    expect(f.value.entryType).toBe("formal");
    expect(f.value.mpf.clamp).toBe("min");
    expect(cents(f.value.mpf.amount)).toBe(3271);
    // Exact shares 3,271 × (100,000; 200,000; 300,001) / 600,001 = 545.16…, 1,090.33…, 1,635.50…: floors
    // 545 + 1,090 + 1,635 = 3,270; the one cent left goes to the largest remainder (.50, the third line).
    expect(f.value.mpfShares.map(cents)).toEqual([545, 1090, 1636]);
    // HMF 0.125% × 6,000.01 = 7.5000125 → 7.50 (750 cents). Exact shares 124.999…, 249.999…, 375.000…:
    // floors 124 + 249 + 375 = 748; two cents left go to the first two lines (remainders .9998 and .9996).
    expect(cents(f.value.hmf.amount)).toBe(750);
    expect(f.value.hmfShares.map(cents)).toEqual([125, 250, 375]);
  });

  test("two lines whose MPF hits the maximum: $150,000 + $50,000 by air (no HMF); a tie goes to the earlier row", () => {
    const f = entryFees(law, { day: JUNE, mode: "air", entry: null, lines: [line("150000"), line("50000")] });
    if (!f.ok) throw new Error(f.error.message);
    // MPF 0.3464% × 200,000 = 692.80 > 634.62 → 634.62. Shares 47,596.5 and 15,865.5 cents: floors sum to
    // 63,461, one cent left, remainders tie at .5 → the first line: 47,597 and 15,865.
    expect(f.value.mpf.clamp).toBe("max");
    expect(f.value.mpfShares.map(cents)).toEqual([47597, 15865]);
    expect(f.value.hmfShares.map(cents)).toEqual([0, 0]);
  });

  test("per line, the same lines would pay two informal fees and a minimum ($37.95 MPF); the entry pays one minimum ($32.71)", () => {
    const perLine = ["1000", "2000", "3000.01"].map((v) => landedTotals(table, us(v, "ocean")));
    // Each line alone: $1,000 and $2,000 are informal ($2.62 flat), $3,000.01 formal at the minimum $32.71.
    expect(perLine.map((t) => t.ok && t.value.fees)).toEqual([262 + 125, 262 + 250, 3271 + 375]);
  });

  test("mpf=exempt lines are outside the MPF base and get no MPF share", () => {
    const f = entryFees(law, {
      day: JUNE,
      mode: null,
      entry: null,
      lines: [line("100000"), { ...line("100000"), mpfExempt: true }],
    });
    if (!f.ok) throw new Error(f.error.message);
    // MPF on 100,000 only: 346.40, all of it on the first line.
    expect(f.value.mpfShares.map(cents)).toEqual([34640, 0]);
  });
});

function us(value: string, mode: TransportMode | null, options = "", country = "CN", product = "9503.00.00", day: Day = JUNE): LandedRequest {
  const o = parseLandedOptions(options, table);
  if (!o.ok) throw new Error(o.error.message);
  return { value: new Decimal(value), country, product, day, mode, importer: "US", options: o.value, explain: false };
}

describe("entryTotals", () => {
  test("a one-line entry is the line's landed cost", () => {
    expect(entryTotals(table, [us("5000", "ocean")])).toEqual([landedTotals(table, us("5000", "ocean"))]);
  });

  test("the lines' fees sum to the entry's MPF and HMF; duties stay the lines' own", () => {
    const lines = [us("1000", "ocean"), us("2000", "ocean"), us("3000.01", "ocean", "", "VN")];
    const t = entryTotals(table, lines).map((o) => (o.ok ? o.value : null));
    expect(t.map((x) => x!.fees)).toEqual([545 + 125, 1090 + 250, 1636 + 375]);
    expect(t.reduce((s, x) => s + x!.fees, 0)).toBe(3271 + 750);
    lines.forEach((r, i) => {
      const alone = landedTotals(table, r);
      expect(alone.ok && alone.value.duty).toBe(t[i]!.duty);
      expect(t[i]!.landed).toBe(t[i]!.customsValue + t[i]!.duty + t[i]!.fees);
    });
  });

  test("lines of one entry on different dates or modes are refused, all of them", () => {
    const r = entryTotals(table, [us("1000", "ocean"), us("1000", "air")]);
    expect(r.map((o) => !o.ok && o.error.message)).toEqual([expect.stringMatching(/another mode/), expect.stringMatching(/another mode/)]);
  });

  test("a line with an error makes the entry's other lines #N/A, naming it", () => {
    const r = entryTotals(table, [us("1000", "ocean"), us("1000", "ocean", "", "CN", "not a product")]);
    expect(r[0]!.ok).toBe(false);
    expect(!r[0]!.ok && r[0]!.error.message).toMatch(/line 2 of this entry has an error/);
  });

  test("a multi-line entry within the de minimis threshold is not modelled, and says so", () => {
    const march = isoDay("2025-03-01");
    const r = entryTotals(table, [us("300", null, "", "JP", "9503.00.00", march), us("300", null, "", "JP", "9503.00.00", march)]);
    expect(!r[0]!.ok && r[0]!.error.message).toMatch(/de minimis for a multi-line entry is not modelled/);
  });
});

describe("entry value= (DUTY.LANDED and its detail)", () => {
  test("worked: a $5,000 line of a $12,500 entry pays its share of the entry's MPF, and the detail shows the arithmetic", () => {
    const c = landedCost(table, { ...us("5000", null, "entry value=12500"), explain: true });
    if (!c.ok) throw new Error(c.error.message);
    // Entry MPF 0.3464% × 12,500 = 43.30 (within [32.71, 634.62]); the line's share 43.30 × 5,000 / 12,500
    // = 17.32. Alone, the line would pay 0.3464% × 5,000 = 17.32 → the minimum 32.71.
    expect(c.value.fees.toFixed(2)).toBe("17.32");
    const mpf = landedDetailRows(c.value).find((r) => r.item.startsWith("MPF"))!;
    expect(mpf.item).toBe("MPF, formal entry (share of the entry)");
    expect(mpf.formula).toMatch(/0\.3464% × 12,500\.00 = 43\.3; within FY2025 limits/);
    expect(mpf.formula).toMatch(/this line's share, pro rata by value: 43\.30 × 5,000\.00 \/ 12,500\.00 = 17\.32 → 17\.32/);
    expect(mpf.rounding).toMatch(/largest remainder/);
  });

  test("the entry's value decides formal or informal: a $1,000 line of a $6,000 entry is formal", () => {
    const c = landedCost(table, us("1000", null, "entry value=6000"));
    // MPF 0.3464% × 6,000 = 20.784 → minimum 32.71; share 32.71 × 1,000 / 6,000 = 5.4516… → 5.45.
    expect(c.ok && c.value.fees.toFixed(2)).toBe("5.45");
  });

  test("an entry value below the line's own value is refused; outside the US it does not apply", () => {
    const low = landedCost(table, us("5000", null, "entry value=4000"));
    expect(!low.ok && low.error.message).toMatch(/below this line's customs value/);
    const gb = landedCost(table, { ...us("5000", null, "entry value=9000; duty=4%"), importer: "GB" });
    expect(!gb.ok && gb.error.message).toMatch(/entry value= is for US entry fees/);
  });

  // Words are separated by ";" or ",", so the amount is written without thousands separators.
  test("the options grammar reads it, and refuses a value that is not an amount", () => {
    const o = parseLandedOptions("entry value=12500.00; final", table);
    expect(o.ok && o.value.entryValue?.toFixed(2)).toBe("12500.00");
    expect(o.ok && o.value.basis).toBe("final");
    const bad = parseLandedOptions("entry value=lots", table);
    expect(!bad.ok && bad.error.message).toMatch(/customs value of the whole entry/);
  });
});
