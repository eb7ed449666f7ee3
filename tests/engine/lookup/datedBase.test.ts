import { ImporterDoc, TableValidationError, isoDay, knownTotal, loadTable, lookupRate, rateHistory } from "../../../src/engine";
import { FIXTURE_LINES, fixtureDocument, measure } from "../../support/tableFixture";

/**
 * Dated base editions, for any importer: from `linesFrom` the lines' rates apply and before it the base is
 * unknown (the lines still decide which codes exist); `baseChanges` change one line from a date;
 * `lineNotes` explain a line's base or make it unknown. The timeline changes on those dates, each segment
 * composes with the base in force on its first day, and HISTORY shows the change.
 */
const CN: ImporterDoc = {
  code: "CN",
  name: "China",
  baseSource: "test schedule 2026",
  lineMode: "listed",
  linesFrom: "2026-01-01",
  beforeLinesFrom: "no 2025 edition in this test table",
  linesName: "the test 2026 schedule",
  baseChanges: [{ line: "22083000", from: "2026-02-02", general: "5%", source: "test provisional rate" }],
  lineNotes: [
    { id: "unknown", note: "no MFN in the test transcription", base: "unknown", lines: ["37023190"] },
    { id: "ex", note: "the provisional rate covers an ex item only", lines: ["03035990"] },
  ],
  lines: [
    ["03035990", "7%", "", null, null],
    ["12019011", "3%", "", null, null],
    ["12019019", "3%", "", null, null],
    ["22083000", "10%", "", null, null],
    ["37023190", "", "", null, null],
  ],
};

const retaliation = measure("cn.10pct", { importer: "CN", authority: "Retaliation", heading: "Ann. test", partners: ["US"], from: "2025-05-14" });
const gap = measure("cn.gap", {
  importer: "CN",
  authority: "Retaliation",
  heading: "Lists test",
  partners: ["US"],
  rate: { unknown: "listed lines pay 5-25% more" },
  from: "2018-07-06",
});

function table(importer: ImporterDoc = CN, measures = [retaliation]) {
  const doc = fixtureDocument(measures);
  return loadTable(JSON.stringify({ ...doc, importers: [doc.importers[0], importer] }));
}

const t = table();
const look = (product: string, date: string, country = "US") => {
  const o = lookupRate(t, { importer: "CN", country, product, day: isoDay(date) });
  if (!o.ok) throw new Error(o.error.message);
  return o.value.composition;
};

describe("linesFrom: the lines' rates apply from that date", () => {
  it("before it the base is unknown, not zero, with the importer's reason; the layers are still computed", () => {
    const c = look("1201.90.11", "2025-12-31");
    expect(c.base.expr).toBeNull();
    expect(c.total).toBeNull();
    expect(c.additional?.toNumber()).toBe(0.1);
    expect(c.notes[0]).toBe("no 2025 edition in this test table");
  });

  it("from it the line's rate is the base", () => {
    expect(look("1201.90.11", "2026-01-01").total?.toNumber()).toBe(0.13);
  });

  it("a code that is not a line is refused on any date, in the importer's words", () => {
    for (const date of ["2025-06-01", "2026-06-01"]) {
      const o = lookupRate(t, { importer: "CN", country: "US", product: "1201.90.99", day: isoDay(date) });
      expect(o.ok).toBe(false);
      expect(!o.ok && o.error).toMatchObject({ kind: "notAvailable", message: "1201.90.99 is not a line of the test 2026 schedule" });
    }
  });

  it("a prefix is answered when its lines agree on the date, before and after linesFrom", () => {
    expect(look("1201.90", "2025-06-01").base.expr).toBeNull();
    expect(look("1201.90", "2026-06-01").total?.toNumber()).toBe(0.13);
  });
});

describe("baseChanges: one line's base from a date", () => {
  it("whisky-like line: 10% until the change, 5% from it, citing the change's source", () => {
    expect(look("2208.30.00", "2026-02-01").total?.toNumber()).toBe(0.2);
    const after = look("2208.30.00", "2026-02-02");
    expect(after.total?.toNumber()).toBe(0.15);
    expect(after.base.source).toBe("test provisional rate");
  });

  it("HISTORY has a row at linesFrom and one at the change", () => {
    const o = rateHistory(t, { importer: "CN", country: "US", product: "22083000", day: isoDay("2025-06-01") }, isoDay("2026-06-30"));
    if (!o.ok) throw new Error(o.error.message);
    expect(o.value.map((r) => [r.from, r.composition.base.expr?.text ?? null, r.composition.total?.toNumber() ?? null])).toEqual([
      [isoDay("2025-06-01"), null, null],
      [isoDay("2026-01-01"), "10%", 0.2],
      [isoDay("2026-02-02"), "5%", 0.15],
    ]);
  });

  it("the change does not leak into a line with the same rate (lines are separate classes)", () => {
    expect(look("0303.59.90", "2026-03-01").total?.toNumber()).toBe(0.17);
  });
});

