import fc from "fast-check";
import { lowerBound, segmentIndex } from "../../../src/engine/table/sortedSearch";

/** The binary searches the lookup shares, each against the linear scan it stands for. */

const starts = fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }).map((xs) => xs.sort((a, b) => a - b));

describe("segmentIndex", () => {
  test("is the last start at or below x, for plain and typed arrays", () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 0, max: 2000 }), (s, offset) => {
        const x = s[0]! + offset;
        let expected = 0;
        s.forEach((v, i) => {
          if (v <= x) expected = i;
        });
        expect(segmentIndex(s, x)).toBe(expected);
        expect(segmentIndex(Int32Array.from(s), x)).toBe(expected);
      }),
    );
  });

  test("a start is its own segment's first day; the day before belongs to the previous one", () => {
    expect(segmentIndex([10, 20, 30], 20)).toBe(1);
    expect(segmentIndex([10, 20, 30], 19)).toBe(0);
    expect(segmentIndex([10, 20, 30], 99)).toBe(2);
  });
});

describe("lowerBound", () => {
  test("is the first string not below the key", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 4 })), fc.string({ maxLength: 4 }), (xs, key) => {
        const sorted = [...xs].sort();
        const expected = sorted.findIndex((v) => !(v < key));
        expect(lowerBound(sorted, key)).toBe(expected === -1 ? sorted.length : expected);
      }),
    );
  });
});
