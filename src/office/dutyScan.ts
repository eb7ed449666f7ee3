import { cellA1, qualified, rangeA1 } from "../formula/a1";
import { DutyCell } from "../formula/cellImpact";
import { mentionsDuty } from "../formula/dutyFormula";
import { DutyScan } from "../workbook/workbookPort";
import { isReleaseSheet } from "./releaseSheet";

/**
 * Finds the cells whose formulas call DUTY functions, reading every worksheet's used range in blocks
 * (formulas and values together) so no single request exceeds Excel on the web's payload limits.
 * The values read are kept so that the arguments of DUTY cells can be resolved without another round trip.
 */
export interface ScannedSheet {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly values: unknown[][];
}

const CELLS_PER_REQUEST = 50_000;
const MAX_CELLS = 2_000_000;

export async function scanDutyCells(context: Excel.RequestContext): Promise<DutyScan> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  const scanned = new Map<string, ScannedSheet>();
  const dutyKeys = new Set<string>();
  const cells: DutyCell[] = [];
  const dutySheets: string[] = [];
  let budget = MAX_CELLS;
  let truncated = false;

  for (const sheet of sheets.items) {
    if (isReleaseSheet(sheet.name, sheet.visibility)) continue;
    const used = sheet.getUsedRangeOrNullObject();
    used.load(["isNullObject", "rowIndex", "columnIndex", "rowCount", "columnCount"]);
    await context.sync();
    if (used.isNullObject) continue;
    const { rowIndex: top, columnIndex: left, columnCount } = used;
    let rowCount = used.rowCount;
    if (rowCount * columnCount > budget) {
      rowCount = Math.floor(budget / columnCount);
      truncated = true;
    }
    budget -= rowCount * columnCount;
    const values: unknown[][] = [];
    const rowsPerBlock = Math.max(1, Math.floor(CELLS_PER_REQUEST / columnCount));
    let hasDuty = false;
    for (let r = 0; r < rowCount; r += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, rowCount - r);
      const block = sheet.getRange(rangeA1(top + r, left, n, columnCount));
      block.load("formulas, values");
      await context.sync();
      // Read once into locals: the plugin's load-before-read rule follows plain property reads.
      const blockValues = block.values;
      block.formulas.forEach((row, i) => {
        values.push(blockValues[i]!);
        row.forEach((f, j) => {
          if (!mentionsDuty(f)) return;
          hasDuty = true;
          const at = cellA1(top + r + i, left + j);
          dutyKeys.add(`${sheet.name}!${at}`);
          cells.push({ sheet: sheet.name, address: qualified(sheet.name, at), formula: f, value: blockValues[i]![j] });
        });
      });
    }
    scanned.set(sheet.name, { name: sheet.name, top, left, values });
    if (hasDuty) dutySheets.push(sheet.name);
    if (budget <= 0) {
      truncated = truncated || sheet !== sheets.items[sheets.items.length - 1];
      break;
    }
  }

  return {
    cells,
    sheets: dutySheets,
    truncated,
    value(sheetName, ref) {
      const s = scanned.get(sheetName);
      if (!s) return null;
      return s.values[ref.row - s.top]?.[ref.column - s.left] ?? null;
    },
    isDutyCell(sheetName, ref) {
      return dutyKeys.has(`${sheetName}!${cellA1(ref.row, ref.column)}`);
    },
  };
}
