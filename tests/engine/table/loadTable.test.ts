import { createHash } from "node:crypto";
import { MAX_TABLE_BYTES, TableValidationError, loadTable } from "../../../src/engine";
import { fixtureDocument, measure, relation } from "../../support/tableFixture";

/** A release file is untrusted input: every defect gets a precise error and nothing is half-loaded. */

function problemsOf(text: string, options = {}): string[] {
  try {
    loadTable(text, options);
  } catch (e) {
    if (e instanceof TableValidationError) return [...e.problems];
    throw e;
  }
  throw new Error("expected the table to be rejected");
}

const valid = () => fixtureDocument([measure("m1", {})]);

describe("loadTable", () => {
  it("loads a valid table and hashes its exact text", () => {
    const text = JSON.stringify(valid());
    const table = loadTable(text);
    expect(table.id).toBe("2099.01a");
    expect(table.sha256).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });

  it.each([
    ["short text, hashed as text", 1, false],
    ["text long enough to be encoded and counted first", Math.ceil(MAX_TABLE_BYTES / 3 / 14) + 1, true],
  ])("hashes the UTF-8 bytes of non-ASCII text alike either way (%s)", (_, repeat, long) => {
    const text = JSON.stringify({ ...valid(), notice: ["Zölle — 关税 \u{1F4E6} ".repeat(repeat)] });
    expect(text.length * 3 > MAX_TABLE_BYTES).toBe(long);
    const bytes = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
    expect(problemsOf(text, { expectedSha256: "0".repeat(64) })[0]).toBe(`hash mismatch: expected ${"0".repeat(64)}, the file hashes to ${bytes}`);
  });

  it("checks an expected hash before anything else", () => {
    const text = JSON.stringify(valid());
    expect(problemsOf(text, { expectedSha256: "0".repeat(64) })[0]).toMatch(/^hash mismatch: expected 0{64}, the file hashes to [0-9a-f]{64}$/);
  });

  it.each([
    ["empty", ""],
    ["truncated", JSON.stringify(valid()).slice(0, 500)],
    ["not JSON", "<html>502 Bad Gateway</html>"],
  ])("rejects %s text as invalid JSON", (_, text) => {
    expect(problemsOf(text)[0]).toMatch(/not valid JSON/);
  });

  it("refuses an oversized file before parsing it", () => {
    const big = " ".repeat(MAX_TABLE_BYTES + 1);
    expect(problemsOf(big)[0]).toMatch(/the limit is/);
  });

  it.each([
    ["a wrong format tag", { format: "something/2" }, /\$\.format: expected "dutydesk-table\/1"/],
    ["a bad date", { released: "2026-02-30" }, /\$\.released: "2026-02-30" is not a calendar date/],
    ["inverted coverage", { coverage: { from: "2026-01-01", to: "2025-01-01" } }, /\$\.coverage: from must be before to/],
    [
      "an unknown importer in a sector",
      { sectors: [{ keyword: "x", aliases: [], importer: "FR", line: "9503", note: "" }] },
      /sectors\[0\]\.importer: unknown importer "FR"/,
    ],
  ])("reports %s with its path", (_, patch, pattern) => {
    expect(problemsOf(JSON.stringify({ ...valid(), ...patch })).join("\n")).toMatch(pattern);
  });

  it.each([
    ["no citation", { citations: [] }, /measures\[0\]\.citations: every measure cites a source/],
    ["an unknown partner", { partners: ["ZZ"] }, /measures\[0\]\.partners\[0\]: "ZZ" is not an ISO alpha-2 country/],
    ["an unknown group", { partners: ["@NOPE"] }, /unknown country group "@NOPE"/],
    ["an unknown list", { scope: { include: ["@nope"] } }, /unknown product list "@nope"/],
    ["a malformed prefix", { scope: { include: ["847"] } }, /"847" is not an HTS prefix/],
    ["a rate with two formulas", { rate: { add: "10", allIn: "15" } as never }, /exactly one of add, allIn, perUnit, prohibited/],
    ["a float rate", { rate: { add: 10 } as never }, /rate\.add: expected a string/],
    ["from after to", { from: "2025-05-01", to: "2025-04-01" }, /from \(2025-05-01\) must be before to \(2025-04-01\)/],
    ["an unknown ruling", { voidedBy: "nope" }, /unknown ruling "nope"/],
    ["an unknown claim", { claims: { waivedBy: ["NOPE"] } }, /unknown claim "NOPE"/],
    ["markup in a title is just text, but an over-long note is refused", { notes: "x".repeat(5000) }, /notes: is 5000 characters long/],
  ])("rejects a measure with %s", (_, patch, pattern) => {
    const doc = fixtureDocument([measure("m1", patch)]);
    expect(problemsOf(JSON.stringify(doc)).join("\n")).toMatch(pattern);
  });

  it("rejects duplicate measure ids", () => {
    const doc = fixtureDocument([measure("same", {}), measure("same", {})]);
    expect(problemsOf(JSON.stringify(doc))).toContain('$.measures[1].id: duplicate id "same"');
  });

  it("rejects two measures that overlap in a priority group", () => {
    const doc = fixtureDocument([
      measure("a", { group: "reciprocal", partners: ["CN"], from: "2025-01-01", to: "2025-06-01" }),
      measure("b", { group: "reciprocal", partners: ["CN", "VN"], scope: { include: ["9503"] }, from: "2025-05-01" }),
    ]);
    expect(problemsOf(JSON.stringify(doc))[0]).toMatch(/measures a and b overlap: same exclusion group \(reciprocal\) and priority \(0\)/);
  });

  it("accepts members of a group that never meet (different partners, dates or priority)", () => {
    const doc = fixtureDocument([
      measure("a", { group: "reciprocal", partners: ["CN"], to: "2025-06-01" }),
      measure("b", { group: "reciprocal", partners: ["CN"], from: "2025-06-01" }),
      measure("c", { group: "reciprocal", partners: ["VN"] }),
      measure("d", { group: "reciprocal", partners: ["CN"], priority: 5 }),
    ]);
    expect(() => loadTable(JSON.stringify(doc))).not.toThrow();
  });

  it("rejects stacking relations that form a cycle on some day", () => {
    const doc = fixtureDocument(
      [measure("a", { tags: ["x"] }), measure("b", { tags: ["y"] })],
      [relation("r1", "tag:x", "tag:y", { from: "2025-03-01" }), relation("r2", "tag:y", "tag:x", { to: "2025-06-01" })],
    );
    expect(problemsOf(JSON.stringify(doc))[0]).toMatch(/stacking relations form a cycle: (a beats b beats a|b beats a beats b)/);
  });

  it("accepts a priority that reverses on a date (no day has both)", () => {
    const doc = fixtureDocument(
      [measure("a", { tags: ["x"] }), measure("b", { tags: ["y"] })],
      [relation("r1", "tag:x", "tag:y", { from: "2025-06-04" }), relation("r2", "tag:y", "tag:x", { to: "2025-06-04" })],
    );
    expect(() => loadTable(JSON.stringify(doc))).not.toThrow();
  });

  it("rejects a relation whose selector matches nothing", () => {
    const doc = fixtureDocument([measure("a", {})], [relation("r", "tag:ghost", "measure:a")]);
    expect(problemsOf(JSON.stringify(doc))).toContain("$.relations[0].winner: tag:ghost matches no measure");
  });

  it("caps the number of problems it reports", () => {
    const doc = fixtureDocument(Array.from({ length: 200 }, (_, i) => measure(`m${i}`, { citations: [] })));
    const problems = problemsOf(JSON.stringify(doc));
    expect(problems).toHaveLength(50);
  });
});
