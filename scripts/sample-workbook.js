// dist*/DutyDesk-sample.xlsx, built by webpack (SampleWorkbookPlugin) with exceljs: a landed-cost model,
// an origin comparison, a rate history and the version and pin cells, with short instructions.
//
// Its formulas are written from the functions.json of the same build (a function id that the build does
// not have fails the build), so the workbook never drifts from the functions. Every DUTY formula is a
// whole-cell call on literals and cell references, the form the task pane re-evaluates
// (src/formula/dutyFormula.ts); tests/help/sampleWorkbook.test.ts reads them back and computes each one.
"use strict";

const ExcelJS = require("exceljs");
const { newestRelease } = require("./releases");
const { NAMESPACE, SAMPLE_WORKBOOK } = require("./help-pages");

const ENTRY_DATE = new Date(Date.UTC(2026, 2, 2)); // 2026-03-02, inside the embedded table's coverage
const DATE_FORMAT = "yyyy-mm-dd";
const USD = "[$USD] #,##0.00";
const PERCENT = "0.0%";

// Real lines of the US schedule in the embedded table (the test computes every row on it).
const SKUS = [
  ["TOY-01", "Toy building sets", "CN", "9503.00.00", 25000, 1800, 60, null, "ocean", null],
  ["PC-14", "Laptops, 14 inch", "CN", "8471.30.01", 60000, 2400, 150, null, "air", null],
  ["KN-220", "Cotton sweaters", "VN", "6110.20.20", 18000, 1100, 40, null, "ocean", null],
  ["SH-31", "Rubber-soled shoes", "VN", "6402.99.31", 12000, 900, 30, null, "ocean", null],
  ["TV-55", "LCD televisions", "MX", "8528.72.64", 40000, 700, 80, null, "truck", null],
  ["TOM-7", "Fresh tomatoes (3.9¢/kg)", "MX", "0702.00.20", 9000, 400, 20, "20000 kg", "truck", "unit value=0.45/kg"],
  ["CAR-3", "Passenger car", "DE", "8703.23.01", 45000, 2000, 120, null, "ocean", null],
  ["STL-9", "Steel structures", "DE", "7308.90.95", 30000, 2500, 75, null, "ocean", null],
  ["SRT-2", "Cotton shirts", "IN", "6205.20.20", 15000, 800, 35, null, "ocean", null],
  ["BAT-8", "Lithium-ion batteries", "KR", "8507.60.00", 50000, 1500, 110, null, "ocean", null],
  ["BT-12", "Leather shoes", "IT", "6403.59.60", 20000, 900, 50, null, "air", null],
];

const COMPARISON = { hts: "6110.20.20", label: "Cotton sweaters", value: 18000, origins: ["CN", "VN", "MX", "IN", "BD", "IT"] };
const HISTORY = { country: "CN", hts: "9503.00.00", start: new Date(Date.UTC(2025, 0, 1)), end: ENTRY_DATE };

/** `=DUTY.<ID>(args)` for a function this build has; anything else fails the build. */
function formulaWriter(functionsJson) {
  const ids = new Set(functionsJson.functions.map((f) => f.id));
  return (id, ...args) => {
    if (!ids.has(id)) throw new Error(`sample workbook: the build has no function ${id} (functions.json has ${[...ids].join(", ")})`);
    return `${NAMESPACE}.${id}(${args.join(",")})`;
  };
}

