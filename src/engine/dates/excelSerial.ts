import { Day, dayFromParts } from "./day";

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never
 * existed (Lotus 1-2-3 treated 1900 as a leap year and Excel kept the bug for compatibility). Serials
 * from 61 on are therefore one day ahead of a plain day count from 1899-12-31.
 */
const SERIAL_OF_1970_01_01 = 25569;
const PHANTOM_LEAP_DAY = 60;
const LAST_SERIAL = 2958465; // 9999-12-31, the largest date Excel accepts

export type SerialResult = { ok: true; day: Day } | { ok: false; reason: string };

/** Converts an Excel serial (a time-of-day fraction is ignored: duty follows the entry date). */
export function dayFromExcelSerial(serial: number): SerialResult {
  if (!Number.isFinite(serial)) return { ok: false, reason: "a date serial must be a finite number" };
  const whole = Math.floor(serial);
  if (whole < 1) return { ok: false, reason: `${serial} is not a date: Excel dates start at serial 1 (1900-01-01)` };
  if (whole > LAST_SERIAL) return { ok: false, reason: `${serial} is past 9999-12-31, Excel's last date` };
  if (whole === PHANTOM_LEAP_DAY) {
    return { ok: false, reason: "serial 60 is 1900-02-29, a day Excel invents for Lotus compatibility" };
  }
  if (whole < PHANTOM_LEAP_DAY) {
    return { ok: true, day: (dayFromParts(1900, 1, 1)! + (whole - 1)) as Day };
  }
  return { ok: true, day: (whole - SERIAL_OF_1970_01_01) as Day };
}

/**
 * dayFromExcelSerial for the serials after Excel's phantom leap day (1900-03-01 to 9999-12-31), where it
 * is plain arithmetic, without allocating: a sheet recalculation reads one per cell. Null for any other
 * value (NaN and infinities included); dayFromExcelSerial then answers, and says why.
 */
export function dayOfModernSerial(serial: number): Day | null {
  const whole = Math.floor(serial);
  return whole > PHANTOM_LEAP_DAY && whole <= LAST_SERIAL ? ((whole - SERIAL_OF_1970_01_01) as Day) : null;
}

/** The serial Excel shows for a day (for days from 1900-03-01 on, where the two systems agree again). */
export function excelSerialFromDay(day: Day): number {
  const serial = day + SERIAL_OF_1970_01_01;
  return serial <= PHANTOM_LEAP_DAY ? serial - 1 : serial;
}
