// Dates typed as text, read by the request layer for every adapter (Excel, CLI, pane, CSV): the forms that
// name one day for every reader are accepted; all-numeric forms are refused with the fix in the message.
import { dayFromIso, isoFromDay } from "../../src/engine";
import { readDate } from "../../src/requests/arguments";
import { dayFromText } from "../../src/requests/textDate";

const iso = (text: string): string => {
  const r = dayFromText(text);
  if (!r.ok) throw new Error(`${JSON.stringify(text)} refused: ${r.reason}`);
  return isoFromDay(r.day);
};
const reason = (text: string): string => {
  const r = dayFromText(text);
  if (r.ok) throw new Error(`${JSON.stringify(text)} read as ${isoFromDay(r.day)}, expected a refusal`);
  return r.reason;
};

describe("accepted forms", () => {
  test.each([
    ["2025-04-15", "2025-04-15"],
    ["2025-4-5", "2025-04-05"],
    ["15 Apr 2025", "2025-04-15"],
    ["15-Apr-2025", "2025-04-15"],
    ["Apr 15, 2025", "2025-04-15"],
    ["15 April 2025", "2025-04-15"],
    ["April 15 2025", "2025-04-15"],
    ["april 15, 2025", "2025-04-15"],
    ["15 APR 2025", "2025-04-15"],
    ["5 sept 2025", "2025-09-05"],
    ["Sep. 5, 2025", "2025-09-05"],
    ["1st May 2026", "2026-05-01"],
    ["  15   Apr   2025  ", "2025-04-15"],
    ["\t29 Feb 2024\n", "2024-02-29"],
    ["December 31, 2026", "2026-12-31"],
  ])("%j is %s", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });
});

describe("refused forms", () => {
  test.each([
    ["04/05/2025", "write 2025-04-05 or 5 Apr 2025 (or, the other way round, 2025-05-04 or 4 May 2025), or use a date cell"],
    ["4.5.2025", "write 2025-04-05 or 5 Apr 2025 (or, the other way round, 2025-05-04 or 4 May 2025)"],
    ["25/04/2025", "write 2025-04-25 or 25 Apr 2025, or use a date cell"],
    ["4/5/25", "a 2-digit year hides the century"],
  ])("%j: all-numeric, refused with the fix", (text, hint) => {
    const r = reason(text);
    expect(r).toContain("all-numeric dates put day and month in a different order");
    expect(r).toContain(hint);
  });

  test("an all-numeric date with no reading at all says so", () => {
    expect(reason("13/13/2025")).toBe("is not a calendar date, whichever of its numbers is the month");
  });

  test.each(["31 Feb 2025", "29 Feb 2025", "2025-02-30", "2025-13-01", "April 31, 2025", "0 Jan 2025"])("%j is not a day of the calendar", (text) => {
    expect(reason(text)).toBe("is not a date: no such day in the calendar");
  });

  test.each(["15 Avr 2025", "15 Mai 2025"])("%j: a month name that is not English is named", (text) => {
    expect(reason(text)).toMatch(/is not an English month name$/);
  });

  test.each(["", "soon", "15 Apr", "Apr 2025", "15 Apr 25", "2025/04/15 10:00", "45762"])("%j is not a date, with the forms to use", (text) => {
    expect(reason(text)).toBe("is not a date: use an Excel date, YYYY-MM-DD or 15 Apr 2025");
  });
});

describe("readDate, the argument every adapter reads", () => {
  const now = new Date("2026-06-01T12:00:00Z");

  test("text, serials and ISO name the same day", () => {
    const day = dayFromIso("2025-04-15");
    for (const v of ["2025-04-15", "15 Apr 2025", "Apr 15, 2025", 45762]) expect(readDate(v, now)).toEqual({ ok: true, value: day });
  });

  test("a refusal names the argument and quotes the text", () => {
    expect(readDate("04/05/2025", now, "start")).toEqual({
      ok: false,
      message: expect.stringMatching(/^start "04\/05\/2025" is not a date DutyDesk reads .*write 2025-04-05 or 5 Apr 2025/),
    });
  });
});
