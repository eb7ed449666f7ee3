/**
 * A1 addresses (pure). Rows and columns are 0-based indexes, as in Office.js (Range.rowIndex/columnIndex).
 */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellA1(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

export function rangeA1(top: number, left: number, rows: number, columns: number): string {
  const first = cellA1(top, left);
  return rows === 1 && columns === 1 ? first : `${first}:${cellA1(top + rows - 1, left + columns - 1)}`;
}

/** 'My Sheet'!B2 when the name needs quotes, Sheet1!B2 when not. */
export function qualified(sheet: string, a1: string): string {
  return `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${a1}`;
}

export interface CellRef {
  readonly sheet: string | null;
  readonly row: number;
  readonly column: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** Parses A1, $B$2, Sheet1!C3 or 'My sheet'!D4 (a single cell); null for anything else. */
export function parseCellRef(text: string): CellRef | null {
  let sheet: string | null = null;
  let cell = text.trim();
  const bang = cell.lastIndexOf("!");
  if (bang >= 0) {
    const name = cell.slice(0, bang);
    cell = cell.slice(bang + 1);
    if (/^'.*'$/.test(name)) sheet = name.slice(1, -1).replace(/''/g, "'");
    else if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) sheet = name;
    else return null;
  }
  const m = CELL.exec(cell);
  if (!m) return null;
  const column = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  if (column >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) return null;
  return { sheet, row, column };
}
