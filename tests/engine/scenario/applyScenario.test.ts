import { applyScenario, dayFromIso, isScenarioTable, lookupRate, percentFromFraction, releaseOf } from "../../../src/engine";
import { fixtureTable, measure } from "../../support/tableFixture";

/** A scenario is a derived table, validated like a release, that says which release it came from. */

const table = fixtureTable([
  measure("cn.extra", { partners: ["CN"], rate: { add: "20" }, from: "2025-02-04" }),
  measure("floor", { partners: ["DE"], rate: { allIn: "15" }, from: "2025-08-07" }),
  measure("unit", { partners: ["MX"], rate: { perUnit: { usd: "1", unit: "kg" } } }),
]);

function total(t: typeof table, country: string, iso: string): number | undefined {
  const o = lookupRate(t, { country, product: "9503.00.00", day: dayFromIso(iso)! });
  if (!o.ok) throw new Error(o.error.message);
  return o.value.composition.total?.toNumber();
}

describe("applyScenario", () => {
  it("replaces a measure's rate and keeps everything else", () => {
    const r = applyScenario(table, [{ measure: "cn.extra", ratePercent: "0", note: "what if it lapses" }]);
    if (!r.ok) throw new Error(r.problems.join("; "));
    expect(total(table, "CN", "2025-06-01")).toBe(0.2);
    expect(total(r.table, "CN", "2025-06-01")).toBe(0);
    expect(r.table.scenario.base).toBe(table);
    expect(r.table.scenario.overrides).toEqual([{ measure: "cn.extra", title: "cn.extra", changes: ["rate +20% → +0%"], note: "what if it lapses" }]);
    expect(r.table.id).toBe("2099.01a.scenario");
    expect(r.table.sha256).not.toBe(table.sha256);
    expect(r.table.scenario.label).toBe(`1 override, ${r.table.sha256.slice(0, 12)}`);
    const m = r.table.doc.measures.find((x) => x.id === "cn.extra")!;
    expect(m.title).toBe("[Scenario] cn.extra");
    expect(m.notes).toContain("what if it lapses");
  });

  it("replaces dates: an end date (exclusive) makes the measure lapse", () => {
    const r = applyScenario(table, [{ measure: "cn.extra", to: "2025-07-23" }]);
    if (!r.ok) throw new Error(r.problems.join("; "));
    expect(total(r.table, "CN", "2025-07-22")).toBe(0.2);
    expect(total(r.table, "CN", "2025-07-23")).toBe(0);
  });

  it("keeps the kind of an all-in floor", () => {
    const r = applyScenario(table, [{ measure: "floor", ratePercent: "25" }]);
    if (!r.ok) throw new Error(r.problems.join("; "));
    expect(r.table.doc.measures.find((m) => m.id === "floor")!.rate).toEqual({ allIn: "25" });
  });

  it("is deterministic: the same overrides give the same hash", () => {
    const a = applyScenario(table, [{ measure: "cn.extra", ratePercent: "5" }]);
    const b = applyScenario(table, [{ measure: "cn.extra", ratePercent: "5.000" }]);
    expect(a.ok && b.ok && a.table.sha256 === b.table.sha256).toBe(true);
  });

  it("stacks on the release, never on another scenario", () => {
    const first = applyScenario(table, [{ measure: "cn.extra", ratePercent: "5" }]);
    if (!first.ok) throw new Error("first");
    const second = applyScenario(first.table, [{ measure: "floor", ratePercent: "20" }]);
    if (!second.ok) throw new Error("second");
    expect(second.table.scenario.base).toBe(table);
    expect(releaseOf(second.table)).toBe(table);
    expect(total(second.table, "CN", "2025-06-01")).toBe(0.2);
    expect(isScenarioTable(table)).toBe(false);
  });

  it.each([
    [[{ measure: "nope", ratePercent: "1" }], /row 1: no measure "nope" in table 2099\.01a/],
    [[{ measure: "extra", ratePercent: "1" }], /did you mean cn\.extra/],
    [[{ measure: "cn.extra", ratePercent: "-1" }], /not a percentage/],
    [[{ measure: "cn.extra", ratePercent: "abc" }], /not a percentage/],
    [[{ measure: "unit", ratePercent: "5" }], /\$1 per kg is not a percentage rate/],
    [[{ measure: "cn.extra", from: "2025-13-01" }], /from "2025-13-01" is not a date/],
    [[{ measure: "cn.extra", to: "2025-01-01" }], /would start \(2025-02-04\) on or after it ends/],
    [[{ measure: "cn.extra" }], /give a rate, a from date or a to date/],
    [
      [
        { measure: "cn.extra", ratePercent: "1" },
        { measure: "cn.extra", ratePercent: "2" },
      ],
      /row 2: measure cn\.extra is already overridden in row 1/,
    ],
    [[{ measure: " ", ratePercent: "1" }], /row 1: no measure id/],
  ])("refuses %j", (overrides, message) => {
    const r = applyScenario(table, overrides);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join("\n")).toMatch(message);
  });

  it("refuses overrides that make the table inconsistent (overlapping priority members)", () => {
    const t = fixtureTable([
      measure("a", { partners: ["CN"], group: "reciprocal", priority: 1, from: "2025-01-01", to: "2025-03-01" }),
      measure("b", { partners: ["CN"], group: "reciprocal", priority: 1, from: "2025-03-01" }),
    ]);
    const r = applyScenario(t, [{ measure: "a", to: "2025-04-01" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/the scenario makes the table inconsistent: measures a and b overlap/);
  });

  it("turns Excel's fractions into percent strings without float noise", () => {
    expect(percentFromFraction(0.25)).toBe("25");
    expect(percentFromFraction(0.075)).toBe("7.5");
    expect(percentFromFraction(0.1 + 0.2)).toBe("30");
    expect(percentFromFraction(0)).toBe("0");
    expect(percentFromFraction(-0.1)).toBeNull();
    expect(percentFromFraction(Number.NaN)).toBeNull();
  });
});
