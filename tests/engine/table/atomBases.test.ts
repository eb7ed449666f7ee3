import { loadTable } from "../../../src/engine";
import { parseRateExpression } from "../../../src/engine/rates";
import { parseSpecialRates } from "../../../src/engine/rates/specialRates";
import { AtomBases, lazySpecials } from "../../../src/engine/table/atomBases";
import type { BaseRate } from "../../../src/engine/table/compiledTable";
import { FIXTURE_LINES, fixtureDocument } from "../../support/tableFixture";

/**
 * A schedule's base rates are made when a lookup first asks for them, not when the table loads. Which line
 * was asked first, or whether one was asked at all, must change nothing: every atom of a line has the
 * line's one base, made once, and it is the base the rows say.
 */

function counting(lines: number): { bases: AtomBases; made: number[] } {
  const made: number[] = [];
  // Lines 0 and 2 have one atom each, line 1 has three (a line's atoms are consecutive).
  const lineOf = Int32Array.from([0, 1, 1, 1, 2]);
  const bases = new AtomBases(lineOf, lines, (line) => {
    made.push(line);
    return { line: `line ${line}`, expr: null, special: [], column2: null };
  });
  return { bases, made };
}

describe("AtomBases", () => {
  it("makes a line's base on its first atom's use, once, and gives every atom of the line that one object", () => {
    const { bases, made } = counting(3);
    expect(made).toEqual([]);
    const second = bases.at(2);
    expect(bases.at(1)).toBe(second);
    expect(bases.at(3)).toBe(second);
    expect(made).toEqual([1]);
    expect(bases.at(4).line).toBe("line 2");
    expect(bases.at(0).line).toBe("line 0");
    expect(made).toEqual([1, 2, 0]);
  });

  it("has the atoms' count as its length, and all() gives each atom's base in atom order", () => {
    const { bases, made } = counting(3);
    expect(bases).toHaveLength(5);
    expect(bases.all().map((b) => b.line)).toEqual(["line 0", "line 1", "line 1", "line 1", "line 2"]);
    expect(made).toEqual([0, 1, 2]);
  });

  it("refuses an atom outside the schedule rather than answering undefined", () => {
    const { bases } = counting(3);
    expect(() => bases.at(5)).toThrow(RangeError);
    expect(() => bases.at(-1)).toThrow(/not in the schedule/);
  });
});

describe("lazySpecials", () => {
  it("parses each Special text once, when first asked, and gives what parseSpecialRates gives", () => {
    const texts = ["Free (A,AU,KR) 2.1% (JP)", "See 9822.06.10"];
    const parsed: string[] = [];
    const specials = lazySpecials(texts, (text) => {
      parsed.push(text);
      return parseSpecialRates(text);
    });
    expect(parsed).toEqual([]);
    const first = specials(0);
    expect(specials(0)).toBe(first);
    expect(first).toEqual(parseSpecialRates(texts[0]!));
    expect(specials(1)).toEqual([]);
    expect(parsed).toEqual(texts);
  });
});

describe("a loaded schedule's bases", () => {
  const doc = fixtureDocument([]);
  const specialText = "Free (AU,KR) 5% (JP)";
  // 61091000 (the third line) gets a Special text; the others have none.
  const rows: typeof FIXTURE_LINES = FIXTURE_LINES.map((l, i) => (i === 2 ? [l[0], l[1], l[2], 0, l[4]] : l));
  const withSpecial = { ...doc, importers: [{ ...doc.importers[0]!, specials: [specialText], lines: rows }, doc.importers[1]!] };
  const us = () => loadTable(JSON.stringify(withSpecial)).importers.get("US")!;

  it("are the rows' General, Special and Column 2 rates, whichever atom is asked first", () => {
    const expected = (atom: number): Partial<BaseRate> => {
      const atoms = us().atoms;
      const row = rows.find((l) => atoms[atom]!.startsWith(l[0]))!;
      return {
        line: row[0],
        expr: parseRateExpression(row[1]),
        special: row[3] === 0 ? parseSpecialRates(specialText) : [],
        column2: parseRateExpression(row[4] as string),
      };
    };
    const forward = us();
    const backward = us();
    const n = forward.atoms.length;
    const inOrder = Array.from({ length: n }, (_, a) => forward.bases.at(a));
    const reversed = Array.from({ length: n }, (_, a) => backward.bases.at(n - 1 - a)).reverse();
    expect(reversed).toEqual(inOrder);
    for (let a = 0; a < n; a++) expect(inOrder[a]).toEqual(expected(a));
  });

  it("share one object between the atoms of one line (61091000's suffixes 10 and 20)", () => {
    const table = us();
    const ten = table.atoms.indexOf("6109100010");
    const twenty = table.atoms.indexOf("6109100020");
    expect(ten).toBeGreaterThanOrEqual(0);
    expect(twenty).toBe(ten + 1);
    expect(table.bases.at(ten)).toBe(table.bases.at(twenty));
    expect(table.bases.at(ten).special).toEqual(parseSpecialRates(specialText));
  });
});
