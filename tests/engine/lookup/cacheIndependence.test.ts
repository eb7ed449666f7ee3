import Decimal from "decimal.js";
import fc from "fast-check";
import { Day, RateRequest, RateTable, formatHts, isoDay, lookupRate, rateHistory, setLookupBudget } from "../../../src/engine";
import { embedded } from "../../support/embeddedTable";

/**
 * lookupRate keeps caches per table (resolved countries and products, line classes, timelines). Caching
 * must never show: the answer to a request is the same whatever was asked before it. A shallow copy of the
 * table is a new cache key, so `fresh()` answers with empty caches.
 */

const table = embedded();
const fresh = (): RateTable => ({ ...table });

/** Everything an answer says, as comparable text. */
function answerOf(t: RateTable, r: RateRequest): unknown {
  const o = lookupRate(t, r);
  if (!o.ok) return { error: o.error };
  const a = o.value;
  const c = a.composition;
  return {
    origin: a.origin,
    originName: a.originName,
    product: a.product.display,
    sector: a.product.sector?.keyword ?? null,
    lineCount: a.lineCount,
    basis: a.facts.basis,
    claims: [...a.facts.claims].sort(),
    loaded: a.facts.loaded,
    day: a.facts.day,
    base: c.base.expr?.text ?? null,
    program: c.base.program ?? null,
    signature: c.signature,
    detail: c.detailSignature,
    total: c.total?.toString() ?? null,
    notes: c.notes,
  };
}

const us = table.importers.get("US")!;
const from = table.coverage.from;
const span = table.coverage.to - table.coverage.from;
const claimIds = table.doc.claims.map((c) => c.id);

/**
 * Lines whose General rate is shared with a line of a different Column 1 Special text: where a cache keyed
 * on the General rate alone would mix them up once a program is claimed.
 */
const lookalikes: string[] = (() => {
  const byGeneral = new Map<string, Map<readonly unknown[], string>>();
  us.atoms.forEach((atom, i) => {
    const base = us.bases.at(i);
    const text = base.expr?.text ?? "?";
    const bySpecial = byGeneral.get(text) ?? new Map<readonly unknown[], string>();
    if (!bySpecial.has(base.special)) bySpecial.set(base.special, atom);
    byGeneral.set(text, bySpecial);
  });
  return [...byGeneral.values()]
    .filter((m) => m.size > 1)
    .flatMap((m) => [...m.values()].slice(0, 3))
    .slice(0, 300);
})();

const product: fc.Arbitrary<string | number> = fc.oneof(
  fc.constantFrom(...lookalikes),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => formatHts(us.atoms[i]!)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => us.atoms[i]!.slice(0, 8)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => us.atoms[i]!.slice(0, 4)),
  fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => Number(us.atoms[i]!)),
  fc.constantFrom(
    "9503",
    "9503.00.00",
    "9503.00.00.11",
    "8471",
    "84",
    "7208.39.00",
    "steel",
    "toys",
    "soybeans",
    "1201.90",
    "0406.90.38.00",
    "1704.90.64.00",
  ),
);
const request: fc.Arbitrary<RateRequest> = fc.record(
  {
    importer: fc.constantFrom(undefined, "US", " us ", "CN"),
    country: fc.constantFrom("CN", "China", "KR", "Korea", "AU", "MX", "CA", "DE", "JP", "VN", "US", "GB", "HK", "CL", "SG", "Atlantis"),
    product,
    day: fc.integer({ min: -5, max: span + 5 }).map((d) => (from + d) as Day),
    basis: fc.constantFrom(undefined, "entry" as const, "final" as const, "net" as const),
    claims: fc.oneof(fc.constant(undefined), fc.constant([]), fc.subarray(claimIds, { maxLength: 2 })),
    loaded: fc.constantFrom(undefined, null, isoDay("2025-04-01"), isoDay("2025-04-08")),
    content: fc.constantFrom(undefined, {}, { steel: new Decimal("0.4") }),
  },
  { requiredKeys: ["country", "product", "day"] },
);

