import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { validateDocument } from "../../../src/engine/table/validateDocument";
import { TableValidationError } from "../../../src/engine/table/tableValidationError";
import { isWellFormedLine, lineDoc } from "../../../src/engine/table/schema";
import { jsonPath, parseJsonPath } from "../../../src/engine/table/problems";
import { fixtureDocument, measure } from "../../support/tableFixture";

/**
 * The table format is declared once (src/engine/table/schema.ts); these are the rules a schema alone cannot
 * state, and the agreement between the fast line check and the schema it stands in for.
 */
function problems(doc: unknown): string[] {
  try {
    validateDocument(JSON.parse(JSON.stringify(doc)));
  } catch (e) {
    if (e instanceof TableValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

const format1 = (): Record<string, any> & { importers: { lines: unknown[][] }[] } => {
  const doc: Record<string, unknown> = { ...fixtureDocument([measure("m", {})]), format: "dutydesk-table/1" };
  delete doc.valueBases;
  delete doc.authorities;
  delete doc.landed;
  const importers = (doc.importers as { lines: unknown[][] }[]).map((imp) => ({ ...imp, lines: imp.lines.map((l) => l.slice(0, 3)) }));
  return { ...doc, importers };
};

describe("format 1 and format 2", () => {
  it("the published format-1 release 2026.11a passes the schema as it is", () => {
    const text = readFileSync(join(__dirname, "..", "..", "..", "data", "releases", "2026.11a.dutytable"), "utf8");
    expect(problems(JSON.parse(text))).toEqual([]);
  });

  it("a format-1 document with 3-tuple lines is valid; a 5-tuple line is format 2's shape", () => {
    expect(problems(format1())).toEqual([]);
    const doc = format1();
    doc.importers[0]!.lines[0] = ["02013000", "26.4¢/kg", "00", null, "30%"];
    expect(problems(doc)).toEqual(["$.importers[0].lines[0]: expected [line, rate text, suffixes, special index?]"]);
  });

  it("a format-1 line's Special index is an integer, never null", () => {
    const doc = format1();
    doc.importers[0]!.lines[0] = ["02013000", "26.4¢/kg", "00", null];
    expect(problems(doc)).toEqual(["$.importers[0].lines[0][3]: expected an integer"]);
  });

  it("format 1 may not carry Column 2 members or measure conditions", () => {
    const doc = format1();
    (doc.importers[0] as Record<string, unknown>).column2 = [{ country: "KP", citation: "test" }];
    (doc.measures as Record<string, unknown>[])[0]!.condition = { fact: "f", default: "applies", claim: "USMCA", why: "w" };
    expect(problems(doc)).toEqual([
      "$.importers[0].column2: Column 2 membership needs format dutydesk-table/2",
      "$.measures[0].condition: a measure condition needs format dutydesk-table/2",
    ]);
  });

  it.each(["valueBases", "authorities"])("format 2 requires %s", (key) => {
    const doc: Record<string, unknown> = { ...fixtureDocument([]) };
    delete doc[key];
    expect(problems(doc)[0]).toBe(`$.${key}: expected an array`);
  });

  it("a format-2 sector has no scope (format 1 carried one that nothing read)", () => {
    const doc = fixtureDocument([], [], {
      sectors: [{ keyword: "toys", aliases: [], importer: "US", line: "95030000", note: "toys", scope: ["9503"] }],
    });
    expect(problems(doc)).toEqual(["$.sectors[0].scope: a dutydesk-table/2 sector has no scope: the keyword is its representative line"]);
    const old = format1();
    old.sectors = [{ keyword: "toys", aliases: [], importer: "US", line: "95030000", note: "toys", scope: ["9503", "@nope"] }];
    expect(problems(old)).toEqual(['$.sectors[0].scope[1]: unknown product list "@nope"']);
  });

  it("an in-transit heading is a Chapter 99 heading", () => {
    const doc = fixtureDocument([measure("m", { inTransit: { loadedBefore: "2025-04-09", enteredBefore: "2025-05-27", heading: "see note 2" } })]);
    expect(problems(doc)).toEqual(['$.measures[0].inTransit.heading: "see note 2" is not well-formed']);
  });
});

describe("problem wording", () => {
  it.each<[(string | number)[], string]>([
    [[], "$"],
    [["measures", 3, "rate", "add"], "$.measures[3].rate.add"],
    [["coverage", "to date"], '$.coverage["to date"]'],
    [["m", 0, 1], "$.m[0][1]"],
  ])("the JSON path of %j is %s", (path, expected) => {
    expect(jsonPath(path)).toBe(expected);
  });

  it.each<{ path: (string | number)[] }>([
    { path: [] },
    { path: ["measures", 3, "rate", "add"] },
    { path: ["coverage", "to date"] },
    { path: ["m", 0, 1] },
    { path: ["a", 'say "hi"', 2] },
  ])("the path $path is read back from a problem (the build uses it to name the YAML row)", ({ path }) => {
    expect(parseJsonPath(`${jsonPath(path)}: what is wrong: here`)).toEqual({ path, rest: "what is wrong: here" });
  });

  it("a problem without a path has none", () => {
    expect(parseJsonPath("stacking relations form a cycle: a beats a")).toBeNull();
    expect(parseJsonPath("$.measures[x]: y")).toBeNull();
  });

  it("a too-long string says how long it is and what is allowed", () => {
    expect(problems(fixtureDocument([measure("m", { title: "x".repeat(2001) })]))).toEqual([
      "$.measures[0].title: is 2001 characters long; at most 2000 allowed",
    ]);
  });

  it("an enumeration lists what it allows", () => {
    expect(problems(fixtureDocument([measure("m", { confidence: "sure" as never })]))).toEqual([
      "$.measures[0].confidence: expected confirmed, single-source or uncertain",
    ]);
  });

  it("an array over its limit is refused without parsing its items", () => {
    const doc = fixtureDocument([measure("m", { tags: Array(51).fill(7) as never })]);
    expect(problems(doc)).toEqual(["$.measures[0].tags: has 51 entries; at most 50 allowed"]);
  });
});

describe("the fast line check stands in for the line schema", () => {
  // Each position near its limits: right and wrong types, lengths at the edges, patterns just off.
  const hts = fc.oneof(fc.constantFrom("02013000", "95030000"), fc.stringMatching(/^\d{7,9}$/), fc.string({ maxLength: 9 }), fc.integer());
  const rate = fc.oneof(
    fc.constantFrom("Free", "5%", ""),
    fc.integer({ min: 298, max: 302 }).map((n) => "x".repeat(n)),
    fc.integer(),
    fc.constant(null),
  );
  const suffixes = fc.oneof(
    fc.constantFrom("", "00", "10,20", "10,", ",10", "1"),
    fc.stringMatching(/^[\d,]{0,8}$/),
    fc.integer({ min: 666, max: 668 }).map((n) => Array(n).fill("00").join(",")),
    fc.integer(),
  );
  const special = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(null), fc.double(), fc.constant("1"), fc.constant(undefined));
  const row = fc.oneof(
    fc.tuple(hts, rate, suffixes),
    fc.tuple(hts, rate, suffixes, special),
    fc.tuple(hts, rate, suffixes, special, rate),
    fc.tuple(hts, rate, suffixes, special, rate, rate),
    fc.array(fc.anything(), { maxLength: 6 }),
    fc.anything(),
  );

  it("accepts exactly what the schema accepts (so its problems are always the schema's)", () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(isWellFormedLine(r)).toBe(lineDoc.safeParse(r).success);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts the lines of every published release", () => {
    const dir = join(__dirname, "..", "..", "..", "data", "releases");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".dutytable"))) {
      const doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
      for (const imp of doc.importers) for (const l of imp.lines) expect([l, isWellFormedLine(l)]).toEqual([l, true]);
    }
  });

  it("a line it refuses is reported by the schema, with the item's path", () => {
    const doc = fixtureDocument([]);
    const lines = [...doc.importers[0]!.lines];
    lines[2] = ["61091000", 16.5, "10,20", null, "90%"] as never;
    expect(problems({ ...doc, importers: [{ ...doc.importers[0]!, lines }, doc.importers[1]!] })).toEqual([
      "$.importers[0].lines[2][1]: expected a string",
    ]);
  });

  it("z.union is not used by the schema: an issue made is an issue reported", () => {
    // The problem count stops a hostile parse early; a union's losing branches would be counted too.
    for (const file of ["schema.ts", "landedSchema.ts", "schemaFields.ts"]) {
      const source = readFileSync(join(__dirname, "..", "..", "..", "src", "engine", "table", file), "utf8");
      expect([file, /z\.(union|discriminatedUnion|or)\(|\.or\(/.test(source)]).toEqual([file, false]);
    }
  });
});
