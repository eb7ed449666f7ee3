import type { TariffFailure } from "../requests/tariffTotal";
import { toExcelError } from "./excelResults";

/**
 * The Excel error for a failure object, made once per object. The request layer and the engine keep their
 * failures (the same object for the same cause), so a column of 10 000 cells with one unknown code throws
 * one CustomFunctions.Error 10 000 times instead of building two Errors with stack traces per cell.
 */
const made = new WeakMap<TariffFailure, CustomFunctions.Error>();

export function excelErrorOf(failure: TariffFailure): CustomFunctions.Error {
  let e = made.get(failure);
  if (e === undefined) {
    e = "kind" in failure ? toExcelError(failure.kind, failure.message) : toExcelError("invalid", failure.message);
    made.set(failure, e);
  }
  return e;
}
