// DUTY.RATE: the tariff entity card, built from the same answer as TARIFF and BREAKDOWN. The card is held to
// Office.js's declaration of EntityCellValue at compile time (ts-jest type-checks this file), and its JSON
// is checked here at run time: the title, the properties the card's sections name, the layers.
import { installCustomFunctionsRuntime, CustomFunctionError } from "../support/customFunctionsRuntime";
import type * as FunctionsModule from "../../src/functions/functions";
import type * as ValuesModule from "../../src/functions/excelValues";
import { CARD_PROPERTIES, LAYER_COLUMNS } from "../../src/functions/rateCard";

installCustomFunctionsRuntime();

function load(sets: readonly string[] | null): typeof FunctionsModule {
  const g = globalThis as unknown as { Office?: unknown };
  if (sets === null) delete g.Office;
  else g.Office = { context: { requirements: { isSetSupported: (n: string, v?: string) => sets.includes(`${n} ${v}`) } } };
  let fns!: typeof FunctionsModule;
  jest.isolateModules(() => {
    fns = jest.requireActual("../../src/functions/functions");
    (jest.requireActual("../../src/functions/excelValues") as typeof ValuesModule).dataTypesSupported();
  });
  delete g.Office;
  return fns;
}

const rich = load(["ExcelApi 1.16"]);
const plain = load(null);

/** The card, typed as Office.js declares an entity: a wrong field or type here fails compilation. */
function card(...args: Parameters<typeof FunctionsModule.rate>): Excel.EntityCellValue {
  return rich.rate(...args) as Excel.EntityCellValue;
}

type PropertyName = (typeof CARD_PROPERTIES)[keyof typeof CARD_PROPERTIES][number];
// Type-level: the card's property list names exactly the properties the README documents.
const documented: Record<PropertyName, true> = {
  Total: true,
  Base: true,
  Additional: true,
  Country: true,
  Product: true,
  "Entry date": true,
  Importer: true,
  Layers: true,
  Table: true,
  "Table SHA-256": true,
  Basis: true,
  Claims: true,
  Notes: true,
};

const prop = (c: Excel.EntityCellValue, name: PropertyName) => c.properties![name] as Excel.CellValue;