describe("lineNotes", () => {
  it('base "unknown": no rate, the note says why, the total is #N/A-worthy (null), never 0', () => {
    const c = look("3702.31.90", "2026-03-01");
    expect(c.base.expr).toBeNull();
    expect(c.total).toBeNull();
    expect(c.notes).toContain("no MFN in the test transcription");
  });

  it("a note on a known base travels with the answer", () => {
    expect(look("0303.59.90", "2026-03-01").notes).toContain("the provisional rate covers an ex item only");
  });
});

describe("a layer of unknown rate", () => {
  const g = table(CN, [retaliation, gap]);
  it("makes the total unknown; the known layers are base + the others", () => {
    const o = lookupRate(g, { importer: "CN", country: "US", product: "12019011", day: isoDay("2026-03-01") });
    if (!o.ok) throw new Error(o.error.message);
    const c = o.value.composition;
    expect([c.total, c.additional]).toEqual([null, null]);
    expect(knownTotal(c)?.toNumber()).toBe(0.13);
    expect(c.layers.find((l) => l.measure.id === "cn.gap")?.notes).toEqual(["rate not in this table: listed lines pay 5-25% more"]);
  });

  it("does not touch other origins", () => {
    const o = lookupRate(g, { importer: "CN", country: "DE", product: "12019011", day: isoDay("2026-03-01") });
    expect(o.ok && o.value.composition.total?.toNumber()).toBe(0.03);
  });
});

describe("validation", () => {
  const refuse = (imp: Partial<ImporterDoc>, pattern: RegExp) => {
    expect(() => table({ ...CN, ...imp })).toThrow(TableValidationError);
    expect(() => table({ ...CN, ...imp })).toThrow(pattern);
  };
  it.each([
    [{ baseChanges: [{ line: "99999999", from: "2026-02-02", general: "5%", source: "x" }] }, /baseChanges\[0\]\.line: 99999999 is not a line/],
    [{ baseChanges: [{ line: "22083000", from: "2025-12-01", general: "5%", source: "x" }] }, /must be after linesFrom/],
    [{ baseChanges: [{ line: "22083000", from: "2026-02-30", general: "5%", source: "x" }] }, /not a calendar date/],
    [{ baseChanges: [{ line: "22083000", from: "2026-02-02", general: " ", source: "x" }] }, /give the new rate/],
    [{ lineNotes: [] }, /line 37023190 has no rate and no note with base "unknown"/],
    [
      {
        lineNotes: [
          { id: "a", note: "x", lines: ["12019011"] },
          { id: "b", note: "y", lines: ["12019011"] },
        ],
      },
      /already has a note/,
    ],
    [{ lineNotes: [{ id: "a", note: "x", base: "zero" as "unknown", lines: ["37023190"] }] }, /lineNotes\[0\]\.base: expected "unknown"$/],
    [{ linesFrom: "2026-13-01" }, /linesFrom: "2026-13-01" is not a calendar date/],
    [{ lineMode: "open" as const, lines: [] }, /need a listed schedule/],
  ])("refuses %j", (imp, pattern) => refuse(imp as Partial<ImporterDoc>, pattern));

  it("refuses an empty unknown rate", () => {
    expect(() => table(CN, [measure("g", { importer: "CN", rate: { unknown: "" } })])).toThrow(/say what the unknown rate is/);
  });

  it("a table without the optional fields loads as before (the US lines of the fixture)", () => {
    const plain = table({ code: "CN", name: "China", baseSource: "unknown", lineMode: "open", lines: [] });
    expect(
      plain.importers
        .get("US")!
        .bases.all()
        .every((b) => b.editions === undefined && b.note === undefined),
    ).toBe(true);
    expect(plain.importers.get("US")!.bases).toHaveLength(FIXTURE_LINES.reduce((n, l) => n + l[2].split(",").length, 0));
    const us = lookupRate(plain, { country: "DE", product: "6109.10.00.10", day: isoDay("2026-03-01") });
    expect(us.ok && us.value.composition.total?.toNumber()).toBe(0.165);
  });
});