function instructions(ws, tableId) {
  ws.columns = [{ width: 110 }];
  const lines = [
    ["DutyDesk sample workbook", { bold: true, size: 16 }],
    [
      `Built with rate table ${tableId}. Open it in Excel with the DutyDesk add-in installed (Home > Duty Rates): the DUTY formulas compute when the add-in loads; without it they show #NAME?.`,
    ],
    [
      "Landed cost: eleven SKUs from China, Vietnam, Mexico, Germany, India, Korea and Italy. Change the entry date in B2, a value, an origin or an HTS code and the rates, duty, fees and landed cost follow.",
    ],
    [
      "Origin comparison: one product from six origins, rate and landed cost side by side; the RATE column is a card (click its icon; =F5.Total reads a property).",
    ],
    ["Rate history: DUTY.HISTORY spills every change of the rate between two dates, like STOCKHISTORY."],
    ["Version: DUTY.VERSION shows the table the workbook computes with; the pin cell says whether it is the release this workbook was built for."],
    [
      "Dates: an empty date means today (US Eastern) at calculation time; to follow the calendar pass TODAY() as the date. All-numeric text dates such as 04/05/2025 are refused: use a date cell, 2025-04-05 or 5 Apr 2025.",
    ],
    ["Help for every function: type =DUTY. in a cell and choose 'Help on this function', or open help/index.html on the add-in's site."],
  ];
  lines.forEach(([text, font], i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (font) cell.font = font;
  });
}

function landedModel(ws, f) {
  ws.columns = [10, 26, 8, 13, 12, 10, 10, 11, 8, 20, 10, 12, 11, 14].map((width) => ({ width }));
  ws.getCell("A1").value = "Landed cost model (importer: US)";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = "Entry date";
  ws.getCell("B2").value = ENTRY_DATE;
  ws.getCell("B2").numFmt = DATE_FORMAT;
  const header = [
    "SKU",
    "Description",
    "Origin",
    "HTS",
    "Value",
    "Freight",
    "Insurance",
    "Quantity",
    "Mode",
    "Rate options",
    "Rate",
    "Duty",
    "Fees",
    "Landed cost",
  ];
  ws.getRow(4).values = header;
  ws.getRow(4).font = { bold: true };
  SKUS.forEach((sku, i) => {
    const r = 5 + i;
    const [id, description, origin, hts, value, freight, insurance, quantity, mode, rateOptions] = sku;
    ws.getRow(r).values = [id, description, origin, hts, value, freight, insurance, quantity ?? "", mode, rateOptions ?? ""];
    const landedArgs = [`E${r}`, `C${r}`, `D${r}`, "$B$2", `F${r}`, `G${r}`, `H${r}`, "", `I${r}`];
    ws.getCell(`K${r}`).value = { formula: f("TARIFF", `C${r}`, `D${r}`, "$B$2", "", `J${r}`) };
    ws.getCell(`L${r}`).value = { formula: f("LANDED.DUTY", ...landedArgs) };
    ws.getCell(`M${r}`).value = { formula: f("LANDED.FEES", ...landedArgs) };
    ws.getCell(`N${r}`).value = { formula: f("LANDED", ...landedArgs) };
    for (const c of ["E", "F", "G", "L", "M", "N"]) ws.getCell(`${c}${r}`).numFmt = USD;
    ws.getCell(`K${r}`).numFmt = PERCENT;
  });
  const last = 4 + SKUS.length;
  const total = last + 1;
  ws.getCell(`A${total}`).value = "Total";
  ws.getRow(total).font = { bold: true };
  for (const c of ["E", "L", "M", "N"]) {
    ws.getCell(`${c}${total}`).value = { formula: `SUM(${c}5:${c}${last})` };
    ws.getCell(`${c}${total}`).numFmt = USD;
  }
}

