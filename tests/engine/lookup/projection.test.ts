import { isoDay, lookupRate } from "../../../src/engine";
import { fixtureTable, measure } from "../../support/tableFixture";

/**
 * After the table's release date an answer is a projection of the law as known at release: it says so,
 * and a layer whose measure starts after the release is "scheduled", not "in force". (Fixture released
 * 2026-01-01, coverage to 2026-12-31.)
 */
const table = fixtureTable([
  measure("old", { rate: { add: "10" }, from: "2025-01-01" }),
  measure("future", { rate: { add: "5" }, from: "2026-06-01", confidence: "uncertain", heading: "9903.99.98" }),
]);
const NOTE = "projection: the law as known at release 2099.01a (2026-01-01); later changes are not in this table";

function answer(date: string) {
  const outcome = lookupRate(table, { country: "VN", product: "9503.00.00", day: isoDay(date) });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe("projections after the release date", () => {
  it("adds no note on or before the release date", () => {
    for (const date of ["2025-06-01", "2026-01-01"]) {
      expect(answer(date).projection).toBeUndefined();
      expect(answer(date).composition.notes).not.toContain(NOTE);
    }
  });

  it("notes the projection on every later date, even inside a segment that began before the release", () => {
    const a = answer("2026-01-02");
    expect(a.projection).toBe(NOTE);
    expect(a.composition.notes).toContain(NOTE);
    expect(a.composition.layers.map((l) => [l.measure.id, l.status])).toEqual([["old", "in-force"]]);
  });

  it("marks a layer that starts after the release as scheduled, with its confidence in the notes", () => {
    const a = answer("2026-06-01");
    expect(a.composition.layers.map((l) => [l.measure.id, l.status])).toEqual([
      ["old", "in-force"],
      ["future", "scheduled"],
    ]);
    expect(a.composition.layers[1]!.notes).toContain("scheduled: starts 2026-06-01, after the table's release; confidence uncertain");
    expect(a.composition.total?.toNumber()).toBe(0.15);
  });
});
