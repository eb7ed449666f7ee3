/**
 * What the Office host offers. Every Excel feature DutyDesk uses beyond ExcelApi 1.1 is checked here
 * first, so an older Excel degrades (with a message) instead of failing mid-way.
 */
export function excelApi(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
  } catch {
    return false;
  }
}

/** Settings (1.4), Worksheet.calculate (1.6), onChanged events with their source (1.7), workbook-wide onChanged (1.9). */
export const API = {
  settings: "1.4",
  sheetCalculate: "1.6",
  changeEvents: "1.7",
  workbookChangeEvents: "1.9",
} as const;
