import { readFileSync } from "node:fs";
import { LOAD_LIMITS, MAX_TABLE_BYTES, RateTable, TableDocument, isoDay, lookupRate } from "../../../src/engine";
import * as sha256Module from "../../../src/engine/util/sha256";
import { LoadOutcome, tryLoad } from "../../../src/engine/table/tryLoad";
import { currentTable, onTableChanged, useTable } from "../../../src/runtime/tableStore";
import { EMBEDDED_TABLE_FILE } from "../../support/embeddedTable";
import { fixtureDocument, measure, relation } from "../../support/tableFixture";

/**
 * A release file is untrusted input: a feed can be corrupt, truncated, oversized, tampered with or hostile.
 * Each defect below gets a precise error, nothing is half-loaded, and the table in use stays in use.
 * The candidates are built from the shipped release, so they exercise the real table's shape.
 */

const REAL = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
type Writable<T> = { -readonly [K in keyof T]: T[K] };
const realDoc = (): Record<string, unknown> & Writable<TableDocument> => JSON.parse(REAL);
const REAL_SHA = sha256Module.sha256Hex(REAL);

function refusal(text: unknown, options = {}): string[] {
  const outcome = tryLoad(text, options);
  if (outcome.ok) throw new Error("expected the candidate to be refused");
  expect(outcome.message).toMatch(/^invalid rate table: /);
  return [...outcome.problems];
}

/** Every candidate a test refuses, replayed at the end against the table store. */
const hostile: { name: string; text: string; options?: { expectedSha256?: string } }[] = [];
function refuse(name: string, text: string, options = {}): string[] {
  hostile.push({ name, text, options });
  return refusal(text, options);
}

/** JSON text with `"@@RAW@@"` placeholders replaced by raw JSON (for keys like "__proto__" that a JS literal would not keep). */
function withRaw(doc: unknown, ...raw: string[]): string {
  let text = JSON.stringify(doc);
  for (const r of raw) text = text.replace('"@@RAW@@"', r);
  return text;
}

const REQUIRED_FIELDS = [
  "format",
  "id",
  "released",
  "coverage",
  "notice",
  "news",
  "importers",
  "countryGroups",
  "productLists",
  "sectors",
  "claims",
  "rulings",
  "exclusionGroups",
  "relations",
  "measures",
  "valueBases",
  "authorities",
  "landed",
] as const;

const STRING_FIELDS = new Set(["format", "id", "released"]);
const OBJECT_FIELDS = new Set(["coverage", "landed"]);

describe("the shipped release loads", () => {
  it("with and without its hash", () => {
    expect(tryLoad(REAL).ok).toBe(true);
    expect(tryLoad(REAL, { expectedSha256: REAL_SHA }).ok).toBe(true);
    expect(tryLoad(REAL, { expectedSha256: REAL_SHA.toUpperCase() }).ok).toBe(true);
  });
});

describe("malformed JSON", () => {
  it.each([
    ["empty text", ""],
    ["only whitespace", " \n\t "],
    ["an HTML error page", "<!doctype html><html><body>502 Bad Gateway</body></html>"],
    ["an unclosed object", '{"format":"dutydesk-table/1"'],
    ["trailing garbage", `${REAL}x`],
    ["a trailing comma", '{"format":"dutydesk-table/1",}'],
    ["single quotes", "{'format':'dutydesk-table/1'}"],
    ["a comment", '{"format":"dutydesk-table/1" /* a comment */}'],
    ["NaN", '{"format":"dutydesk-table/1","n":NaN}'],
    ["a byte-order mark", `\uFEFF${REAL}`],
    ["a raw control character in a string", '{"format":"dutydesk-\u0001table/1"}'],
  ])("%s is not valid JSON", (name, text) => {
    const problems = refuse(`malformed JSON: ${name}`, text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^not valid JSON \(truncated or corrupt\?\): /);
  });

  it("the message quotes the parser's reason, cut short", () => {
    const [problem] = refusal("{" + '"a":'.repeat(100_000));
    expect(problem!.length).toBeLessThanOrEqual(260);
  });
});

