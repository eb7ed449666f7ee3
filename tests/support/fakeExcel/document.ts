/**
 * The workbook itself, as Excel holds it: worksheets of cells (value, formula, number format), tables,
 * the add-in's settings, the calculation state, and the events it raises. The proxies in proxies.ts
 * only queue operations; `sync()` applies them here, in order.
 *
 * Calculation follows Excel's rules where DutyDesk depends on them:
 *  - writing a cell recalculates the formulas that depend on it (automatic mode), transitively;
 *  - a custom function is NOT recalculated because something outside the grid changed (a new rate
 *    table): only `application.calculate("Full")` or `worksheet.calculate(true)` recompute it;
 *    `calculate("Recalculate")` recomputes dirty cells only (none, since writes recalc eagerly);
 *  - a formula returning an array spills into the cells below/right, or shows #SPILL! if they are taken.
 *
 * Every user-level change is journaled ({@link JournalEntry}), so a test can replay one page's edits into
 * another page's document as a co-author's ("Remote") changes.
 */
import { Box, MAX_COLUMNS, MAX_ROWS, boxA1, key, quoteSheet } from "./address";
import { ErrorValue, Formula, Scalar, Value, evaluate, parseFormula } from "./formula";
import { ERROR_CODES, FakeOfficeError, MESSAGES } from "./officeError";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";
export type Source = "Local" | "Remote";

export interface Cell {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  /** Set on cells filled by another cell's spill: the anchor's key. */
  spilledFrom?: string;
  parsed?: Formula | null;
  spill?: Box;
  /** The custom-function calls of this cell still pending (a promise returned): Excel shows #BUSY! meanwhile. */
  pending?: object;
  /** Results of settled asynchronous calls, by call index, for the recomputation they trigger. */
  settled?: Map<number, { readonly ok: boolean; readonly value: unknown }>;
}

export interface SheetState {
  readonly id: string;
  name: string;
  visibility: Visibility;
  readonly cells: Map<string, Cell>;
  readonly columnWidths: Map<number, number>;
  readonly formats: Map<string, { bold?: boolean; fontColor?: string; fill?: string; wrap?: boolean }>;
  calculations: number;
}

export interface TableState {
  readonly id: string;
  name: string;
  readonly sheetId: string;
  box: Box;
  style: string;
}

export type CalculationType = "Recalculate" | "Full" | "FullRebuild";

export type JournalEntry =
  | { readonly op: "addSheet"; readonly id: string; readonly name: string }
  | { readonly op: "sheet"; readonly id: string; readonly name?: string; readonly visibility?: Visibility }
  | { readonly op: "deleteSheet"; readonly id: string }
  | {
      readonly op: "cells";
      readonly sheetId: string;
      readonly box: Box;
      readonly kind: "values" | "formulas" | "numberFormat";
      readonly data: unknown[][];
    }
  | { readonly op: "clear"; readonly sheetId: string; readonly box: Box; readonly what: string }
  | { readonly op: "addTable"; readonly id: string; readonly sheetId: string; readonly box: Box; readonly hasHeaders: boolean }
  | { readonly op: "table"; readonly id: string; readonly name?: string; readonly style?: string }
  | { readonly op: "setting"; readonly key: string; readonly json: string | null };

export interface ChangeEvent {
  readonly kind: "worksheet";
  readonly sheetId: string;
  readonly address: string;
  readonly changeType: "RangeEdited" | "RowInserted" | "ColumnInserted";
  readonly source: Source;
}

export interface DocumentEvents {
  worksheetChanged(e: ChangeEvent): void;
  settingsChanged(source: Source): void;
}

export type CustomFunctionResolver = (name: string) => ((...args: unknown[]) => unknown) | undefined;

const SHEET_NAME = /^[^:\\/?*[\]]{1,31}$/;
const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/;

