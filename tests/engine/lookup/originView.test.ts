import fc from "fast-check";
import { CountryCode } from "../../../src/engine";
import { appliesToPartner } from "../../../src/engine/table/compiledTable";
import { atomCandidates } from "../../../src/engine/lookup/atomCandidates";
import { forOrigin } from "../../../src/engine/lookup/timeline";
import { embedded } from "../../support/embeddedTable";

/**
 * An origin view reads a candidate set's measures split by partner (the all-origin ones and those naming
 * the origin), so that other origins' measures cost nothing. What it finds is exactly the candidates that
 * apply to the origin, in the candidates' order.
 */
const table = embedded();
const origins = [...new Set(table.measures.flatMap((m) => (m.partners === "all" ? [...m.exceptPartners] : [...m.partners])))];

describe("forOrigin, the measures of a candidate set for one origin", () => {
  for (const code of [...table.importers.keys()]) {
    const importer = table.importers.get(code)!;
    const sets = atomCandidates(importer).sets;
    it(`is the candidates that apply to the origin, in order, for every ${code} candidate set`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: sets.length - 1 }), fc.constantFrom(...origins, "FR", "ZZ"), (i, origin) => {
          const set = sets[i]!;
          const expected = set.filter((m) => appliesToPartner(m, origin as CountryCode));
          expect(forOrigin(set, origin as CountryCode)).toEqual(expected);
          // Asked again (the split is kept), the same.
          expect(forOrigin(set, origin as CountryCode)).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});
