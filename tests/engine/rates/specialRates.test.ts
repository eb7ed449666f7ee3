import fc from "fast-check";
import { parseSpecialRates, rateGroups } from "../../../src/engine/rates/specialRates";
import { embedded } from "../../support/embeddedTable";

/** Column 1 Special texts: "Free (A+,AU,…,S,SG) 2.1% (JP)". They come from release files, so they are untrusted. */

/** The regex the parser was first written with; rateGroups must find exactly what it finds. */
const reference = (text: string): [string, string][] => [...text.matchAll(/([^()]+?)\s*\(([^()]*)\)/g)].map((m) => [m[1]!, m[2]!]);

describe("parseSpecialRates", () => {
  it("reads each rate with the programs that get it", () => {
    const rates = parseSpecialRates("Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) 2.1% (JP)");
    expect(rates.map((r) => [r.expr.text, [...r.programs]])).toEqual([
      ["Free", ["A+", "AU", "BH", "CL", "CO", "D", "E", "IL", "JO", "KR", "MA", "OM", "P", "PA", "PE", "S", "SG"]],
      ["2.1%", ["JP"]],
    ]);
  });

  it("skips what grants nothing computable", () => {
    expect(parseSpecialRates("See 9822.06.10")).toEqual([]);
    expect(parseSpecialRates("The rate applicable (AU)")).toEqual([]);
    expect(parseSpecialRates("Free (see note)")).toEqual([]);
  });

  it("finds the same groups as the original regex, on any text made of the characters that matter", () => {
    const text = fc.string({ unit: fc.constantFrom("(", ")", " ", "F", "r", "e", "5", "%", ",", "A", "U", "S", "+", "."), maxLength: 60 });
    fc.assert(
      fc.property(text, (t) => {
        expect(rateGroups(t).map(([rate, list]) => [rate.trim(), list])).toEqual(reference(t).map(([rate, list]) => [rate.trim(), list]));
      }),
      { numRuns: 5000 },
    );
  });

  it("finds the same groups as the original regex on every Special text of the embedded table", () => {
    for (const imp of embedded().doc.importers) {
      for (const s of imp.specials ?? []) expect(rateGroups(s).map(([r, l]) => [r.trim(), l])).toEqual(reference(s).map(([r, l]) => [r.trim(), l]));
    }
  });

  it("reads long hostile texts in one pass (no backtracking): 500 texts of 2 000 characters with no closing parenthesis", () => {
    // With the original regex each of these took about 15 ms, so a release full of them would stall
    // loading for minutes; here the whole loop is a few milliseconds.
    const hostile = "1% ".repeat(666) + "(";
    for (let i = 0; i < 500; i++) expect(parseSpecialRates(hostile)).toEqual([]);
  });
});