describe("a wrong schema", () => {
  it.each([
    ["null", "null"],
    ["an array", "[]"],
    ["an array holding the table", `[${REAL}]`],
    ["a number", "42"],
    ["a string", '"dutydesk-table/1"'],
    ["true", "true"],
  ])("%s at the top level is refused as not an object", (name, text) => {
    expect(refuse(`top level ${name}`, text)).toEqual(["$: expected an object"]);
  });

  it.each(REQUIRED_FIELDS)("without %s the table is refused at $.%s", (field) => {
    const doc = realDoc();
    delete doc[field];
    const problems = refuse(`missing ${field}`, JSON.stringify(doc));
    if (field === "format") expect(problems).toEqual(['$.format: expected "dutydesk-table/1" or "dutydesk-table/2", got "undefined"']);
    else expect(problems[0]).toMatch(new RegExp(`^\\$\\.${field}: expected an? (string|object|array)$`));
  });

  it.each(REQUIRED_FIELDS)("with %s of a wrong type the table is refused at $.%s", (field) => {
    const wrong: unknown[] = STRING_FIELDS.has(field)
      ? [42, true, null, [], {}]
      : OBJECT_FIELDS.has(field)
        ? [42, "text", true, null, []]
        : [42, "text", true, null, {}];
    for (const value of wrong) {
      const doc = { ...realDoc(), [field]: value };
      const problems = refuse(`${field} = ${JSON.stringify(value)}`, JSON.stringify(doc));
      expect(problems[0]).toMatch(new RegExp(`^\\$\\.${field}: `));
    }
  });

  it("a wrong format tag is named", () => {
    expect(refuse("format 3", JSON.stringify({ ...realDoc(), format: "dutydesk-table/3" }))).toEqual([
      '$.format: expected "dutydesk-table/1" or "dutydesk-table/2", got "dutydesk-table/3"',
    ]);
  });

  it("a format-2 line of the format-1 shape is refused: a missing Column 2 rate must be an explicit null", () => {
    const doc: any = realDoc();
    doc.importers[0].lines[0] = doc.importers[0].lines[0].slice(0, 3);
    expect(refuse("short line", JSON.stringify(doc))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\$\.importers\[0\]\.lines\[0\]: expected \[line, rate text, suffixes, special index or null, Column 2 rate text or null\]$/,
        ),
      ]),
    );
  });

  it.each<[string, (doc: any) => void, RegExp]>([
    ["lines that are not an array", (d) => (d.importers[0].lines = "01012100"), /^\$\.importers\[0\]\.lines: expected an array$/],
    ["a line that is a number", (d) => (d.importers[0].lines[0] = 1012100), /^\$\.importers\[0\]\.lines\[0\]: expected an array$/],
    [
      "a special index out of range",
      (d) => (d.importers[0].lines[0] = [...d.importers[0].lines[0].slice(0, 3), 1e6, "70%"]),
      /^\$\.importers\[0\]\.lines\[0\]\[3\]: expected an index into specials/,
    ],
    ["an unsorted schedule", (d) => d.importers[0].lines.reverse(), /^\$\.importers\[0\]\.lines\[1\]\[0\]: lines must be sorted and unique/],
    ["a rate as text", (d) => (d.measures[0].rate = "10%"), /^\$\.measures\[0\]\.rate: expected an object$/],
    ["a date as a number", (d) => (d.measures[0].from = 20250101), /^\$\.measures\[0\]\.from: expected a string$/],
    ["partners as a string", (d) => (d.measures[0].partners = "CN"), /^\$\.measures\[0\]\.partners: expected an array$/],
    ["group members that are numbers", (d) => (d.countryGroups[0].members = [1, 2]), /^\$\.countryGroups\[0\]\.members\[0\]: expected a string$/],
    ["a measure that is null", (d) => (d.measures[0] = null), /^\$\.measures\[0\]: expected an object$/],
    ["a priority that is not an integer", (d) => (d.measures[0].priority = 1.5), /^\$\.measures\[0\]\.priority: expected an integer$/],
    ["a non-boolean refundable", (d) => (d.rulings[0].refundable = "yes"), /^\$\.rulings\[0\]\.refundable: expected true or false$/],
  ])("%s is refused with its JSON path", (name, patch, pattern) => {
    const doc = realDoc();
    patch(doc);
    expect(refuse(name, JSON.stringify(doc))).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });
});

