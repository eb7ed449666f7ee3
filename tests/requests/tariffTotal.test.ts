import fc from "fast-check";
import { Day, RateTable, excelSerialFromDay, formatHts, isoFromDay, setLookupBudget } from "../../src/engine";
import { rateQuestion } from "../../src/requests/rateQuestion";
import { TariffFailure, tariffTotal } from "../../src/requests/tariffTotal";
import { setMaxKeptQuestions } from "../../src/requests/tariffQuestion";
import { embedded } from "../support/embeddedTable";
import { generalTariff } from "../support/generalTariff";

/**
 * DUTY.TARIFF's answer (tariffTotal: arguments kept per distinct value, the engine's line and the last
 * answer's segment kept with them) is the answer of the general rule (rateQuestion, lookupRate, totalRate),
 * whatever order cells come in, however often each is recalculated, with dates that stay in a segment or
 * leave it, and whether the engine's caches are kept or start over on every entry, and whatever the bound on
 * the kept arguments.
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
  options: fc.constantFrom(null, null, null, "final", "steel=40%", "unit value=2.40/kg", "ad valorem part", "USMCA", "loaded=2025-06-01"),
});
const date = fc.oneof(
  fc.integer({ min: from - 30, max: to + 30 }).map((d) => excelSerialFromDay(d as Day)),
  fc.integer({ min: from, max: to - 1 }).map((d) => isoFromDay(d as Day)),
  fc.constant(null),
);

describe("tariffTotal, DUTY.TARIFF's kept path", () => {
  afterEach(() => setMaxKeptQuestions(null));

  test.each([
    ["with the caches kept", undefined, null, null],
    ["with caches that start over on every entry", 1, null, null],
    ["with three kept arguments, so that they start over every few cells", undefined, 3, null],
    ["with room for three distinct answers, so that most answers are not kept as memos", undefined, null, 4],
  ])("answers as the general rule in any order and on every recalculation, %s", (_, budget, maxKept, maxValues) => {
    setMaxKeptQuestions(maxKept, maxValues);
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

  test("cells that share their arguments but not their date each get their own date's answer", () => {
    // A column of entry dates for one line and origin: one kept argument set, many segments, of which the
    // last two answered are kept. Dates a few days either side of every boundary, in any order.
    const boundaries = [...new Set(table.measures.flatMap((m) => [m.from, m.to]))].filter((d): d is Day => d !== null && d > from && d < to);
    const near = boundaries.flatMap((b) => [-3, -1, 0, 1, 2].map((delta) => b + delta)).filter((d) => d >= from && d < to);
    const cells = [
      ["CN", "9503.00.00"],
      ["DE", "8703.23.01"],
      ["CN", "7208.39.00"],
      ["Japan", "8703.23.01"],
    ] as const;
    const distinct = new Set<string>();
    fc.assert(
      fc.property(fc.constantFrom(...cells), fc.array(fc.constantFrom(...near), { minLength: 2, maxLength: 40 }), ([country, sector], days) => {
        const t: RateTable = { ...table };
        for (const day of days) {
          const serial = excelSerialFromDay(day as Day);
          const got = seen(tariffTotal(t, country, sector, serial, null, null, now));
          expect(got).toEqual(general(table, country, sector, serial, null, null));
          distinct.add(`${country} ${sector} ${JSON.stringify(got)}`);
        }
      }),
      { numRuns: 150 },
    );
    // Each line changes its answer at some of these dates, or the test proves nothing.
    expect(distinct.size).toBeGreaterThanOrEqual(3 * cells.length);
  });
});
