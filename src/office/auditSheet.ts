import { Day, RateTable, dayFromIso, excelSerialFromDay, rateText, releaseOf } from "../engine";
import { rangeA1 } from "../formula/a1";
import { InsertedSheet } from "../workbook/workbookPort";
import { newSheetName, newTableName } from "./sheetNames";

/**
 * Inserts an audit sheet: every measure of the table in use as an Excel table, with its legal source, so
 * a reviewer can filter, sort and check the numbers behind DUTY cells against the Federal Register.
 *
 * Text from the table is written to cells formatted as Text ("@"): a title such as "=HYPERLINK(…)" or
 * "<img …>" in a release stays inert text, never a formula.
 */
export const AUDIT_COLUMNS = [
  ["Measure id", "@"],
  ["Importer", "@"],
  ["Authority", "@"],
  ["Measure", "@"],
  ["Chapter 99", "@"],
  ["Rate", "@"],
  ["Additional rate", "0.00%"],
  ["From", "yyyy-mm-dd"],
  ["Through", "yyyy-mm-dd"],
  ["Origins", "@"],
  ["Products", "@"],
  ["Status", "@"],
  ["Confidence", "@"],
  ["Documents", "@"],
  ["Citations", "@"],
  ["Notes", "@"],
] as const;

export async function insertAuditSheet(context: Excel.RequestContext, table: RateTable): Promise<InsertedSheet> {
  const release = releaseOf(table);
  const name = await newSheetName(context, `Audit ${table.id}`);
  const tableName = await newTableName(context, "DutyDeskAudit");
  const sheet = context.workbook.worksheets.add(name);

  const title = sheet.getRange("A1:A2");
  title.numberFormat = [["@"], ["@"]];
  title.values = [
    [`Rate table ${table.id}: ${table.doc.measures.length} measures`],
    [
      `Release ${release.id}, released ${release.released}, SHA-256 ${release.sha256}${table === release ? "" : ` (with scenario overrides, table SHA-256 ${table.sha256})`}`,
    ],
  ];
  title.format.font.bold = true;

  const rows = table.doc.measures.map((m) => [
    m.id,
    m.importer,
    m.authority,
    m.title,
    m.heading,
    rateText(m),
    "add" in m.rate ? Number(m.rate.add) / 100 : "",
    dateCell(m.from),
    m.to === undefined ? "" : excelSerialFromDay((dayFromIso(m.to)! - 1) as Day),
    [...m.partners, ...(m.exceptPartners ?? []).map((p) => `except ${p}`)].join(", "),
    [...m.scope.include, ...(m.scope.exclude ?? []).map((p) => `except ${p}`)].join(", "),
    m.voidedBy === undefined ? "in force" : `voided by ${m.voidedBy}`,
    m.confidence,
    m.documents.join("; "),
    m.citations.join("; "),
    m.notes ?? "",
  ]);
  const top = 3;
  const all = sheet.getRange(rangeA1(top, 0, rows.length + 1, AUDIT_COLUMNS.length));
  all.numberFormat = [AUDIT_COLUMNS.map(() => "@"), ...rows.map(() => AUDIT_COLUMNS.map(([, format]) => format))];
  all.values = [AUDIT_COLUMNS.map(([header]) => header), ...rows.map((r) => r.map((v) => (typeof v === "string" ? v.slice(0, 32_000) : v)))];
  const excelTable = sheet.tables.add(all, true);
  excelTable.name = tableName;
  excelTable.style = "TableStyleLight9";
  all.format.autofitColumns();
  for (const wide of [3, 10, 13, 14, 15]) sheet.getRange(rangeA1(top, wide, 1, 1)).format.columnWidth = 220;
  sheet.activate();
  await context.sync();
  return { sheet: name, table: tableName, rows: rows.length };
}

function dateCell(iso: string): number | string {
  const day = dayFromIso(iso);
  return day === null ? iso : excelSerialFromDay(day);
}