describe("lookups do not depend on what was looked up before", () => {
  it("a request gives the same answer after any other requests as on a fresh table", () => {
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), request, (before, r) => {
        const warm = fresh();
        for (const b of before) lookupRate(warm, b);
        expect(answerOf(warm, r)).toEqual(answerOf(fresh(), r));
      }),
      { numRuns: 300 },
    );
  });

  it("a request gives the same answer when the byte budget evicts on every lookup", () => {
    const starved = fresh();
    setLookupBudget(starved, 1);
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), request, (before, r) => {
        for (const b of before) lookupRate(starved, b);
        expect(answerOf(starved, r)).toEqual(answerOf(fresh(), r));
      }),
      { numRuns: 300 },
    );
  });

  it("the same set of requests in two orders gives the same answers", () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 2, maxLength: 40 }), (requests) => {
        const a = fresh();
        const b = fresh();
        const forward = requests.map((r) => answerOf(a, r));
        const backward = [...requests]
          .reverse()
          .map((r) => answerOf(b, r))
          .reverse();
        expect(backward).toEqual(forward);
      }),
      { numRuns: 100 },
    );
  });

  it("two lines with the same General rate and different Special rates, under any claim, answer as if asked alone", () => {
    const groups = new Map<string, string[]>();
    us.atoms.forEach((atom, i) => {
      const text = us.bases.at(i).expr?.text ?? "?";
      groups.set(text, [...(groups.get(text) ?? []), atom]);
    });
    const pairs = [...groups.values()].filter((atoms) => atoms.length > 1);
    const eligible = [...table.claims.values()].flatMap((c) => (c.origins === "all" ? [] : [...c.origins].map((o) => [c.id, o] as const)));
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs).chain((atoms) => fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...atoms))),
        fc.constantFrom(...eligible),
        fc.integer({ min: 0, max: span - 1 }),
        ([a, b], [claim, origin], offset) => {
          const day = (from + offset) as Day;
          const ask = (t: RateTable, p: string) => answerOf(t, { country: origin, product: p, day, claims: [claim] });
          const t = fresh();
          ask(t, a);
          expect(ask(t, b)).toEqual(ask(fresh(), b));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a claim uses each line's own Column 1 Special rate, even after a line with the same General rate", () => {
    // 0406.90.38.00 and 1704.90.64.00 share the General rate 12.2%; only the first grants KR Free.
    const day = isoDay("2025-06-01");
    const asked = (t: RateTable, p: string) => answerOf(t, { country: "KR", product: p, day, claims: ["KORUS"] });
    const t = fresh();
    asked(t, "0406.90.38.00");
    expect(asked(t, "1704.90.64.00")).toEqual(asked(fresh(), "1704.90.64.00"));
  });

  it("a prefix counts its own lines, even after one of its lines was asked alone", () => {
    const day = isoDay("2025-04-15");
    const t = fresh();
    lookupRate(t, { country: "CN", product: "9503.00.00.11", day });
    const prefix = lookupRate(t, { country: "CN", product: "9503", day });
    if (!prefix.ok) throw new Error(prefix.error.message);
    expect(prefix.value.lineCount).toBe(5);
  });

  it("an option spelled as its default is the plain request", () => {
    const day = isoDay("2025-04-15");
    const plain = answerOf(fresh(), { country: "CN", product: "9503", day });
    expect(answerOf(fresh(), { country: "CN", product: "9503", day, importer: "US", basis: "entry", claims: [], loaded: null, content: {} })).toEqual(
      plain,
    );
  });

  it("history is unaffected by earlier lookups too", () => {
    const r = { country: "CN", product: "9503.00.00", day: isoDay("2025-01-01") };
    const end = isoDay("2026-02-23");
    const t = fresh();
    for (const p of ["9503", "9503.00.00.11", "9503.00.00.13", 9503]) lookupRate(t, { ...r, product: p, day: isoDay("2025-04-15") });
    const warm = rateHistory(t, r, end);
    const cold = rateHistory(fresh(), r, end);
    if (!warm.ok || !cold.ok) throw new Error("history failed");
    expect(warm.value.map((h) => [h.from, h.to, h.composition.signature])).toEqual(cold.value.map((h) => [h.from, h.to, h.composition.signature]));
  });
});
