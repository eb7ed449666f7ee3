import { TableUnavailableError, tableForCall } from "../runtime/tableStore";
import { excel, toExcelError } from "./excelResults";

/**
 * Every DUTY.* adapter runs its body through here: at once when the table is ready (a plain value, so a
 * recalculation of thousands of cells costs no promise each), after the pinned release has loaded while
 * it is loading (custom functions may return a promise; Excel shows #BUSY! meanwhile), and never when the
 * workbook's pinned release is not available here: then the cell is #N/A with the reason.
 *
 * Why #N/A and not #BUSY! on timeout: a custom function cannot return #BUSY! (it is Excel's own state
 * while a promise is pending, CustomFunctions.ErrorCode has no such code) and it carries no message;
 * #N/A with a message says what is missing, and the session recalculates the cell once the release is in.
 */
export function gated<T>(body: () => T): T | Promise<T> {
  const t = tableForCall();
  if (t instanceof TableUnavailableError) throw toExcelError("notAvailable", t.message);
  if (t instanceof Promise)
    return t.then(
      () => excel(body),
      (e: unknown) => {
        throw toExcelError("notAvailable", e instanceof Error ? e.message : String(e));
      },
    );
  return excel(body);
}
