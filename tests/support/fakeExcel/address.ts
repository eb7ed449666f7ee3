/** A1 addresses for the fake: cells, ranges, whole columns and rows, with an optional sheet prefix. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Box {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

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

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses the local part (no sheet): A1, $A$1, A1:C3, A:C, 2:5. Null when malformed. */
export function parseBox(local: string): Box | null {
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length > 2) return null;
  const ends = parts.map(parseEnd);
  if (ends.some((e) => e === null)) return null;
  const [a, b] = [ends[0]!, ends[1] ?? ends[0]!];
  if (a.kind !== b.kind) return null;
  if (a.kind === "cell" && b.kind === "cell") {
    const top = Math.min(a.row, b.row);
    const left = Math.min(a.col, b.col);
    return { top, left, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.col - b.col) + 1 };
  }
  if (a.kind === "col" && b.kind === "col") {
    const left = Math.min(a.col, b.col);
    return { top: 0, left, rows: MAX_ROWS, columns: Math.abs(a.col - b.col) + 1 };
  }
  if (a.kind === "row" && b.kind === "row") {
    const top = Math.min(a.row, b.row);
    return { top, left: 0, rows: Math.abs(a.row - b.row) + 1, columns: MAX_COLUMNS };
  }
  return null;
}

type End = { kind: "cell"; row: number; col: number } | { kind: "col"; col: number; row: -1 } | { kind: "row"; row: number; col: -1 };

function parseEnd(text: string): End | null {
  let m = /^([A-Z]{1,3})(\d{1,7})$/.exec(text);
  if (m) {
    const col = columnNumber(m[1]!);
    const row = Number(m[2]) - 1;
    return col < MAX_COLUMNS && row >= 0 && row < MAX_ROWS ? { kind: "cell", row, col } : null;
  }
  m = /^([A-Z]{1,3})$/.exec(text);
  if (m) return { kind: "col", col: columnNumber(m[1]!), row: -1 };
  m = /^(\d{1,7})$/.exec(text);
  if (m && Number(m[1]) >= 1) return { kind: "row", row: Number(m[1]) - 1, col: -1 };
  return null;
}

export function boxA1(box: Box): string {
  const first = `${columnLetters(box.left)}${box.top + 1}`;
  if (box.rows === 1 && box.columns === 1) return first;
  return `${first}:${columnLetters(box.left + box.columns - 1)}${box.top + box.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}
