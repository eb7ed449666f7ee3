// How the DUTY functions' numbers leave for Excel: formatted numbers (rates as percentages, dates as
// yyyy-mm-dd, money with its ISO currency code) where the host supports ExcelApi 1.16, the data-types set,
// and plain numbers where it does not. The host is asked once, through office.js's requirement check.
import { installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { BREAKDOWN_HEADER, HISTORY_HEADER, dayFromIso, excelSerialFromDay } from "../../src/engine";
import type * as FunctionsModule from "../../src/functions/functions";
import type * as ValuesModule from "../../src/functions/excelValues";

installCustomFunctionsRuntime();

type Host = { asked: string[]; sets: readonly string[] } | null;

/** A fresh copy of the functions and their values module, under an Office global that supports `sets`. */
function load(host: Host): { fns: typeof FunctionsModule; values: typeof ValuesModule } {
  const g = globalThis as unknown as { Office?: unknown };
  if (host === null) delete g.Office;
  else {
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) => {
            host.asked.push(`${name} ${version}`);
            return host.sets.includes(`${name} ${version}`);
          },
        },
      },
    };
  }
  let loaded!: { fns: typeof FunctionsModule; values: typeof ValuesModule };
  jest.isolateModules(() => {
    loaded = { fns: jest.requireActual("../../src/functions/functions"), values: jest.requireActual("../../src/functions/excelValues") };
  });
  // The first call asks the host; after that the answer is kept (see "asks for ExcelApi 1.16 once").
  if (host !== null) loaded.values.dataTypesSupported();
  return loaded;
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);

describe("the host check", () => {
  test("asks for ExcelApi 1.16 once, however many cells compute", () => {
    const host = { asked: [] as string[], sets: ["ExcelApi 1.16"] };
    const { fns } = load(host);
    for (let i = 0; i < 5; i++) fns.tariff("CN", "9503.00.00", "2025-04-15");
    expect(host.asked).toEqual(["ExcelApi 1.16"]);
  });

  test("no office.js context yet: plain, and the host is asked again on the next call", () => {
    const g = globalThis as unknown as { Office?: unknown };
    g.Office = { context: undefined };
    let values!: typeof ValuesModule;
    jest.isolateModules(() => {
      values = jest.requireActual("../../src/functions/excelValues");
    });
    expect(values.dataTypesSupported()).toBe(false);
    const asked: string[] = [];
    g.Office = { context: { requirements: { isSetSupported: (n: string, v: string) => (asked.push(`${n} ${v}`), true) } } };
    expect(values.dataTypesSupported()).toBe(true);
    expect(asked).toEqual(["ExcelApi 1.16"]);
  });

  test("a page without office.js is plain for good (office.js loads before the bundles, never after)", () => {
    delete (globalThis as unknown as { Office?: unknown }).Office;
    let values!: typeof ValuesModule;
    jest.isolateModules(() => {
      values = jest.requireActual("../../src/functions/excelValues");
    });
    expect(values.dataTypesSupported()).toBe(false);
    const asked: string[] = [];
    (globalThis as unknown as { Office: unknown }).Office = {
      context: { requirements: { isSetSupported: (n: string, v: string) => (asked.push(`${n} ${v}`), true) } },
    };
    expect(values.dataTypesSupported()).toBe(false);
    expect(asked).toEqual([]);
  });

  test("a host whose check throws is treated as without data types", () => {
    (globalThis as unknown as { Office: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: () => {
            throw new Error("boom");
          },
        },
      },
    };
    let values!: typeof ValuesModule;
    jest.isolateModules(() => {
      values = jest.requireActual("../../src/functions/excelValues");
    });
    expect(values.dataTypesSupported()).toBe(false);
  });
});

describe.each([
  ["without office.js", null],
  ["on a host with ExcelApi 1.15 only", { asked: [], sets: ["ExcelApi 1.15"] }],
] as const)("plain values %s", (_, host) => {
  const { fns } = load(host === null ? null : { asked: [], sets: host.sets });

  test("TARIFF is the fraction, BREAKDOWN and HISTORY spill serials", () => {
    expect(fns.tariff("CN", "9503.00.00", "2025-04-15")).toBe(1.45);
    const b = fns.breakdown("CN", "9503.00.00", "2025-04-15") as unknown[][];
    expect(b[b.length - 1]![3]).toBe(1.45);
    expect(b.slice(1).some((row) => typeof row[5] === "number")).toBe(true);
    expect(b.flat().some((cell) => typeof cell === "object" && cell !== null && !(cell instanceof Error))).toBe(false);
    const h = fns.history("CN", "9503.00.00", "2025-04-01", "2025-04-30") as unknown[][];
    expect(h[1]![0]).toBe(serial("2025-04-01"));
  });

  test("LANDED is a number", () => {
    expect(fns.landed(10000, "CN", "9503.00.00", "2025-04-15")).toEqual(expect.any(Number));
  });
});

