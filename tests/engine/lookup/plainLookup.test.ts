import fc from "fast-check";
import {
  Day,
  LookupError,
  NOT_PLAIN,
  PLAIN_CHOICE,
  RateTable,
  SegmentMemo,
  formatHts,
  plainIndexOf,
  plainTotal,
  setLookupBudget,
} from "../../../src/engine";
import { cacheOf } from "../../../src/engine/lookup/lookupCache";
import { plainSums } from "../../../src/engine/lookup/plainLookup";
import { resolveParts } from "../../../src/engine/lookup/resolveRequest";
import { baseNeverAdValorem, sumPartsOf } from "../../../src/engine/lookup/tariffLine";
import { ViewSums, layersOn } from "../../../src/engine/lookup/viewSums";
import { embedded } from "../../support/embeddedTable";
import { generalTariff } from "../../support/generalTariff";

/**
 * The plain index answers a request without options on the default importer (most of a sheet) from its
 * country and its product, each resolved once. Where it answers, the answer is the general path's (lookupRate,
 * then totalRate as DUTY.TARIFF reads it), bit for bit and message for message, and it holds on every day
 * of the memo it writes; where it cannot (several line classes, a Column 2 origin, a segment that must be
 * composed, a date outside the coverage) it says NOT_PLAIN, and it never says so for an error of the
 * country or the product, which are the same on every day.
 */

const table = embedded();
const us = table.importers.get("US")!;
const { from, to } = table.coverage;
const fresh = (): RateTable => ({ ...table });

type Seen = { n: string } | { message: string; kind: string } | "not plain";
const seen = (r: number | LookupError | typeof NOT_PLAIN): Seen =>
  r === NOT_PLAIN ? "not plain" : typeof r === "number" ? { n: String(r) } : { message: r.message, kind: r.kind };

function general(t: RateTable, country: string, product: string | number, day: number): Seen {
  return seen(generalTariff(t, { country, product, day: day as Day }, PLAIN_CHOICE));
}

const memo = (): SegmentMemo => ({ from: 1, to: 0, answer: { kind: "notAvailable", message: "none" } });

/** Lines typed the ways a sheet has them, sector keywords, prefixes, and codes that are not lines. */
const lines = us.atoms.filter((_, i) => i % 41 === 0);
const product = fc.oneof(
  fc.constantFrom(...lines).map((l) => formatHts(l)),
  fc.constantFrom(...lines),
  fc.constantFrom(...lines).map((l) => Number(l)),
  fc.constantFrom("steel", "aluminum", "9503", "0201.10.05", "9999.99.99", "not a code!", "72", 7208.1),
);
// Origins of every kind: ISO codes and names, Column 2 origins, the importing country, unknown text.
const country = fc.constantFrom("CN", "China", "DE", "JP", "MX", "CAN", "VN", "IN", "BR", "RU", "KP", "CU", "BY", "US", "XX", "EU");
const day = fc.integer({ min: from - 20, max: to + 20 });

