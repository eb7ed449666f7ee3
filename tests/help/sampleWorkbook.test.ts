// The sample workbook the build writes (dist-dev/DutyDesk-sample.xlsx, scripts/sample-workbook.js), opened
// with exceljs: its DUTY formulas are whole-cell calls the pane can read (src/formula/dutyFormula), name
// functions of the generated metadata, and each one computes on the embedded table without an error.
// Requires `npm run build:dev`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { dayFromIso, excelSerialFromDay } from "../../src/engine";
import { parseDutyFormula, mentionsDuty } from "../../src/formula/dutyFormula";
import { parseCellRef } from "../../src/formula/a1";
import { DIST_DEV, requireBuild } from "../support/browser";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";
import { installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { GeneratedMetadata, associateGenerated, generateFunctionsMetadata } from "../support/functionsMetadata";
import * as fns from "../../src/functions/functions";

const FILE = join(DIST_DEV, "DutyDesk-sample.xlsx");
const registry = installCustomFunctionsRuntime();
let metadata: GeneratedMetadata;
const workbook = new ExcelJS.Workbook();

interface Formula {
  sheet: ExcelJS.Worksheet;
  address: string;
  formula: string;
}
const formulas: Formula[] = [];

beforeAll(async () => {
  requireBuild();
  expect(existsSync(FILE)).toBe(true);
  metadata = await generateFunctionsMetadata();
  associateGenerated(metadata, fns as Record<string, unknown>);
  await workbook.xlsx.readFile(FILE);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) formulas.push({ sheet, address: cell.address, formula: `=${cell.formula}` });
      }),
    ),
  );
});

afterAll(() => metadata?.cleanup());

const duty = () => formulas.filter((f) => mentionsDuty(f.formula));

/** A cell's value as Excel passes it to a custom function: a date as its serial, an empty cell as null. */
function cellArgument(sheet: ExcelJS.Worksheet, ref: string): unknown {
  const v = sheet.getCell(ref.replace(/\$/g, "")).value;
  if (v instanceof Date) return excelSerialFromDay(dayFromIso(v.toISOString().slice(0, 10))!);
  return v === null || v === undefined || v === "" ? null : v;
}

test("the sheets: instructions, landed-cost model, origin comparison, rate history, version and pin", () => {
  expect(workbook.worksheets.map((w) => w.name)).toEqual(["Read me", "Landed cost", "Origins", "Rate history", "Version"]);
  expect(String(workbook.getWorksheet("Read me")!.getCell("A1").value)).toBe("DutyDesk sample workbook");
});

test("every DUTY formula is a whole-cell call dutyFormula reads, naming a function in the generated metadata", () => {
  const ids = new Set(metadata.json.functions.map((f) => f.id));
  expect(duty().length).toBeGreaterThan(40);
  for (const f of duty()) {
    const parsed = parseDutyFormula(f.formula);
    expect({ at: `${f.sheet.name}!${f.address}`, ok: parsed.ok, fn: parsed.fn !== null && ids.has(parsed.fn) }).toEqual({
      at: `${f.sheet.name}!${f.address}`,
      ok: true,
      fn: true,
    });
  }
  const used = new Set(duty().map((f) => parseDutyFormula(f.formula).fn));
  expect([...used].sort()).toEqual(["HISTORY", "LANDED", "LANDED.DUTY", "LANDED.FEES", "RATE", "TARIFF", "VERSION"]);
});

test("the landed-cost model has at least 8 SKUs, from CN, VN, MX, DE and others", () => {
  const sheet = workbook.getWorksheet("Landed cost")!;
  const origins: string[] = [];
  for (let r = 5; sheet.getCell(`A${r}`).value !== "Total"; r++) origins.push(String(sheet.getCell(`C${r}`).value));
  expect(origins.length).toBeGreaterThanOrEqual(8);
  for (const o of ["CN", "VN", "MX", "DE"]) expect(origins).toContain(o);
  expect(new Set(origins).size).toBeGreaterThan(4);
});

test("every DUTY formula computes on the embedded table, with its cells' values, without an error", () => {
  for (const f of duty()) {
    const parsed = parseDutyFormula(f.formula);
    if (!parsed.ok) throw new Error(parsed.reason);
    const fn = metadata.json.functions.find((x) => x.id === parsed.fn)!;
    const args = fn.parameters.map((_, i) => {
      const a = parsed.args[i];
      if (a === undefined || a.kind === "omitted") return null;
      if (a.kind === "literal") return a.value;
      expect(parseCellRef(a.text)).not.toBeNull();
      return cellArgument(f.sheet, a.text);
    });
    const r = registry.invoke(parsed.fn, args);
    expect({ at: `${f.sheet.name}!${f.address}`, formula: f.formula, kind: r.kind, error: r.kind === "error" ? r.message : "" }).toEqual({
      at: `${f.sheet.name}!${f.address}`,
      formula: f.formula,
      kind: "value",
      error: "",
    });
  }
});

test("the pin cell names the embedded release, and the check reads VERSION's spill", () => {
  const sheet = workbook.getWorksheet("Version")!;
  const id = EMBEDDED_TABLE_FILE.split(/[\\/]/)
    .pop()!
    .replace(/\.dutytable$/, "");
  expect(sheet.getCell("B2").value).toBe(id);
  expect(sheet.getCell("A4").formula).toBe("DUTY.VERSION()");
  expect(sheet.getCell("B8").formula).toContain("A5=B2");
  const version = registry.invoke("VERSION", []) as { kind: "value"; value: unknown[][] };
  expect(version.value[1]![0]).toBe(id);
});
