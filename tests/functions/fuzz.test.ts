// Hostile arguments for every DUTY.* function, on top of adapter.test.ts's fuzz: values shaped like Excel
// errors and data types, 100 000-character strings, deeply nested and very wide arrays, markup, formula
// injection, and Unicode that normalises, reverses or hides. Whatever comes in, a call returns a value or
// throws a CustomFunctions.Error with a reason; nothing else is thrown, and every input is bounded so that
// nothing can hang. The functions are found through Microsoft's metadata generator, so a function added to
// functions.ts is fuzzed here without anyone listing it.
import fc from "fast-check";
import { IFunction } from "custom-functions-metadata";
import { CustomFunctionError, ERROR_CODE_VALUES, installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { GeneratedMetadata, associateGenerated, generateFunctionsMetadata } from "../support/functionsMetadata";
import * as fns from "../../src/functions/functions";

const registry = installCustomFunctionsRuntime();
const MAX_MESSAGE = 255;
/** Random runs per function; FUZZ_RUNS=2000 for a longer search. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let metadata: GeneratedMetadata;
let functions: IFunction[] = [];

beforeAll(async () => {
  metadata = await generateFunctionsMetadata();
  expect(metadata.errors).toEqual([]);
  functions = metadata.json.functions;
  associateGenerated(metadata, fns as Record<string, unknown>);
  // "Today" inside the table's coverage, so that empty dates reach the engine.
  jest.useFakeTimers({ now: new Date("2025-09-15T16:00:00Z"), doNotFake: ["nextTick", "setImmediate"] });
});

afterAll(() => {
  jest.useRealTimers();
  metadata?.cleanup();
});

// ---------------------------------------------------------------- the hostile catalogue (built once)

const HUGE = 100_000;

const hugeStrings: Record<string, string> = {
  digits: "9".repeat(HUGE),
  letters: "A".repeat(HUGE),
  spaces: " ".repeat(HUGE),
  nul: "\u0000".repeat(HUGE),
  emoji: "😀".repeat(HUGE / 2),
  "lone surrogates": "\uD83D".repeat(HUGE),
  "combining marks": `C${"\u0301".repeat(HUGE)}N`,
  markup: "<script>alert(1)</script>".repeat(HUGE / 25),
  semicolons: ";".repeat(HUGE),
  "repeated claim": "USMCA;".repeat(HUGE / 6),
  "huge metal share": `steel=${"9".repeat(HUGE)}%`,
  "huge loading date": `loaded=${"1".repeat(HUGE)}`,
  "dotted code": "84.".repeat(HUGE / 3),
  "date with a tail": "2025-04-15".padEnd(HUGE, "0"),
  "keyword-like": `steel ${"a".repeat(HUGE)}`,
  "amount-like": `1,${"000,".repeat(HUGE / 4)}00`,
  "quantity-like": `${"9".repeat(HUGE)} kg`,
};

const text: unknown[] = [
  "",
  " ",
  "\t\r\n",
  "<img src=x onerror=alert(1)>",
  "<b>CN</b>",
  "=cmd|' /C calc'!A0",
  "=1+1",
  "+CN",
  "@SUM(A1)",
  "${7*7}",
  "{{constructor.constructor('return 1')()}}",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "\u202ENC",
  "C\u200BN",
  "\uFEFFCN",
  "ＣＮ",
  "Ｃｈｉｎａ",
  "ｓｔｅｅｌ",
  "İSTANBUL",
  "ß",
  "ﬀ",
  "🇨🇳",
  "９５０３",
  "٩٥٠٣",
  "9503\u00A0",
  "9503\r\n",
  "CN\u0000",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-0",
  "1e5",
  "0x2513",
  "2025-02-29",
  "2025-04-15T00:00:00Z",
  "15/04/2025",
  "45762",
  "USMCA",
  "final;net",
  "entry, final",
  "loaded=",
  "loaded=2025-13-01",
  "steel=101%",
  "steel=-5%",
  "steel=40%;steel=50%",
  "fx=0",
  "fx=-1",
  "fx=1e308",
  "duty=1e400%",
  "vat=NaN",
  "100 kg",
  "-100 kg",
  "1e309 kg",
  "Infinity each",
  "0 kg",
  "ocean",
  "teleport",
];

const numbers: unknown[] = [
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  -1,
  0.5,
  1e21,
  9503,
  901210020,
  45762,
  60,
  61,
  2958465,
  2958466,
  1e15,
];

/** Shapes of Excel errors and data types, and objects Excel would never pass but that must not crash anything. */
function objects(): unknown[] {
  const throwing = () => {
    throw new Error("coerced");
  };
  return [
    ...Object.values(ERROR_CODE_VALUES).map((code) => new CustomFunctions.Error(code as CustomFunctions.ErrorCode, "an error from another cell")),
    new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable),
    { valueType: "CustomFunctionError", code: "#N/A", message: "serialised error" },
    { type: "Error", basicType: "Error", basicValue: "#DIV/0!", errorType: "Div0" },
    { type: "Error", basicValue: "#BUSY!", errorType: "Busy" },
    { type: "Entity", text: "China", properties: { Code: { type: "String", basicValue: "CN" } } },
    { type: "FormattedNumber", basicValue: 45762, numberFormat: "yyyy-mm-dd" },
    { type: "Double", basicValue: 9503 },
    { type: "String", basicValue: "CN" },
    { type: "Boolean", basicValue: true },
    new Error("a JavaScript error"),
    new Date("2025-04-15T00:00:00Z"),
    Object.create(null),
    { toString: throwing, valueOf: throwing },
    { [Symbol.toPrimitive]: throwing },
    { length: 1e9 },
    () => "CN",
    Symbol("CN"),
    9503n,
  ];
}

