import fc from "fast-check";
import { CountryCode } from "../../../src/engine";
import { appliesToPartner } from "../../../src/engine/table/compiledTable";
import { atomCandidates } from "../../../src/engine/lookup/atomCandidates";
import { forOrigin, viewOf } from "../../../src/engine/lookup/timeline";
import { cacheOf } from "../../../src/engine/lookup/lookupCache";
import { resolveParts } from "../../../src/engine/lookup/resolveRequest";
import { embedded } from "../../support/embeddedTable";

/**
 * An origin view reads a candidate set's all-origin measures and the schedule's measures naming the origin
 * that are in the set, so that other origins' measures cost nothing. What it finds is exactly the candidates that
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
          expect(forOrigin(importer, set, origin as CountryCode)).toEqual(expected);
          // Asked again (the split is kept), the same.
          expect(forOrigin(importer, set, origin as CountryCode)).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("origin views of the same content", () => {
  // A batch meets a few thousand distinct views under hundreds of thousands of (origin, candidate set)
  // pairs; each distinct content is one object, except where a Column 2 membership names the origin.
  const t = { ...table };
  const cache = cacheOf(t);
  const partsOf = (country: string, product: string) => {
    const p = resolveParts(cache, { importer: "US", country, product });
    if (!p.ok) throw new Error(`${country} ${product}: ${p.error.message}`);
    return p.value;
  };
  const viewFor = (country: string, product: string) => {
    const p = partsOf(country, product);
    return viewOf(cache, p.importer, p.part.classes[0]!.candidates, p.facts);
  };

  test("are one object for origins outside Column 2 that meet the same measures", () => {
    // Two EU members meet the same US measures on a line; their facts (origin) differ.
    const fr = viewFor("FR", "6110.12.20.10");
    const de = viewFor("DE", "6110.12.20.10");
    expect(partsOf("FR", "6110.12.20.10").facts).not.toBe(partsOf("DE", "6110.12.20.10").facts);
    expect(de.id).toBe(fr.id);
    expect(de).toBe(fr);
    // An origin that meets other measures has another view.
    expect(viewFor("CN", "6110.12.20.10").id).not.toBe(fr.id);
  });

  test("are the origin's own where it is in Column 2, with its own memberships", () => {
    // Cuba and North Korea meet the same measures and are both in Column 2 (the same view content and id),
    // but a view's memberships name its origin.
    const cu = viewFor("CU", "0101.21.00.10");
    const kp = viewFor("KP", "0101.21.00.10");
    expect(kp.id).toBe(cu.id);
    expect(cu.column2.length).toBeGreaterThan(0);
    expect(kp.column2.length).toBeGreaterThan(0);
    expect(cu.column2.every((m) => m.country === "CU")).toBe(true);
    expect(kp.column2.every((m) => m.country === "KP")).toBe(true);
    expect(kp).not.toBe(cu);
  });
});
