// The fake CustomFunctions runtime against the typings it claims to implement. The compile-time checks are in
// customFunctionsRuntime.ts (`satisfies`); these read the .d.ts itself, so they also catch a value the fake
// and a hand-edited type could agree on by mistake.
import * as fs from "fs";
import * as ts from "typescript";
import { CustomFunctionError, ERROR_CODE_VALUES, installCustomFunctionsRuntime, uninstallCustomFunctionsRuntime } from "./customFunctionsRuntime";

const TYPINGS = require.resolve("@types/custom-functions-runtime/index.d.ts");

/** enum ErrorCode { key = "value", ... } inside `declare namespace CustomFunctions`, read with the TypeScript parser. */
function declaredErrorCodes(): Record<string, string> {
  const source = ts.createSourceFile(TYPINGS, fs.readFileSync(TYPINGS, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Record<string, string> = {};
  let enums = 0;
  const visit = (node: ts.Node, inNamespace: boolean): void => {
    if (ts.isModuleDeclaration(node) && node.name.getText(source) === "CustomFunctions") {
      ts.forEachChild(node, (c) => visit(c, true));
      return;
    }
    if (inNamespace && ts.isEnumDeclaration(node) && node.name.text === "ErrorCode") {
      enums++;
      for (const m of node.members) {
        if (!m.initializer || !ts.isStringLiteral(m.initializer)) throw new Error(`ErrorCode.${m.name.getText(source)} is not a string literal`);
        found[m.name.getText(source)] = m.initializer.text;
      }
      return;
    }
    ts.forEachChild(node, (c) => visit(c, inNamespace));
  };
  visit(source, false);
  if (enums !== 1) throw new Error(`expected one CustomFunctions.ErrorCode enum in ${TYPINGS}, found ${enums}`);
  return found;
}

afterAll(() => uninstallCustomFunctionsRuntime());

describe("ErrorCode", () => {
  const declared = declaredErrorCodes();

  test("the typings declare the seven documented codes", () => {
    expect(declared).toEqual({
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    });
  });

  test("the installed fake has exactly the declared keys with the declared values", () => {
    installCustomFunctionsRuntime();
    expect({ ...CustomFunctions.ErrorCode }).toEqual(declared);
    expect(ERROR_CODE_VALUES).toEqual(declared);
  });

  test("is frozen, like an enum object nobody should write to", () => {
    installCustomFunctionsRuntime();
    expect(Object.isFrozen(CustomFunctions.ErrorCode)).toBe(true);
  });
});

describe("Error", () => {
  beforeEach(() => installCustomFunctionsRuntime());

  test("keeps code and message, and is the class on the global", () => {
    const e = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "no data");
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    expect(e).toBeInstanceOf(CustomFunctionError);
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("no data");
  });

  test("is a JS Error, as Excel's CustomFunctionError is", () => {
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue)).toBeInstanceOf(Error);
  });

  test('without a message has message "" (Excel\'s runtime: errorMessage || "")', () => {
    expect(new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue).message).toBe("");
  });

  test("Excel shows a custom message only with #VALUE! and #N/A", () => {
    const json = (code: CustomFunctions.ErrorCode) => (new CustomFunctions.Error(code, "why") as CustomFunctionError).toJSON().message;
    expect(json(CustomFunctions.ErrorCode.invalidValue)).toBe("why");
    expect(json(CustomFunctions.ErrorCode.notAvailable)).toBe("why");
    expect(json(CustomFunctions.ErrorCode.divisionByZero)).toBeUndefined();
    expect(json(CustomFunctions.ErrorCode.invalidNumber)).toBeUndefined();
  });

  test("a plain Error is not a CustomFunctions.Error", () => {
    expect(new Error("x")).not.toBeInstanceOf(CustomFunctions.Error);
  });
});

describe("associate", () => {
  test("records id → function, upper-casing ids as Excel does", () => {
    const registry = installCustomFunctionsRuntime();
    const f = () => 1;
    CustomFunctions.associate("tariff", f);
    expect([...registry.functions]).toEqual([["TARIFF", f]]);
    expect(registry.calls).toEqual([["tariff", f]]);
  });

  test("accepts a mapping object", () => {
    const registry = installCustomFunctionsRuntime();
    const a = () => 1;
    const b = () => 2;
    CustomFunctions.associate({ A1X: a, b2y: b });
    expect([...registry.functions.keys()]).toEqual(["A1X", "B2Y"]);
    expect(registry.functions.get("B2Y")).toBe(b);
  });

  test("a duplicate id replaces the function with a warning; bad arguments are ignored with a warning", () => {
    const registry = installCustomFunctionsRuntime();
    const a = () => 1;
    const b = () => 2;
    CustomFunctions.associate("X.Y", a);
    CustomFunctions.associate("x.y", b);
    (CustomFunctions.associate as (...args: unknown[]) => void)("Z", "not a function");
    expect(registry.functions.get("X.Y")).toBe(b);
    expect(registry.functions.has("Z")).toBe(false);
    expect(registry.warnings).toEqual(["[DuplicatedName] Function=x.y", "[InvalidArg] Function=associate"]);
  });

  test("installing again empties the registry", () => {
    CustomFunctions.associate("Q", () => 0);
    const registry = installCustomFunctionsRuntime();
    expect(registry.functions.size).toBe(0);
  });
});

describe("invoke: what Excel makes of a call", () => {
  test("a value, a CustomFunctions.Error, anything else thrown, and NaN/Infinity", () => {
    const registry = installCustomFunctionsRuntime();
    CustomFunctions.associate({
      OK: () => 2,
      NA: () => {
        throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "gone");
      },
      BOOM: () => {
        throw new TypeError("x is undefined");
      },
      NAN: () => NaN,
    });
    expect(registry.invoke("ok", [])).toEqual({ kind: "value", value: 2 });
    expect(registry.invoke("NA", [])).toMatchObject({ kind: "error", code: "#N/A", message: "gone" });
    expect(registry.invoke("BOOM", [])).toMatchObject({ kind: "unexpected" });
    expect(registry.invoke("NAN", [])).toMatchObject({ kind: "unexpected" });
    expect(() => registry.invoke("MISSING", [])).toThrow(/no function associated/);
  });

  test("a returned CustomFunctions.Error is the cell's error, as a thrown one is", () => {
    // office.js: _setResultWithOutboundData sends a CustomFunctionError result as its toJSON(), an error value.
    const registry = installCustomFunctionsRuntime();
    CustomFunctions.associate("NA", () => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "gone"));
    expect(registry.invoke("NA", [])).toMatchObject({ kind: "error", code: "#N/A", message: "gone" });
  });
});
