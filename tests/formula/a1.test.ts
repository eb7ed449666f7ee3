import { cellA1, columnIndex, columnLetters, qualified, rangeA1 } from "../../src/formula/a1";

describe("A1 addresses", () => {
  it("writes A1 addresses", () => {
    expect([columnLetters(0), columnLetters(25), columnLetters(26), columnLetters(16_383)]).toEqual(["A", "Z", "AA", "XFD"]);
    expect(rangeA1(4, 0, 2, 5)).toBe("A5:E6");
    expect(qualified("My sheet", "B2")).toBe("'My sheet'!B2");
    expect(qualified("Costs", "B2")).toBe("Costs!B2");
  });

  it("reads column letters back to the index they were written from", () => {
    for (const i of [0, 25, 26, 701, 702, 16_383]) expect(columnIndex(columnLetters(i))).toBe(i);
    expect(cellA1(0, 0)).toBe("A1");
    expect(rangeA1(0, 0, 1, 1)).toBe("A1");
  });
});
