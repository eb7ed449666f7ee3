import { ScenarioOverride, dayFromExcelSerial, dayFromIso, isoFromDay, percentFromFraction } from "../engine";
import { rangeA1 } from "../formula/a1";
import { ScenarioRows } from "../workbook/workbookPort";
import { newSheetName } from "./sheetNames";

/**
 * The scenario: a visible Excel table of overrides (Measure, Rate, From, To, Note) that co-authors edit
 * together like any other cells. The switch that applies it is a workbook setting, so everyone computes
 * with the same scenario, or with none.
 */
export const SCENARIO_TABLE = "DutyDeskScenario";
export const SCENARIO_HEADERS = ["Measure", "Rate", "From", "To", "Note"] as const;

export async function insertScenarioSheet(context: Excel.RequestContext, example: { measure: string; note: string } | null): Promise<string> {
  const existing = context.workbook.tables.getItemOrNullObject(SCENARIO_TABLE);
  existing.load("isNullObject");
  await context.sync();
  if (!existing.isNullObject) {
    const ws = existing.worksheet;
    ws.load("name");
    ws.activate();
    await context.sync();
    return ws.name;
  }
  const name = await newSheetName(context, "Scenario");
  const sheet = context.workbook.worksheets.add(name);
  const intro = sheet.getRange("A1:A3");
  intro.numberFormat = [["@"], ["@"], ["@"]];
  intro.values = [
    ["Scenario overrides (shared with everyone editing this workbook)"],
    ["One row per measure id (see an audit sheet). Rate: the new rate, e.g. 10%. From / To: entry dates; To is the first date no longer covered."],
    ["Blank cells keep the release's value. Turn the scenario on or off in the DutyDesk pane; DUTY.VERSION() shows when it is on."],
  ];
  sheet.getRange("A1").format.font.bold = true;
  const rows = [[...SCENARIO_HEADERS], example === null ? ["", "", "", "", ""] : [example.measure, 0, "", "", example.note]];
  const range = sheet.getRange(rangeA1(4, 0, rows.length, SCENARIO_HEADERS.length));
  range.numberFormat = [
    ["@", "@", "@", "@", "@"],
    ["@", "0.00%", "yyyy-mm-dd", "yyyy-mm-dd", "@"],
  ];
  range.values = rows;
  const table = sheet.tables.add(range, true);
  table.name = SCENARIO_TABLE;
  table.style = "TableStyleLight14";
  sheet.getRange("A5:A5").format.columnWidth = 230;
  sheet.getRange("E5:E5").format.columnWidth = 260;
  sheet.activate();
  await context.sync();
  return name;
}

export async function readScenarioRows(context: Excel.RequestContext): Promise<ScenarioRows> {
  const table = context.workbook.tables.getItemOrNullObject(SCENARIO_TABLE);
  table.load("isNullObject");
  await context.sync();
  if (table.isNullObject) return { found: false, overrides: [], problems: [] };
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("values");
  await context.sync();
  return { found: true, ...scenarioFromCells(header.values[0] ?? [], body.values) };
}

/** Pure: table cells → overrides. Columns are found by header name, so co-authors may reorder them. */
export function scenarioFromCells(
  header: readonly unknown[],
  rows: readonly (readonly unknown[])[],
): { overrides: ScenarioOverride[]; problems: string[] } {
  const col = new Map(header.map((h, i) => [String(h).trim().toLowerCase(), i]));
  const problems: string[] = [];
  const missing = SCENARIO_HEADERS.filter((h) => h !== "Note" && !col.has(h.toLowerCase()));
  if (missing.length > 0) return { overrides: [], problems: [`the scenario table has no ${missing.join(", ")} column`] };
  const at = (row: readonly unknown[], name: string): unknown => {
    const i = col.get(name.toLowerCase());
    return i === undefined ? "" : row[i];
  };
  const overrides: ScenarioOverride[] = [];
  rows.forEach((row, i) => {
    const where = `row ${i + 1}`;
    const measure = String(at(row, "Measure") ?? "").trim();
    const rate = at(row, "Rate");
    const from = at(row, "From");
    const to = at(row, "To");
    const note = String(at(row, "Note") ?? "");
    if (measure === "" && [rate, from, to].every(blank)) return; // an empty row
    const ratePercent = readRate(rate);
    const fromIso = readDate(from);
    const toIso = readDate(to);
    if (ratePercent === undefined) problems.push(`${where}: rate ${JSON.stringify(String(rate)).slice(0, 30)} is not a percentage`);
    if (fromIso === undefined) problems.push(`${where}: From is not a date`);
    if (toIso === undefined) problems.push(`${where}: To is not a date`);
    if (ratePercent === undefined || fromIso === undefined || toIso === undefined) return;
    overrides.push({ measure, ratePercent, from: fromIso, to: toIso, note });
  });
  return { overrides, problems };
}

function blank(v: unknown): boolean {
  return v === "" || v === null || v === undefined;
}

/** A fraction (Excel's 10% is 0.1) or text like "10%": the percent string; null for blank; undefined if unreadable. */
function readRate(v: unknown): string | null | undefined {
  if (blank(v)) return null;
  if (typeof v === "number") return percentFromFraction(v) ?? undefined;
  if (typeof v === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    return m ? (percentFromFraction(Number(m[1]) / 100) ?? undefined) : undefined;
  }
  return undefined;
}

/** An Excel date serial or ISO text: ISO; null for blank; undefined if unreadable. */
function readDate(v: unknown): string | null | undefined {
  if (blank(v)) return null;
  if (typeof v === "number") {
    const r = dayFromExcelSerial(v);
    return r.ok ? isoFromDay(r.day) : undefined;
  }
  if (typeof v === "string") {
    const d = dayFromIso(v);
    return d === null ? undefined : isoFromDay(d);
  }
  return undefined;
}