describe("a truncated file", () => {
  const cuts = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

  it.each(cuts)("the first %p of the release is not valid JSON", (share) => {
    const text = REAL.slice(0, Math.floor(REAL.length * share));
    expect(refuse(`truncated at ${share}`, text)).toEqual([expect.stringMatching(/^not valid JSON \(truncated or corrupt\?\): /)]);
  });

  it.each(cuts)("the first %p of the release, against the release's hash, is a hash mismatch", (share) => {
    const text = REAL.slice(0, Math.floor(REAL.length * share));
    expect(refuse(`truncated at ${share}, pinned`, text, { expectedSha256: REAL_SHA })).toEqual([
      expect.stringMatching(new RegExp(`^hash mismatch: expected ${REAL_SHA}, the file hashes to [0-9a-f]{64}$`)),
    ]);
  });

  it("missing only its last character", () => {
    const text = REAL.trimEnd().slice(0, -1);
    expect(refuse("truncated by one", text)[0]).toMatch(/^not valid JSON/);
  });
});

describe("a 100 MB file", () => {
  // Built once: a plausible start, then 100 MB of padding in a string.
  const HUNDRED_MB = 100 * 1024 * 1024;
  const huge = `{"format":"dutydesk-table/1","notice":["${"A".repeat(HUNDRED_MB)}"]}`;

  afterEach(() => jest.restoreAllMocks());

  it.each([{}, { expectedSha256: REAL_SHA }])("is refused on its size alone, before hashing or parsing (options %p)", (options) => {
    const parse = jest.spyOn(JSON, "parse");
    const encode = jest.spyOn(TextEncoder.prototype, "encode");
    const hash = jest.spyOn(sha256Module, "sha256Bytes");
    const problems = refusal(huge, options);
    expect(problems).toEqual([`the table is ${huge.length} characters; the limit is ${MAX_TABLE_BYTES} bytes`]);
    expect(parse).not.toHaveBeenCalled();
    expect(encode).not.toHaveBeenCalled();
    expect(hash).not.toHaveBeenCalled();
  });

  it("the limit is on UTF-8 bytes: text under the limit in characters but over it in bytes is refused before hashing", () => {
    const wide = `{"notice":["${"é".repeat(MAX_TABLE_BYTES / 2 + 10)}"]}`; // 2 bytes each
    expect(wide.length).toBeLessThan(MAX_TABLE_BYTES);
    const hash = jest.spyOn(sha256Module, "sha256Bytes");
    const parse = jest.spyOn(JSON, "parse");
    expect(refusal(wide)).toEqual([expect.stringMatching(new RegExp(`^the table is \\d+ bytes \\(UTF-8\\); the limit is ${MAX_TABLE_BYTES}$`))]);
    expect(hash).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
  });

  it("something that is not text is refused as such", () => {
    for (const value of [null, undefined, 42, {}, [], new Uint8Array(10)]) expect(refusal(value)).toEqual(["the table must be JSON text"]);
  });
});

describe("duplicate keys: the value a reviewer reads is the value loaded", () => {
  it("a measure's rate given twice is refused, at the path of the second key", () => {
    const doc = realDoc();
    const i = doc.measures.findIndex((m) => "add" in m.rate);
    const shown = (doc.measures[i]!.rate as { add: string }).add;
    (doc.measures[i] as unknown as Record<string, unknown>).rate = "@@RAW@@";
    const text = withRaw(doc, `{"add":${JSON.stringify(shown)},"add":"99"}`);
    expect(JSON.parse(text).measures[i].rate.add).toBe("99"); // what JSON.parse alone would load
    expect(refuse("duplicate rate", text)).toEqual([
      `$.measures[${i}].rate.add: the key appears twice in one object (JSON would keep the second value silently); remove one`,
    ]);
  });

  it("a top-level key given twice is refused: a second, later list of measures cannot replace the first", () => {
    const text = REAL.replace(/}\s*$/, ',"measures":[]}');
    expect(refuse("measures twice", text)).toEqual([expect.stringMatching(/^\$\.measures: the key appears twice/)]);
  });

  it("an escaped spelling of the same key is the same key", () => {
    const doc = fixtureDocument([{ ...measure("m", { rate: { add: "10" } }), ...({ extra: "@@RAW@@" } as object) }]);
    const text = withRaw(doc, '1,"\\u0074o":"2025-02-01","to":"2025-03-01"').replace('"extra":1,', "");
    expect(refuse("escaped duplicate", text)[0]).toMatch(/^\$\.measures\[0\]\.to: the key appears twice/);
  });
});

