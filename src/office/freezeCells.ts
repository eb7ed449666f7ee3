import { cellA1, rangeA1 } from "../formula/a1";
import { mentionsDuty } from "../formula/dutyFormula";
import { FreezeProvenance, FreezeResult, FreezeScope, UnfreezeResult } from "../workbook/workbookPort";

/**
 * Freeze to values: the DUTY formulas of the selection (or the active sheet's used range) are replaced by
 * the values they show, and each frozen block is recorded in a visible table, so a co-author without the
 * add-in (Excel on iPad, or not installed) sees numbers that survive a recalculation, with where they came
 * from. A spilling formula (BREAKDOWN, HISTORY) is one block: its whole spill is frozen, only its anchor's
 * formula is recorded, and only that formula is restored by Unfreeze (it spills again).
 *
 * Cells showing an error (#N/A from an unavailable pin, #VALUE! from a bad argument, #SPILL!) are not
 * frozen: a frozen error would look like a value that no recalculation can ever correct.
 */
export const PROVENANCE_SHEET = "DutyDesk provenance";
export const PROVENANCE_TABLE = "DutyDeskProvenance";
export const PROVENANCE_COLUMNS = ["Sheet", "Cells", "Formula", "Release", "SHA-256", "Basis", "Frozen at (UTC)"] as const;
const FORMULA_COLUMN = PROVENANCE_COLUMNS.indexOf("Formula");

interface Scope {
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
  readonly formulas: unknown[][];
}

/** "'My sheet'!B2:C3" → "My sheet" (Excel quotes names with spaces and doubles their apostrophes). */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  const name = bang < 0 ? "" : address.slice(0, bang);
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

async function scopeOf(context: Excel.RequestContext, scope: FreezeScope): Promise<Scope | null> {
  const range =
    scope === "selection" ? context.workbook.getSelectedRange() : context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject();
  range.load(["isNullObject", "address", "rowIndex", "columnIndex", "rowCount", "columnCount", "formulas"]);
  await context.sync();
  if (range.isNullObject) return null;
  return {
    sheet: sheetOfAddress(range.address),
    top: range.rowIndex,
    left: range.columnIndex,
    rows: range.rowCount,
    columns: range.columnCount,
    formulas: range.formulas,
  };
}

function isErrorValue(v: unknown): boolean {
  return typeof v === "string" && /^#[A-Z0-9/]+[!?]?$/.test(v) && v !== "#";
}

export async function freezeDutyCells(context: Excel.RequestContext, scope: FreezeScope, provenance: FreezeProvenance): Promise<FreezeResult> {
  const at = await scopeOf(context, scope);
  if (at === null) return { sheet: "", blocks: 0, cells: 0, skipped: [] };
  const sheet = context.workbook.worksheets.getItem(at.sheet);
  const anchors: Array<{ row: number; column: number; formula: string; spill: Excel.Range; cell: Excel.Range }> = [];
  at.formulas.forEach((row, r) =>
    row.forEach((formula, c) => {
      if (!mentionsDuty(formula)) return;
      const cell = sheet.getRangeByIndexes(at.top + r, at.left + c, 1, 1);
      cell.load("values");
      const spill = cell.getSpillingToRangeOrNullObject();
      spill.load(["isNullObject", "values", "rowIndex", "columnIndex", "rowCount", "columnCount"]);
      anchors.push({ row: at.top + r, column: at.left + c, formula, spill, cell });
    }),
  );
  if (anchors.length === 0) return { sheet: at.sheet, blocks: 0, cells: 0, skipped: [] };
  await context.sync();

  const skipped: string[] = [];
  const records: string[][] = [];
  let cells = 0;
  for (const a of anchors) {
    const spilled = !a.spill.isNullObject;
    const values = spilled ? a.spill.values : a.cell.values;
    const box = spilled
      ? { top: a.spill.rowIndex, left: a.spill.columnIndex, rows: a.spill.rowCount, columns: a.spill.columnCount }
      : { top: a.row, left: a.column, rows: 1, columns: 1 };
    const address = rangeA1(box.top, box.left, box.rows, box.columns);
    const error = values.flat().find(isErrorValue);
    if (error !== undefined) {
      skipped.push(`${at.sheet}!${cellA1(a.row, a.column)} shows ${String(error)}`);
      continue;
    }
    // The anchor first: its formula (and so its spill) goes, then the whole block takes the values it showed.
    sheet.getRangeByIndexes(a.row, a.column, 1, 1).values = [[values[0]![0]]];
    if (spilled) sheet.getRangeByIndexes(box.top, box.left, box.rows, box.columns).values = values;
    cells += box.rows * box.columns;
    records.push([at.sheet, address, a.formula, provenance.release, provenance.sha256, provenance.basis, provenance.at]);
  }
  if (records.length > 0) await appendProvenance(context, records);
  await context.sync();
  return { sheet: at.sheet, blocks: records.length, cells, skipped };
}

