import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import fc from "fast-check";
import { Day, RateRequest, RateTable, TableValidationError, formatHts, loadTable, lookupRate } from "../../../src/engine";
import { PUBLISHED_RELEASES } from "../../../src/engine/releases/publishedReleases";
import { isPublishedSha256 } from "../../../src/engine/table/loadTable";
import { listReleases, releaseFile } from "../../../scripts/releases";

/**
 * A published release loads without the checks it passed when it was cut (schema, duplicate keys, work
 * limits, overlaps, cycles). That is only sound if every published release passes them, and if skipping
 * them changes nothing: the trusted load is the full load, structure for structure and answer for answer.
 * Any other text, one byte away from a release included, is checked in full.
 */

/**
 * An outcome as plain data. An answer holds its table, importer and measures, and comparing those object
 * graphs for every lookup would compare the whole table each time (the test above does that once): they
 * are named by id here, and everything else (composition, layers, amounts, notes, errors) is kept.
 */
function answerView(outcome: unknown): unknown {
  return JSON.parse(
    JSON.stringify(outcome, (_key, value: unknown) => {
      if (value instanceof Map) return [...value.entries()];
      if (value instanceof Set) return [...value];
      if (typeof value !== "object" || value === null) return value;
      if ("atoms" in value && "code" in value) return `importer ${String(value.code)}`;
      if ("measures" in value && "sha256" in value) return `table ${String(value.sha256)}`;
      if ("atomRanges" in value && "id" in value) return `measure ${String(value.id)}`;
      return value;
    }),
  ) as unknown;
}

/**
 * A table with every atom's base made: bases are made on first use (src/engine/table/atomBases.ts), by a
 * function of each load that toEqual would compare by identity, so the tables are compared with the bases
 * they give, atom by atom.
 */
function materialized(table: RateTable): unknown {
  const importers = new Map([...table.importers].map(([code, imp]) => [code, { ...imp, bases: imp.bases.all() }]));
  return { ...table, importers };
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const published = Object.entries(PUBLISHED_RELEASES);

describe("the published releases", () => {
  it("are exactly the files in data/releases, each with its recorded hash", () => {
    expect(published.map(([id]) => id).sort()).toEqual(
      listReleases()
        .map((r) => r.id)
        .sort(),
    );
    for (const [id, hash] of published) expect(sha256(readFileSync(releaseFile(id), "utf8"))).toBe(hash);
  });

  it.each(published)("%s passes full validation, and the trusted load gives the same table", (id, hash) => {
    const text = readFileSync(releaseFile(id), "utf8");
    const full = loadTable(text, { validation: "full" });
    const trusted = loadTable(text);
    expect(isPublishedSha256(hash)).toBe(true);
    expect(trusted.sha256).toBe(hash);
    expect(materialized(trusted)).toEqual(materialized(full));
    // A hash supplied by the host (the build's, for the embedded release) gives the same table without hashing.
    expect(materialized(loadTable(text, { sha256: hash }))).toEqual(materialized(full));
  });
});

describe("the trusted and the fully validated table", () => {
  for (const [id] of published) {
    const text = readFileSync(releaseFile(id), "utf8");
    let full: RateTable;
    let trusted: RateTable;
    beforeAll(() => {
      full = loadTable(text, { validation: "full" });
      trusted = loadTable(text);
    });

    it(`${id}: give the same answers (outcome, layers, total) for any line, origin, date and claims`, () => {
      const us = full.importers.get("US")!;
      const cn = full.importers.get("CN");
      const atom = fc.integer({ min: 0, max: us.atoms.length - 1 }).map((i) => us.atoms[i]!);
      const request: fc.Arbitrary<RateRequest> = fc.record(
        {
          importer: fc.constantFrom(undefined, "US", "CN"),
          country: fc.constantFrom("CN", "KR", "AU", "MX", "CA", "DE", "JP", "VN", "US", "GB", "RU", "CU", "IN", "BR"),
          product: fc.oneof(
            atom.map(formatHts),
            atom.map((a) => a.slice(0, 6)),
            fc.integer({ min: 0, max: Math.max(0, (cn?.atoms.length ?? 1) - 1) }).map((i) => cn?.atoms[i] ?? "9503"),
            fc.constantFrom("9503", "7208.39.00", "steel", "8471"),
          ),
          day: fc.integer({ min: -3, max: full.coverage.to - full.coverage.from + 3 }).map((d) => (full.coverage.from + d) as Day),
          claims: fc.oneof(
            fc.constant(undefined),
            fc.subarray(
              full.doc.claims.map((c) => c.id),
              { maxLength: 2 },
            ),
          ),
          content: fc.constantFrom(undefined, { steel: new Decimal("0.4") }),
        },
        { requiredKeys: ["country", "product", "day"] },
      );
      fc.assert(
        fc.property(request, (r) => {
          expect(answerView(lookupRate(trusted, r))).toEqual(answerView(lookupRate(full, r)));
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("a text that is not a published release", () => {
  const id = published[published.length - 1]![0];
  const text = readFileSync(releaseFile(id), "utf8");

  it("one byte away from a release, is validated in full and refused when invalid", () => {
    // The first "add" rate's first digit becomes a letter: JSON still, but not a rate table.
    const at = text.indexOf('"add":"') + '"add":"'.length;
    expect(text[at]).toMatch(/\d/);
    const changed = text.slice(0, at) + "x" + text.slice(at + 1);
    expect(isPublishedSha256(sha256(changed))).toBe(false);
    expect(() => loadTable(changed)).toThrow(TableValidationError);
    expect(() => loadTable(changed)).toThrow(/measures\[\d+\]\.rate/);
  });

  it("one byte away and valid, loads through the full path with its own hash and its own rate", () => {
    const at = text.indexOf('"add":"') + '"add":"'.length;
    const digit = text[at]!;
    const changed = text.slice(0, at) + (digit === "9" ? "8" : String(Number(digit) + 1)) + text.slice(at + 1);
    const table = loadTable(changed);
    expect(table.sha256).toBe(sha256(changed));
    expect(isPublishedSha256(table.sha256)).toBe(false);
    expect(table).not.toEqual(loadTable(text));
  });

  it("with a second value for a key, is refused (only the full path's text scan sees it)", () => {
    const at = text.indexOf('"add":"');
    const changed = text.slice(0, at) + '"add":"0",' + text.slice(at);
    expect(() => loadTable(changed)).toThrow(/appears twice/);
  });

  it("named by a hash that is not a release's, is validated in full", () => {
    const changed = text.slice(0, text.indexOf('"add":"') + 7) + "x" + text.slice(text.indexOf('"add":"') + 8);
    expect(() => loadTable(changed, { sha256: sha256(changed) })).toThrow(TableValidationError);
  });
});
