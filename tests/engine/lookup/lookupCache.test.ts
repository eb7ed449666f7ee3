import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Day, RateRequest, forgetLookups, loadTable, lookupRate } from "../../../src/engine";
import { EMBEDDED_TABLE_FILE, embedded } from "../../support/embeddedTable";

/**
 * The caches are memory, never meaning: an answer does not depend on what was asked before, nor on
 * whether the caches were emptied in between. Each random request is answered three ways: by a table
 * that has answered nothing yet (cold), by one shared table that has answered everything before it
 * (warm), and by a shared table whose caches are forgotten at random (evicted).
 */
const TEXT = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
const table = embedded();
const us = table.importers.get("US")!;
const evicted = loadTable(TEXT);

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
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
