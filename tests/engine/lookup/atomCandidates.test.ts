import { readFileSync } from "node:fs";
import fc from "fast-check";
import { loadTable } from "../../../src/engine";
import { atomCandidates, candidateSetOf } from "../../../src/engine/lookup/atomCandidates";
import type { ImporterIndex, Measure } from "../../../src/engine/table/compiledTable";
import { EMBEDDED_TABLE_FILE } from "../../support/embeddedTable";
import { FIXTURE_LINES, fixtureDocument, measure } from "../../support/tableFixture";

/**
 * An atom's candidates are the measures whose scope covers it, in table order: the index built by one sweep
 * must say exactly that for every atom, and two atoms have the same set id exactly when their candidates
 * are the same measures.
 */

/** The definition: the measures of the importer whose atom ranges hold `atom`, in table order. */
function covering(importer: ImporterIndex, atom: number): Measure[] {
  return importer.measures.filter((m) => m.atomRanges.some(([s, e]) => s <= atom && atom < e));
}

function checkEveryAtom(importer: ImporterIndex): void {
  const index = atomCandidates(importer);
  expect(index.runStarts[0]).toBe(0);
  for (let r = 1; r < index.runStarts.length; r++) expect(index.runStarts[r]!).toBeGreaterThan(index.runStarts[r - 1]!);
  // Mismatches are collected (one expect per atom of 20 000 would be most of the test's time).
  const wrong: string[] = [];
  const idOfSet = new Map<string, number>();
  for (let atom = 0; atom < importer.atoms.length; atom++) {
    const id = candidateSetOf(index, atom);
    const got = index.sets[id]!.map((m) => m.id);
    const want = covering(importer, atom).map((m) => m.id);
    const key = want.join(" ");
    if (got.join(" ") !== key) {
      const extra = got.filter((m) => !want.includes(m));
      const missing = want.filter((m) => !got.includes(m));
      wrong.push(
        `${importer.atoms[atom]}: extra [${extra.join(" ")}], missing [${missing.join(" ")}]${extra.length + missing.length === 0 ? ", out of order" : ""}`,
      );
    }
    // Equal sets, equal ids: a set is never made twice.
    const seen = idOfSet.get(key);
    if (seen === undefined) idOfSet.set(key, id);
    else if (seen !== id) wrong.push(`${importer.atoms[atom]}: set id ${id}, another atom with these candidates has ${seen}`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

describe("atomCandidates", () => {
  it("gives every atom of the shipped release's US schedule exactly the measures covering it", () => {
    const table = loadTable(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
    checkEveryAtom(table.importers.get("US")!);
  });

  it("does so for any measures' scopes and exclusions over a small schedule (ranges that nest, touch, repeat and end at the last atom)", () => {
    const prefixes = [...new Set(FIXTURE_LINES.flatMap(([line]) => [line.slice(0, 2), line.slice(0, 4), line, `${line}00`]))];
    const atomsOf = FIXTURE_LINES.flatMap(([line, , suffixes]) => suffixes.split(",").map((s) => line + s));
    const codes = [...prefixes, ...atomsOf];
    const scope = fc.record({
      include: fc.oneof(fc.constant(["*"]), fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 4 })),
      exclude: fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(scope, { maxLength: 12 }), (scopes) => {
        const measures = scopes.map((s, i) => measure(`m${i}`, { scope: s.exclude.length === 0 ? { include: s.include } : s }));
        const us = loadTable(JSON.stringify(fixtureDocument(measures))).importers.get("US")!;
        checkEveryAtom(us);
      }),
      { numRuns: 150 },
    );
  });
});
