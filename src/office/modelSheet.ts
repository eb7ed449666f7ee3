import { dayFromIso, excelSerialFromDay } from "../engine";
import { rangeA1 } from "../formula/a1";
import { InsertedSheet } from "../workbook/workbookPort";
import { newSheetName, newTableName } from "./sheetNames";

/**
 * Inserts a ready landed-cost model built from DUTY functions only: one row per SKU, the duty rate from
 * DUTY.TARIFF, duty and landed cost as plain Excel arithmetic, and DUTY.VERSION() above it so the sheet
 * says which release computed it. Column specs are data: a LANDED column (DUTY.LANDED, when the add-in
 * has it) is one more spec, not new code.
 */
export interface ModelSku {
  readonly sku: string;
  readonly description: string;
  readonly origin: string;
  readonly hts: string;
  readonly value: number;
  readonly freight: number;
}

export const MODEL_SKUS: readonly ModelSku[] = [
  { sku: "TOY-1001", description: "Plastic construction toys", origin: "CN", hts: "9503.00.00", value: 12_000, freight: 800 },
  { sku: "FUR-2040", description: "Upholstered wooden chairs", origin: "CN", hts: "9401.61.60", value: 18_500, freight: 1_400 },
  { sku: "APP-3100", description: "Cotton T-shirts", origin: "VN", hts: "6109.10.00", value: 9_600, freight: 650 },
  { sku: "FTW-3300", description: "Sports footwear, textile uppers", origin: "VN", hts: "6404.11.90", value: 22_000, freight: 1_100 },
  { sku: "STL-4200", description: "Hot-rolled flat steel", origin: "MX", hts: "7208.39.00", value: 45_000, freight: 2_600 },
  { sku: "ELE-4400", description: "LCD television sets", origin: "MX", hts: "8528.72.64", value: 52_000, freight: 1_800 },
  { sku: "AUT-5100", description: "Passenger car, 1.5-3 l petrol", origin: "DE", hts: "8703.23.01", value: 38_000, freight: 1_900 },
  { sku: "FOO-5300", description: "Cheese", origin: "DE", hts: "0406.90.99", value: 7_400, freight: 520 },
];

/** A column of the model: a header, a number format, and the cell content for data row `r` (A1 row number). */
interface ModelColumn {
  readonly header: string;
  readonly format: string;
  readonly cell: (sku: ModelSku, r: number) => string | number;
}

export const MODEL_DATE = "2025-10-01";
const DATE_CELL = "$C$3";

export function modelColumns(withLanded: boolean): ModelColumn[] {
  const columns: ModelColumn[] = [
    { header: "SKU", format: "@", cell: (s) => s.sku },
    { header: "Description", format: "@", cell: (s) => s.description },
    { header: "Origin", format: "@", cell: (s) => s.origin },
    { header: "HTS code", format: "@", cell: (s) => s.hts },
    { header: "Customs value (USD)", format: "#,##0.00", cell: (s) => s.value },
    { header: "Freight (USD)", format: "#,##0.00", cell: (s) => s.freight },
    { header: "Duty rate", format: "0.0%", cell: (_, r) => `=DUTY.TARIFF(C${r},D${r},${DATE_CELL})` },
    { header: "Duty (USD)", format: "#,##0.00", cell: (_, r) => `=E${r}*G${r}` },
    { header: "Value + freight + duty (USD)", format: "#,##0.00", cell: (_, r) => `=E${r}+F${r}+H${r}` },
  ];
  if (withLanded) {
    // DUTY.LANDED(value, country, sector, [date], [freight], …): the add-in's own landed-cost computation.
    columns.push({
      header: "DUTY.LANDED, with fees (USD)",
      format: "#,##0.00",
      cell: (_, r) => `=DUTY.LANDED(E${r},C${r},D${r},${DATE_CELL},F${r})`,
    });
  }
  return columns;
}

export async function insertModelSheet(context: Excel.RequestContext, options: { withLanded: boolean }): Promise<InsertedSheet> {
  const name = await newSheetName(context, "Landed cost model");
  const tableName = await newTableName(context, "DutyDeskModel");
  const sheet = context.workbook.worksheets.add(name);
  const columns = modelColumns(options.withLanded);

  const head = sheet.getRange("A1:B3");
  head.numberFormat = [
    ["@", "@"],
    ["@", "@"],
    ["@", "@"],
  ];
  head.values = [
    ["Landed-cost model", ""],
    ["Duty rates from DUTY.TARIFF; change the entry date, origins, codes or values.", ""],
    ["Entry date", ""],
  ];
  sheet.getRange("A1").format.font.bold = true;
  const date = sheet.getRange("C3");
  date.numberFormat = [["yyyy-mm-dd"]];
  date.values = [[excelSerialFromDay(dayFromIso(MODEL_DATE)!)]];
  sheet.getRange("E3").values = [["Rate table"]];
  // VERSION spills a header row and a value row (F3:I4 or wider): which release computed this sheet.
  sheet.getRange("F3").formulas = [["=DUTY.VERSION()"]];

  const top = 6; // 0-based: the header is on row 7
  const body = MODEL_SKUS.map((s, i) => columns.map((c) => c.cell(s, top + 2 + i)));
  const header = sheet.getRange(rangeA1(top, 0, 1, columns.length));
  header.numberFormat = [columns.map(() => "@")];
  header.values = [columns.map((c) => c.header)];
  const data = sheet.getRange(rangeA1(top + 1, 0, body.length, columns.length));
  data.numberFormat = body.map(() => columns.map((c) => c.format));
  data.formulas = body;
  const table = sheet.tables.add(rangeA1(top, 0, body.length + 1, columns.length), true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  sheet.getRange(rangeA1(top, 0, body.length + 1, columns.length)).format.autofitColumns();
  sheet.activate();
  await context.sync();
  return { sheet: name, table: tableName, rows: body.length };
}