describe("unknown top-level keys", () => {
  it.each(["gap", "measure", "Measures", "column2s"])("%s is refused by name, not ignored", (key) => {
    const doc = { ...realDoc(), [key]: [] };
    expect(refuse(`top-level ${key}`, JSON.stringify(doc))).toEqual([`$: unknown top-level key "${key}"`]);
  });

  it("a very long unknown key is quoted cut short", () => {
    const key = "k".repeat(10_000);
    const [problem] = refuse("long key", JSON.stringify({ ...realDoc(), [key]: 1 }));
    expect(problem!.length).toBeLessThan(100);
  });
});

describe("unknown keys anywhere", () => {
  it.each<[string, (doc: any) => void, string]>([
    ["a misspelt optional field of a measure", (d) => (d.measures[0].waivedby = ["USMCA"]), '$.measures[0]: unknown key "waivedby"'],
    ["a misspelt claim list", (d) => (d.measures[0].claims = { waivedby: ["USMCA"] }), '$.measures[0].claims: unknown key "waivedby"'],
    [
      "a second rate formula key nested in perUnit",
      (d) => (d.measures[0].rate = { perUnit: { usd: "1", unit: "kg", per: "kg" } }),
      '$.measures[0].rate.perUnit: unknown key "per"',
    ],
    ["an importer's column2s", (d) => (d.importers[0].column2s = []), '$.importers[0]: unknown key "column2s"'],
    ["a landed row's extra field", (d) => (d.landed.mpf[0].note = "x"), '$.landed.mpf[0]: unknown key "note"'],
    ["a key that is no identifier", (d) => (d.coverage["to date"] = "2027-01-01"), '$.coverage: unknown key "to date"'],
  ])("%s is refused by name, not ignored", (name, patch, expected) => {
    const doc = realDoc();
    patch(doc);
    expect(refuse(name, JSON.stringify(doc))).toEqual([expected]);
  });
});