describe("plainTotal, the numbers of requests without options", () => {
  test.each([
    ["with the caches kept", undefined],
    ["with caches that start over on every entry", 1],
  ])("is the general path's answer wherever it answers, %s", (_, budget) => {
    const t = fresh();
    const oracle = fresh();
    if (budget !== undefined) setLookupBudget(t, budget);
    fc.assert(
      fc.property(fc.array(fc.tuple(country, product, day), { minLength: 1, maxLength: 30 }), (cells) => {
        for (const [c, p, d] of cells) {
          const m = memo();
          const got = seen(plainTotal(plainIndexOf(t), c, p, d as Day, m));
          if (got === "not plain") continue;
          expect(got).toEqual(general(oracle, c, p, d));
          // The memo's days hold the same answer: its first and last day, and one inside.
          expect(m.from).toBeLessThanOrEqual(d);
          expect(m.to).toBeGreaterThan(d);
          for (const k of [m.from, m.to - 1, Math.floor((m.from + m.to) / 2)]) {
            if (k >= from && k < to) expect(general(oracle, c, p, k)).toEqual(got);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  test("answers most plain lines itself, and leaves the dates outside the coverage to the general path", () => {
    const t = fresh();
    let answered = 0;
    for (const l of lines.slice(0, 200)) if (plainTotal(plainIndexOf(t), "DE", l, (from + 200) as Day, memo()) !== NOT_PLAIN) answered++;
    expect(answered).toBeGreaterThan(150);
    expect(plainTotal(plainIndexOf(t), "DE", lines[0]!, (from - 1) as Day, memo())).toBe(NOT_PLAIN);
    expect(plainTotal(plainIndexOf(t), "DE", lines[0]!, to as Day, memo())).toBe(NOT_PLAIN);
  });

  test("an unknown country or a code that is not a line is its error on every day, inside the coverage or not", () => {
    const t = fresh();
    for (const d of [from - 400, from + 10, to + 400]) {
      const unknown = memo();
      const a = plainTotal(plainIndexOf(t), "Atlantis", lines[0]!, d as Day, unknown);
      expect(a).toMatchObject({ kind: "notAvailable" });
      expect(a).toEqual(generalTariff(fresh(), { country: "Atlantis", product: lines[0]!, day: (from + 10) as Day }, PLAIN_CHOICE));
      expect(unknown.to - unknown.from).toBeGreaterThan(1_000_000);
      const notALine = plainTotal(plainIndexOf(t), "DE", "9999.99.99", d as Day, memo());
      expect(notALine).toEqual(generalTariff(fresh(), { country: "DE", product: "9999.99.99", day: (from + 10) as Day }, PLAIN_CHOICE));
    }
    // The country is checked first, as resolveParts checks it: an unknown country with a code that is not a line.
    expect(plainTotal(plainIndexOf(t), "Atlantis", "9999.99.99", (from + 10) as Day, memo())).toMatchObject({
      message: expect.stringContaining("Atlantis"),
    });
  });

  test("the importing country as origin is refused as the general path refuses it", () => {
    const t = fresh();
    const got = plainTotal(plainIndexOf(t), "US", lines[3]!, (from + 10) as Day, memo());
    expect(got).toEqual(generalTariff(fresh(), { country: "US", product: lines[3]!, day: (from + 10) as Day }, PLAIN_CHOICE));
    expect(got).toMatchObject({ kind: "invalid" });
  });
});

describe("what the plain index shares", () => {
  test("the spellings of a country share one ordinal, and the spellings of a line one set of pairs", () => {
    const t = fresh();
    const index = plainIndexOf(t);
    const day = (from + 200) as Day;
    const answers = ["CN", "China", "CHN"].flatMap((c) => ["9503.00.00", "95030000", 95030000].map((p) => plainTotal(index, c, p, day, memo())));
    // The same answer for every spelling, and the general path's.
    expect(new Set(answers).size).toBe(1);
    expect(seen(answers[0]!)).toEqual(general(fresh(), "CN", "9503.00.00", day));
    const ordinals = ["CN", "China", "CHN"].map((c) => index.origins.get(c));
    expect(new Set(ordinals.map((o) => (o && o.error === null ? o.ordinal : -1))).size).toBe(1);
    const pairs = ["9503.00.00", "95030000", 95030000].map((p) => index.products.get(p) as { sums?: unknown });
    expect(pairs[0]!.sums).toBeDefined();
    expect(pairs.every((p) => p.sums === pairs[0]!.sums)).toBe(true);
  });
});

describe("plainSums, a batch row's origin view sums", () => {
  /** The full resolution's answer for the same request (sumLineDuty's general path). */
  function resolved(t: RateTable, c: string, p: string | number): { sums: ViewSums; units: number } | "notAdValorem" | "compose" {
    const cache = cacheOf(t);
    const parts = resolveParts(cache, { country: c, product: p });
    if (!parts.ok) return "compose";
    const sum = sumPartsOf(cache, parts.value);
    if (sum === null) return baseNeverAdValorem(cache, parts.value) ? "notAdValorem" : "compose";
    return { sums: sum.sums, units: sum.units };
  }

  test.each([
    ["with the caches kept", undefined],
    ["with caches that start over on every entry", 1],
  ])("are the full resolution's sums wherever they answer, and never answer an error, %s", (_, budget) => {
    const t = fresh();
    const oracle = fresh();
    if (budget !== undefined) setLookupBudget(t, budget);
    let answered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(country, product), { minLength: 1, maxLength: 30 }), (cells) => {
        for (const [c, p] of cells) {
          const out = { units: -1 };
          const got = plainSums(plainIndexOf(t), c, p, out);
          if (got === NOT_PLAIN) continue;
          const want = resolved(oracle, c, p);
          if (got === "notAdValorem") {
            expect(want).toBe("notAdValorem");
            continue;
          }
          answered++;
          if (typeof want === "string") throw new Error(`plainSums answered ${c} ${String(p)}, the full resolution says ${want}`);
          expect(out.units).toBe(want.units);
          // The same segments, and on each the same layer fractions (what a batch row multiplies).
          expect([...got.starts]).toEqual([...want.sums.starts]);
          for (let i = 0; i < got.starts.length; i++) {
            expect(layersOn(cacheOf(t), got, i, out.units)).toEqual(layersOn(cacheOf(oracle), want.sums, i, want.units));
          }
        }
      }),
      { numRuns: 80 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  test("an unknown country or product, the importing country and a Column 2 origin are left to the general path", () => {
    const index = plainIndexOf(fresh());
    const out = { units: -1 };
    expect(plainSums(index, "Atlantis", "9503.00.00", out)).toBe(NOT_PLAIN);
    expect(plainSums(index, "VN", "9999.99.99", out)).toBe(NOT_PLAIN);
    expect(plainSums(index, "US", "9503.00.00", out)).toBe(NOT_PLAIN);
    expect(plainSums(index, "RU", "9503.00.00", out)).toBe(NOT_PLAIN);
    expect(plainSums(index, "VN", "9503.00.00", out)).not.toBe(NOT_PLAIN);
    expect(out.units).toBe(0);
  });
});
