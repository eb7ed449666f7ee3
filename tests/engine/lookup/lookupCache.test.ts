import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  DEFAULT_LOOKUP_BUDGET,
  Day,
  RateRequest,
  forgetLookups,
  loadTable,
  lookupRate,
  setCompositionKeeping,
  setLookupBudget,
} from "../../../src/engine";
import { ENTRY_BYTES, cacheOf } from "../../../src/engine/lookup/lookupCache";
import { EMBEDDED_TABLE_FILE, embedded } from "../../support/embeddedTable";

/**
 * The caches are memory, never meaning: an answer does not depend on what was asked before, nor on
 * whether the caches were emptied in between. Each random request is answered three ways: by a table
 * that has answered nothing yet (cold), by one shared table that has answered everything before it
 * (warm), by a shared table whose caches are forgotten at random (evicted), by a shared table whose
 * byte budget is so small that every lookup starts its caches over, often in the middle (starved), and by
 * a shared table that keeps no composed segments, as a batch does (discarding).
 */
const TEXT = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
const table = embedded();
const us = table.importers.get("US")!;
const evicted = loadTable(TEXT);
const starved = loadTable(TEXT);
setLookupBudget(starved, 1);
const discarding = loadTable(TEXT);
setCompositionKeeping(discarding, "discard");

const fingerprint = (t: typeof table, r: RateRequest): string => {
  const a = lookupRate(t, r);
  if (!a.ok) return `error:${a.error.kind}:${a.error.message}`;
  const c = a.value.composition;
  return [c.detailSignature, c.total?.toString() ?? "null", c.notes.join("|"), a.value.lineCount].join("#");
};

describe("answers do not depend on call order or cache evictions", () => {
  it("cold, warm and evicted lookups agree on random lines, origins, dates and options", () => {
    const origins = ["CN", "VN", "DE", "MX", "CA", "JP", "RU", "KP", "IN", "GB", "BR", "China", "viet nam"];
    const options: Partial<RateRequest>[] = [{}, { basis: "final" }, { basis: "net" }, { claims: ["USMCA"] }, { loaded: table.coverage.from as Day }];
    // Cold: a table whose caches are emptied before each request (the same as a table loaded afresh).
    const coldTable = loadTable(TEXT);
    const cold = () => {
      forgetLookups(coldTable);
      return coldTable;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            atom: fc.integer({ min: 0, max: us.atoms.length - 1 }),
            prefix: fc.integer({ min: 4, max: 10 }),
            origin: fc.constantFrom(...origins),
            day: fc.integer({ min: table.coverage.from, max: table.coverage.to - 1 }),
            option: fc.integer({ min: 0, max: options.length - 1 }),
            forget: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (steps) => {
          for (const s of steps) {
            const product = us.atoms[s.atom]!.slice(0, s.prefix - (s.prefix % 2));
            const request: RateRequest = { country: s.origin, product, day: s.day as Day, ...options[s.option] };
            if (s.forget) forgetLookups(evicted);
            const expected = fingerprint(cold(), request);
            expect(fingerprint(table, request)).toBe(expected);
            expect(fingerprint(evicted, request)).toBe(expected);
            expect(fingerprint(starved, request)).toBe(expected);
            expect(fingerprint(discarding, request)).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("one byte budget per table bounds every lookup cache", () => {
  const day = table.coverage.from as Day;
  const ask = (t: typeof table, i: number) =>
    lookupRate(t, { country: ["CN", "VN", "DE", "MX"][i % 4]!, product: us.atoms[(i * 7919) % us.atoms.length]!, day });

  it("counts what it keeps, and starts over before the estimate passes the budget", () => {
    const t = loadTable(TEXT);
    const budget = 2 * 1024 * 1024;
    setLookupBudget(t, budget);
    let starts = 0;
    let last = cacheOf(t);
    for (let i = 0; i < 3000; i++) {
      ask(t, i);
      const now = cacheOf(t);
      if (now !== last) starts++;
      last = now;
      expect(now.bytes).toBeLessThanOrEqual(budget);
    }
    // 3000 distinct (line, origin) pairs each keep a product, a class list, a timeline and a composition.
    expect(starts).toBeGreaterThan(0);
  });

  it("charges at least a composition per newly composed segment", () => {
    const t = loadTable(TEXT);
    ask(t, 0);
    const before = cacheOf(t).bytes;
    ask(t, 1);
    expect(cacheOf(t).bytes - before).toBeGreaterThanOrEqual(ENTRY_BYTES.composition);
    ask(t, 1);
    expect(cacheOf(t).bytes - before).toBeLessThan(2 * ENTRY_BYTES.composition + 4 * ENTRY_BYTES.timeline);
  });

  it("is the default unless set, and refuses a budget that is not a number of bytes", () => {
    const t = loadTable(TEXT);
    expect(cacheOf(t).budget).toBe(DEFAULT_LOOKUP_BUDGET);
    setLookupBudget(t, 1234);
    expect(cacheOf(t).budget).toBe(1234);
    setLookupBudget(t, undefined);
    expect(cacheOf(t).budget).toBe(DEFAULT_LOOKUP_BUDGET);
    expect(() => setLookupBudget(t, Number.NaN)).toThrow(RangeError);
    expect(() => setLookupBudget(t, -1)).toThrow(RangeError);
  });
});

describe("a batch keeps no composed segments", () => {
  const day = table.coverage.from as Day;
  const request = (i: number): RateRequest => ({ country: ["CN", "VN", "DE", "MX"][i % 4]!, product: us.atoms[(i * 7919) % us.atoms.length]!, day });

  it("keeps compositions unless told otherwise", () => {
    expect(cacheOf(loadTable(TEXT)).compositions).toBe("keep");
  });

  it("charges no composition for a segment it composes, and answers as a table that keeps them", () => {
    const keeps = loadTable(TEXT);
    const t = loadTable(TEXT);
    setCompositionKeeping(t, "discard");
    lookupRate(t, request(0));
    lookupRate(keeps, request(0));
    const before = cacheOf(t).bytes;
    const keptBefore = cacheOf(keeps).bytes;
    for (let i = 1; i < 200; i++) {
      expect(fingerprint(t, request(i))).toBe(fingerprint(keeps, request(i)));
      // Asked again: the discarded segment is composed anew, to the same answer.
      expect(fingerprint(t, request(i))).toBe(fingerprint(keeps, request(i)));
    }
    const kept = cacheOf(keeps).bytes - keptBefore;
    const discarded = cacheOf(t).bytes - before;
    expect(kept - discarded).toBeGreaterThanOrEqual(100 * ENTRY_BYTES.composition);
  });

  it("starts the table's caches over when the choice changes", () => {
    const t = loadTable(TEXT);
    lookupRate(t, request(0));
    const first = cacheOf(t);
    setCompositionKeeping(t, "discard");
    expect(first.dropped).toBe(true);
    expect(cacheOf(t)).not.toBe(first);
    expect(cacheOf(t).compositions).toBe("discard");
  });
});
