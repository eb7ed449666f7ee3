import { parseLookupOptions } from "../../../src/engine";
import { LANDED_ONLY_WORDS, parseLandedOptions } from "../../../src/engine/landed/landedOptions";
import { embedded } from "../../support/embeddedTable";

/**
 * The options grammar of a rate lookup, shared by every DUTY function, the CLI's flags and the landed-cost
 * options (which extend it). Words are compared folded: case, and runs of space, `_` and `-`, do not count.
 */
describe("lookup options", () => {
  const table = embedded();

  it("takes every claim the table defines, however it is typed, and gives the claim's own id", () => {
    for (const c of table.doc.claims) {
      for (const typed of [c.id, c.id.toLowerCase(), c.id.replace(/-/g, " "), c.id.replace(/-/g, "_")]) {
        const o = parseLookupOptions(typed, table);
        expect(o.ok && o.value.claims).toEqual([c.id]);
        const landed = parseLandedOptions(typed, table);
        expect(landed.ok && landed.value.claims).toEqual([c.id]);
      }
    }
  });

  it("reads unit values in the units of the table's specific duties, watts included", () => {
    for (const text of ["unit value=2.40/kg", "unit value=0.30/W", "unit value=$300 per kW", "unit_value=0.05/each"]) {
      const o = parseLookupOptions(text, table);
      expect(o.ok && o.value.choice.unitValues.length).toBe(1);
    }
  });

  it("refuses landed-cost words by name, and other words as unknown", () => {
    for (const word of LANDED_ONLY_WORDS) {
      const o = parseLookupOptions(`${word}=1`, table, LANDED_ONLY_WORDS);
      expect(o.ok).toBe(false);
    }
    expect(parseLookupOptions("frobnicate", table)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^unknown option "frobnicate"/) },
    });
  });
});
