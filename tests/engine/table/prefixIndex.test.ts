import fc from "fast-check";
import { PrefixIndex, orderedRanges } from "../../../src/engine/table/prefixIndex";

/**
 * A prefix's atoms are one contiguous range of the sorted atoms; PrefixIndex finds it by integer keys, from
 * any starting hint, and orderedRanges merges the ranges of sorted prefixes. Both must agree with the plain
 * definition: the atoms whose text starts with the prefix.
 */

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const atomsArb = fc.uniqueArray(digits(2, 10), { minLength: 1, maxLength: 300 }).map((a) => [...a].sort());

/** The definition: [first, last + 1) of the atoms that start with `prefix` (they are contiguous). */
function naive(atoms: readonly string[], prefix: string): [number, number] {
  const start = atoms.findIndex((a) => a >= prefix);
  const from = start < 0 ? atoms.length : start;
  let end = from;
  while (end < atoms.length && atoms[end]!.startsWith(prefix)) end++;
  return [from, end];
}

describe("PrefixIndex", () => {
  test("gives each prefix's range, from any hint", () => {
    fc.assert(
      fc.property(atomsArb, fc.array(digits(2, 10), { minLength: 1, maxLength: 40 }), fc.nat(), (atoms, prefixes, seed) => {
        const index = new PrefixIndex(atoms);
        prefixes.forEach((p, i) => {
          const expected = naive(atoms, p);
          // A valid hint (at most the start), and an arbitrary one (which may be past it).
          const valid = (seed + i) % (expected[0] + 1);
          const arbitrary = (seed * 7 + i) % (atoms.length + 2);
          expect(index.range(p, valid)).toEqual(expected);
          expect(index.range(p, arbitrary)).toEqual(expected);
          expect(index.range(p)).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  test("merges the ranges of sorted prefixes as the definition does", () => {
    fc.assert(
      fc.property(atomsArb, fc.array(digits(2, 8), { minLength: 1, maxLength: 60 }), (atoms, list) => {
        const prefixes = [...list].sort();
        const got = orderedRanges(new PrefixIndex(atoms), prefixes);
        const covered = new Set<number>();
        for (const p of prefixes) for (let i = naive(atoms, p)[0]; i < naive(atoms, p)[1]; i++) covered.add(i);
        const fromRanges = new Set<number>();
        for (const [s, e] of got ?? []) for (let i = s; i < e; i++) fromRanges.add(i);
        expect(got).not.toBeNull();
        expect([...fromRanges].sort((a, b) => a - b)).toEqual([...covered].sort((a, b) => a - b));
        // Disjoint and ascending: merged.
        for (let k = 1; k < (got ?? []).length; k++) expect(got![k]![0]).toBeGreaterThan(got![k - 1]![1]);
      }),
      { numRuns: 300 },
    );
  });
});
