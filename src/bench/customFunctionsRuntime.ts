/*
 * The smallest `CustomFunctions` global the built functions bundle needs in Node: `associate`, `Error` and
 * `ErrorCode`, as Excel's runtime provides them. It is a copy of the parts of
 * tests/support/customFunctionsRuntime.ts the benchmark uses (src never imports from tests); that file is
 * the one type-checked against @types/custom-functions-runtime and tested, so change both together.
 */

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type ErrorCodeValue = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Excel's CustomFunctionError: an Error subclass with a code, #VALUE! when none is given. */
export class CustomFunctionError extends Error {
  readonly code: ErrorCodeValue;

  constructor(code?: ErrorCodeValue, message?: string) {
    super(message || "");
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = code || ERROR_CODES.invalidValue;
  }
}

export interface BenchRuntime {
  readonly associate: (idOrMappings: string | Record<string, unknown>, fn?: unknown) => void;
  readonly Error: typeof CustomFunctionError;
  readonly ErrorCode: typeof ERROR_CODES;
  /** Associated functions by upper-cased id. */
  readonly functions: Map<string, (...args: unknown[]) => unknown>;
}

export function createCustomFunctionsRuntime(): BenchRuntime {
  const functions = new Map<string, (...args: unknown[]) => unknown>();
  const associate = (idOrMappings: string | Record<string, unknown>, fn?: unknown): void => {
    if (typeof idOrMappings === "object" && idOrMappings !== null) {
      for (const [id, f] of Object.entries(idOrMappings)) associate(id, f);
      return;
    }
    // Excel only warns about invalid arguments; so does nothing here.
    if (typeof idOrMappings === "string" && typeof fn === "function") functions.set(idOrMappings.toUpperCase(), fn as (...args: unknown[]) => unknown);
  };
  return { associate, Error: CustomFunctionError, ErrorCode: ERROR_CODES, functions };
}
