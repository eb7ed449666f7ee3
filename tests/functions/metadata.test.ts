// functions.json as Microsoft's generator (custom-functions-metadata, what the webpack plugin runs) makes
// it from the JSDoc in src/functions/functions.ts. Function ids and parameter order are stored in saved
// workbooks, so this pins them; the limits are those of Microsoft's schema for custom function metadata
// (extensionFunction / extensionFunctionParameter in the Microsoft 365 app manifest schema).
import * as fs from "fs";
import { IFunction, IFunctionParameter } from "custom-functions-metadata";
import { GeneratedMetadata, generateFunctionsMetadata } from "../support/functionsMetadata";

const MAX_FUNCTION_DESCRIPTION = 1024;
const MAX_PARAMETER_DESCRIPTION = 512;
const MAX_ID_OR_NAME = 64;
/** Upper case only (ids are case-insensitive in Excel; DutyDesk keeps them upper case), 3 to 64 characters. */
const ID_PATTERN = /^[A-Z][A-Z0-9._]*$/;

let generated: GeneratedMetadata;

beforeAll(async () => {
  generated = await generateFunctionsMetadata();
});

afterAll(() => generated?.cleanup());

function fn(id: string): IFunction {
  const found = generated.json.functions.filter((f) => f.id === id);
  if (found.length !== 1) throw new Error(`expected one function with id ${id}, found ${found.length}`);
  return found[0]!;
}

/** Parameters that take a range (matrix): a scalar parameter given a range would see only one cell. */
const RANGE_PARAMETERS = ["COMPARE.origins", "ETR.values", "ETR.countries", "ETR.sectors"];

const signature = (f: IFunction) => f.parameters.map((p: IFunctionParameter) => (p.optional === true ? `${p.name}?` : p.name));

describe("the generator", () => {
  test("reports no errors", () => {
    expect(generated.errors).toEqual([]);
  });

  test("writes functions.json to a temp directory outside the repository", () => {
    expect(fs.existsSync(generated.file)).toBe(true);
    expect(generated.file.startsWith(process.cwd())).toBe(false);
    expect(generated.json.functions.length).toBeGreaterThan(0);
  });
});

describe("functions", () => {
  test("exactly TARIFF, BREAKDOWN, HISTORY, VERSION, the LANDED family and RATE, in that order", () => {
    expect(generated.json.functions.map((f) => f.id)).toEqual([
      "TARIFF",
      "BREAKDOWN",
      "HISTORY",
      "VERSION",
      "LANDED",
      "LANDED.DUTY",
      "LANDED.FEES",
      "LANDED.TAX",
      "LANDED.DETAIL",
      "COMPARE",
      "MAXPRICE",
      "ETR",
      "RATE",
    ]);
  });

  test("ids and names are upper case, 3 to 64 characters of [A-Z0-9._], and name = id", () => {
    for (const f of generated.json.functions) {
      for (const s of [f.id, f.name]) {
        expect(s).toMatch(ID_PATTERN);
        expect(s.length).toBeGreaterThanOrEqual(3);
        expect(s.length).toBeLessThanOrEqual(MAX_ID_OR_NAME);
      }
      expect(f.name).toBe(f.id);
    }
  });

  test("ids are unique case-insensitively (Excel upper-cases them when associating)", () => {
    const ids = generated.json.functions.map((f) => f.id.toUpperCase());
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every function and parameter has a non-empty description within Microsoft's limits", () => {
    for (const f of generated.json.functions) {
      expect(typeof f.description).toBe("string");
      expect(f.description!.trim().length).toBeGreaterThan(0);
      expect(f.description!.length).toBeLessThanOrEqual(MAX_FUNCTION_DESCRIPTION);
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, description: typeof p.description }).toEqual({ fn: f.id, param: p.name, description: "string" });
        expect(p.description!.trim().length).toBeGreaterThan(0);
        expect(p.description!.length).toBeLessThanOrEqual(MAX_PARAMETER_DESCRIPTION);
        expect(p.name.length).toBeGreaterThanOrEqual(1);
        expect(p.name.length).toBeLessThanOrEqual(MAX_ID_OR_NAME);
      }
    }
  });

  test("no function makes Excel pass an extra argument (invocation or calling object): the adapters take only their parameters", () => {
    const invocationFlags = [
      "stream",
      "cancelable",
      "requiresAddress",
      "requiresParameterAddresses",
      "requiresStreamAddress",
      "requiresStreamParameterAddresses",
      "capturesCallingObject",
    ];
    for (const f of generated.json.functions) {
      const flags = Object.entries(f.options ?? {}).filter(([k, v]) => v === true && invocationFlags.includes(k));
      expect({ id: f.id, flags }).toEqual({ id: f.id, flags: [] });
    }
  });
});

