/*
 * An in-memory `CustomFunctions` global for Node tests, modelled on Excel's own runtime
 * (node_modules/@microsoft/office-js/dist/custom-functions-runtime.debug.js) and type-checked against
 * @types/custom-functions-runtime, so that a change in either the typings or this fake breaks compilation.
 *
 * What it reproduces of the real runtime:
 *  - `ErrorCode`: the seven string codes, with exactly the values the typings declare.
 *  - `Error`: a subclass of the JS Error (as Excel's CustomFunctionError is), `code` defaulting to
 *    #VALUE! when falsy, `message` "" when not given, `toJSON()` dropping the message for codes that
 *    cannot carry one (only #VALUE! and #N/A show custom messages).
 *  - `associate(id, fn)` / `associate(mappings)`: ids are upper-cased, a duplicate id replaces the earlier
 *    function (Excel only warns), invalid arguments are ignored (Excel only warns), never a throw.
 *  - `invoke(id, args)`: what Excel makes of a call, after `_invokeFunctionAndSetResult` /
 *    `_setResultWithOutboundData`: a thrown or returned CustomFunctions.Error becomes that error (a
 *    returned one is sent as its toJSON(), as data types are), anything else thrown becomes a bare #VALUE!
 *    without message; a returned NaN or ±Infinity is a failure too.
 */

/** `{ invalidValue: "#VALUE!", ... }` computed from the typings: the template literal yields each member's value. */
type DeclaredErrorCodeValues = { readonly [K in keyof typeof CustomFunctions.ErrorCode]: `${(typeof CustomFunctions.ErrorCode)[K]}` };

/**
 * `satisfies` makes the compiler check this literal against the declared enum: a missing key, an extra key
 * or a different value in @types/custom-functions-runtime fails compilation (ts-jest reports it).
 */
export const ERROR_CODE_VALUES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const satisfies DeclaredErrorCodeValues;

// The reverse direction of the key check (the literal has no key the typings lack) is done by `satisfies`
// on an object literal; this line additionally proves both key sets are equal as types.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatch: Exact<keyof typeof ERROR_CODE_VALUES, keyof typeof CustomFunctions.ErrorCode> = true;
void keysMatch;

/**
 * A declared (ambient) enum has no runtime object and string enums are nominal, so the object above is
 * cast once here; its values were checked member by member by `satisfies` above.
 */
const ErrorCode = Object.freeze({ ...ERROR_CODE_VALUES }) as unknown as typeof CustomFunctions.ErrorCode;

/** Codes whose custom message Excel displays (the typings: "A custom error message can't be used" for the rest). */
const CODES_WITH_MESSAGE: ReadonlySet<string> = new Set<string>([ERROR_CODE_VALUES.invalidValue, ERROR_CODE_VALUES.notAvailable]);

class CustomFunctionError extends globalThis.Error {
  code: CustomFunctions.ErrorCode;

  constructor(code: CustomFunctions.ErrorCode, message?: string) {
    super(message || "");
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = code || ErrorCode.invalidValue;
  }

  /** What Excel receives: the message only for #VALUE! and #N/A, and only when not empty. */
  toJSON(): { valueType: "CustomFunctionError"; code: CustomFunctions.ErrorCode; message: string | undefined } {
    const message = CODES_WITH_MESSAGE.has(this.code) && this.message !== "" ? this.message : undefined;
    return { valueType: "CustomFunctionError", code: this.code, message };
  }
}

export interface Registry {
  /** Associated functions by upper-cased id, in association order. */
  readonly functions: Map<string, Function>;
  /** Every associate() call as made (arguments before normalisation), including ignored ones. */
  readonly calls: unknown[][];
  /** Warnings Excel would print with console.warn (duplicate id, invalid arguments). */
  readonly warnings: string[];
  /** Calls the function registered under `id` (case-insensitive) and reports what Excel would show. */
  invoke(id: string, args: readonly unknown[]): Invocation;
  clear(): void;
}

export type Invocation =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "error"; readonly code: CustomFunctions.ErrorCode; readonly message: string; readonly error: CustomFunctions.Error }
  /** Something other than a CustomFunctions.Error was thrown, or NaN/Infinity returned: Excel shows a bare error. */
  | { readonly kind: "unexpected"; readonly thrown: unknown };

function createRegistry(): Registry {
  const functions = new Map<string, Function>();
  const calls: unknown[][] = [];
  const warnings: string[] = [];
  return {
    functions,
    calls,
    warnings,
    invoke(id, args) {
      const fn = functions.get(id.toUpperCase());
      if (!fn) throw new globalThis.Error(`no function associated with id ${id}`);
      let result: unknown;
      try {
        result = fn(...args);
      } catch (e) {
        if (e instanceof CustomFunctionError) return { kind: "error", code: e.code, message: e.message, error: e };
        return { kind: "unexpected", thrown: e };
      }
      // As office.js's runtime does (CustomFunctionProxy._setResultWithOutboundData): a returned error is the cell's error.
      if (result instanceof CustomFunctionError) return { kind: "error", code: result.code, message: result.message, error: result };
      if (typeof result === "number" && !Number.isFinite(result)) return { kind: "unexpected", thrown: result };
      return { kind: "value", value: result };
    },
    clear() {
      functions.clear();
      calls.length = 0;
      warnings.length = 0;
    },
  };
}

function createRuntime(registry: Registry) {
  function associate(id: string, functionObject: Function): void;
  function associate(mappings: { [key: string]: Function }): void;
  function associate(...args: unknown[]): void {
    registry.calls.push(args);
    associateOne(args);
  }
  function associateOne(args: unknown[]): void {
    const [first, second] = args;
    if (args.length === 1 && typeof first === "object" && first !== null) {
      for (const key in first as Record<string, unknown>) associateOne([key, (first as Record<string, unknown>)[key]]);
      return;
    }
    if (args.length !== 2 || typeof first !== "string" || typeof second !== "function") {
      registry.warnings.push("[InvalidArg] Function=associate");
      return;
    }
    const id = first.toUpperCase();
    if (registry.functions.has(id)) registry.warnings.push(`[DuplicatedName] Function=${first}`);
    registry.functions.set(id, second);
  }

  // Only the declared members: an extra or missing member, or a member of the wrong type, is a compile error.
  const runtime = {
    associate,
    Error: CustomFunctionError,
    ErrorCode,
  } satisfies typeof CustomFunctions;
  return runtime;
}

let installed: { registry: Registry; runtime: typeof CustomFunctions } | null = null;

/**
 * Puts the fake on globalThis.CustomFunctions (once per module registry, i.e. once per Jest test file)
 * and returns its registry. Calling it again returns the same registry, emptied.
 */
export function installCustomFunctionsRuntime(): Registry {
  if (installed === null) {
    const registry = createRegistry();
    installed = { registry, runtime: createRuntime(registry) };
  }
  installed.registry.clear();
  (globalThis as unknown as { CustomFunctions: typeof CustomFunctions }).CustomFunctions = installed.runtime;
  return installed.registry;
}

export function uninstallCustomFunctionsRuntime(): void {
  delete (globalThis as unknown as { CustomFunctions?: unknown }).CustomFunctions;
}

/** The fake's error class, for instanceof checks independent of what is currently on globalThis. */
export { CustomFunctionError };