function arrays(): unknown[] {
  let deep: unknown = "CN";
  for (let i = 0; i < 10_000; i++) deep = [deep];
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);
  return [
    [],
    [[]],
    [["CN"]],
    [[9503]],
    [
      ["CN", "MX"],
      ["CA", "JP"],
    ],
    [
      [null, 0],
      [NaN, "x"],
    ],
    deep,
    cyclic,
    Array.from({ length: 1000 }, () => Array<string>(100).fill("CN")),
    Object.assign([["CN"]], { extra: "property" }),
  ];
}

let hostileCache: { label: string; value: unknown }[] | null = null;
function hostile(): { label: string; value: unknown }[] {
  hostileCache ??= [
    ...Object.entries(hugeStrings).map(([label, value]) => ({ label: `100k ${label}`, value })),
    ...text.map((value) => ({ label: JSON.stringify(value), value })),
    ...numbers.map((value) => ({ label: String(value), value })),
    ...[true, false, null, undefined].map((value) => ({ label: String(value), value })),
    ...objects().map((value, i) => ({ label: `object #${i}`, value })),
    ...arrays().map((value, i) => ({ label: `array #${i}`, value })),
  ];
  return hostileCache;
}

/** A valid value for each parameter name, so that a call with one hostile argument gets past the others. */
const VALID: Record<string, unknown> = {
  value: 1000,
  country: "CN",
  sector: "9503.00.00",
  date: 45762,
  start: 45658,
  end: 46076,
  freight: null,
  insurance: null,
  quantity: null,
  importer: null,
  mode: null,
  options: null,
  // DUTY.COMPARE, MAXPRICE, ETR (issue 14)
  origins: "CN, VN",
  target: 3000,
  values: [[1000], [2000]],
  countries: [["CN"], ["VN"]],
  sectors: [["9503.00.00"], ["steel"]],
};