describe("many problems", () => {
  it("a release full of wrong values stops at the first 50 problems, quickly, without keeping the rest", () => {
    const doc = realDoc();
    // 2 000 lists of 2 000 codes that are numbers: 4 million wrong values in about 8 MB.
    const codes = Array(2000).fill(7);
    doc.productLists = Array.from({ length: 2000 }, (_, i) => ({ id: `l${i}`, title: "t", source: "s", codes })) as never;
    const text = JSON.stringify(doc);
    expect(text.length).toBeLessThan(MAX_TABLE_BYTES);
    const started = Date.now();
    const problems = refuse("4 million wrong codes", text);
    expect(problems).toHaveLength(50);
    expect(problems[0]).toBe("$.productLists[0].codes[0]: expected a string");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("a hash mismatch", () => {
  it("a release with one rate changed no longer matches its published hash", () => {
    const tampered = REAL.replace(/"add":"(\d+)"/, (_, n: string) => `"add":"${Number(n) + 1}"`);
    expect(tampered).not.toBe(REAL);
    const problems = refuse("tampered rate", tampered, { expectedSha256: REAL_SHA });
    expect(problems).toEqual([`hash mismatch: expected ${REAL_SHA}, the file hashes to ${sha256Module.sha256Hex(tampered)}`]);
  });

  it("one changed byte of whitespace is a mismatch too (the hash is over the exact bytes)", () => {
    expect(refuse("whitespace", `${REAL} `, { expectedSha256: REAL_SHA })[0]).toMatch(/^hash mismatch/);
  });

  it.each(["", "0".repeat(64), "not a hash", REAL_SHA.slice(0, 63)])("an expected hash of %p matches nothing", (expected) => {
    expect(refuse(`expected ${expected}`, REAL, { expectedSha256: expected })[0]).toMatch(/^hash mismatch: expected /);
  });
});

describe("duplicate or overlapping measures", () => {
  it("a measure listed twice is a duplicate id", () => {
    const doc = realDoc();
    doc.measures = [...doc.measures, doc.measures[0]!];
    expect(refuse("duplicate measure", JSON.stringify(doc))).toEqual([
      `$.measures[${doc.measures.length - 1}].id: duplicate id ${JSON.stringify(doc.measures[0]!.id)}`,
    ]);
  });

  it.each(["countryGroups", "productLists", "claims", "rulings", "exclusionGroups", "relations"] as const)(
    "an entry of %s listed twice is a duplicate id",
    (field) => {
      const doc = realDoc();
      const list = doc[field] as readonly { id: string }[];
      (doc as Record<string, unknown>)[field] = [...list, list[0]];
      expect(refuse(`duplicate in ${field}`, JSON.stringify(doc))).toEqual([
        `$.${field}[${list.length}].id: duplicate id ${JSON.stringify(list[0]!.id)}`,
      ]);
    },
  );

  it("an importer listed twice is a duplicate", () => {
    const doc = realDoc();
    doc.importers = [...doc.importers, doc.importers[0]!];
    expect(refuse("duplicate importer", JSON.stringify(doc))).toContain(
      `$.importers[${doc.importers.length - 1}].id: duplicate id ${JSON.stringify(doc.importers[0]!.code)}`,
    );
  });

  it("a copy of a priority-group measure under a new id overlaps the original", () => {
    const doc = realDoc();
    const groups = new Map(doc.exclusionGroups.map((g) => [g.id, g.resolve]));
    // A US measure: the overlap check compares listed lines, and China's schedule is open (see SECURITY.md).
    const original = doc.measures.find((m) => m.importer === "US" && m.group !== undefined && groups.get(m.group) === "priority")!;
    doc.measures = [...doc.measures, { ...original, id: `${original.id}.copy` }];
    const problems = refuse("overlapping measures", JSON.stringify(doc));
    expect(problems).toEqual([
      `measures ${original.id} and ${original.id}.copy overlap: same exclusion group (${original.group}) and priority (${original.priority ?? 0}), overlapping dates, partners and products`,
    ]);
  });

  it("a table where every measure overlaps every other reports the first 50 pairs, not all of them", () => {
    const measures = Array.from({ length: 400 }, (_, i) => measure(`m${i}`, { group: "reciprocal" }));
    const problems = refuse("400 overlapping measures", JSON.stringify(fixtureDocument(measures)));
    expect(problems).toHaveLength(50);
    expect(problems[0]).toMatch(/^measures m0 and m1 overlap/);
  });
});

describe("cycles in the stacking rules", () => {
  it("a relation reversing one of the release's own relations makes a cycle", () => {
    const doc = realDoc();
    const r = doc.relations.find((x) => x.from === undefined && x.to === undefined)!;
    doc.relations = [...doc.relations, { ...r, id: `${r.id}.reversed`, winner: r.loser, loser: r.winner }];
    expect(refuse("reversed relation", JSON.stringify(doc))).toEqual([expect.stringMatching(/^stacking relations form a cycle: \S+( beats \S+)+$/)]);
  });

  it("a cycle through three measures is named measure by measure", () => {
    const doc = fixtureDocument(
      [measure("a", { tags: ["x"] }), measure("b", { tags: ["y"] }), measure("c", { tags: ["z"] })],
      [relation("r1", "tag:x", "tag:y"), relation("r2", "tag:y", "tag:z"), relation("r3", "measure:c", "measure:a")],
    );
    expect(refuse("three-cycle", JSON.stringify(doc))).toEqual([
      expect.stringMatching(/^stacking relations form a cycle: (a beats b beats c beats a|b beats c beats a beats b|c beats a beats b beats c)$/),
    ]);
  });

  it("a measure that beats itself is a cycle", () => {
    const doc = fixtureDocument([measure("a", { tags: ["x"] })], [relation("r", "tag:x", "measure:a")]);
    expect(refuse("self-cycle", JSON.stringify(doc))).toEqual(["stacking relations form a cycle: a beats a"]);
  });
});

describe('"__proto__" and "constructor" in a release never reach a prototype', () => {
  const pristine = Object.getOwnPropertyNames(Object.prototype).sort();
  const clean = () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  };
  afterEach(clean);

  it("top-level keys named __proto__ and constructor are refused as unknown keys, and nothing is polluted", () => {
    const text = REAL.replace("{", '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
    expect(refuse("__proto__ at the top", text)).toEqual(['$: unknown top-level key "__proto__"', '$: unknown top-level key "constructor"']);
  });

  it("a rate formula named __proto__ is an unknown formula", () => {
    const doc = realDoc();
    (doc.measures[0] as unknown as Record<string, unknown>).rate = "@@RAW@@";
    expect(refuse("rate __proto__", withRaw(doc, '{"__proto__":{"add":"10"}}'))).toEqual(['$.measures[0].rate: unknown rate formula "__proto__"']);
  });

  it("fields hidden under __proto__ are not read: coverage without its own dates is refused, and the key is named", () => {
    const doc = realDoc();
    (doc as Record<string, unknown>).coverage = "@@RAW@@";
    expect(refuse("coverage __proto__", withRaw(doc, '{"__proto__":{"from":"2025-01-01","to":"2027-01-01"}}'))).toEqual([
      "$.coverage.from: expected a string",
      "$.coverage.to: expected a string",
      '$.coverage: unknown key "__proto__"',
    ]);
  });

  it("a measure's end date hidden under __proto__ does not end it: the measure is refused for its unknown keys", () => {
    const doc = fixtureDocument([{ ...measure("m", { rate: { add: "10" } }), ...({ extra: "@@RAW@@" } as object) }]);
    expect(refuse("measure __proto__", withRaw(doc, '{"x":1},"__proto__":{"to":"2025-02-01"}'))).toEqual([
      '$.measures[0]: unknown key "extra"',
      '$.measures[0]: unknown key "__proto__"',
    ]);
  });

  it("ids, tags and keywords named after Object.prototype members work as plain names", () => {
    const doc = fixtureDocument(
      [
        measure("constructor", { tags: ["__proto__"], partners: ["@toString"] }),
        measure("hasOwnProperty", { tags: ["valueOf"], rate: { add: "5" }, claims: { waivedBy: ["constructor"] } }),
      ],
      [relation("prototype", "tag:__proto__", "tag:valueOf")],
      {
        countryGroups: [{ id: "toString", name: "Object members", members: ["CN"], source: "test" }],
        claims: [{ id: "constructor", title: "A claim", note: "test" }],
        sectors: [{ keyword: "constructor", aliases: ["hasOwnProperty", "valueOf"], importer: "US", line: "95030000", note: "test" }],
      },
    );
    const outcome = tryLoad(JSON.stringify(doc));
    if (!outcome.ok) throw new Error(outcome.message);
    const t = outcome.table;
    // "constructor" (CN only) beats "hasOwnProperty": 10% for CN, 5% elsewhere; the claim waives the 5%.
    expect(total(t, "CN", "constructor", "2025-06-01")).toBe(0.1);
    expect(total(t, "VN", "valueOf", "2025-06-01")).toBe(0.05);
    expect(total(t, "VN", "hasOwnProperty", "2025-06-01", { claims: ["constructor"] })).toBe(0);
    expect(lookupRate(t, { country: "toString", product: "9503", day: isoDay("2025-06-01") }).ok).toBe(false);
    expect(lookupRate(t, { country: "CN", product: "toString", day: isoDay("2025-06-01") }).ok).toBe(false);
    expect(lookupRate(t, { country: "CN", product: "__proto__", day: isoDay("2025-06-01") }).ok).toBe(false);
  });

  it('a base rate per "constructor" is a unit named constructor, not Object', () => {
    const doc = fixtureDocument([]);
    const lines = doc.importers[0]!.lines.map((l) =>
      l[0] === "02013000" ? (["02013000", "5¢/constructor", "00", null, "5¢/constructor"] as const) : l,
    );
    const t = tryLoad(JSON.stringify({ ...doc, importers: [{ ...doc.importers[0]!, lines }, doc.importers[1]!] }));
    if (!t.ok) throw new Error(t.message);
    const expr = t.table.importers.get("US")!.bases.at(0).expr;
    expect(expr).toMatchObject({ kind: "specific", amounts: [{ unit: "constructor" }] });
  });
});

describe("hostile sizes inside the limit", () => {
  it("one product list named by many measures is refused by its expanded size, not computed", () => {
    const codes = Array.from({ length: 20_000 }, (_, i) => String(1000 + (i % 8000)).padStart(4, "0") + String(i).padStart(6, "0"));
    const lists = [{ id: "big", title: "big", source: "test", codes: codes.map((c) => c.slice(0, 10)) }];
    const n = Math.floor(LOAD_LIMITS.scopeEntries / codes.length) + 1;
    const measures = Array.from({ length: n }, (_, i) => measure(`m${i}`, { scope: { include: ["@big"] } }));
    const problems = refuse("list amplification", JSON.stringify(fixtureDocument(measures, [], { productLists: lists })));
    expect(problems).toEqual([
      `measure scopes expand to ${n * codes.length} HTS prefixes (a list counts once per measure naming it); at most ${LOAD_LIMITS.scopeEntries} are allowed`,
    ]);
  });

  it("one tag on both sides of many relations is refused by its size before the cycle check", () => {
    const measures = Array.from({ length: 1200 }, (_, i) => measure(`m${i}`, { tags: [i % 2 === 0 ? "even" : "odd"] }));
    const relations = Array.from({ length: 20 }, (_, i) => relation(`r${i}`, "tag:even", "tag:odd", { from: `2025-0${1 + (i % 9)}-1${i % 10}` }));
    const problems = refuse("relation amplification", JSON.stringify(fixtureDocument(measures, relations)));
    expect(problems[0]).toMatch(
      /^stacking relations relate \d+ \(winner, loser\) pairs of measures on \d+ dates; at most 10000000 pair-dates can be checked for cycles$/,
    );
  });

  it("thousands of statistical suffixes on every line are refused by the line count", () => {
    const doc = realDoc();
    const suffixes = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0")).join(",");
    doc.importers = [
      { ...doc.importers[0]!, lines: doc.importers[0]!.lines.map((l) => [l[0], l[1], suffixes, null, null] as const) },
      ...doc.importers.slice(1),
    ];
    const problems = refuse("suffix amplification", JSON.stringify(doc));
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^the schedules have \\d+ statistical lines; at most ${LOAD_LIMITS.atoms} are allowed$`)),
    ]);
  });

  it("Special texts that would make a backtracking parser crawl load in one pass", () => {
    const doc = realDoc();
    const hostileSpecial = "1% ".repeat(600) + "(";
    doc.importers = [
      { ...doc.importers[0]!, specials: [...(doc.importers[0]!.specials ?? []), ...Array(2000).fill(hostileSpecial)] },
      ...doc.importers.slice(1),
    ];
    expect(tryLoad(JSON.stringify(doc)).ok).toBe(true);
  });
});

function total(t: RateTable, country: string, product: string, date: string, more = {}): number | null {
  const o = lookupRate(t, { country, product, day: isoDay(date), ...more });
  if (!o.ok) throw new Error(o.error.message);
  return o.value.composition.total?.toNumber() ?? null;
}

describe("the last good table survives every refused candidate", () => {
  /** What the add-in does with a candidate: use it only if it loaded. */
  function offer(text: string, options = {}): LoadOutcome {
    const outcome = tryLoad(text, options);
    if (outcome.ok) useTable(outcome.table);
    return outcome;
  }

  const changes: RateTable[] = [];
  onTableChanged((t) => changes.push(t));

  it("the embedded table stays in use, unchanged and answering, after each hostile candidate above", () => {
    expect(hostile.length).toBeGreaterThan(60);
    const before = currentTable();
    const toy = () => total(currentTable(), "CN", "9503.00.00", "2025-04-15");
    const answer = toy();
    for (const candidate of hostile) {
      const outcome = offer(candidate.text, candidate.options);
      expect({ name: candidate.name, ok: outcome.ok }).toEqual({ name: candidate.name, ok: false });
      expect(currentTable()).toBe(before);
    }
    expect(changes).toEqual([]);
    expect(toy()).toBe(answer);
  });

  it("a valid new release replaces it, and is in turn kept when the next candidate is refused", () => {
    const next = JSON.stringify({ ...realDoc(), id: "2099.12z", released: "2099-12-31" });
    const accepted = offer(next, { expectedSha256: sha256Module.sha256Hex(next) });
    expect(accepted.ok).toBe(true);
    expect(currentTable().id).toBe("2099.12z");
    expect(changes.map((t) => t.id)).toEqual(["2099.12z"]);

    const good = currentTable();
    for (const candidate of hostile.slice(0, 20)) offer(candidate.text, candidate.options);
    expect(offer(next.slice(0, 1000)).ok).toBe(false);
    expect(offer(next, { expectedSha256: REAL_SHA }).ok).toBe(false);
    expect(currentTable()).toBe(good);
    expect(changes).toHaveLength(1);
  });
});
