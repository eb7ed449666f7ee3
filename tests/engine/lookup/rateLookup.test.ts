import Decimal from "decimal.js";
import fc from "fast-check";
import { Day, Measure, RateTable, isoDay, isoFromDay, knownAdditional, lookupRate, rateHistory } from "../../../src/engine";
import { compose } from "../../../src/engine/stacking/compose";
import { BaseRate, column2On } from "../../../src/engine/table/compiledTable";
import { embedded } from "../../support/embeddedTable";

/** Lookups on the committed rate table: the seed story, the input forms analysts use, and every refusal. */

const table = embedded();

function ok(country: string, product: string | number, date: string, more = {}) {
  const outcome = lookupRate(table, { country, product, day: isoDay(date), ...more });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

function refusal(country: string, product: string | number, date: string, more = {}) {
  const outcome = lookupRate(table, { country, product, day: isoDay(date), ...more });
  if (outcome.ok) throw new Error("expected a refusal");
  return outcome.error;
}

describe("the seed story: toys from China (9503.00.00, MFN Free)", () => {
  it.each([
    ["2025-01-15", 0, []],
    ["2025-02-10", 0.1, ["9903.01.20"]],
    ["2025-03-10", 0.2, ["9903.01.24"]],
    ["2025-04-07", 0.3, ["9903.01.24", "9903.01.25"]],
    ["2025-04-09", 1.04, ["9903.01.24", "9903.01.63"]],
    ["2025-04-15", 1.45, ["9903.01.24", "9903.01.63"]],
    ["2025-05-14", 0.3, ["9903.01.24", "9903.01.25"]],
    ["2025-11-10", 0.2, ["9903.01.24", "9903.01.25"]],
  ])("on %s the total is %d", (date, total, headings) => {
    const a = ok("CN", "9503.00.00", date);
    expect(a.composition.total?.toNumber()).toBe(total);
    expect(a.composition.layers.map((l) => l.measure.heading)).toEqual(headings);
  });

  it("cites every layer", () => {
    for (const layer of ok("CN", "9503.00.00", "2025-04-15").composition.layers) {
      expect(layer.measure.doc.citations.length).toBeGreaterThan(0);
      expect(layer.measure.doc.documents.length).toBeGreaterThan(0);
    }
  });

  it("on the final basis the IEEPA layers are struck down and refundable; on the net basis they are gone", () => {
    const final = ok("CN", "9503.00.00", "2025-04-15", { basis: "final" }).composition;
    expect(final.total?.toNumber()).toBe(1.45);
    expect(final.layers.every((l) => l.status === "struck-down-refundable")).toBe(true);
    expect(ok("CN", "9503.00.00", "2025-04-15", { basis: "net" }).composition.total?.toNumber()).toBe(0);
  });

  it("goods loaded before Apr 9 and entered before May 27 2025 keep the 10% baseline", () => {
    const a = ok("CN", "9503.00.00", "2025-04-15", { loaded: isoDay("2025-04-06") });
    expect(a.composition.total?.toNumber()).toBe(0.3);
  });

  it("goods loaded before Apr 5 escape the baseline too (9903.01.28)", () => {
    const a = ok("CN", "9503.00.00", "2025-04-15", { loaded: isoDay("2025-04-01") });
    expect(a.composition.total?.toNumber()).toBe(0.2);
  });
});

describe("stacking on real rows", () => {
  it("Section 301 stacks on the China IEEPA tariffs", () => {
    const a = ok("CN", "8501.10.20", "2025-04-15"); // small electric motors, List 2 (and the never-imposed 4B), MFN 6.7%
    expect(a.composition.layers.map((l) => l.measure.heading)).toEqual(["9903.01.24", "9903.01.63", "9903.88.02"]);
    expect(a.composition.total?.toNumber()).toBeCloseTo(0.067 + 0.2 + 1.25 + 0.25, 10);
    expect(a.composition.base.expr?.text).toBe("6.7%");
  });

  it("electronics escape the 125% (retroactively), not the fentanyl tariff", () => {
    expect(ok("CN", "8471.30.01", "2025-04-15").composition.total?.toNumber()).toBe(0.2);
    const entry = ok("CN", "8471.30.01", "2025-04-10").composition; // collected Apr 10, refunded later
    expect(entry.total?.toNumber()).toBe(1.45);
    expect(ok("CN", "8471.30.01", "2025-04-10", { basis: "final" }).composition.total?.toNumber()).toBe(0.2);
  });

  it("Section 232 steel displaces the reciprocal tariff and doubles on Jun 4 2025", () => {
    expect(ok("DE", "7208.39.00", "2025-05-01").composition.total?.toNumber()).toBe(0.25);
    expect(ok("DE", "7208.39.00", "2025-06-04").composition.total?.toNumber()).toBe(0.5);
    expect(ok("GB", "7208.39.00", "2025-06-04").composition.total?.toNumber()).toBe(0.25);
  });

  it("a declared steel share splits the value between 232 and the reciprocal tariff", () => {
    const a = ok("DE", "7208.39.00", "2025-07-01", { content: { steel: new Decimal("0.8") } });
    expect(a.composition.total?.toNumber()).toBeCloseTo(0.5 * 0.8 + 0.1 * 0.2, 10);
  });

  it("Column 2 countries pay no reciprocal tariff", () => {
    expect(ok("RU", "9503.00.00", "2025-06-01").composition.layers).toHaveLength(0);
  });
});

describe("input forms", () => {
  it("accepts a code Excel turned into a number and restores its leading zero", () => {
    const a = ok("China", 901210020, "2025-04-15");
    expect(a.product.display).toBe("0901.21.00.20");
  });

  it("accepts country names and aliases", () => {
    for (const country of ["CN", "CHN", "china", "PRC", "People's Republic of China"]) {
      expect(ok(country, "9503", "2025-04-15").origin).toBe("CN");
    }
  });

  it("evaluates a sector keyword at its representative line and says which", () => {
    const a = ok("DE", "Steel", "2025-07-01");
    expect(a.product.display).toBe("7208.39.00");
    expect(a.product.sector?.keyword).toBe("steel");
  });

  it("answers a prefix when every line under it agrees", () => {
    expect(ok("CN", "9503", "2025-04-15").lineCount).toBe(5);
  });
});

describe("refusals", () => {
  it.each([
    ["an unknown country", ["Atlantis", "9503", "2025-04-15"], "notAvailable", /unknown country "Atlantis"/],
    ["a group as a country", ["EU", "9503", "2025-04-15"], "notAvailable", /is a group/],
    ["the importer as origin", ["US", "9503", "2025-04-15"], "invalid", /importing country/],
    ["a malformed code", ["CN", "95-03", "2025-04-15"], "invalid", /not an HTS code/],
    ["a code not in the schedule", ["CN", "9999.99.99", "2025-04-15"], "notAvailable", /not a line of the United States schedule/],
    ["an unknown sector", ["CN", "unobtainium", "2025-04-15"], "notAvailable", /unknown sector/],
    [
      "a date before coverage",
      ["CN", "9503", "2024-12-31"],
      "notAvailable",
      new RegExp(`no data for 2024-12-31: table ${embedded().id.replace(".", "\\.")} covers entries from 2025-01-01`),
    ],
    ["a date after coverage", ["CN", "9503", "2028-01-01"], "notAvailable", /no data for 2028-01-01/],
    ["an ambiguous prefix", ["CN", "8471", "2025-04-15"], "notAvailable", /8471 is ambiguous: its \d+ lines carry different rates/],
  ])("refuses %s", (_, [country, product, date], kind, pattern) => {
    const error = refusal(country!, product!, date!);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(pattern);
  });

  it("refuses an unknown importer", () => {
    expect(refusal("CN", "9503", "2025-04-15", { importer: "FR" }).message).toMatch(/no tariff schedule for importer "FR"/);
  });

  it("China as importer in 2025: the base is unknown, the known additional duties are computed", () => {
    const a = ok("US", "soybeans", "2025-04-15", { importer: "CN" });
    // Announcement No. 6 (125%) on top of the Mar 10 2025 farm list (10% on soybeans): china.md CN5, CN2b.
    expect(knownAdditional(a.composition)?.toNumber()).toBe(1.35);
    // China's 2018-19 lists (china.md CN9) are not in the table: the additional total is unknown too.
    expect(a.composition.additional).toBeNull();
    expect(a.composition.total).toBeNull();
    expect(a.composition.notes[0]).toMatch(/before 2026-01-01 .*unknown, not zero/);
  });
});

describe("history", () => {
  it("lists each change of the total, STOCKHISTORY style", () => {
    const outcome = rateHistory(table, { country: "CN", product: "9503.00.00", day: isoDay("2025-04-01") }, isoDay("2025-06-30"));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.map((r) => [isoFromDay(r.from), r.to === null ? null : isoFromDay(r.to), r.composition.total?.toNumber()])).toEqual([
      ["2025-04-01", "2025-04-05", 0.2],
      ["2025-04-05", "2025-04-09", 0.3],
      ["2025-04-09", "2025-04-10", 1.04],
      ["2025-04-10", "2025-05-14", 1.45],
      ["2025-05-14", null, 0.3],
    ]);
  });
});

