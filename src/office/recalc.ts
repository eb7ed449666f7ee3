import { RecalcMode } from "../workbook/workbookPort";
import { API, excelApi } from "./host";

/**
 * Makes Excel recompute DUTY cells after the table changed.
 *
 * Custom functions depend on their arguments only; a new rate table changes no cell, so Excel's
 * dependency tree never marks them dirty and an ordinary recalculation ("Recalculate", F9) keeps the old
 * values. Something must mark them dirty:
 *  - the sheets that hold DUTY formulas: Worksheet.calculate(markAllDirty = true) (ExcelApi 1.6)
 *    recomputes every formula of those sheets and nothing in other sheets or other open workbooks;
 *    then Application.calculate("Recalculate") settles formulas elsewhere that depend on them;
 *  - when the DUTY sheets are unknown (scan truncated) or the API is missing: a full recalculation
 *    (Application.calculate("Full")), which recomputes everything in every open workbook; correct, slower.
 * Each co-author's Excel recalculates for itself, so a remote pin change triggers the same on their side.
 */
export async function recalculateDutyCells(context: Excel.RequestContext, dutySheets: readonly string[] | null): Promise<RecalcMode> {
  const app = context.workbook.application;
  if (dutySheets !== null && excelApi(API.sheetCalculate)) {
    for (const name of dutySheets) context.workbook.worksheets.getItem(name).calculate(true);
    app.calculate("Recalculate");
    await context.sync();
    return "sheets";
  }
  app.calculate("Full");
  await context.sync();
  return "full";
}