export class FakeDocument {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  /** Settings as stored in the file: JSON text per key (values round-trip through JSON, as in Excel). */
  readonly settings = new Map<string, string>();
  readonly journal: JournalEntry[] = [];
  /** Every calculate call: ["Full"], ["sheet", "Model"], … */
  readonly calculationLog: string[][] = [];
  activeSheetId: string | null = null;
  /** The user's selection (one rectangle), or null for A1 of the active sheet. */
  selection: { sheetId: string; box: Box } | null = null;
  private nextId = 1;
  private listeners: DocumentEvents[] = [];
  resolveFunction: CustomFunctionResolver = () => undefined;
  errorCode: (thrown: unknown) => string = (e) =>
    typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "#VALUE!";

  constructor(private readonly idPrefix = "fake") {}

  listen(l: DocumentEvents): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  private emitChange(e: ChangeEvent): void {
    for (const l of this.listeners) l.worksheetChanged(e);
  }

  private emitSettings(source: Source): void {
    for (const l of this.listeners) l.settingsChanged(source);
  }

  newId(kind: string): string {
    return `{${this.idPrefix}-${kind}-${this.nextId++}}`;
  }

  // ------------------------------------------------------------------------------------------ sheets

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetByKey(nameOrId: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === nameOrId) ?? this.sheetByName(nameOrId);
  }

  requireSheet(nameOrId: string): SheetState {
    const s = this.sheetByKey(nameOrId);
    if (!s) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "WorksheetCollection.getItem");
    return s;
  }

  addSheet(name: string | undefined, source: Source = "Local", id?: string): SheetState {
    const wanted = name ?? this.defaultSheetName();
    if (!SHEET_NAME.test(wanted) || wanted.startsWith("'") || wanted.endsWith("'")) {
      throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "WorksheetCollection.add");
    }
    if (this.sheetByName(wanted)) throw new FakeOfficeError(ERROR_CODES.itemAlreadyExists, MESSAGES.itemAlreadyExists, "WorksheetCollection.add");
    const sheet: SheetState = {
      id: id ?? this.newId("sheet"),
      name: wanted,
      visibility: "Visible",
      cells: new Map(),
      columnWidths: new Map(),
      formats: new Map(),
      calculations: 0,
    };
    this.sheets.push(sheet);
    this.activeSheetId ??= sheet.id;
    this.record({ op: "addSheet", id: sheet.id, name: sheet.name }, source);
    return sheet;
  }

  private freeNameFor(name: string): string {
    if (!this.sheetByName(name)) return name;
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`;
      const candidate = name.slice(0, 31 - suffix.length) + suffix;
      if (!this.sheetByName(candidate)) return candidate;
    }
  }

  private defaultSheetName(): string {
    for (let i = 1; ; i++) if (!this.sheetByName(`Sheet${i}`)) return `Sheet${i}`;
  }

  /** Journals a local change (remote ones came from another document's journal). */
  private record(entry: JournalEntry, source: Source): void {
    if (source === "Local") this.journal.push(entry);
  }

  setSheet(sheet: SheetState, change: { name?: string; visibility?: Visibility }, source: Source = "Local"): void {
    if (change.name !== undefined && change.name !== sheet.name) {
      if (!SHEET_NAME.test(change.name)) throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Worksheet.name");
      if (this.sheetByName(change.name)) throw new FakeOfficeError(ERROR_CODES.itemAlreadyExists, MESSAGES.itemAlreadyExists, "Worksheet.name");
      sheet.name = change.name;
    }
    if (change.visibility !== undefined) {
      if (change.visibility !== "Visible" && this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
        // Excel keeps at least one sheet visible.
        throw new FakeOfficeError(ERROR_CODES.invalidOperation, "This operation is not permitted for the current object.", "Worksheet.visibility");
      }
      sheet.visibility = change.visibility;
      if (this.activeSheetId === sheet.id && change.visibility !== "Visible")
        this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")?.id ?? null;
    }
    this.record({ op: "sheet", id: sheet.id, ...change }, source);
  }

  deleteSheet(sheet: SheetState, source: Source = "Local"): void {
    // Excel refuses to delete a very hidden sheet (Worksheet.delete: set it visible or hidden first).
    if (source === "Local" && sheet.visibility === "VeryHidden")
      throw new FakeOfficeError(ERROR_CODES.invalidOperation, "This operation is not permitted for the current object.", "Worksheet.delete");
    if (this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet).length === 0) {
      throw new FakeOfficeError(ERROR_CODES.invalidOperation, "This operation is not permitted for the current object.", "Worksheet.delete");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheetId === sheet.id) this.tables.splice(i, 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === "Visible")?.id ?? null;
    this.record({ op: "deleteSheet", id: sheet.id }, source);
    this.recalcAll(null);
  }

  activate(sheet: SheetState): void {
    if (sheet.visibility !== "Visible")
      throw new FakeOfficeError(ERROR_CODES.invalidOperation, "This operation is not permitted for the current object.", "Worksheet.activate");
    this.activeSheetId = sheet.id;
  }

  // ------------------------------------------------------------------------------------------ cells

  cell(sheet: SheetState, row: number, col: number): Cell | undefined {
    return sheet.cells.get(key(row, col));
  }

  /** Values as range.values returns them: "" for empty, "#N/A" for errors. */
  readValues(sheet: SheetState, box: Box): unknown[][] {
    return this.grid(box, (r, c) => {
      const cell = this.cell(sheet, r, c);
      if (!cell) return "";
      return cell.value instanceof ErrorValue ? cell.value.code : (cell.value ?? "");
    });
  }

  readFormulas(sheet: SheetState, box: Box): unknown[][] {
    return this.grid(box, (r, c) => {
      const cell = this.cell(sheet, r, c);
      if (!cell) return "";
      if (cell.formula !== null) return cell.formula;
      return cell.value instanceof ErrorValue ? cell.value.code : (cell.value ?? "");
    });
  }

  readNumberFormats(sheet: SheetState, box: Box): unknown[][] {
    return this.grid(box, (r, c) => this.cell(sheet, r, c)?.numberFormat ?? "General");
  }

  private grid<T>(box: Box, at: (r: number, c: number) => T): T[][] {
    if (box.rows * box.columns > 5_000_000)
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.", "Range");
    const out: T[][] = [];
    for (let r = 0; r < box.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < box.columns; c++) row.push(at(box.top + r, box.left + c));
      out.push(row);
    }
    return out;
  }

  /** range.values / range.formulas / range.numberFormat = data (null entries leave a cell as it is). */
  write(sheet: SheetState, box: Box, kind: "values" | "formulas" | "numberFormat", data: unknown, source: Source = "Local"): void {
    const rows = this.shape(box, data);
    const changed: string[] = [];
    rows.forEach((row, r) => {
      row.forEach((input, c) => {
        if (input === null || input === undefined) return;
        const k = key(box.top + r, box.left + c);
        const cell = sheet.cells.get(k) ?? { value: null, formula: null, numberFormat: "General" };
        if (kind === "numberFormat") {
          cell.numberFormat = String(input);
        } else {
          this.clearSpill(sheet, k, cell);
          delete cell.spilledFrom;
          this.assign(cell, input, kind === "formulas");
        }
        if (cell.value === null && cell.formula === null && cell.numberFormat === "General") sheet.cells.delete(k);
        else sheet.cells.set(k, cell);
        changed.push(k);
      });
    });
    this.record({ op: "cells", sheetId: sheet.id, box, kind, data: rows }, source);
    if (kind === "numberFormat") return;
    this.expandTables(sheet, box);
    this.recalcDependents(sheet, changed);
    this.emitChange({ kind: "worksheet", sheetId: sheet.id, address: boxA1(box), changeType: "RangeEdited", source });
  }

  private shape(box: Box, data: unknown): unknown[][] {
    if (!Array.isArray(data)) {
      // A single value is applied to every cell of the range.
      return Array.from({ length: box.rows }, () => Array.from({ length: box.columns }, () => data));
    }
    if (data.length !== box.rows || data.some((row) => !Array.isArray(row) || row.length !== box.columns)) {
      throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.dimensions, "Range.values");
    }
    return data as unknown[][];
  }

  /** How Excel reads typed input: formulas, numbers, dates, booleans and 'quoted text, unless the cell is formatted as Text. */
  private assign(cell: Cell, input: unknown, asFormula: boolean): void {
    cell.formula = null;
    cell.parsed = undefined;
    if (typeof input === "number" || typeof input === "boolean") {
      cell.value = input;
      return;
    }
    const text = String(input);
    if (text === "") {
      cell.value = null;
      return;
    }
    if (cell.numberFormat === "@") {
      cell.value = text; // a Text cell keeps exactly what was written, "=…" included
      return;
    }
    if (text.startsWith("=") && text.length > 1) {
      cell.formula = text;
      cell.value = null;
      return;
    }
    if (text.startsWith("'")) {
      cell.value = text.slice(1);
      return;
    }
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) {
      cell.value = Number(text);
      return;
    }
    if (/^(TRUE|FALSE)$/i.test(text)) {
      cell.value = text.toUpperCase() === "TRUE";
      return;
    }
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (iso) {
      cell.value = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / 86_400_000 + 25569;
      if (cell.numberFormat === "General") cell.numberFormat = "yyyy-mm-dd";
      return;
    }
    void asFormula;
    cell.value = text;
  }

  clear(sheet: SheetState, box: Box, what: string, source: Source = "Local"): void {
    const changed: string[] = [];
    for (const [k, cell] of [...sheet.cells]) {
      const [r, c] = k.split(",").map(Number) as [number, number];
      if (r < box.top || r >= box.top + box.rows || c < box.left || c >= box.left + box.columns) continue;
      if (what === "Formats") {
        cell.numberFormat = "General";
        sheet.formats.delete(k);
        continue;
      }
      this.clearSpill(sheet, k, cell);
      if (what === "All") sheet.cells.delete(k);
      else {
        cell.value = null;
        cell.formula = null;
        cell.parsed = undefined;
        if (cell.numberFormat === "General") sheet.cells.delete(k);
      }
      changed.push(k);
    }
    this.record({ op: "clear", sheetId: sheet.id, box, what }, source);
    this.recalcDependents(sheet, changed);
    this.emitChange({ kind: "worksheet", sheetId: sheet.id, address: boxA1(box), changeType: "RangeEdited", source });
  }

  usedBox(sheet: SheetState): Box | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === null && cell.formula === null) continue;
      const [r, c] = k.split(",").map(Number) as [number, number];
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  // ------------------------------------------------------------------------------------------ tables

  tableByName(name: string): TableState | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  addTable(sheet: SheetState, box: Box, hasHeaders: boolean, source: Source = "Local", id?: string): TableState {
    if (box.rows > MAX_ROWS || box.columns > MAX_COLUMNS || box.rows < (hasHeaders ? 2 : 1)) {
      throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "TableCollection.add");
    }
    for (const t of this.tables) {
      if (t.sheetId === sheet.id && overlaps(t.box, box))
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, "A table can't overlap another table.", "TableCollection.add");
    }
    let finalBox = box;
    if (!hasHeaders) {
      // Excel inserts a header row above the data: model it by shifting the data down one row.
      finalBox = { ...box, rows: box.rows + 1 };
      const data = this.readFormulas(sheet, box);
      this.clear(sheet, box, "Contents", source);
      this.write(sheet, { ...box, top: box.top + 1 }, "formulas", data, source);
      this.write(sheet, { ...box, rows: 1 }, "values", [Array.from({ length: box.columns }, (_, i) => `Column${i + 1}`)], source);
    } else {
      const header = this.readValues(sheet, { ...box, rows: 1 })[0]!;
      const names = header.map((h, i) => (h === "" ? `Column${i + 1}` : String(h)));
      if (header.some((h) => h === "")) this.write(sheet, { ...box, rows: 1 }, "values", [names], source);
    }
    const table: TableState = {
      id: id ?? this.newId("table"),
      name: this.defaultTableName(),
      sheetId: sheet.id,
      box: finalBox,
      style: "TableStyleMedium2",
    };
    this.tables.push(table);
    // Journaled with its final box and headers in place: a replay must not shift the data again.
    this.record({ op: "addTable", id: table.id, sheetId: sheet.id, box: finalBox, hasHeaders: true }, source);
    return table;
  }

  private defaultTableName(): string {
    for (let i = 1; ; i++) if (!this.tableByName(`Table${i}`)) return `Table${i}`;
  }

  setTable(table: TableState, change: { name?: string; style?: string }, source: Source = "Local"): void {
    if (change.name !== undefined && change.name !== table.name) {
      if (!TABLE_NAME.test(change.name) || /^[A-Za-z]{1,3}\d+$/.test(change.name))
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Table.name");
      if (this.tableByName(change.name))
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, "A table with this name already exists.", "Table.name");
      table.name = change.name;
    }
    if (change.style !== undefined) table.style = change.style;
    this.record({ op: "table", id: table.id, ...change }, source);
  }

  addTableRows(table: TableState, index: number | null, values: unknown[][]): void {
    const sheet = this.requireSheet(table.sheetId);
    if (index !== null && index !== table.box.rows - 1)
      throw new FakeOfficeError(ERROR_CODES.invalidArgument, "The fake adds table rows at the end only.", "TableRowCollection.add");
    const box = { top: table.box.top + table.box.rows, left: table.box.left, rows: values.length, columns: table.box.columns };
    this.write(sheet, box, "values", values);
  }

  /** Typing in the row right below a table (within its columns) extends the table, as in Excel. */
  private expandTables(sheet: SheetState, box: Box): void {
    for (const t of this.tables) {
      if (t.sheetId !== sheet.id) continue;
      const below = t.box.top + t.box.rows;
      const withinColumns = box.left >= t.box.left && box.left + box.columns <= t.box.left + t.box.columns;
      if (withinColumns && box.top === below) t.box = { ...t.box, rows: t.box.rows + box.rows };
    }
  }

  // ------------------------------------------------------------------------------------------ settings

  setSetting(key: string, value: unknown, source: Source = "Local"): void {
    const json = JSON.stringify(value === undefined ? null : value);
    this.settings.set(key, json);
    this.record({ op: "setting", key, json }, source);
    this.emitSettings(source);
  }

  deleteSetting(key: string, source: Source = "Local"): void {
    if (!this.settings.delete(key)) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Setting.delete");
    this.record({ op: "setting", key, json: null }, source);
    this.emitSettings(source);
  }

  getSetting(key: string): unknown {
    const json = this.settings.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  // ------------------------------------------------------------------------------------------ calculation

  calculate(type: CalculationType): void {
    this.calculationLog.push([type]);
    if (type !== "Recalculate") this.recalcAll(null);
  }

  /** The values a saved file opens with (no calculation request is logged). */
  initialCalculation(): void {
    this.recalcAll(null);
  }

  calculateSheet(sheet: SheetState, markAllDirty: boolean): void {
    this.calculationLog.push(["sheet", sheet.name, String(markAllDirty)]);
    sheet.calculations++;
    if (markAllDirty) {
      const changed = this.recalcSheet(sheet);
      this.recalcDependents(sheet, changed, false);
    }
  }

  private formulaCells(filter: SheetState | null): Array<[SheetState, string, Cell]> {
    const out: Array<[SheetState, string, Cell]> = [];
    for (const s of this.sheets) {
      if (filter !== null && s !== filter) continue;
      for (const [k, c] of s.cells) if (c.formula !== null) out.push([s, k, c]);
    }
    return out;
  }

  private recalcAll(filter: SheetState | null): void {
    // Repeated passes in sheet/row order until nothing changes: enough for the acyclic models in tests.
    for (let pass = 0; pass < 20; pass++) {
      let changed = false;
      for (const [s, k, c] of this.formulaCells(filter)) if (this.compute(s, k, c)) changed = true;
      if (!changed) return;
    }
  }

  private recalcSheet(sheet: SheetState): string[] {
    const changed: string[] = [];
    for (let pass = 0; pass < 20; pass++) {
      let any = false;
      for (const [, k, c] of this.formulaCells(sheet)) {
        if (this.compute(sheet, k, c)) {
          any = true;
          changed.push(k);
        }
      }
      if (!any) break;
    }
    for (const [k] of sheet.cells) changed.push(k);
    return changed;
  }

  /** Recomputes what depends on the changed cells (and the changed formulas themselves), transitively. */
  private recalcDependents(sheet: SheetState, changedKeys: readonly string[], includeSelf = true): void {
    let frontier = new Set(changedKeys.map((k) => `${sheet.id}|${k}`));
    if (includeSelf) {
      for (const k of changedKeys) {
        const cell = sheet.cells.get(k);
        if (cell?.formula) this.compute(sheet, k, cell);
      }
    }
    for (let round = 0; round < 50 && frontier.size > 0; round++) {
      const next = new Set<string>();
      for (const [s, k, c] of this.formulaCells(null)) {
        const parsed = this.parsed(c);
        if (parsed === null) continue;
        const depends = parsed.refs.some((ref) => {
          const target = ref.sheet === null ? s : this.sheetByName(ref.sheet);
          if (!target) return false;
          for (const f of frontier) {
            const [sid, cellKey] = f.split("|") as [string, string];
            if (sid !== target.id) continue;
            const [r, cc] = cellKey.split(",").map(Number) as [number, number];
            if (r >= ref.box.top && r < ref.box.top + ref.box.rows && cc >= ref.box.left && cc < ref.box.left + ref.box.columns) return true;
          }
          return false;
        });
        if (depends && this.compute(s, k, c)) {
          next.add(`${s.id}|${k}`);
          if (c.spill) for (const sk of boxKeys(c.spill)) next.add(`${s.id}|${sk}`);
        }
      }
      frontier = next;
    }
  }

  private parsed(cell: Cell): Formula | null {
    if (cell.parsed === undefined) {
      try {
        cell.parsed = cell.formula === null ? null : parseFormula(cell.formula);
      } catch {
        cell.parsed = null;
      }
    }
    return cell.parsed;
  }

  /** Evaluates one formula cell; true when its shown value (or spill) changed. */
  private compute(sheet: SheetState, k: string, cell: Cell): boolean {
    const parsed = this.parsed(cell);
    const before = JSON.stringify([cell.value instanceof ErrorValue ? cell.value.code : cell.value, cell.spill ?? null]);
    const settled = cell.settled;
    delete cell.settled;
    let calls = 0;
    let result: Value;
    if (parsed === null) result = new ErrorValue("#NAME?");
    else {
      result = evaluate(parsed, {
        read: (name, box) => {
          const target = name === null ? sheet : this.sheetByName(name);
          if (!target) return [[new ErrorValue("#REF!")]];
          const out: Scalar[][] = [];
          for (let r = 0; r < box.rows; r++) {
            const row: Scalar[] = [];
            for (let c = 0; c < box.columns; c++) row.push(target.cells.get(key(box.top + r, box.left + c))?.value ?? null);
            out.push(row);
          }
          return out;
        },
        customFunction: (name) => this.asyncAware(sheet, k, cell, name, calls++, settled),
        errorCode: (e) => this.errorCode(e),
      });
    }
    this.clearSpill(sheet, k, cell);
    const [row, col] = k.split(",").map(Number) as [number, number];
    if (Array.isArray(result)) {
      const box = { top: row, left: col, rows: result.length, columns: Math.max(...result.map((r) => r.length)) };
      const blocked = boxKeys(box).some(
        (bk) => bk !== k && (sheet.cells.get(bk)?.value ?? null) !== null && sheet.cells.get(bk)?.spilledFrom === undefined,
      );
      if (blocked) cell.value = new ErrorValue("#SPILL!");
      else {
        cell.value = result[0]?.[0] ?? null;
        cell.spill = box;
        result.forEach((r, i) =>
          r.forEach((v, j) => {
            if (i === 0 && j === 0) return;
            const sk = key(row + i, col + j);
            const target = sheet.cells.get(sk) ?? { value: null, formula: null, numberFormat: "General" };
            target.value = v;
            target.spilledFrom = k;
            sheet.cells.set(sk, target);
          }),
        );
      }
    } else {
      cell.value = result;
    }
    return before !== JSON.stringify([cell.value instanceof ErrorValue ? cell.value.code : cell.value, cell.spill ?? null]);
  }

  /**
   * A custom function as Excel runs it: a returned promise shows #BUSY! in the cell, and when it settles
   * the cell takes the result (or the error) and its dependents recalculate, as in Excel. A newer
   * computation of the cell (an edit, a recalculation) supersedes a call still pending.
   */
  private asyncAware(
    sheet: SheetState,
    k: string,
    cell: Cell,
    name: string,
    index: number,
    settled: Cell["settled"],
  ): ((...args: unknown[]) => unknown) | undefined {
    const fn = this.resolveFunction(name);
    if (fn === undefined) return undefined;
    const wrapped = (...args: unknown[]): unknown => {
      const done = settled?.get(index);
      if (done !== undefined) {
        if (done.ok) return done.value;
        throw done.value;
      }
      const result = fn(...args);
      if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
        const token = {};
        cell.pending = token;
        const formula = cell.formula;
        const settle = (outcome: { ok: boolean; value: unknown }) => {
          if (cell.pending !== token || cell.formula !== formula || sheet.cells.get(k) !== cell) return;
          delete cell.pending;
          cell.settled = new Map([...(settled ?? []), [index, outcome]]);
          if (this.compute(sheet, k, cell)) this.recalcDependents(sheet, [k, ...(cell.spill ? boxKeys(cell.spill) : [])], false);
        };
        (result as Promise<unknown>).then(
          (value) => settle({ ok: true, value }),
          (error: unknown) => settle({ ok: false, value: error }),
        );
      }
      return result;
    };
    Object.defineProperty(wrapped, "length", { value: fn.length });
    return wrapped;
  }

  private clearSpill(sheet: SheetState, k: string, cell: Cell): void {
    if (!cell.spill) return;
    for (const sk of boxKeys(cell.spill)) {
      if (sk === k) continue;
      const target = sheet.cells.get(sk);
      if (target?.spilledFrom === k) {
        if (target.numberFormat === "General") sheet.cells.delete(sk);
        else {
          target.value = null;
          delete target.spilledFrom;
        }
      }
    }
    delete cell.spill;
  }

  // ------------------------------------------------------------------------------------------ co-authoring

  /** Applies journal entries recorded by another document (a co-author) as Remote changes, keeping their ids. */
  applyRemote(entries: readonly JournalEntry[]): void {
    for (const e of entries) {
      switch (e.op) {
        case "addSheet":
          // Two co-authors who add a sheet of the same name at the same moment both keep their sheet: the
          // merge renames the one that arrives second as Excel names a copy ("Name (2)", within 31
          // characters). A co-author's edit never fails at the receiving end.
          if (!this.sheets.some((s) => s.id === e.id)) this.addSheet(this.freeNameFor(e.name), "Remote", e.id);
          break;
        case "sheet":
          this.setSheet(
            this.requireSheet(e.id),
            { ...(e.name ? { name: e.name } : {}), ...(e.visibility ? { visibility: e.visibility } : {}) },
            "Remote",
          );
          break;
        case "deleteSheet":
          this.deleteSheet(this.requireSheet(e.id), "Remote");
          break;
        case "cells":
          this.write(this.requireSheet(e.sheetId), e.box, e.kind, e.data, "Remote");
          break;
        case "clear":
          this.clear(this.requireSheet(e.sheetId), e.box, e.what, "Remote");
          break;
        case "addTable":
          if (!this.tables.some((t) => t.id === e.id)) this.addTable(this.requireSheet(e.sheetId), e.box, e.hasHeaders, "Remote", e.id);
          break;
        case "table": {
          const t = this.tables.find((x) => x.id === e.id);
          if (t) this.setTable(t, { ...(e.name ? { name: e.name } : {}), ...(e.style ? { style: e.style } : {}) }, "Remote");
          break;
        }
        case "setting":
          if (e.json === null) {
            if (this.settings.has(e.key)) this.deleteSetting(e.key, "Remote");
          } else this.setSetting(e.key, JSON.parse(e.json), "Remote");
          break;
      }
    }
  }

  addressOf(sheet: SheetState, box: Box): string {
    return `${quoteSheet(sheet.name)}!${boxA1(box)}`;
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.columns && b.left < a.left + a.columns && a.top < b.top + b.rows && b.top < a.top + a.rows;
}

function boxKeys(box: Box): string[] {
  const out: string[] = [];
  for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.columns; c++) out.push(key(box.top + r, box.left + c));
  return out;
}
