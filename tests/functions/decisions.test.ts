// DUTY.COMPARE, DUTY.MAXPRICE and DUTY.ETR called the way Excel calls them: through the functions.json
// Microsoft's generator makes from src/functions/functions.ts, one argument per metadata parameter (null for
// an omitted optional one; a range is a matrix), judged as Excel's runtime judges the result.
import fc from "fast-check";
import { IFunction } from "custom-functions-metadata";
import { CustomFunctionError, Invocation, installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { GeneratedMetadata, associateGenerated, generateFunctionsMetadata } from "../support/functionsMetadata";
import * as fns from "../../src/functions/functions";

const registry = installCustomFunctionsRuntime();
let metadata: GeneratedMetadata;
const byId = new Map<string, IFunction>();

beforeAll(async () => {
  metadata = await generateFunctionsMetadata();
  expect(metadata.errors).toEqual([]);
  for (const f of metadata.json.functions) byId.set(f.id, f);
  associateGenerated(metadata, fns as Record<string, unknown>);
});

afterAll(() => metadata?.cleanup());

function call(id: string, ...given: unknown[]): Exclude<Invocation, { kind: "unexpected" }> {
  const f = byId.get(id)!;
  const args = f.parameters.map((p, i) => (i < given.length ? given[i] : p.optional === true ? null : undefined));
  const r = registry.invoke(id, args);
  if (r.kind === "unexpected") throw new Error(`${id} threw something Excel cannot show: ${String(r.thrown)}`);
  return r;
}

function value(id: string, ...given: unknown[]): unknown {
  const r = call(id, ...given);
  if (r.kind !== "value") throw new Error(`${id} failed: ${r.code} ${r.message}`);
  return r.value;
}

function failure(id: string, ...given: unknown[]): { code: string; message: string } {
  const r = call(id, ...given);
  if (r.kind !== "error") throw new Error(`${id} returned ${JSON.stringify(r.value)}, expected an error`);
  return { code: r.code, message: r.message };
}

const column = (...cells: unknown[]) => cells.map((c) => [c]);
const errorCell = (c: unknown) => (c instanceof CustomFunctionError ? { code: c.code, message: c.message } : c);

describe("DUTY.COMPARE", () => {
  test("toys on 2025-04-15 from a comma list, with USMCA: header, then cheapest first", () => {
    const m = value("COMPARE", "9503.00.00", [["CN, VN, MX"]], "2025-04-15", null, null, "USMCA") as unknown[][];
    expect(m[0]).toEqual(["Origin", "Total", "Additional", "Landed cost", "Difference", "Largest layer", "Authority", "Note"]);
    // MX 0 (USMCA); VN 10% baseline; CN 20% + 125% = 145%, 145 points above Mexico.
    expect(m.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ["MX", 0, "", 0, "9503.00.00", "HTS Column 1 General (MFN)"],
      ["VN", 0.1, "", 0.1, "9903.01.25", "IEEPA"],
      ["CN", 1.45, "", 1.45, "9903.01.63", "IEEPA"],
    ]);
    expect(m[3]![7]).toBe("USMCA not claimed: the table offers it only to other origins");
  });

  test("origins from a range, with a value: ranked by landed cost", () => {
    const m = value("COMPARE", "toys", column("China", "", "Vietnam"), "2025-04-15", 1000) as unknown[][];
    // VN 1,000 + 100 + 2.62 = 1,102.62; CN 1,000 + 1,450 + 2.62 = 2,452.62: 1,350 more.
    expect(m.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual([
      ["VN", 1102.62, 0],
      ["CN", 2452.62, 1350],
    ]);
  });

  test("a row without a total shows #N/A with its reason in the row, and sorts last", () => {
    const m = value("COMPARE", "6304.99.29", [["US", "DE"]], "2026-03-02", null, "CN") as unknown[][];
    expect(m.slice(1).map((r) => r[0])).toEqual(["DE", "US"]);
    expect(errorCell(m[2]![1])).toMatchObject({ code: "#N/A" });
    expect(String(m[2]![7])).toMatch(/^no total: base 6% \+ 10% known/);
  });

  test("duplicates and unknown origins are errors naming them", () => {
    expect(failure("COMPARE", "9503.00.00", [["CN", "China"]], "2025-04-15")).toEqual({
      code: "#N/A",
      message: 'origin given twice: "CN" and "China" (both China); give each origin once',
    });
    expect(failure("COMPARE", "9503.00.00", [["CN, Narnia"]], "2025-04-15").message).toMatch(/^unknown origin: "Narnia"/);
    expect(failure("COMPARE", "9503.00.00", [[""]], "2025-04-15")).toMatchObject({ code: "#VALUE!" });
  });

  test("property: every row's total is DUTY.TARIFF for that origin", () => {
    const ORIGINS = ["CN", "VN", "MX", "CA", "DE", "JP", "IN", "GB"];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ORIGINS), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("9503.00.00", "steel", "8471.30.01", "6109.10.00"),
        fc.constantFrom("2025-03-15", "2025-04-15", "2025-08-20", "2026-03-01"),
        (origins, sector, date) => {
          const m = value("COMPARE", sector, [origins], date) as unknown[][];
          for (const r of m.slice(1)) expect([r[0], r[1]]).toEqual([r[0], value("TARIFF", r[0], sector, date)]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("DUTY.MAXPRICE", () => {
  test("toys from China by sea on 2025-04-15, target 3,000: 1,222.79, and LANDED confirms the contract", () => {
    expect(value("MAXPRICE", 3000, "CN", "9503.00.00", "2025-04-15", null, null, null, null, "ocean")).toBe(1222.79);
    // landed(1,222.79) = 2,999.99 ≤ 3,000 < landed(1,222.80) = 3,000.01
    expect(value("LANDED", 1222.79, "CN", "9503.00.00", "2025-04-15", null, null, null, null, "ocean")).toBe(2999.99);
    expect(value("LANDED", 1222.8, "CN", "9503.00.00", "2025-04-15", null, null, null, null, "ocean")).toBe(3000.01);
  });

  test("freight alone above the target: #N/A with the reason; no target: #VALUE!", () => {
    expect(failure("MAXPRICE", 50, "CN", "9503.00.00", "2025-04-15", 60)).toMatchObject({
      code: "#N/A",
      message: expect.stringMatching(/^no price meets the target 50\.00/),
    });
    expect(failure("MAXPRICE", null, "CN", "9503.00.00", "2025-04-15")).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/^target is required/),
    });
  });
});

describe("DUTY.ETR", () => {
  const values = column(1000, 3000, null, 1000);
  const countries = column("CN", "VN", null, "DE");
  const sectors = column("9503.00.00", "9503.00.00", null, "steel");

  test("(1,000 × 30% + 3,000 × 10% + 1,000 × 50%) / 5,000 = 22% on 2025-07-01; the blank row is skipped", () => {
    expect(value("ETR", values, countries, sectors, "2025-07-01")).toBe(0.22);
  });

  test("it is the value-weighted mean of DUTY.TARIFF", () => {
    const t = [
      value("TARIFF", "CN", "9503.00.00", "2025-07-01"),
      value("TARIFF", "VN", "9503.00.00", "2025-07-01"),
      value("TARIFF", "DE", "steel", "2025-07-01"),
    ] as number[];
    expect(value("ETR", values, countries, sectors, "2025-07-01")).toBeCloseTo((1000 * t[0]! + 3000 * t[1]! + 1000 * t[2]!) / 5000, 12);
  });

  test("a row without a total is #N/A naming it; a part-filled row is #VALUE! naming it; ranges of other shapes are refused", () => {
    expect(failure("ETR", column(1, 2), column("CN", "AU"), column("9503.00.00", "0201.10.05"), "2025-07-01").message).toMatch(
      /^row 2 \(AU 0201\.10\.05, 2025-07-01\) has no total/,
    );
    expect(failure("ETR", column(1, 2), column("CN", null), column("9503.00.00", "9503.00.00"), "2025-07-01")).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/^row 2: country is required/),
    });
    expect(failure("ETR", column(1, 2), column("CN"), column("9503.00.00", "9503.00.00")).message).toMatch(/same shape/);
  });

  test("a book of zero value: #DIV/0!", () => {
    expect(failure("ETR", column(0), column("CN"), column("9503.00.00"), "2025-07-01")).toEqual({
      code: "#DIV/0!",
      message: "the book's total value is zero: no rate",
    });
  });
});