/** Plausible values, for the random runs to go deep into the engine. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  value: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(0, 1000, "1,234.50", "12.5")),
  country: fc.constantFrom("CN", "China", "MX", "CA", "DE", "GB", "JP", "VN", "KR", "US", "EU"),
  sector: fc.constantFrom("9503.00.00", 9503, 901210020, "8471.30.01", "7208.39.00", "steel", "toys", "0201.30.00", "8703.23.01", "1201.90"),
  date: fc.oneof(fc.integer({ min: 45600, max: 46150 }), fc.constantFrom(null, 0, "2025-04-15", "2026-01-05")),
  start: fc.integer({ min: 45658, max: 46076 }),
  end: fc.constantFrom(null, 0, 46076, "2026-02-23"),
  freight: fc.constantFrom(null, 0, 150, "80.00"),
  insurance: fc.constantFrom(null, 0, 12.5),
  quantity: fc.constantFrom(null, 10, "100 kg", "20000 each", "5 doz."),
  importer: fc.constantFrom(null, "US", "CN", "GB", "CA", "DE", "FR"),
  mode: fc.constantFrom(null, "ocean", "air", "truck", "rail", "postal"),
  options: fc.constantFrom(null, "final", "net", "USMCA", "steel=40%", "loaded=2025-04-01", "fx=1.15", "formal", "vat=9%", "duty=4%", "metal=40%"),
  origins: fc.constantFrom("CN, VN, MX", [["CN"], ["MX"]], [["CA", "China"]], "CN,CN", "EU", [[""]]),
  target: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(0, 50, 3000, "2,500.00")),
  values: fc.constantFrom([[1000]], [[0]], [[1000], [null]], [["1,000"], [2000]], 500),
  countries: fc.constantFrom([["CN"]], [["AU"]], [["CN"], ["VN"]], "CN"),
  sectors: fc.constantFrom([["9503.00.00"]], [["0201.10.05"]], [["steel"], ["toys"]], "9503"),
};

const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...[...text, ...numbers, true, false, null]),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.double(),
  fc.anything({ maxDepth: 3, maxKeys: 4, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true }),
);

// ---------------------------------------------------------------- judging a call as Excel would

const ALLOWED_CODES = [ERROR_CODE_VALUES.invalidValue, ERROR_CODE_VALUES.notAvailable] as string[];
/** DUTY.ETR of a book worth nothing is #DIV/0!, as Excel's own AVERAGE of nothing is. */
const ALSO_ALLOWED: Record<string, string[]> = { ETR: [ERROR_CODE_VALUES.divisionByZero] };

function problemWithCell(cell: unknown): string | null {
  if (cell instanceof CustomFunctionError) {
    if (!ALLOWED_CODES.includes(cell.code)) return `a cell error ${cell.code}`;
    return cell.message.length > 0 ? null : "a cell error without a message";
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? null : `a non-finite cell ${cell}`;
  return typeof cell === "string" || typeof cell === "boolean" ? null : `a cell of type ${typeof cell}`;
}

/** Null when the call behaved as Excel needs; otherwise what went wrong. */
function problemWith(f: IFunction, args: readonly unknown[]): string | null {
  const r = registry.invoke(f.id, args);
  if (r.kind === "unexpected") return `threw something Excel cannot show: ${String(r.thrown instanceof Error ? r.thrown.stack : r.thrown)}`;
  if (r.kind === "error") {
    if (!(r.error instanceof CustomFunctions.Error)) return "an error that is not a CustomFunctions.Error";
    if (!ALLOWED_CODES.includes(r.code) && !(ALSO_ALLOWED[f.id] ?? []).includes(r.code)) return `error code ${r.code}`;
    if (r.message.trim() === "") return "an error without a message";
    if (r.message.length > MAX_MESSAGE) return `a message of ${r.message.length} characters`;
    // excel() turns a crash into #VALUE! "DutyDesk internal error: …": still a defect.
    if (/internal error/.test(r.message)) return `a crash: ${r.message}`;
    return null;
  }
  if (f.result?.dimensionality === "matrix") {
    if (!Array.isArray(r.value) || r.value.length === 0) return "a matrix result that is not a non-empty array";
    const rows = r.value as unknown[];
    const width = Array.isArray(rows[0]) ? rows[0].length : -1;
    for (const row of rows) {
      if (!Array.isArray(row) || row.length !== width) return "a ragged matrix";
      for (const cell of row) {
        const p = problemWithCell(cell);
        if (p) return p;
      }
    }
    return null;
  }
  // RATE's card is its title as text on a host without data types (this sweep runs without office.js).
  if (f.id === "RATE") return typeof r.value === "string" && r.value.length > 0 ? null : `a ${typeof r.value} result ${String(r.value)}`;
  return typeof r.value === "number" && Number.isFinite(r.value) ? null : `a ${typeof r.value} result ${String(r.value)}`;
}

function describeArgs(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "string") return a.length > 40 ? `"${a.slice(0, 20)}…" (${a.length} chars)` : JSON.stringify(a);
      if (Array.isArray(a)) return `array(${a.length})`;
      if (typeof a === "bigint" || typeof a === "symbol") return a.toString();
      return typeof a === "object" && a !== null ? "object" : String(a);
    })
    .join(", ");
}

