import Decimal from "decimal.js";
import fc from "fast-check";
import { CountryCode, Day, isoDay, landedLaw, usDeMinimis, usDeMinimisAppliesToCents } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

const law = landedLaw(embedded());
const US_DE_MINIMIS = law.doc.deMinimis;

/** US Section 321 de minimis as dated rows: $800 until 2 May 2025 for CN/HK, until 29 Aug 2025 for all. */

const check = (value: string, origin: string, date: string, claimed = true) =>
  usDeMinimis(law, new Decimal(value), origin as CountryCode, isoDay(date), claimed);

describe("US de minimis", () => {
  it.each([
    ["CN", "2025-05-01", true],
    ["CN", "2025-05-02", false],
    ["HK", "2025-05-01", true],
    ["HK", "2025-05-02", false],
    ["DE", "2025-05-02", true],
    ["DE", "2025-08-28", true],
    ["DE", "2025-08-29", false],
    ["MX", "2025-08-29", false],
    ["VN", "2026-01-15", false],
  ])("a $500 shipment from %s on %s: free %p", (origin, date, free) => {
    expect(check("500", origin, date).applies).toBe(free);
  });

  it("the threshold is inclusive: $800.00 is free, $800.01 is not", () => {
    expect(check("800", "JP", "2025-03-01").applies).toBe(true);
    expect(check("800.01", "JP", "2025-03-01").applies).toBe(false);
  });

  it("explains itself: the suspension names its executive order", () => {
    expect(check("500", "DE", "2025-09-01").describe().explanation).toMatch(/EO 14324/);
    expect(check("500", "CN", "2025-06-01").describe().explanation).toMatch(/EO 14256/);
    expect(check("500", "JP", "2025-03-01").describe().explanation).toMatch(/Section 321/);
    expect(check("900", "JP", "2025-03-01").describe().explanation).toMatch(/over the \$800 threshold/);
  });

  it("is not applied when not claimed", () => {
    const d = check("500", "JP", "2025-03-01", false);
    expect(d.applies).toBe(false);
    expect(d.describe().explanation).toMatch(/not claimed/);
  });

  it("no row runs past 2025-08-29, and every row cites its law", () => {
    for (const row of US_DE_MINIMIS) {
      expect(row.to !== undefined && row.to <= "2025-08-29").toBe(true);
      expect(row.source).toMatch(/19 USC 1321/);
      expect(row.endedBy).toMatch(/EO 14/);
    }
  });
});

describe("usDeMinimisAppliesToCents (the batch's cents path)", () => {
  it("property: the same decision as usDeMinimis on random values, origins, days and claims", () => {
    const origins = ["CN", "HK", "DE", "JP", "MX", "VN", "CA", "ZZ"] as CountryCode[];
    const first = isoDay("2024-06-01");
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 79_990, max: 80_010 })),
        fc.constantFrom(...origins),
        fc.oneof(fc.integer({ min: 0, max: 900 }), fc.constantFrom(335, 336, 454, 455, 456)),
        fc.boolean(),
        (cents, origin, d, claimed) => {
          const day = (first + d) as Day;
          const want = usDeMinimis(law, new Decimal(cents).div(100), origin, day, claimed).applies;
          expect(usDeMinimisAppliesToCents(law, cents, origin, day, claimed)).toBe(want);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("worked: $800.00 from Japan on 2025-03-01 is free, $800.01 is not; nothing is free after 2025-08-29", () => {
    expect(usDeMinimisAppliesToCents(law, 80_000, "JP" as CountryCode, isoDay("2025-03-01"), true)).toBe(true);
    expect(usDeMinimisAppliesToCents(law, 80_001, "JP" as CountryCode, isoDay("2025-03-01"), true)).toBe(false);
    expect(usDeMinimisAppliesToCents(law, 100, "JP" as CountryCode, isoDay("2025-08-29"), true)).toBe(false);
  });
});
