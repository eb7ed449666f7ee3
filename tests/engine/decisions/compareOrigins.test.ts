import Decimal from "decimal.js";
import fc from "fast-check";
import {
  CompareRequest,
  DEFAULT_LANDED_OPTIONS,
  Day,
  PLAIN_CHOICE,
  claimsFor,
  compareOrigins,
  dayFromIso,
  isoFromDay,
  landedCost,
  lookupRate,
  totalRate,
} from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

const day = (iso: string) => dayFromIso(iso) as Day;
const NO_OPTIONS = { basis: "entry", claims: [], loaded: null, content: {}, choice: PLAIN_CHOICE } as const;
const ask = (over: Partial<CompareRequest> & Pick<CompareRequest, "product" | "origins" | "day">): CompareRequest => ({
  ...NO_OPTIONS,
  value: null,
  ...over,
});

function rows(req: CompareRequest) {
  const c = compareOrigins(embedded(), req);
  if (!c.ok) throw new Error(c.error.message);
  return c.value.rows;
}

describe("worked examples: toys (9503.00.00) entered 2025-04-15", () => {
  test("ranked by total; USMCA made for CA and MX only, and the other rows say so", () => {
    const r = rows(ask({ product: "9503.00.00", day: day("2025-04-15"), origins: ["CN", "VN", "MX", "CA"], claims: ["USMCA"] }));
    // CA, MX: Free base + 0 (USMCA goods are exempt from the fentanyl tariffs)  = 0     (tie: by code, CA first)
    // VN:     Free base + 10% reciprocal baseline (9903.01.25)                   = 0.10
    // CN:     Free base + 20% fentanyl (9903.01.24) + 125% reciprocal (9903.01.63) = 1.45
    expect(r.map((x) => [x.origin, x.total?.toNumber(), x.difference?.toNumber()])).toEqual([
      ["CA", 0, 0],
      ["MX", 0, 0],
      ["VN", 0.1, 0.1],
      ["CN", 1.45, 1.45],
    ]);
    expect(r.map((x) => x.claims)).toEqual([["USMCA"], ["USMCA"], [], []]);
    expect(r[2]!.claimNote).toBe("USMCA not claimed: the table offers it only to other origins");
    expect(r[0]!.claimNote).toBe("");
    // The largest layer of China's 145% is the 125% reciprocal tariff.
    expect(r[3]!.largest).toMatchObject({ heading: "9903.01.63", authority: "IEEPA" });
    expect(r[3]!.largest!.rate.toNumber()).toBe(1.25);
  });

  test("ranked by landed cost for a price of 1,000.00 (informal entry, MPF 2.62 flat in FY2025)", () => {
    const r = rows(ask({ product: "9503.00.00", day: day("2025-04-15"), origins: ["CN", "MX", "VN"], value: new Decimal(1000) }));
    // VN: 1,000 + 10% × 1,000 + 2.62 = 1,102.62
    // MX: 1,000 + 25% × 1,000 + 2.62 = 1,252.62   (fentanyl 25%, no USMCA claim): 150.00 more than VN
    // CN: 1,000 + 145% × 1,000 + 2.62 = 2,452.62                                  : 1,350.00 more
    expect(r.map((x) => [x.origin, x.landed?.toNumber(), x.difference?.toNumber()])).toEqual([
      ["VN", 1102.62, 0],
      ["MX", 1252.62, 150],
      ["CN", 2452.62, 1350],
    ]);
  });

  test("without a value there is no landed cost at all, not 0", () => {
    const r = rows(ask({ product: "9503.00.00", day: day("2025-04-15"), origins: ["CN"] }));
    expect(r[0]!.landed).toBeNull();
  });
});