/**
 * The index (atom ranges, line classes, cached timelines) must give exactly what a plain scan of every
 * measure gives. The scan below re-derives scope membership from the document's prefixes and lists.
 */
describe("property: the indexed lookup equals a brute-force scan", () => {
  const us = table.importers.get("US")!;
  const lists = new Map(table.doc.productLists.map((l) => [l.id, l.codes]));
  const expand = (entries: readonly string[]) => entries.flatMap((e) => (e.startsWith("@") ? lists.get(e.slice(1))! : [e.replace(/\./g, "")]));
  // Expanded once per measure: a flat list of prefixes, checked with startsWith (no index, no ranges).
  const expanded = new Map(
    table.measures.map((m) => [m.index, { include: expand(m.doc.scope.include), exclude: expand(m.doc.scope.exclude ?? []) }]),
  );
  const inScope = (m: Measure, atom: string) => {
    const { include, exclude } = expanded.get(m.index)!;
    const covered = include.includes("*") || include.some((p) => atom.startsWith(p));
    return covered && !(exclude.includes("*") || exclude.some((p) => atom.startsWith(p)));
  };
  const groups = new Map(table.doc.countryGroups.map((g) => [g.id, g.members]));
  const partnerList = (entries: readonly string[]) => entries.flatMap((e) => (e.startsWith("@") ? groups.get(e.slice(1))! : [e]));
  const forOrigin = (m: Measure, origin: string) =>
    (m.doc.partners.includes("*") || partnerList(m.doc.partners).includes(origin)) && !partnerList(m.doc.exceptPartners ?? []).includes(origin);

  const origins = ["CN", "HK", "VN", "DE", "GB", "CA", "MX", "JP", "RU", "IN", "CH", "TH"];
  const from = table.coverage.from;
  const span = table.coverage.to - table.coverage.from;

  it("for random lines, origins, dates and bases", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: us.atoms.length - 1 }),
        fc.constantFrom(...origins),
        fc.integer({ min: 0, max: span - 1 }),
        fc.constantFrom("entry" as const, "final" as const, "net" as const),
        (atomIndex, origin, offset, basis) => {
          const atom = us.atoms[atomIndex]!;
          const day = (from + offset) as Day;
          const viaIndex = lookupRate(table, { country: origin, product: atom, day, basis });
          const candidates = us.measures.filter((m) => inScope(m, atom) && forOrigin(m, origin));
          // The scan states the Column 2 rule on its own: a member origin pays the line's Column 2 rate.
          const line = us.bases.at(atomIndex);
          const member = column2On(us, origin, day);
          const base: BaseRate = member ? { line: line.line, expr: line.column2, special: [], column2: line.column2, column2Member: member } : line;
          const scanned = compose(base, candidates, table.relations, {
            origin: origin as never,
            day,
            basis,
            claims: new Set(),
            loaded: null,
            content: {},
            released: isoDay(table.released),
          });
          if (!viaIndex.ok) {
            // The only refusal possible for a listed statistical line is prohibited goods.
            expect(scanned.prohibitedBy).not.toBeNull();
            return;
          }
          expect(viaIndex.value.composition.signature).toBe(scanned.signature);
          expect(viaIndex.value.composition.total?.toString()).toBe(scanned.total?.toString());
        },
      ),
      { numRuns: 3000 },
    );
  });
});

export type { RateTable };
