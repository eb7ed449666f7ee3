import { Day, excelSerialFromDay } from "../engine";

/*
 * How numbers leave the DUTY functions: as Excel's formatted-number data type where the host has it, so a
 * rate shows as 145%, a date as 2025-04-15 and a landed cost as USD 1,234.50 without the user formatting
 * the cells; as plain numbers where it does not. Every function formats through this module, and this is
 * the one place the host is asked.
 *
 * A formatted number keeps its number as `basicValue`: `=DUTY.TARIFF(…)*B2` computes on 1.45, and
 * Range.values reads 1.45, so nothing that reads DUTY cells changes. The format travels with the value
 * (it is not the cell's format), so a spill shows its own formats as STOCKHISTORY does.
 */

/**
 * The requirement set that added data types to Excel, formatted numbers and entities among them
 * (Microsoft: "ExcelApi 1.16 added the data types APIs"). Custom functions may return them where it is
 * supported; functions.json allows it with allowCustomDataForDataTypeAny, which Microsoft's generator sets.
 */
export const DATA_TYPES_SET = { name: "ExcelApi", version: "1.16" } as const;

/**
 * FormattedNumberCellValue is marked deprecated from ExcelApi 1.19 in favour of a DoubleCellValue with a
 * numberFormat, but that field is itself 1.19 only; FormattedNumber is the one form every 1.16 host reads.
 */
export type FormattedNumber = Excel.FormattedNumberCellValue;
export type ExcelNumber = number | FormattedNumber;

/** Dates as ISO: the one written form no locale reads as another day (04/05 is April or May). */
export const DATE_FORMAT = "yyyy-mm-dd";

let supported: boolean | null = null;

/**
 * Whether the host returns data types from custom functions. Asked once, of the host itself: before
 * office.js has a context (it never calls a function then, but a test page may) the answer is "plain" for
 * that call and the host is asked again next time; a page without office.js is answered "plain" for good.
 */
export function dataTypesSupported(): boolean {
  if (supported !== null) return supported;
  // No office.js on the page at all: not an Office host (a test, the bench), and never one later, since
  // office.js loads before our bundles (taskpane.html). Decided once: a typeof of a missing global is a slow
  // lookup, and this is every TARIFF cell's path (about 70 ns a cell, 0.7 of the warm ratio, in a one-off
  // script timing 100,000 warm cells through the production bundle with and without an Office global, two
  // runs each).
  if (typeof Office === "undefined") return (supported = false);
  let requirements: Office.RequirementSetSupport | undefined;
  try {
    requirements = Office.context?.requirements;
  } catch {
    requirements = undefined;
  }
  if (requirements === undefined || typeof requirements.isSetSupported !== "function") return false;
  try {
    supported = requirements.isSetSupported(DATA_TYPES_SET.name, DATA_TYPES_SET.version) === true;
  } catch {
    supported = false;
  }
  return supported;
}

/** The three kinds of number the DUTY functions return, for one host: rich or plain. */
export interface ExcelValues {
  readonly rich: boolean;
  /** A rate as a fraction (1.45), shown as a percentage (145%). */
  rate(value: number): ExcelNumber;
  /** An entry date as Excel's serial, shown as yyyy-mm-dd; "" where there is none (an open end). */
  date(day: Day | null): ExcelNumber | "";
  /** Money in an ISO 4217 currency, to the cent, shown with its code (USD 1,234.50). */
  money(value: number, currency: string): ExcelNumber;
}

const formatted = (basicValue: number, numberFormat: string): FormattedNumber => ({ type: "FormattedNumber", basicValue, numberFormat });

/**
 * The fewest decimals that show the rate exactly, up to two (25%, 7.5%, 0.73%): a rate table's rates are
 * whole or half percentages, and a long equivalent (0.7333…%) keeps its exact value under the format.
 */
export function rateFormat(value: number): string {
  const percent = value * 100;
  for (const decimals of [0, 1]) {
    const scaled = percent * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return decimals === 0 ? "0%" : "0.0%";
  }
  return "0.00%";
}

/**
 * Excel's own ISO-code currency format ([$USD] is what Format Cells writes for "USD"): the code, not a
 * symbol, because $ is both USD and CAD and ¥ both CNY and JPY. The code comes from the landed-cost table
 * (the importer profile's currency on the entry date), so a new currency there needs no code here.
 */
export function moneyFormat(currency: string): string | null {
  return /^[A-Z]{3}$/.test(currency) ? `[$${currency}] #,##0.00` : null;
}

/** A rate as text, with the decimals its format shows (145%, 7.5%, 0.73%), for titles. */
export function percentText(value: number): string {
  const decimals = rateFormat(value) === "0%" ? 0 : rateFormat(value) === "0.0%" ? 1 : 2;
  return `${(value * 100).toFixed(decimals)}%`;
}

export const PLAIN_VALUES: ExcelValues = {
  rich: false,
  rate: (value) => value,
  date: (day) => (day === null ? "" : excelSerialFromDay(day)),
  money: (value) => value,
};

export const RICH_VALUES: ExcelValues = {
  rich: true,
  rate: (value) => formatted(value, rateFormat(value)),
  date: (day) => (day === null ? "" : formatted(excelSerialFromDay(day), DATE_FORMAT)),
  money: (value, currency) => {
    const format = moneyFormat(currency);
    return format === null ? value : formatted(value, format);
  },
};

/** The values for this host. */
export function excelValues(): ExcelValues {
  return dataTypesSupported() ? RICH_VALUES : PLAIN_VALUES;
}