/** Adds rows to the provenance table (creating its sheet the first time). Every cell is text, so a formula is recorded, never evaluated. */
async function appendProvenance(context: Excel.RequestContext, records: string[][]): Promise<void> {
  const table = context.workbook.tables.getItemOrNullObject(PROVENANCE_TABLE);
  table.load("isNullObject");
  await context.sync();
  if (table.isNullObject) {
    await writeProvenanceSheet(context, records);
    return;
  }
  const whole = table.getRange().load(["rowIndex", "columnIndex", "rowCount"]);
  const ws = table.worksheet;
  await context.sync();
  // Rows are added empty in the formula column, which is then made text and filled: a value starting
  // with "=" written to a General cell would become a formula.
  table.rows.add(
    undefined,
    records.map((r) => r.map((v, i) => (i === FORMULA_COLUMN ? "" : v))),
  );
  const formulas = ws.getRangeByIndexes(whole.rowIndex + whole.rowCount, whole.columnIndex + FORMULA_COLUMN, records.length, 1);
  formulas.numberFormat = records.map(() => ["@"]);
  formulas.values = records.map((r) => [r[FORMULA_COLUMN]!]);
}

/** The provenance sheet, (re)written with these rows: visible, one table, all text. */
async function writeProvenanceSheet(context: Excel.RequestContext, records: readonly string[][]): Promise<void> {
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(PROVENANCE_SHEET);
  old.load("isNullObject");
  await context.sync();
  if (!old.isNullObject) {
    old.delete();
    await context.sync();
  }
  if (records.length === 0) return;
  const sheet = sheets.add(PROVENANCE_SHEET);
  const range = sheet.getRange(rangeA1(0, 0, records.length + 1, PROVENANCE_COLUMNS.length));
  range.numberFormat = [PROVENANCE_COLUMNS.map(() => "@"), ...records.map(() => PROVENANCE_COLUMNS.map(() => "@"))];
  range.values = [[...PROVENANCE_COLUMNS], ...records.map((r) => [...r])];
  const table = sheet.tables.add(range, true);
  table.name = PROVENANCE_TABLE;
  table.style = "TableStyleLight9";
}

/**
 * Restores the recorded formulas of the blocks in the selection (a block whose anchor is in it) or on the
 * active sheet, clearing each block's values first so a spill has room, and removes their rows.
 */
export async function unfreezeDutyCells(context: Excel.RequestContext, scope: FreezeScope): Promise<UnfreezeResult> {
  const at = await scopeOf(context, scope);
  if (at === null) return { sheet: "", blocks: 0 };
  const table = context.workbook.tables.getItemOrNullObject(PROVENANCE_TABLE);
  table.load("isNullObject");
  await context.sync();
  if (table.isNullObject) return { sheet: at.sheet, blocks: 0 };
  const all = table.getRange().load("values");
  await context.sync();
  const [header = [], ...rows] = all.values;
  const col = (name: (typeof PROVENANCE_COLUMNS)[number]) => header.findIndex((h) => String(h) === name);
  const [cSheet, cCells, cFormula] = [col("Sheet"), col("Cells"), col("Formula")];
  if (cSheet < 0 || cCells < 0 || cFormula < 0) throw new Error(`the ${PROVENANCE_SHEET} table has lost its Sheet, Cells or Formula column`);
  const sheet = context.workbook.worksheets.getItem(at.sheet);
  const kept: string[][] = [];
  let blocks = 0;
  for (const row of rows) {
    const box = parseA1Box(String(row[cCells]));
    const inScope =
      String(row[cSheet]) === at.sheet &&
      box !== null &&
      box.top >= at.top &&
      box.top < at.top + at.rows &&
      box.left >= at.left &&
      box.left < at.left + at.columns;
    if (!inScope) {
      kept.push(row.map(String));
      continue;
    }
    sheet.getRangeByIndexes(box.top, box.left, box.rows, box.columns).clear("Contents");
    sheet.getRangeByIndexes(box.top, box.left, 1, 1).formulas = [[String(row[cFormula])]];
    blocks++;
  }
  if (blocks === 0) return { sheet: at.sheet, blocks: 0 };
  await context.sync();
  await writeProvenanceSheet(context, kept);
  await context.sync();
  return { sheet: at.sheet, blocks };
}

/** "B2" or "B2:C9" → its box; null for anything else. */
function parseA1Box(a1: string): { top: number; left: number; rows: number; columns: number } | null {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(a1);
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]!);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}
