import Decimal from "decimal.js";
import fc from "fast-check";
import {
  Day,
  LookupError,
  RateChoice,
  RateRequest,
  RateTable,
  formatHts,
  forgetLookups,
  isoDay,
  setLookupBudget,
  tariffAt,
  isCurrentLine,
  tariffLineOf,
  tariffOnLine,
} from "../../../src/engine";
import { parseUnitValue } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";
import { generalTariff } from "../../support/generalTariff";

/**
 * tariffAt, DUTY.TARIFF's numbers-only path, is the same answer as the general path (lookupRate, then
 * totalRate as DUTY.TARIFF reads it) for every (line, origin, date, importer, options), bit for bit and
 * error message for error message, whether its line is cold, warm, or was forgotten in between.
 */

const table = embedded();
const fresh = (): RateTable => ({ ...table });
/** A table whose lookup caches start over on every entry they keep (a budget of one byte). */
const starved = (): RateTable => {
  const t = fresh();
  setLookupBudget(t, 1);
  return t;
};
const us = table.importers.get("US")!;
const cn = table.importers.get("CN");
const from = table.coverage.from;
const span = table.coverage.to - table.coverage.from;
const claimIds = table.doc.claims.map((c) => c.id);

/** The general path's answer as DUTY.TARIFF returned it before the numbers-only path. */
const general = generalTariff;

function fast(t: RateTable, r: RateRequest, choice: RateChoice): number | LookupError {
  const { day, ...dayless } = r;
  return tariffAt(t, dayless, choice, day);
}

/** Numbers compared bit for bit (Object.is), errors by kind and message. */
const same = (a: number | LookupError) => (typeof a === "number" ? { n: Object.is(a, -0) ? "-0" : String(a) } : a);

const atomOf = (i: number) => us.atoms[i]!;
const product: fc.Arbitrary<string | number> = fc.oneof(
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => formatHts(atomOf(i))),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => atomOf(i).slice(0, 8)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => atomOf(i).slice(0, 6)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => atomOf(i).slice(0, 4)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => Number(atomOf(i))),
  fc.integer({ min: 0, max: Math.max(0, (cn?.atoms.length ?? 1) - 1) }).map((i) => cn?.atoms[i] ?? "9503"),
  fc.constantFrom(
    "9503",
    "9503.00.00",
    "8471",
    "84",
    "7208.39.00",
    "steel",
    "toys",
    "soybeans",
    "1201.90",
    "0406.90.38.00",
    "1704.90.64.00",
    "9999.99",
  ),
);

const choice: fc.Arbitrary<RateChoice> = fc.constantFrom<RateChoice>(
  { unitValues: [], adValoremPart: false },
  { unitValues: [], adValoremPart: true },
  { unitValues: [], adValoremPart: false, knownLayers: true },
  ...(["2.40/kg", "10/doz.", "1.5/liter"].flatMap((text) => {
    const u = parseUnitValue(text);
    return u.ok ? [{ unitValues: [u.value], adValoremPart: false }] : [];
  }) as RateChoice[]),
);

const request: fc.Arbitrary<RateRequest> = fc.record(
  {
    importer: fc.constantFrom(undefined, "US", "CN"),
    country: fc.constantFrom("CN", "China", "KR", "AU", "MX", "CA", "DE", "JP", "VN", "US", "GB", "RU", "CU", "KP", "SG", "Atlantis"),
    product,
    day: fc.integer({ min: -5, max: span + 5 }).map((d) => (from + d) as Day),
    basis: fc.constantFrom(undefined, "entry" as const, "final" as const, "net" as const),
    claims: fc.oneof(fc.constant(undefined), fc.constant([]), fc.subarray(claimIds, { maxLength: 2 })),
    loaded: fc.constantFrom(undefined, null, isoDay("2025-04-01"), isoDay("2025-04-08")),
    content: fc.constantFrom(undefined, {}, { steel: new Decimal("0.4") }),
  },
  { requiredKeys: ["country", "product", "day"] },
);

describe("tariffAt, DUTY.TARIFF's numbers-only path", () => {
  it("gives the general path's number or error for any request, cold and warm", () => {
    fc.assert(
      fc.property(request, choice, (r, c) => {
        const expected = same(general(fresh(), r, c));
        const t = fresh();
        expect(same(fast(t, r, c))).toEqual(expected); // cold
        expect(same(fast(t, r, c))).toEqual(expected); // warm
        const s = starved();
        expect(same(fast(s, r, c))).toEqual(expected); // evicted while answering
        expect(same(fast(s, r, c))).toEqual(expected); // and again
      }),
      { numRuns: 400 },
    );
  });

  it("answers a stream of requests the same whatever came before, and after its lines are forgotten", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(request, choice), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 39 }), (stream, forgetAt) => {
        const t = fresh();
        const s = starved();
        // The same dayless request object on every date, as the request layer passes it.
        const kept = new Map<string, Omit<RateRequest, "day">>();
        stream.forEach(([r, c], i) => {
          if (i === forgetAt) forgetLookups(t);
          const { day, ...dayless } = r;
          const key = JSON.stringify(dayless);
          const object = kept.get(key) ?? dayless;
          kept.set(key, object);
          expect(same(tariffAt(t, object, c, day))).toEqual(same(general(fresh(), r, c)));
          expect(same(tariffAt(s, object, c, day))).toEqual(same(general(fresh(), r, c)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it("walks every day of a line's coverage with the same answers as the general path", () => {
    const t = fresh();
    const dayless = { country: "CN", product: "7208.39.00" };
    const plain: RateChoice = { unitValues: [], adValoremPart: false };
    for (let d = from - 2; d < table.coverage.to + 2; d += 3) {
      expect(same(tariffAt(t, dayless, plain, d as Day))).toEqual(same(general(fresh(), { ...dayless, day: d as Day }, plain)));
    }
  });
});

describe("a line kept by its caller (the request layer keeps it with the arguments)", () => {
  it("answers as tariffAt does, and is no longer current once the table's caches start over", () => {
    const t = fresh();
    const plain: RateChoice = { unitValues: [], adValoremPart: false };
    const dayless = { country: "CN", product: "8471.30.01" };
    const line = tariffLineOf(t, dayless, plain);
    for (let d: number = from; d < table.coverage.to; d += 17) {
      expect(same(tariffOnLine(t, line, d as Day))).toEqual(same(general(fresh(), { ...dayless, day: d as Day }, plain)));
    }
    expect(isCurrentLine(t, line)).toBe(true);
    forgetLookups(t);
    expect(isCurrentLine(t, line)).toBe(false);
    // A stale line still gives the same answers; a caller asks again only to let the old caches go.
    expect(same(tariffOnLine(t, line, (from + 200) as Day))).toEqual(same(tariffAt(t, dayless, plain, (from + 200) as Day)));
  });
});