describe("parameters: names, order and optional flags", () => {
  test("TARIFF(country, sector, [date], [importer], [options])", () => {
    expect(signature(fn("TARIFF"))).toEqual(["country", "sector", "date?", "importer?", "options?"]);
  });

  test("BREAKDOWN has the same parameters as TARIFF", () => {
    expect(signature(fn("BREAKDOWN"))).toEqual(["country", "sector", "date?", "importer?", "options?"]);
  });

  test("HISTORY(country, sector, start, [end], [importer], [options])", () => {
    expect(signature(fn("HISTORY"))).toEqual(["country", "sector", "start", "end?", "importer?", "options?"]);
  });

  test("RATE has the same parameters as TARIFF", () => {
    expect(signature(fn("RATE"))).toEqual(["country", "sector", "date?", "importer?", "options?"]);
  });

  test("VERSION() has none", () => {
    expect(fn("VERSION").parameters).toEqual([]);
  });

  test("required parameters carry no optional flag at all, optional ones exactly true", () => {
    for (const f of generated.json.functions) {
      for (const p of f.parameters) expect([undefined, true]).toContain(p.optional);
    }
  });

  test("once a parameter is optional, every later one is too (arguments are positional)", () => {
    for (const f of generated.json.functions) {
      const flags = f.parameters.map((p) => p.optional === true);
      const firstOptional = flags.indexOf(true);
      if (firstOptional >= 0) expect(flags.slice(firstOptional).every(Boolean)).toBe(true);
    }
  });

  test('every parameter is type "any", scalar (but the ranges below), not repeating', () => {
    for (const f of generated.json.functions) {
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, type: p.type, dimensionality: p.dimensionality ?? "scalar", repeating: p.repeating ?? false }).toEqual({
          fn: f.id,
          param: p.name,
          type: "any",
          dimensionality: RANGE_PARAMETERS.includes(`${f.id}.${p.name}`) ? "matrix" : "scalar",
          repeating: false,
        });
      }
    }
  });
});

describe("the decision functions (issue 14)", () => {
  test("COMPARE(sector, origins, [date], [value], [importer], [options]) spills a matrix", () => {
    expect(signature(fn("COMPARE"))).toEqual(["sector", "origins", "date?", "value?", "importer?", "options?"]);
    expect(fn("COMPARE").result?.dimensionality).toBe("matrix");
  });

  test("MAXPRICE takes LANDED's parameters with the target first, and returns a number", () => {
    expect(signature(fn("MAXPRICE"))).toEqual([
      "target",
      "country",
      "sector",
      "date?",
      "freight?",
      "insurance?",
      "quantity?",
      "importer?",
      "mode?",
      "options?",
    ]);
    expect(fn("MAXPRICE").result?.type).toBe("number");
  });

  test("ETR(values, countries, sectors, [date], [importer], [options]) returns a number", () => {
    expect(signature(fn("ETR"))).toEqual(["values", "countries", "sectors", "date?", "importer?", "options?"]);
    expect(fn("ETR").result).toEqual({}); // any: a FormattedNumber percentage where the host has data types
  });
});

describe("results", () => {
  test("TARIFF returns a scalar of any type: a number, or a formatted number where the host has data types", () => {
    expect(fn("TARIFF").result).toEqual({});
  });

  test("functions.json lets functions typed any return data types (allowCustomDataForDataTypeAny)", () => {
    // Microsoft: custom functions return data types only when the metadata sets this; without it Excel
    // would show a formatted number or an entity as #VALUE!.
    expect(generated.json.allowCustomDataForDataTypeAny).toBe(true);
  });

  test.each(["BREAKDOWN", "HISTORY", "VERSION"])("%s returns a matrix", (id) => {
    expect(fn(id).result?.dimensionality).toBe("matrix");
  });
});

describe("associations the webpack plugin will emit", () => {
  test("one per function, id to the exported TypeScript function of the same name in lower case", () => {
    expect(generated.associate.map((a) => [a.id, a.functionName])).toEqual([
      ["TARIFF", "tariff"],
      ["BREAKDOWN", "breakdown"],
      ["HISTORY", "history"],
      ["VERSION", "version"],
      ["LANDED", "landed"],
      ["LANDED.DUTY", "landedDuty"],
      ["LANDED.FEES", "landedFees"],
      ["LANDED.TAX", "landedTax"],
      ["LANDED.DETAIL", "landedDetail"],
      ["COMPARE", "compare"],
      ["MAXPRICE", "maxprice"],
      ["ETR", "etr"],
      ["RATE", "rate"],
    ]);
  });
});
