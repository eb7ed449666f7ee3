import { diffReleases, loadTable, rateText } from "../../../src/engine";
import { FIXTURE_LINES, fixtureDocument, fixtureTable, measure, relation } from "../../support/tableFixture";
import { embedded } from "../../support/embeddedTable";

/** What an analyst reads before accepting a release: every measure change, classified once, with dates and citations. */

const base = [
  measure("keep", { rate: { add: "10" }, partners: ["CN"] }),
  measure("rerate", { rate: { add: "20" }, partners: ["VN"], citations: ["90 FR 1"] }),
  measure("end", { rate: { add: "5" }, partners: ["MX"] }),
  measure("reword", { rate: { add: "7" }, partners: ["DE"] }),
  measure("gone", { rate: { add: "3" }, partners: ["JP"] }),
];

describe("diffReleases", () => {
  const before = fixtureTable(base);
  const after = fixtureTable(
    [
      base[0]!,
      measure("rerate", { rate: { add: "25" }, partners: ["VN"], citations: ["90 FR 2"] }),
      measure("end", { rate: { add: "5" }, partners: ["MX"], to: "2025-07-23" }),
      measure("reword", { rate: { add: "7" }, partners: ["DE"], title: "Better words" }),
      measure("new", { rate: { allIn: "15" }, partners: ["@EU27"], from: "2025-08-01", documents: ["EO 99999"], citations: ["91 FR 3"] }),
    ],
    [],
    { id: "2099.02a", released: "2026-02-01", news: [{ release: "2099.02a", briefly: "Second", future: [], past: [] }] },
  );
  const diff = diffReleases(before, after);

  it("names both releases by id, date and hash", () => {
    expect(diff.before).toMatchObject({ id: "2099.01a", sha256: before.sha256 });
    expect(diff.after).toMatchObject({ id: "2099.02a", released: "2026-02-01", sha256: after.sha256 });
  });

  it("classifies each measure once: added, re-rated, ended, amended, removed", () => {
    expect(diff.added.map((c) => c.id)).toEqual(["new"]);
    expect(diff.rerated.map((c) => c.id)).toEqual(["rerate"]);
    expect(diff.ended.map((c) => c.id)).toEqual(["end"]);
    expect(diff.amended.map((c) => c.id)).toEqual(["reword"]);
    expect(diff.removed.map((c) => c.id)).toEqual(["gone"]);
    expect(diff.noRateChanges).toBe(false);
  });

  it("says what changed, with dates (inclusive 'through', as BREAKDOWN) and citations", () => {
    const r = diff.rerated[0]!;
    expect(r.details).toEqual(["rate +20% → +25%", "citations updated"]);
    expect(r.after?.citations).toEqual(["Test document", "90 FR 2"]);
    expect(diff.ended[0]!.details).toEqual(["ends open → through 2025-07-22"]);
    expect(diff.ended[0]!.after?.through).toBe("2025-07-22");
    const added = diff.added[0]!;
    expect(added.after).toMatchObject({ rate: "all-in 15%", from: "2025-08-01", through: "", partners: "@EU27", citations: ["EO 99999", "91 FR 3"] });
    expect(added.details).toEqual(["new: all-in 15% from 2025-08-01, open-ended"]);
  });

  it("carries the new release's news only", () => {
    expect(diff.news.map((n) => n.briefly)).toEqual(["Second"]);
  });

  it("an identical release has no changes", () => {
    const same = diffReleases(before, fixtureTable(base));
    expect(same.noRateChanges).toBe(true);
    expect([...same.added, ...same.ended, ...same.rerated, ...same.amended, ...same.removed]).toEqual([]);
  });

  it("a rate change that also ends the measure is re-rated, with both details", () => {
    const t = fixtureTable([
      base[0]!,
      measure("rerate", { rate: { add: "0" }, partners: ["VN"], to: "2025-06-01", citations: ["90 FR 1"] }),
      base[2]!,
      base[3]!,
      base[4]!,
    ]);
    const d = diffReleases(before, t);
    expect(d.rerated[0]!.details).toEqual(["rate +20% → +0%", "ends open → through 2025-05-31"]);
    expect(d.ended).toEqual([]);
  });

  it("counts base-rate line changes with examples, and relation changes", () => {
    const lines = FIXTURE_LINES.map((l) => (l[0] === "95030000" ? (["95030000", "2%", l[2], l[3], l[4]] as typeof l) : l));
    const doc = fixtureDocument(base, [relation("r1", "measure:keep", "measure:gone")]);
    const changed = loadTable(JSON.stringify({ ...doc, importers: [{ ...doc.importers[0]!, lines }, doc.importers[1]!] }));
    const d = diffReleases(before, changed);
    expect(d.lines).toEqual([{ importer: "US", added: 0, removed: 0, changed: 1, examples: ["9503.00.00: Free → 2%"] }]);
    expect(d.relations.added).toEqual(["r1"]);
  });

  it("describes rates in words", () => {
    expect(rateText({ rate: { add: "50" }, basis: "steel" })).toBe("+50% of steel content");
    expect(rateText({ rate: { perUnit: { usd: "0.1", unit: "kg" } } })).toBe("$0.1 per kg");
    expect(rateText({ rate: { prohibited: true } })).toBe("prohibited");
    expect(rateText({ rate: { unknown: "lines on China's 2018-19 lists pay 5-25% more" } })).toBe(
      "rate unknown (lines on China's 2018-19 lists pay 5-25% more)",
    );
  });

  it("the embedded release against itself has no changes", () => {
    expect(diffReleases(embedded(), embedded()).noRateChanges).toBe(true);
  });
});