describe("the card for toys from China on 2025-04-15", () => {
  const c = card("China", "9503.00.00", "2025-04-15");

  test("is an entity whose text is the title", () => {
    expect(c.type).toBe("Entity");
    expect(c.text).toBe("145% · China · 9503.00.00 · 2025-04-15");
    expect(c.layouts?.card?.title).toBe(c.text);
  });

  test("Total is TARIFF's answer as a formatted number, so =A1.Total computes on 1.45", () => {
    const expected: Excel.FormattedNumberCellValue = {
      type: "FormattedNumber",
      basicValue: plain.tariff("China", "9503.00.00", "2025-04-15") as number, // ready table: no promise
      numberFormat: "0%",
    };
    expect(prop(c, "Total")).toEqual(expected);
  });

  test("Base + Additional = Total for an ad valorem answer", () => {
    const base = prop(c, "Base") as Excel.FormattedNumberCellValue;
    const additional = prop(c, "Additional") as Excel.FormattedNumberCellValue;
    expect(base.type).toBe("FormattedNumber");
    expect(additional.type).toBe("FormattedNumber");
    expect(base.basicValue + additional.basicValue).toBeCloseTo(1.45, 12);
  });

  test("Layers: a header, then BREAKDOWN's rows, with rates and dates formatted", () => {
    const layers = prop(c, "Layers") as Excel.ArrayCellValue;
    expect(layers.type).toBe("Array");
    const [header, ...rows] = layers.elements;
    expect(header!.map((h) => h.basicValue)).toEqual([...LAYER_COLUMNS]);
    const spill = plain.breakdown("China", "9503.00.00", "2025-04-15") as unknown[][];
    const layerRows = spill.slice(1).filter((r) => r[0] !== "Total" && r[0] !== "Projection");
    expect(rows.map((r) => r[0]!.basicValue)).toEqual(layerRows.map((r) => r[0]));
    rows.forEach((r, i) => {
      expect(r).toHaveLength(LAYER_COLUMNS.length);
      const rate = r[3] as Excel.FormattedNumberCellValue;
      if (typeof layerRows[i]![3] === "number")
        expect(rate).toEqual({ type: "FormattedNumber", basicValue: layerRows[i]![3], numberFormat: expect.stringMatching(/%$/) });
      if (typeof layerRows[i]![5] === "number")
        expect(r[4]).toEqual({ type: "FormattedNumber", basicValue: layerRows[i]![5], numberFormat: "yyyy-mm-dd" });
      expect(r[7]!.basicValue).toBe(layerRows[i]![8]);
    });
  });

  test("the table id and hash are VERSION's; basis entry, no claims", () => {
    const v = plain.version() as unknown[][];
    expect(prop(c, "Table")).toEqual({ type: "String", basicValue: v[1]![0] });
    expect(prop(c, "Table SHA-256")).toEqual({ type: "String", basicValue: v[1]![2] });
    expect(prop(c, "Basis")).toEqual({ type: "String", basicValue: "entry" });
    expect(prop(c, "Claims")).toEqual({ type: "String", basicValue: "none" });
  });

  test("the sections name every property once, and only properties the card has", () => {
    const sections = c.layouts!.card!.sections!;
    expect(sections.map((s) => s.title)).toEqual(["Rate", "Layers", "Source"]);
    const named = sections.flatMap((s) => s.properties);
    expect([...named].sort()).toEqual(Object.keys(c.properties!).sort());
    expect(Object.keys(documented).sort()).toEqual(Object.keys(c.properties!).sort());
  });

  test("every value in the card is a cell value with a type, and the card is plain JSON", () => {
    for (const [name, v] of Object.entries(c.properties!))
      expect({ name, type: typeof (v as { type?: unknown }).type }).toEqual({ name, type: "string" });
    for (const row of (prop(c, "Layers") as Excel.ArrayCellValue).elements) for (const cell of row) expect(typeof cell.type).toBe("string");
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});

describe("claims, basis and errors", () => {
  test("a claim flips a conditional layer: the card's total follows TARIFF and names the claim", () => {
    const args = ["CN", "8504.40.95.80", "2026-10-03", null, "final; S232-UAS-ARTICLE"] as const;
    const c = card(...args);
    expect((prop(c, "Total") as Excel.FormattedNumberCellValue).basicValue).toBe(plain.tariff(...args));
    expect(prop(c, "Claims")).toEqual({ type: "String", basicValue: "S232-UAS-ARTICLE" });
    expect(prop(c, "Basis")).toEqual({ type: "String", basicValue: "final" });
  });

  test("no total (a specific duty without a unit value): #N/A with TARIFF's message", () => {
    let thrown: unknown;
    try {
      rich.rate("AU", "0201.10.05", "2025-01-15");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CustomFunctionError);
    // TARIFF returns its error (Excel's runtime shows a returned CustomFunctions.Error as the cell's error).
    const tariffError: unknown = plain.tariff("AU", "0201.10.05", "2025-01-15");
    expect(tariffError).toBeInstanceOf(CustomFunctionError);
    expect(thrown).toMatchObject({ code: "#N/A", message: (tariffError as CustomFunctionError).message });
  });

  test("a date that cannot be read: #VALUE! with the hint", () => {
    expect(() => rich.rate("CN", "9503.00.00", "04/05/2025")).toThrow(
      expect.objectContaining({ code: "#VALUE!", message: expect.stringContaining("write 2025-04-05") }),
    );
  });
});

describe("on a host without data types", () => {
  test("the title as text", () => {
    expect(plain.rate("China", "9503.00.00", "2025-04-15")).toBe("145% · China · 9503.00.00 · 2025-04-15");
  });
});
