import { MeasureDoc } from "../../src/engine/table/schema";
import { checkPublicSources, isPublicSource } from "../../src/tablebuild/publicSources";

/** Every measure names a source a reader can look up, not only a row of the (unshipped) research notes. */
describe("public sources", () => {
  it.each([
    "90 FR 15041 (FR 2025-06063)",
    "FR 2025-23316",
    "CSMS 64701128",
    "EO 14257 (Apr 2 2025)",
    "Proc. 11051 (Aug 2026)",
    "Proclamation 10976 (Sep 29 2025)",
    "Pub. L. 119-21",
    "19 U.S.C. 1862",
    "19 CFR 24.23",
    "HTS 2026 Rev 13, U.S. note 52(a)",
    "HTS heading 9903.76.02 and U.S. note 37(c)-(d)",
    "Annex II, U.S. note 42 and heading 9903.45.33",
    "USTR Notice of Action (Jul 20 2026)",
    "MOFCOM reading of the 8th round of US-China consultations (Sep 28 2026)",
    "Customs Tariff Commission Announcement No. 4 of 2025 (Apr 4 2025)",
    "税委会公告2025年第4号",
  ])("accepts %s", (text) => expect(isPublicSource(text)).toBe(true));

  it.each([
    "us-timeline.md C4",
    "china.md CN9: agbull; docslib",
    "Proclamation of Sep 29 2025",
    "Tariff Commission announcements (Nov 5 2025)",
    "Annex II heading 9903.45.31",
  ])("refuses %s", (text) => expect(isPublicSource(text)).toBe(false));

  const measure = (id: string, documents: string[], citations: string[]) => ({ id, documents, citations }) as unknown as MeasureDoc;

  it("passes a measure whose document or citation is public, and names every measure that has neither", () => {
    expect(() => checkPublicSources([measure("a", ["EO 14257"], ["us-timeline.md C1"]), measure("b", ["a notice"], ["CSMS 1"])])).not.toThrow();
    expect(() => checkPublicSources([measure("a", ["EO 14257"], []), measure("c", ["Proclamation of Sep 29 2025"], ["us-timeline.md F3b"])])).toThrow(
      /citing no public source[^\n]*:\n {2}c: \["Proclamation of Sep 29 2025","us-timeline\.md F3b"\]$/,
    );
  });
});
