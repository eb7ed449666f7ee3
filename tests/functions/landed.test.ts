// DUTY.LANDED and its siblings, called the way Excel calls them: through the functions.json Microsoft's
// generator makes from src/functions/functions.ts, one argument per metadata parameter (null for an omitted
// optional one), judged as Excel's runtime judges the result.
import fc from "fast-check";
import { IFunction } from "custom-functions-metadata";
import { CustomFunctionError, Invocation, installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { GeneratedMetadata, associateGenerated, generateFunctionsMetadata } from "../support/functionsMetadata";
import * as fns from "../../src/functions/functions";

const registry = installCustomFunctionsRuntime();
const FAMILY = ["LANDED", "LANDED.DUTY", "LANDED.FEES", "LANDED.TAX", "LANDED.DETAIL"] as const;
const PARAMETERS = ["value", "country", "sector", "date?", "freight?", "insurance?", "quantity?", "importer?", "mode?", "options?"];

let metadata: GeneratedMetadata;
const byId = new Map<string, IFunction>();

beforeAll(async () => {
  metadata = await generateFunctionsMetadata();
  expect(metadata.errors).toEqual([]);
  for (const f of metadata.json.functions) byId.set(f.id, f);
  associateGenerated(metadata, fns as Record<string, unknown>);
});

afterAll(() => metadata?.cleanup());
afterEach(() => jest.useRealTimers());

function excelArgs(id: string, given: readonly unknown[]): unknown[] {
  const f = byId.get(id)!;
  if (given.length > f.parameters.length) throw new Error(`${id} takes ${f.parameters.length} arguments, given ${given.length}`);
  return f.parameters.map((p, i) => (i < given.length ? given[i] : p.optional === true ? null : undefined));
}

type Shown = Exclude<Invocation, { kind: "unexpected" }>;

function call(id: string, ...given: unknown[]): Shown {
  const r = registry.invoke(id, excelArgs(id, given));
  if (r.kind === "unexpected") throw new Error(`${id} threw something Excel cannot show: ${String(r.thrown)}`);
  return r;
}

function value(id: string, ...given: unknown[]): unknown {
  const r = call(id, ...given);
  if (r.kind !== "value") throw new Error(`${id}(${given.map((g) => JSON.stringify(g)).join(", ")}) failed: ${r.code} ${r.message}`);
  return r.value;
}

function failure(id: string, ...given: unknown[]): { code: string; message: string } {
  const r = call(id, ...given);
  if (r.kind !== "error") throw new Error(`${id} returned ${JSON.stringify(r.value)}, expected an error`);
  return { code: r.code, message: r.message };
}

const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;

/** E1 on the committed table with the rate given: 10,000 at 25%, ocean, FY2026, freight 1,200, insurance 120. */
const E1 = [10000, "DE", "9503.00.00", "2025-10-15", 1200, 120, null, "US", "ocean", "duty=25%"] as const;

// ---------------------------------------------------------------- metadata

describe("metadata", () => {
  test.each(FAMILY)("%s(value, country, sector, [date], [freight], [insurance], [quantity], [importer], [mode], [options])", (id) => {
    const f = byId.get(id)!;
    expect(f.parameters.map((p) => (p.optional === true ? `${p.name}?` : p.name))).toEqual(PARAMETERS);
    expect(f.name).toBe(id);
  });

  test("LANDED, LANDED.DUTY, LANDED.FEES and LANDED.TAX return a scalar of any type (a number, or a formatted number in the importer's currency); LANDED.DETAIL a matrix", () => {
    for (const id of ["LANDED", "LANDED.DUTY", "LANDED.FEES", "LANDED.TAX"]) {
      expect(byId.get(id)!.result).toEqual({});
    }
    expect(byId.get("LANDED.DETAIL")!.result?.dimensionality).toBe("matrix");
  });

  test("each export takes exactly the metadata's parameters", () => {
    for (const id of FAMILY) expect(registry.functions.get(id)!.length).toBe(PARAMETERS.length);
  });
});

// ---------------------------------------------------------------- worked examples

describe("worked examples in the workbook", () => {
  test("E1: LANDED 13,867.14 = goods 10,000 + freight 1,200 + insurance 120 + duty 2,500 + fees 47.14 + tax 0", () => {
    expect(value("LANDED", ...E1)).toBe(13867.14);
    expect(value("LANDED.DUTY", ...E1)).toBe(2500);
    expect(value("LANDED.FEES", ...E1)).toBe(47.14);
    expect(value("LANDED.TAX", ...E1)).toBe(0);
  });

  test("E7: the knife set from Japan, 3¢ each + 5.4%, 20,000 pieces, $24,000: duty 1,896", () => {
    expect(value("LANDED.DUTY", 24000, "JP", "8211.93.00.35", "2025-01-15", null, null, 20000)).toBe(1896);
    expect(value("LANDED.DUTY", 24000, "Japan", 8211930035, serial("2025-01-15"), 0, 0, "20000 each")).toBe(1896);
  });

  test("E7 without a quantity: #N/A naming the specific duty", () => {
    const e = failure("LANDED", 24000, "JP", "8211.93.00.35", "2025-01-15");
    expect(e).toEqual({ code: "#N/A", message: "quantity needed for the specific duty 3¢ each (in each)" });
  });

  test("E13: Canada, US$100 at 1.15, duty 4%: duty 4.60, GST 5.98, landed 125.58", () => {
    const args = [100, "US", "8471", "2025-06-02", null, null, null, "CA", null, "fx=1.15; duty=4%"];
    expect([value("LANDED.DUTY", ...args), value("LANDED.TAX", ...args), value("LANDED", ...args)]).toEqual([4.6, 5.98, 125.58]);
  });

  test("E14 and E15: China, CIF 10,000", () => {
    const cn = (options: string) => [9000, "US", "8471", "2025-12-01", 800, 200, null, "CN", "ocean", options];
    expect(value("LANDED.TAX", ...cn("duty=10%"))).toBe(1430);
    expect(value("LANDED", ...cn("duty=10%"))).toBe(12430);
    expect(value("LANDED.DUTY", ...cn("duty=14%; ct=10%"))).toBe(1400);
    expect(value("LANDED.TAX", ...cn("duty=14%; ct=10%"))).toBe(2913.34);
  });

  test("the rate table's answer: toys from China on 2025-04-15 at 145% (as TARIFF says)", () => {
    const tariff = value("TARIFF", "CN", "9503.00.00", "2025-04-15") as number;
    expect(value("LANDED.DUTY", 10000, "CN", "9503.00.00", "2025-04-15")).toBe(tariff * 10000);
  });
});

// ---------------------------------------------------------------- the spill

describe("LANDED.DETAIL", () => {
  test("a header, then every line with an amount, a formula and a source; it ends with the landed cost", () => {
    const m = value("LANDED.DETAIL", ...E1) as unknown[][];
    expect(m[0]).toEqual(["Part", "Line", "Rate", "Applied to", "Amount", "Formula / explanation", "Rounding", "Source"]);
    const width = m[0]!.length;
    for (const row of m) expect(row).toHaveLength(width);
    const rows = m.slice(1).map((r) => Object.fromEntries((m[0] as string[]).map((h, i) => [h, r[i]])));
    const last = rows[rows.length - 1]!;
    expect(last["Line"]).toBe("Landed cost (USD)");
    expect(last["Amount"]).toBe(value("LANDED", ...E1));
    const mpf = rows.find((r) => String(r["Line"]).startsWith("MPF"))!;
    expect(mpf).toMatchObject({ Part: "Fee", Amount: 34.64, Rate: "0.3464%", Rounding: "after the min/max clamp, half-up to the cent" });
    expect(String(mpf["Formula / explanation"])).toMatch(/within FY2026 limits \[33\.58, 651\.50\]/);
    expect(String(mpf["Source"])).toMatch(/90 FR 34665/);
    for (const r of rows) {
      expect(String(r["Formula / explanation"]).length).toBeGreaterThan(0);
      expect(["number", "string"]).toContain(typeof r["Amount"]);
    }
  });

  test("the duty, fee and tax lines add up to the siblings' values", () => {
    const args = [9000, "US", "8471", "2025-12-01", 800, 200, null, "CN", "ocean", "duty=14%; ct=10%"];
    const m = value("LANDED.DETAIL", ...args) as unknown[][];
    const sum = (part: string) => Math.round(m.filter((r) => r[0] === part).reduce((s, r) => s + (r[4] as number) * 100, 0)) / 100;
    expect(sum("Duty")).toBe(value("LANDED.DUTY", ...args));
    expect(sum("Tax")).toBe(value("LANDED.TAX", ...args));
  });

  test("entry value= in the options: the line's share of the entry's MPF, explained", () => {
    const args = [5000, "CN", "9503.00.00", "2025-06-02", null, null, null, null, null, "entry value=12500"];
    // Entry MPF 0.3464% × 12,500 = 43.30; this line's share 43.30 × 5,000 / 12,500 = 17.32 (alone: the minimum 32.71).
    expect(value("LANDED.FEES", ...args)).toBe(17.32);
    const m = value("LANDED.DETAIL", ...args) as unknown[][];
    const mpf = m.find((r) => String(r[1]).startsWith("MPF"))!;
    expect(mpf[4]).toBe(17.32);
    expect(String(mpf[5])).toMatch(/this line's share, pro rata by value: 43\.30 × 5,000\.00 \/ 12,500\.00 = 17\.32/);
  });

  test("a de minimis shipment says so", () => {
    const m = value("LANDED.DETAIL", 500, "JP", "9503", "2025-03-01") as unknown[][];
    const row = m.find((r) => r[1] === "De minimis (Section 321)")!;
    expect(String(row[5])).toMatch(/≤ \$800/);
    expect(value("LANDED", 500, "JP", "9503", "2025-03-01")).toBe(500);
  });
});

// ---------------------------------------------------------------- Excel's argument conventions

describe("arguments as Excel passes them", () => {
  test("0 (an empty desktop cell) and null (omitted, or an empty cell on the web) mean 'not given' for every optional argument", () => {
    jest.useFakeTimers({ now: new Date("2025-10-15T16:00:00Z") });
    const omitted = value("LANDED", 10000, "DE", 9503, null, null, null, null, null, null, "duty=25%");
    const zeros = value("LANDED", 10000, "DE", 9503, 0, 0, 0, 0, 0, 0, "duty=25%");
    expect(zeros).toBe(omitted);
    expect(omitted).toBe(12534.64); // 10,000 + 2,500 + MPF 34.64; no mode, so no HMF
  });

  test("LANDED = goods + freight + insurance + LANDED.DUTY + LANDED.FEES + LANDED.TAX", () => {
    const args = [12345.67, "CN", "9503", "2025-06-15", 800.5, 33.3, null, "US", "ocean"];
    const [total, duty, fees, tax] = ["LANDED", "LANDED.DUTY", "LANDED.FEES", "LANDED.TAX"].map((id) => value(id, ...args) as number);
    expect(Math.round((12345.67 + 800.5 + 33.3 + duty! + fees! + tax!) * 100) / 100).toBe(total);
  });

  test('amounts may be text: "10,000.00"', () => {
    expect(value("LANDED", "10,000.00", ...E1.slice(1))).toBe(13867.14);
  });

  test.each([
    [[null, "CN", "9503"], "#VALUE!", /value is required/],
    [[0, "CN", "9503"], "#VALUE!", /value is required/],
    [[-5, "CN", "9503"], "#VALUE!", /non-negative/],
    [["ten", "CN", "9503"], "#VALUE!", /not an amount/],
    [[true, "CN", "9503"], "#VALUE!", /true/],
    [[[[1, 2]], "CN", "9503"], "#VALUE!", /range/],
    [[1000, "CN", "9503", "2025-06-02", -1], "#VALUE!", /freight/],
    [[1000, "CN", "9503", "2025-06-02", null, null, "lots"], "#VALUE!", /quantity/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, "EU"], "#VALUE!", /member state/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, "JP"], "#N/A", /no landed-cost rules/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, "GB"], "#N/A", /no duty rates .* duty=4%/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, null, "teleport"], "#VALUE!", /transport mode/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, null, null, "duty=25"], "#VALUE!", /25%/],
    [[1000, "CN", "9503", "2025-06-02", null, null, null, null, null, "bogus"], "#VALUE!", /unknown option "bogus"/],
    [[1000, "Narnia", "9503", "2025-06-02"], "#N/A", /Narnia/],
    [[1000, "CN", "9503", "2024-06-01"], "#N/A", /no data for 2024-06-01/],
    [[1e13, "CN", "9503", "2025-06-02"], "#VALUE!", /15 significant digits/],
  ])("LANDED(%j) is %s", (args, code, message) => {
    const e = failure("LANDED", ...(args as unknown[]));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

// ---------------------------------------------------------------- fuzz

describe("fuzz: any Excel-like arguments give a finite number (or matrix) or a #VALUE!/#N/A with a reason", () => {
  const scalar: fc.Arbitrary<unknown> = fc.oneof(
    fc.double(),
    fc.integer({ min: -1e6, max: 3e9 }),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, 1e21, 45762, 9503),
    fc.string({ maxLength: 30 }),
    fc.constantFrom("<b>x</b>", "=1+1", "\u0000", "🇨🇳", "1e5", "-0", "10,000.00"),
    fc.boolean(),
    fc.constant(null),
  );
  const anything = fc.oneof(
    { arbitrary: scalar, weight: 5 },
    { arbitrary: fc.array(fc.array(scalar, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), weight: 1 },
  );
  const plausible: Record<string, fc.Arbitrary<unknown>> = {
    value: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.constantFrom("1,234.56", 0, null)),
    country: fc.constantFrom("CN", "China", "JP", "VN", "DE", "US", "MX", "EU"),
    sector: fc.constantFrom("9503.00.00", 9503, "8211.93.00.35", "toys", "steel", "8471", "0201.30.00", "soybeans"),
    date: fc.oneof(fc.integer({ min: 45658, max: 46076 }), fc.constantFrom("2025-04-15", "2025-10-15", null, 0)),
    freight: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(null)),
    insurance: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(null)),
    quantity: fc.constantFrom(null, 0, 100, "100 kg", "20000 each", "10 each; 5 jewel", "3 pairs"),
    importer: fc.constantFrom(null, 0, "US", "CN", "DE", "GB", "CA", "UK"),
    mode: fc.constantFrom(null, 0, "ocean", "air", "truck", "rail", "postal", "sea"),
    options: fc.constantFrom(
      null,
      "",
      "duty=4%",
      "base=3%",
      "fx=1.15",
      "vat=9%",
      "ct=10%",
      "formal",
      "informal",
      "metal=40%",
      "final",
      "mpf=exempt",
      "duty=4%; vat=20%",
    ),
  };

  function checkCell(cell: unknown): void {
    if (cell instanceof CustomFunctionError) {
      expect(["#VALUE!", "#N/A"]).toContain(cell.code);
      return;
    }
    if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
    else expect(typeof cell).toBe("string");
  }

  test.each(FAMILY)("%s", (id) => {
    const f = byId.get(id)!;
    jest.useFakeTimers({ now: new Date("2025-09-15T16:00:00Z") });
    const seen = { value: 0, error: 0 };
    const args = fc.tuple(
      ...f.parameters.map((p) => fc.oneof({ arbitrary: plausible[p.name] ?? anything, weight: 5 }, { arbitrary: anything, weight: 1 })),
    );
    fc.assert(
      fc.property(args, (a) => {
        const r = registry.invoke(id, a);
        if (r.kind === "unexpected") throw new Error(`${id}(${a.map((x) => JSON.stringify(x)).join(", ")}) threw ${String(r.thrown)}`);
        if (r.kind === "error") {
          expect(["#VALUE!", "#N/A"]).toContain(r.code);
          expect(r.message.trim().length).toBeGreaterThan(0);
          expect(r.message).not.toMatch(/internal error/);
          seen.error++;
          return;
        }
        seen.value++;
        if (id === "LANDED.DETAIL") {
          const rows = r.value as unknown[][];
          for (const row of rows) {
            expect(row).toHaveLength(8);
            row.forEach(checkCell);
          }
        } else {
          expect(typeof r.value).toBe("number");
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.value as number).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
    expect(seen.value).toBeGreaterThan(0);
    expect(seen.error).toBeGreaterThan(0);
  });
});
