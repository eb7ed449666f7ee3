import fc from "fast-check";
import { Day, RateTable, excelSerialFromDay, formatHts, isoFromDay, setLookupBudget } from "../../src/engine";
import { rateQuestion } from "../../src/requests/rateQuestion";
import { TariffFailure, tariffTotal } from "../../src/requests/tariffTotal";
import { embedded } from "../support/embeddedTable";
import { generalTariff } from "../support/generalTariff";

/**
 * DUTY.TARIFF's answer (tariffTotal: arguments kept per distinct value, the engine's line and the last
 * answer's segment kept with them) is the answer of the general rule (rateQuestion, lookupRate, totalRate),
 * whatever order cells come in, however often each is recalculated, with dates that stay in a segment or
 * leave it, and whether the engine's caches are kept or start over on every entry.
 */

const table = embedded();
const us = table.importers.get("US")!;
const { from, to } = table.coverage;
const NOW = new Date("2026-06-01T12:00:00Z");
const now = () => NOW;

type Answer = { n: string } | { message: string };

function general(t: RateTable, country: unknown, sector: unknown, date: unknown, importer: unknown, options: unknown): Answer {
  const q = rateQuestion({ country, sector, date, importer, options }, t, NOW);
  if (!q.ok) return { message: q.message };
  return seen(generalTariff(t, q.value.request, q.value.choice));
}

const seen = (r: number | TariffFailure): Answer => (typeof r === "number" ? { n: String(r) } : { message: r.message });

/** A pool of cells as a sheet has them: lines typed three ways, origins, options; dates chosen per call. */
const lines = us.atoms.filter((_, i) => i % 97 === 0).slice(0, 60);
const cell = fc.record({
  country: fc.constantFrom("CN", "DE", "JP", "Japan", "MX", "CAN", "RU", "VN", "XX"),
  sector: fc.oneof(
    fc.constantFrom(...lines).map((l) => formatHts(l)),
    fc.constantFrom(...lines),
    fc.constantFrom(...lines).map((l) => Number(l)),
    fc.constantFrom("steel", "9503", "0201.10.05", "9999.99.99", "not a code!"),
  ),
  options: fc.constantFrom(null, null, null, "final", "steel=40%", "unit value=2.40/kg", "ad valorem part", "USMCA"),
});
const date = fc.oneof(
  fc.integer({ min: from - 30, max: to + 30 }).map((d) => excelSerialFromDay(d as Day)),
  fc.integer({ min: from, max: to - 1 }).map((d) => isoFromDay(d as Day)),
  fc.constant(null),
);

describe("tariffTotal, DUTY.TARIFF's kept path", () => {
  test.each([
    ["with the caches kept", undefined],
    ["with caches that start over on every entry", 1],
  ])("answers as the general rule in any order and on every recalculation, %s", (_, budget) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, date), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        (cells, order) => {
          const t: RateTable = { ...table };
          const oracle: RateTable = { ...table };
          if (budget !== undefined) setLookupBudget(t, budget);
          // Each cell is calculated as often as `order` names it, in that order, and then all again (a recalculation).
          const calls = [...order.map((k) => cells[k % cells.length]!), ...cells];
          for (const [c, d] of calls) {
            const got = seen(tariffTotal(t, c.country, c.sector, d, null, c.options, now));
            expect(got).toEqual(general(oracle, c.country, c.sector, d, null, c.options));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a cell whose date crosses a segment boundary gets the new segment's answer, not the kept one", () => {
    const t: RateTable = { ...table };
    const boundaries = new Set<number>();
    for (const m of table.measures) for (const d of [m.from, m.to]) if (d !== null && d > from && d < to) boundaries.add(d);
    const cells = [
      ["CN", "9503.00.00"],
      ["DE", "8703.23.01"],
      ["JP", "7208.39.00"],
      ["MX", lines[3]!],
    ] as const;
    let checked = 0;
    for (const [country, sector] of cells) {
      for (const b of [...boundaries].sort((x, y) => x - y)) {
        // The day before a boundary, the boundary, and back: each answer is its own day's.
        for (const day of [b - 1, b, b - 1, b]) {
          const serial = excelSerialFromDay(day as Day);
          expect(seen(tariffTotal(t, country, sector, serial, null, null, now))).toEqual(general(table, country, sector, serial, null, null));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