describe("origins that are not answered", () => {
  test("an origin without a total shows why and comes last (China importing US goods: the 2018-19 lists)", () => {
    const r = rows(ask({ importer: "CN", product: "6304.99.29", day: day("2026-03-02"), origins: ["US", "JP", "DE"] }));
    // DE, JP: China's 2026 base 6%; tie sorted by code. US: base 6% + 10% known + an unknown list rate.
    expect(r.map((x) => [x.origin, x.total?.toNumber() ?? null])).toEqual([
      ["DE", 0.06],
      ["JP", 0.06],
      ["US", null],
    ]);
    expect(r[2]!.error).toMatch(/^no total: base 6% \+ 10% known/);
    expect(r[2]!.difference).toBeNull();
  });

  test("a specific duty without a unit value: every row says so, none is 0", () => {
    const r = rows(ask({ product: "0201.10.05", day: day("2025-04-15"), origins: ["BR", "AU"] }));
    expect(r.map((x) => [x.origin, x.total])).toEqual([
      ["AU", null],
      ["BR", null],
    ]);
    for (const x of r) expect(x.error).toMatch(/carries a specific duty \(4\.4¢\/kg\)/);
  });

  test("unknown origins are named, all of them", () => {
    const c = compareOrigins(embedded(), ask({ product: "9503.00.00", day: day("2025-04-15"), origins: ["CN", "Atlantis", "XX"] }));
    expect(c.ok).toBe(false);
    expect(!c.ok && c.error.message).toMatch(/^unknown origins: "Atlantis" \(.*\); "XX" \(/);
  });

  test("an origin given twice, under two spellings, is refused by name", () => {
    const c = compareOrigins(embedded(), ask({ product: "9503.00.00", day: day("2025-04-15"), origins: ["CN", "VN", "China"] }));
    expect(!c.ok && c.error.message).toBe('origin given twice: "CN" and "China" (both China); give each origin once');
  });
});

describe("claimsFor reads the table's claims", () => {
  test("USMCA: Canada and Mexico (the table's @USMCA group), not China", () => {
    const t = embedded();
    expect(claimsFor(t, "MX" as never, ["USMCA"])).toEqual({ made: ["USMCA"], refused: [] });
    expect(claimsFor(t, "CN" as never, ["USMCA"])).toEqual({ made: [], refused: ["USMCA"] });
    // Every claim with a list of origins behaves the same way: the data decides.
    for (const claim of t.claims.values()) {
      if (claim.origins === "all") continue;
      for (const o of claim.origins) expect(claimsFor(t, o as never, [claim.id]).made).toEqual([claim.id]);
    }
  });
});

// ---------------------------------------------------------------- properties

const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "BR", "GB", "KR", "TW", "TH", "KP", "RU", "AU", "CH"];
const PRODUCTS = ["9503.00.00", "8471.30.01", "steel", "aluminum", "7208.10.15", "6109.10.00", "8703.23.01", "0201.10.05", "4418.20", "8541.43.00"];

describe("properties", () => {
  test("rows are sorted (unknown last, ties by code) and each row is TARIFF's answer for its origin", () => {
    const t = embedded();
    const from = t.coverage.from;
    const span = Math.min(t.coverage.to - t.coverage.from - 1, 700);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ORIGINS), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...PRODUCTS),
        fc.integer({ min: 0, max: span }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
        (origins, product, offset, usmca, cents) => {
          const d = (from + offset) as Day;
          const req = ask({ product, day: d, origins, claims: usmca ? ["USMCA"] : [], value: cents === null ? null : new Decimal(cents).div(100) });
          const r = rows(req);
          expect(r.map((x) => x.origin).sort()).toEqual([...origins].sort());
          const key = (x: (typeof r)[number]) => (cents === null ? x.total : x.landed);
          for (let i = 1; i < r.length; i++) {
            const a = key(r[i - 1]!);
            const b = key(r[i]!);
            if (a === null) expect(b).toBeNull();
            if (a !== null && b !== null) {
              expect(a.lessThanOrEqualTo(b)).toBe(true);
              if (a.equals(b)) expect(r[i - 1]!.origin < r[i]!.origin).toBe(true);
            }
            if (a === null && b === null) expect(r[i - 1]!.origin < r[i]!.origin).toBe(true);
          }
          for (const row of r) {
            const claims = usmca && ["CA", "MX"].includes(row.origin) ? ["USMCA"] : [];
            const a = lookupRate(t, { country: row.origin, product, day: d, claims });
            const total = a.ok ? totalRate(a.value.composition, PLAIN_CHOICE, a.value.product.display) : null;
            expect([isoFromDay(d), row.origin, row.total?.toString() ?? null]).toEqual([
              isoFromDay(d),
              row.origin,
              total?.ok ? total.value.total.toString() : null,
            ]);
            if (cents !== null) {
              const l = landedCost(t, {
                value: new Decimal(cents).div(100),
                country: row.origin,
                product,
                day: d,
                options: { ...DEFAULT_LANDED_OPTIONS, claims },
                explain: false,
              });
              expect(row.landed?.toString() ?? null).toBe(l.ok ? l.value.landed.toString() : null);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