describe("formatted values on a host with ExcelApi 1.16", () => {
  const { fns } = load({ asked: [], sets: ["ExcelApi 1.16"] });
  const plain = load(null).fns;

  test("TARIFF: a formatted number whose basicValue is the plain answer, so =DUTY.TARIFF(…)*B2 computes on 1.45", () => {
    // The table is ready in this test (no pin to wait for), so the gate answers at once, not with a promise.
    const v = fns.tariff("CN", "9503.00.00", "2025-04-15") as Excel.FormattedNumberCellValue;
    // The literal is held to Office.js's declaration of the type.
    const expected: Excel.FormattedNumberCellValue = { type: "FormattedNumber", basicValue: 1.45, numberFormat: "0%" };
    expect(v).toEqual(expected);
    expect(v.basicValue * 2000).toBe((plain.tariff("CN", "9503.00.00", "2025-04-15") as number) * 2000);
  });

  test("a rate shows the fewest decimals that show it exactly, up to two", () => {
    const { values } = load(null);
    expect([0.25, 0.075, 0.0733333, 1.45, 0, 0.145].map(values.rateFormat)).toEqual(["0%", "0.0%", "0.00%", "0%", "0%", "0.0%"]);
  });

  test("BREAKDOWN: rates as percentages, dates as yyyy-mm-dd, text as text; every number equal to the plain spill's", () => {
    const rich = fns.breakdown("CN", "9503.00.00", "2025-04-15") as unknown[][];
    const flat = plain.breakdown("CN", "9503.00.00", "2025-04-15") as unknown[][];
    expect(rich[0]).toEqual([...BREAKDOWN_HEADER]);
    const rateCol = BREAKDOWN_HEADER.indexOf("Rate" as (typeof BREAKDOWN_HEADER)[number]);
    expect(rateCol).toBe(3);
    for (let r = 1; r < rich.length; r++) {
      rich[r]!.forEach((cell, c) => {
        const p = flat[r]![c];
        if (typeof p === "number") {
          expect(cell).toEqual({ type: "FormattedNumber", basicValue: p, numberFormat: c === rateCol ? expect.stringMatching(/%$/) : "yyyy-mm-dd" });
        } else expect(cell).toEqual(p);
      });
    }
    expect(rich[rich.length - 1]![3]).toEqual({ type: "FormattedNumber", basicValue: 1.45, numberFormat: "0%" });
  });

  test("HISTORY: from and through as dates, total and additional as percentages", () => {
    const rich = fns.history("CN", "9503.00.00", "2025-04-01", "2025-04-30") as unknown[][];
    expect(rich[0]).toEqual([...HISTORY_HEADER]);
    expect(rich[1]![0]).toEqual({ type: "FormattedNumber", basicValue: serial("2025-04-01"), numberFormat: "yyyy-mm-dd" });
    const last = rich[rich.length - 1]!;
    expect(last[2]).toEqual({ type: "FormattedNumber", basicValue: 1.45, numberFormat: "0%" });
    expect(last[3]).toEqual({ type: "FormattedNumber", basicValue: 1.45, numberFormat: "0%" });
  });

  test("VERSION's release date is a date", () => {
    const v = fns.version() as unknown[][];
    expect(v[1]![1]).toEqual(expect.objectContaining({ type: "FormattedNumber", numberFormat: "yyyy-mm-dd" }));
  });

  test.each([
    ["US", "USD"],
    ["CN", "CNY"],
    ["DE", "EUR"],
    ["GB", "GBP"],
    ["CA", "CAD"],
  ])("LANDED for importer %s is in %s, the currency of its landed-cost profile", (importer, currency) => {
    const args = [10000, "VN", "8471", "2025-12-01", 500, 50, null, importer, "ocean", importer === "US" ? null : "duty=4%"] as const;
    for (const name of ["landed", "landedDuty", "landedFees", "landedTax"] as const) {
      expect(fns[name](...args)).toEqual({ type: "FormattedNumber", basicValue: plain[name](...args), numberFormat: `[$${currency}] #,##0.00` });
    }
  });

  test("errors stay Excel errors with their message", () => {
    // TARIFF returns its error (Excel's runtime takes a returned CustomFunctions.Error as the cell's error); the others throw.
    const e = fns.tariff("CN", "9503.00.00", "04/05/2025");
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    expect((e as CustomFunctions.Error).message).toMatch(/date "04\/05\/2025" is not a date DutyDesk reads/);
    expect(() => fns.breakdown("CN", "9503.00.00", "04/05/2025")).toThrow(/date "04\/05\/2025" is not a date DutyDesk reads/);
  });
});

describe("LANDED.DETAIL on a host with ExcelApi 1.16", () => {
  const { fns } = load({ asked: [], sets: ["ExcelApi 1.16"] });
  const plain = load(null).fns;

  test("the Amount column is in the importer's currency; the rest as the plain spill", () => {
    const args = [100, "US", "8471", "2025-06-02", null, null, null, "CA", null, "fx=1.15; duty=4%"] as const;
    const rich = fns.landedDetail(...args) as unknown[][];
    const flat = plain.landedDetail(...args) as unknown[][];
    expect(rich.length).toBe(flat.length);
    rich.slice(1).forEach((row, r) =>
      row.forEach((cell, c) => {
        const p = flat[r + 1]![c];
        if (c === 4 && typeof p === "number") expect(cell).toEqual({ type: "FormattedNumber", basicValue: p, numberFormat: "[$CAD] #,##0.00" });
        else expect(cell).toEqual(p);
      }),
    );
  });
});