// ---------------------------------------------------------------- the tests

describe("every function is fuzzed", () => {
  test("the generated metadata has the DUTY functions, each associated", () => {
    expect(functions.map((f) => f.id)).toEqual(expect.arrayContaining(["TARIFF", "BREAKDOWN", "HISTORY", "VERSION"]));
    for (const f of functions) expect(registry.functions.has(f.id.toUpperCase())).toBe(true);
    for (const f of functions) for (const p of f.parameters) expect(Object.keys(VALID)).toContain(p.name);
  });
});

describe("every hostile value in every argument position", () => {
  // One test per function, so that each has its own time limit; the catalogue is the same for all.
  test.each([
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
  ])("%s", (id) => {
    const f = functions.find((x) => x.id === id);
    if (!f) return; // not (yet) in functions.ts
    const failures: string[] = [];
    const base = f.parameters.map((p) => VALID[p.name]);
    expect(problemWith(f, base)).toBeNull();
    f.parameters.forEach((p, i) => {
      for (const { label, value } of hostile()) {
        const args = [...base];
        args[i] = value;
        const problem = problemWith(f, args);
        if (problem) failures.push(`${f.id} ${p.name} = ${label}: ${problem}`);
      }
    });
    expect(failures).toEqual([]);
  });

  test("no function is left out of the sweep above", () => {
    const swept = [
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
    ];
    expect(functions.map((f) => f.id).filter((id) => !swept.includes(id))).toEqual([]);
  });

  test("an argument list of the wrong length (more, fewer, none) is still answered", () => {
    for (const f of functions) {
      const base = f.parameters.map((p) => VALID[p.name]);
      for (const args of [[], base.slice(0, 1), [...base, "extra", 1, null], Array<unknown>(50).fill(hugeStrings.letters)]) {
        expect({ id: f.id, n: args.length, problem: problemWith(f, args) }).toEqual({ id: f.id, n: args.length, problem: null });
      }
    }
  });
});

describe("random mixes of plausible and hostile arguments", () => {
  test.each([
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
  ])("%s", (id) => {
    const f = functions.find((x) => x.id === id);
    if (!f) return;
    const catalogue = fc.constantFrom(...hostile().map((h) => h.value));
    const argument = (name: string) =>
      fc.oneof({ arbitrary: plausible[name] ?? anything, weight: 4 }, { arbitrary: anything, weight: 2 }, { arbitrary: catalogue, weight: 1 });
    fc.assert(
      fc.property(fc.tuple(...f.parameters.map((p) => argument(p.name))), (args) => {
        const problem = problemWith(f, args);
        if (problem) throw new Error(`${f.id}(${describeArgs(args)}): ${problem}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe("quoted input stays short and inert", () => {
  test("a 100 000-character argument comes back clipped in a message of at most 255 characters", () => {
    for (const f of functions) {
      f.parameters.forEach((_p, i) => {
        const args = f.parameters.map((q) => VALID[q.name]);
        args[i] = hugeStrings.markup;
        const r = registry.invoke(f.id, args);
        if (r.kind === "error") expect(r.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
      });
    }
  });
});