function originComparison(ws, f) {
  ws.columns = [10, 12, 12, 16, 16, 44].map((width) => ({ width }));
  ws.getCell("A1").value = `Origin comparison: ${COMPARISON.label}, HTS ${COMPARISON.hts}`;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = "HTS";
  ws.getCell("B2").value = COMPARISON.hts;
  ws.getCell("C2").value = "Entry date";
  ws.getCell("D2").value = ENTRY_DATE;
  ws.getCell("D2").numFmt = DATE_FORMAT;
  ws.getCell("E2").value = "Value";
  ws.getCell("F2").value = COMPARISON.value;
  ws.getCell("F2").numFmt = USD;
  ws.getRow(4).values = ["Origin", "Rate", "Duty", "Landed cost", "", "Card (DUTY.RATE)"];
  ws.getRow(4).font = { bold: true };
  COMPARISON.origins.forEach((origin, i) => {
    const r = 5 + i;
    ws.getCell(`A${r}`).value = origin;
    ws.getCell(`B${r}`).value = { formula: f("TARIFF", `A${r}`, "$B$2", "$D$2") };
    ws.getCell(`B${r}`).numFmt = PERCENT;
    ws.getCell(`C${r}`).value = { formula: f("LANDED.DUTY", "$F$2", `A${r}`, "$B$2", "$D$2") };
    ws.getCell(`D${r}`).value = { formula: f("LANDED", "$F$2", `A${r}`, "$B$2", "$D$2") };
    for (const c of ["C", "D"]) ws.getCell(`${c}${r}`).numFmt = USD;
    ws.getCell(`F${r}`).value = { formula: f("RATE", `A${r}`, "$B$2", "$D$2") };
  });
}

function rateHistory(ws, f) {
  ws.columns = [12, 12, 12, 12, 44, 20].map((width) => ({ width }));
  ws.getCell("A1").value = "Rate history";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const inputs = [
    ["Country", HISTORY.country],
    ["HTS", HISTORY.hts],
    ["Start", HISTORY.start],
    ["End", HISTORY.end],
  ];
  inputs.forEach(([label, value], i) => {
    ws.getCell(`A${2 + i}`).value = label;
    ws.getCell(`B${2 + i}`).value = value;
    if (value instanceof Date) ws.getCell(`B${2 + i}`).numFmt = DATE_FORMAT;
  });
  ws.getCell("A7").value = { formula: f("HISTORY", "B2", "B3", "B4", "B5") };
}

function versionSheet(ws, f, tableId) {
  ws.columns = [14, 14, 68, 12, 60].map((width) => ({ width }));
  ws.getCell("A1").value = "Version and pin";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = "Pinned table";
  ws.getCell("B2").value = tableId;
  ws.getCell("C2").value = "the release this workbook was built for; the task pane's Pin keeps every co-author on one release";
  ws.getCell("A4").value = { formula: f("VERSION") };
  // Reads the VERSION spill's table id (A5), so the check itself is not a DUTY formula.
  ws.getCell("A8").value = "Pin check";
  ws.getCell("B8").value = { formula: `IF(A5=B2,"computing with the pinned table","not the pinned table: open Home > Duty Rates")` };
}

/** The workbook as bytes. */
async function sampleWorkbook(functionsJson, tableId = newestRelease().id) {
  const f = formulaWriter(functionsJson);
  const wb = new ExcelJS.Workbook();
  wb.creator = "DutyDesk";
  wb.created = new Date(Date.UTC(2026, 0, 1)); // fixed, so two builds of one release write the same workbook
  wb.modified = wb.created;
  // No cached results are stored: Excel computes every formula when the file opens.
  wb.calcProperties.fullCalcOnLoad = true;
  instructions(wb.addWorksheet("Read me"), tableId);
  landedModel(wb.addWorksheet("Landed cost"), f);
  originComparison(wb.addWorksheet("Origins"), f);
  rateHistory(wb.addWorksheet("Rate history"), f);
  versionSheet(wb.addWorksheet("Version"), f, tableId);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

class SampleWorkbookPlugin {
  /** @param {{ metadata: string }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DutyDeskSampleWorkbook", (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: "DutyDeskSampleWorkbook", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, async () => {
        const asset = compilation.getAsset(this.options.metadata);
        if (!asset) return;
        try {
          const bytes = await sampleWorkbook(JSON.parse(asset.source.source().toString()));
          compilation.emitAsset(SAMPLE_WORKBOOK, new sources.RawSource(bytes));
        } catch (e) {
          compilation.errors.push(new WebpackError(`sample workbook: ${e.message}`));
        }
      });
    });
  }
}

module.exports = { SKUS, COMPARISON, sampleWorkbook, SampleWorkbookPlugin };
