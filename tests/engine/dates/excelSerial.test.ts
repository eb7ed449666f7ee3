import fc from "fast-check";
import { Day, dayFromExcelSerial, dayFromIso, dayOfModernSerial, excelSerialFromDay, isoDay, isoFromDay } from "../../../src/engine/dates";

/** The ISO date of a serial, or the reason it is refused. */
function dateOf(serial: number): string {
  const r = dayFromExcelSerial(serial);
  return r.ok ? isoFromDay(r.day) : `refused: ${r.reason}`;
}

function reasonFor(serial: number): string {
  const r = dayFromExcelSerial(serial);
  if (r.ok) throw new Error(`expected serial ${serial} to be refused, got ${isoFromDay(r.day)}`);
  return r.reason;
}

describe("dayFromExcelSerial", () => {
  // Values as Excel's 1900 date system shows them (Format Cells > Date).
  it.each([
    [1, "1900-01-01"],
    [2, "1900-01-02"],
    [31, "1900-01-31"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [25569, "1970-01-01"],
    [36526, "2000-01-01"],
    [45658, "2025-01-01"],
    [45762, "2025-04-15"],
    [2958465, "9999-12-31"],
  ])("reads serial %d as %s", (serial, iso) => {
    expect(dateOf(serial)).toBe(iso);
  });

  it("refuses serial 60, the 1900-02-29 that Excel invents for Lotus 1-2-3 compatibility", () => {
    const reason = reasonFor(60);
    expect(reason).toContain("1900-02-29");
    expect(reason).toContain("Lotus");
  });

  it.each([
    [45762.75, "2025-04-15"],
    [45762.0001, "2025-04-15"],
    [45762.9999, "2025-04-15"],
    [1.5, "1900-01-01"],
    [61.5, "1900-03-01"],
  ])("ignores the time of day: %d is %s, because duty follows the entry date", (serial, iso) => {
    expect(dateOf(serial)).toBe(iso);
  });

  it.each([[0], [0.5], [-1], [-45762]])("refuses %d: Excel dates start at serial 1", (serial) => {
    expect(reasonFor(serial)).toContain("serial 1 (1900-01-01)");
  });

  it.each([[NaN], [Infinity], [-Infinity]])("refuses %d: a serial must be a finite number", (serial) => {
    expect(reasonFor(serial)).toContain("finite number");
  });

  it.each([[2958466], [3e6], [Number.MAX_SAFE_INTEGER]])("refuses %d: it is past 9999-12-31, Excel's last date", (serial) => {
    expect(reasonFor(serial)).toContain("9999-12-31");
  });

  it("is undone by excelSerialFromDay for every serial Excel accepts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60),
        (serial) => {
          const r = dayFromExcelSerial(serial);
          expect(r.ok).toBe(true);
          if (r.ok) expect(excelSerialFromDay(r.day)).toBe(serial);
        },
      ),
    );
  });
});

describe("excelSerialFromDay", () => {
  it.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["1970-01-01", 25569],
    ["2025-01-01", 45658],
    ["2025-04-15", 45762],
    ["9999-12-31", 2958465],
  ])("gives %s the serial %d that Excel shows", (iso, serial) => {
    expect(excelSerialFromDay(isoDay(iso))).toBe(serial);
  });

  it("is undone by dayFromExcelSerial for every day from 1900-03-01 to 9999-12-31", () => {
    const first = dayFromIso("1900-03-01")!;
    const last = dayFromIso("9999-12-31")!;
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (n) => {
        const day = n as Day;
        expect(dayFromExcelSerial(excelSerialFromDay(day))).toEqual({ ok: true, day });
      }),
    );
  });
});

describe("dayOfModernSerial, the allocation-free reading DUTY.TARIFF uses", () => {
  it("gives dayFromExcelSerial's day for every serial from 1900-03-01 on, and null where that refuses or counts the 1900 days", () => {
    const serials = fc.oneof(
      fc.double({ min: -10, max: 3_000_000, noNaN: false }),
      fc.integer({ min: 55, max: 65 }),
      fc.constantFrom(NaN, Infinity, -Infinity, 2958465, 2958465.99, 2958466, 60.5, 61, 0),
    );
    fc.assert(
      fc.property(serials, (serial) => {
        const general = dayFromExcelSerial(serial);
        const modern = dayOfModernSerial(serial);
        if (modern !== null) expect(general).toEqual({ ok: true, day: modern });
        // Null only where the general rule refuses, or for the days before the phantom leap day.
        else expect(!general.ok || Math.floor(serial) <= 60).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
