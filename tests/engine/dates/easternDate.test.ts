import { easternDate, isoFromDay } from "../../../src/engine/dates";

/** The Eastern calendar date of an instant written in UTC. */
const eastern = (utc: string): string => isoFromDay(easternDate(new Date(utc)));

describe("easternDate", () => {
  it.each([
    ["2025-04-05T03:59:00Z", "2025-04-04", "23:59 EDT the evening before"],
    ["2025-04-05T04:00:00Z", "2025-04-05", "midnight EDT"],
    ["2025-04-05T04:01:00Z", "2025-04-05", "12:01 a.m. EDT, when April 2025 measures took effect"],
    ["2025-04-05T12:00:00Z", "2025-04-05", "8 a.m. EDT"],
    ["2025-04-06T03:59:59Z", "2025-04-05", "one second before midnight EDT"],
  ])("in summer (EDT, UTC-4) reads %s as %s (%s)", (utc, iso) => {
    expect(eastern(utc)).toBe(iso);
  });

  it.each([
    ["2025-01-15T04:30:00Z", "2025-01-14", "23:30 EST the evening before"],
    ["2025-01-15T04:59:59Z", "2025-01-14", "one second before midnight EST"],
    ["2025-01-15T05:00:00Z", "2025-01-15", "midnight EST"],
    ["2025-01-15T05:30:00Z", "2025-01-15", "00:30 EST"],
  ])("in winter (EST, UTC-5) reads %s as %s (%s)", (utc, iso) => {
    expect(eastern(utc)).toBe(iso);
  });

  it.each([
    // Clocks went forward at 2 a.m. EST (07:00 UTC) on Sunday 2025-03-09.
    ["2025-03-09T04:59:00Z", "2025-03-08", "23:59 EST the night before the change"],
    ["2025-03-09T05:00:00Z", "2025-03-09", "midnight EST starts the day of the change"],
    ["2025-03-09T07:30:00Z", "2025-03-09", "3:30 a.m. EDT, just after the change"],
    ["2025-03-10T03:59:00Z", "2025-03-09", "23:59 EDT, the day of the change ends an hour early in UTC"],
    ["2025-03-10T04:00:00Z", "2025-03-10", "midnight EDT the next day"],
    // Clocks went back at 2 a.m. EDT (06:00 UTC) on Sunday 2025-11-02.
    ["2025-11-02T03:59:00Z", "2025-11-01", "23:59 EDT the night before the change"],
    ["2025-11-02T04:00:00Z", "2025-11-02", "midnight EDT starts the day of the change"],
    ["2025-11-03T04:59:00Z", "2025-11-02", "23:59 EST, the day of the change lasts 25 hours"],
    ["2025-11-03T05:00:00Z", "2025-11-03", "midnight EST the next day"],
  ])("on a daylight-saving change reads %s as %s (%s)", (utc, iso) => {
    expect(eastern(utc)).toBe(iso);
  });

  it("throws on an invalid Date instead of returning a date", () => {
    expect(() => easternDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
