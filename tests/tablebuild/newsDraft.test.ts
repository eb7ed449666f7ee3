/* The draft NEWS entry: the engine's diff sorted into changes to future rates, to past rates, and commentary. */
import { MeasureDoc, TableDocument } from "../../src/engine";
import { draftNews, firstAffected } from "../../src/tablebuild/newsDraft";
import { ADDED_MEASURE_ID, embeddedRelease, newerRelease, releaseFromText } from "../support/feedFixtures";

type Doc = { -readonly [K in keyof TableDocument]: TableDocument[K] };

describe("draftNews", () => {
  const base = embeddedRelease();
  const fixture = newerRelease(base, { released: "2026-12-05" });
  // On top of the fixture's re-rate, end and addition (all dated before 2026-12-05): a measure that starts
  // after the release date, a citation-only change, and a new gap.
  const doc = JSON.parse(fixture.text) as Doc;
  const cited = doc.measures.find((m) => m.id !== fixture.rerated.id && m.id !== fixture.ended.id && m.id !== ADDED_MEASURE_ID)!;
  doc.measures = [
    ...doc.measures.map((m) => (m.id === cited.id ? { ...m, citations: [...m.citations, "Corrected citation (test)"] } : m)),
    {
      ...doc.measures.find((m) => m.id === ADDED_MEASURE_ID)!,
      id: "fixture.future",
      title: "Fixture: future surcharge",
      from: "2026-12-10",
      confidence: "uncertain",
    } as MeasureDoc,
  ];
  doc.gaps = [...doc.gaps, { id: "gap.fixture", title: "A fixture gap", detail: "Announced, not in force.", sources: ["test"] }];
  const after = releaseFromText(JSON.stringify(doc));
  const draft = draftNews(base.table, after.table);
  const e = draft.entry;
  const item = (list: readonly string[], id: string) => list.find((p) => p.endsWith(`[${id}]`));

  it("heads the entry with the release and its date, and counts in Briefly", () => {
    expect([e.release, e.released]).toEqual([after.id, "2026-12-05"]);
    expect(e.briefly).toBe(`Changes since ${base.id}: measures: 2 added, 1 ended, 1 re-rated, 1 amended.`);
    expect(draft.comments.join(" ")).toMatch(/DRAFT .* Edit it by hand before committing/);
  });

  it("files a change whose first affected entry date is on or after the release date under future rates", () => {
    expect(e.future).toEqual([
      expect.stringMatching(
        /^Added: Fixture: future surcharge\. \+5% on goods of VN, from 2026-12-10 \(Section 301, 9903\.99\.90; .*\)\. Uncertain: the sources disagree .*\[fixture\.future\]$/,
      ),
    ]);
  });

  it("files changes reaching back before the release date under past rates: an earlier start, an end already passed, a re-rate", () => {
    expect(item(e.past, ADDED_MEASURE_ID)).toMatch(
      /^Added: Fixture: additional 5% on Vietnamese cotton apparel\. \+5% on goods of VN, from 2025-01-01 /,
    );
    expect(item(e.past, fixture.ended.id)).toMatch(/^Ended: .*ends open → through 2026-05-31/);
    expect(item(e.past, fixture.rerated.id)).toMatch(/^Re-rated: .*rate \+\d+% → \+\d+%/);
  });

  it("keeps a change that alters no rate apart, as commentary", () => {
    expect(e.commentary).toEqual([expect.stringMatching(new RegExp(`^Amended: .*citations updated\\..*\\[${cited.id.replace(/\./g, "\\.")}\\]$`))]);
  });

  it("lists the gaps that are new, and how many carry over", () => {
    expect(e.gaps).toEqual([
      "New: A fixture gap. Announced, not in force. (test)",
      `${base.table.doc.gaps.length} known gaps of ${base.id} remain, unchanged; \`npm run data:report\` lists them all.`,
    ]);
  });
});

describe("firstAffected", () => {
  const m = {
    id: "m",
    importer: "US",
    authority: "Section 301",
    title: "t",
    heading: "9903.88.01",
    documents: ["d"],
    citations: ["c"],
    confidence: "confirmed",
    partners: ["CN"],
    scope: { include: ["95"] },
    rate: { add: "25" },
    from: "2025-03-01",
    to: "2026-11-10",
    tags: [],
  } as MeasureDoc;
  it.each<[string, Partial<MeasureDoc>, string | null]>([
    ["a re-rate: the whole period", { rate: { add: "30" } }, "2025-03-01"],
    ["an end moved later: the old end", { to: "2027-01-10" }, "2026-11-10"],
    ["an end moved earlier: the new end", { to: "2026-06-01" }, "2026-06-01"],
    ["an end removed: the old end", { to: undefined }, "2026-11-10"],
    ["a later start: the old start", { from: "2025-04-01" }, "2025-03-01"],
    ["other origins: the whole period", { partners: ["CN", "HK"] }, "2025-03-01"],
    ["a citation only: no rate", { citations: ["c", "c2"] }, null],
    ["confidence only: no rate", { confidence: "uncertain" }, null],
  ])("%s", (_, change, expected) => {
    expect(firstAffected(m, { ...m, ...change } as MeasureDoc)).toBe(expected);
  });
});
