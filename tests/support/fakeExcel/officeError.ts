/**
 * Errors as office.js raises them (OfficeExtension.Error): a `code` from OfficeExtension.ErrorCodes /
 * Excel.ErrorCodes, Office's own message text, and `debugInfo.errorLocation`. The codes used are checked
 * against @types/office-js below, so a renamed code breaks compilation.
 */
export const ERROR_CODES = {
  propertyNotLoaded: "PropertyNotLoaded",
  itemNotFound: "ItemNotFound",
  itemAlreadyExists: "ItemAlreadyExists",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  generalException: "GeneralException",
} as const;

// Each value must be one of the declared Excel.ErrorCodes (or OfficeExtension.ErrorCodes for PropertyNotLoaded).
type ExcelCode = `${Excel.ErrorCodes}`;
const declared: { readonly [K in Exclude<keyof typeof ERROR_CODES, "propertyNotLoaded">]: ExcelCode } = ERROR_CODES;
void declared;
const officeExtensionCodes: Pick<typeof OfficeExtension.ErrorCodes, "propertyNotLoaded"> | null = null;
void officeExtensionCodes;

export const MESSAGES = {
  propertyNotLoaded: (p: string) =>
    `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  itemNotFound: "The requested resource doesn't exist.",
  itemAlreadyExists: "A resource with the same name or identifier already exists.",
  invalidArgument: "The argument is invalid or missing or has an incorrect format.",
  dimensions: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
} as const;

export class FakeOfficeError extends Error {
  readonly debugInfo: { errorLocation?: string; code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}
