import { LookupError, Outcome } from "../engine";
import { Read } from "../requests/read";
import { TableUnavailableError } from "../runtime/tableStore";

/**
 * Engine answers out as Excel values. A missing answer is always a real Excel error with a message:
 * #VALUE! for input that cannot be read, #N/A for a well-formed question the table cannot answer.
 */
export class ExcelFailure extends Error {
  constructor(
    readonly kind: LookupError["kind"],
    message: string,
  ) {
    super(message);
  }
}

export function need<T>(read: Read<T>): T {
  if (!read.ok) throw new ExcelFailure("invalid", read.message);
  return read.value;
}

export function answer<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new ExcelFailure(outcome.error.kind, outcome.error.message);
  return outcome.value;
}

// Excel shows custom error messages in a tooltip; keep them to one readable sentence.
const MAX_MESSAGE = 255;

export function toExcelError(kind: LookupError["kind"], message: string): CustomFunctions.Error {
  const code = kind === "invalid" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
  const text = message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 1) + "…" : message;
  // A cell's error is a value, not a fault to debug: recording the stack (CustomFunctions.Error is an Error)
  // took most of the time of a first calculation's error cells. Error.stackTraceLimit is honoured by V8
  // (Edge WebView2, Chrome) and JavaScriptCore (Excel on Mac); elsewhere setting it does nothing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new CustomFunctions.Error(code, text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Runs an adapter body and converts every failure into a CustomFunctions.Error, so that nothing else is
 * ever thrown into Excel (an unexpected exception would surface as a bare #VALUE! with no reason).
 */
export function excel<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw excelErrorFrom(e);
  }
}

/** What excel() makes of anything thrown: the CustomFunctions.Error to show, with the reason. */
export function excelErrorFrom(e: unknown): CustomFunctions.Error {
  if (e instanceof ExcelFailure) return toExcelError(e.kind, e.message);
  if (e instanceof CustomFunctions.Error) return e;
  // The workbook's pinned release is not available (src/runtime/tableStore.ts): #N/A with the reason.
  if (e instanceof TableUnavailableError) return toExcelError("notAvailable", e.message);
  const detail = e instanceof Error ? e.message : String(e);
  return toExcelError("invalid", `DutyDesk internal error: ${detail}`);
}

/** A cell of a spilled result: numbers and text as they are, unknown numbers as #N/A (never 0). */
export function cellNumber(value: number | null, what: string): number | CustomFunctions.Error {
  return value === null ? toExcelError("notAvailable", `${what} unknown`) : value;
}
