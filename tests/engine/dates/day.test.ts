import fc from "fast-check";
import { Day, addDays, dayFromIso, dayFromParts, isoDay, isoFromDay } from "../../../src/engine/dates";

// A Day counts whole days from 1970-01-01 (day 0). These anchors are independent of the code under test:
// 2025-04-05 is 20,183 days after the epoch (55 years, 14 of them leap, plus 94 days into 2025).
const EPOCH = 0 as Day;
const APRIL_5_2025 = 20183 as Day;

describe("dayFromIso", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2025-04-05", 20183],
    ["2025-01-01", 20089],
    ["2000-01-01", 10957],
    ["1900-01-01", -25567],
  ])("reads %s as day %i", (text, day) => {
    expect(dayFromIso(text)).toBe(day);
  });

  it("ignores whitespace around the date", () => {
    expect(dayFromIso(" 2025-04-05 ")).toBe(APRIL_5_2025);
    expect(dayFromIso("\t2025-04-05\n")).toBe(APRIL_5_2025);
  });

  it.each([
    ["2024-02-29", "2024 is a leap year (divisible by 4)", 19782],
    ["2000-02-29", "2000 is a leap year (divisible by 400)", 11016],
  ])("accepts the leap day %s: %s", (text, _why, day) => {
    expect(dayFromIso(text)).toBe(day);
  });

  it.each([
    ["2025-02-29", "2025 is not a leap year"],
    ["1900-02-29", "1900 is not a leap year (divisible by 100, not by 400)"],
    ["2100-02-29", "2100 is not a leap year"],
    ["2024-13-01", "there is no month 13"],
    ["2024-00-10", "there is no month 0"],
    ["2024-04-31", "April has 30 days"],
    ["2024-04-00", "there is no day 0"],
    ["2025-4-5", "month and day must have two digits"],
    ["25-04-05", "the year must have four digits"],
    ["2025/04/05", "the separator is a hyphen"],
    ["2025-04-05T00:00", "a time is not part of a date"],
    ["04/05/2025", "US order is not ISO"],
    ["", "empty text"],
    ["   ", "only whitespace"],
  ])("returns null for %j (%s)", (text) => {
    expect(dayFromIso(text)).toBeNull();
  });
});

describe("isoFromDay", () => {
  it.each([
    [0, "1970-01-01"],
    [-1, "1969-12-31"],
    [20183, "2025-04-05"],
    [19782, "2024-02-29"],
    [-25567, "1900-01-01"],
  ])("writes day %i as %s", (day, text) => {
    expect(isoFromDay(day as Day)).toBe(text);
  });

  it("is undone by dayFromIso for every day from 1900 to 2100", () => {
    const first = dayFromIso("1900-01-01")!;
    const last = dayFromIso("2100-12-31")!;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (n) => {
        const day = n as Day;
        expect(dayFromIso(isoFromDay(day))).toBe(day);
      }),
    );
  });
});

describe("dayFromParts", () => {
  it("takes a year, a month from 1 to 12 and a day of the month", () => {
    expect(dayFromParts(2025, 4, 5)).toBe(APRIL_5_2025);
    expect(dayFromParts(1970, 1, 1)).toBe(EPOCH);
  });

  it.each([
    [2025, 2, 29],
    [2025, 13, 1],
    [2025, 0, 1],
    [2025, 4, 31],
    [2025, 4, 0],
  ])("returns null for %i-%i-%i, which is not a calendar date", (y, m, d) => {
    expect(dayFromParts(y, m, d)).toBeNull();
  });
});

describe("isoDay", () => {
  it("reads a date from a data file", () => {
    expect(isoDay("2025-04-05")).toBe(APRIL_5_2025);
  });

  it("throws, quoting the text, when a data file holds a bad date", () => {
    expect(() => isoDay("2025-02-30")).toThrow('not an ISO date: "2025-02-30"');
  });
});

describe("addDays", () => {
  it.each([
    ["2025-04-05", 1, "2025-04-06"],
    ["2025-04-05", -5, "2025-03-31"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2025-02-28", 1, "2025-03-01"],
    ["2025-12-31", 1, "2026-01-01"],
    ["2025-04-05", 0, "2025-04-05"],
  ])("%s plus %i days is %s", (from, n, to) => {
    expect(isoFromDay(addDays(isoDay(from), n))).toBe(to);
  });
});
