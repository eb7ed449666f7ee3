import { scenarioFromCells } from "../../src/office/scenarioSheet";
import { safeSheetName, uniqueSheetName } from "../../src/office/sheetNames";

describe("scenario table cells", () => {
  const header = ["Measure", "Rate", "From", "To", "Note"];

  it("reads Excel's fractions, dates as serials or ISO text, and skips empty rows", () => {
    const { overrides, problems } = scenarioFromCells(header, [
      ["m1", 0.1, 45762, "", "ten percent"],
      ["", "", "", "", ""],
      ["m2", "7.5%", "", "2026-07-23", ""],
    ]);
    expect(problems).toEqual([]);
    expect(overrides).toEqual([
      { measure: "m1", ratePercent: "10", from: "2025-04-15", to: null, note: "ten percent" },
      { measure: "m2", ratePercent: "7.5", from: null, to: "2026-07-23", note: "" },
    ]);
  });

  it("finds columns by name, so co-authors may reorder them", () => {
    const { overrides } = scenarioFromCells(["Note", "To", "From", "Rate", "Measure"], [["n", "", "", 0, "m"]]);
    expect(overrides).toEqual([{ measure: "m", ratePercent: "0", from: null, to: null, note: "n" }]);
  });

  it("says which cells it cannot read", () => {
    expect(scenarioFromCells(header, [["m", "lots", "someday", "", ""]]).problems).toEqual([
      'row 1: rate "lots" is not a percentage',
      "row 1: From is not a date",
    ]);
    expect(scenarioFromCells(["Measure", "Rate"], []).problems).toEqual(["the scenario table has no From, To column"]);
  });
});

describe("sheet names", () => {
  it("makes legal, unique sheet names", () => {
    expect(safeSheetName("Audit: 2026/11a [draft]?")).toBe("Audit  2026 11a  draft");
    expect(uniqueSheetName("Audit 2026.11a", ["audit 2026.11a", "Audit 2026.11a (2)"])).toBe("Audit 2026.11a (3)");
    expect(uniqueSheetName("x".repeat(40), ["x".repeat(31)])).toBe("x".repeat(27) + " (2)");
  });
});
