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

/**
 * gated() for a cell whose failure is an Excel error value: the body hands back its CustomFunctions.Error and
 * the cell returns it rather than throwing it. Excel's runtime takes a returned CustomFunctions.Error as the
 * cell's error, message included, exactly as a thrown one (office.js custom-functions-runtime,
 * CustomFunctionProxy._setResultWithOutboundData: a result that is a CustomFunctionError is sent as its
 * toJSON(), as data types are). A throw costs microseconds (V8 records where it was thrown), which a column
 * of error cells would pay on every recalculation; the kept error objects cost nothing to return.
 */
export function gatedCell<T>(body: () => T | CustomFunctions.Error): T | CustomFunctions.Error | Promise<T | CustomFunctions.Error> {
  return gated(body);
}
