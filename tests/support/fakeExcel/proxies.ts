/**
 * The Excel JavaScript API objects DutyDesk uses, as proxies over a FakeDocument. Each class declares,
 * with FakeShape, which properties and methods of the real class it implements; the compiler then holds
 * their names, property types and parameter types to @types/office-js.
 */
import { Box, boxA1, parseBox, splitSheet } from "./address";
import { CalculationType, FakeDocument, SheetState, TableState, Visibility } from "./document";
import { FakeShape, Methods } from "./fakeShape";
import { ERROR_CODES, FakeOfficeError, MESSAGES } from "./officeError";
import { FakeClientObject, FakeClientResult, FakeRequestContext } from "./requestContext";
import { FakeEventHandlers } from "./events";

type SheetLocator = () => SheetState | null;

// ---------------------------------------------------------------------------------------------- workbook

export class FakeWorkbook
  implements
    Pick<Excel.Workbook, "worksheets" | "tables" | "settings" | "application">,
    Methods<Excel.Workbook, "getSelectedRange", { getSelectedRange: FakeRange }>
{
  readonly worksheets: FakeWorksheetCollection & Excel.WorksheetCollection;
  readonly tables: FakeTableCollection & Excel.TableCollection;
  readonly settings: FakeSettingCollection & Excel.SettingCollection;
  readonly application: FakeApplication & Excel.Application;

  constructor(readonly context: FakeRequestContext) {
    // The app is compiled against the real typings; these casts are where the fake stands in for them.
    // Their members are checked one by one by each class's FakeShape.
    this.worksheets = new FakeWorksheetCollection(context) as FakeWorksheetCollection & Excel.WorksheetCollection;
    this.tables = new FakeTableCollection(context, null) as FakeTableCollection & Excel.TableCollection;
    this.settings = new FakeSettingCollection(context) as FakeSettingCollection & Excel.SettingCollection;
    this.application = new FakeApplication(context) as FakeApplication & Excel.Application;
  }

  /** The user's selection (harness.select; A1 of the active sheet until then), as one rectangular range. */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const doc = this.context.document;
      const sel =
        doc.selection ?? (doc.activeSheetId === null ? null : { sheetId: doc.activeSheetId, box: { top: 0, left: 0, rows: 1, columns: 1 } });
      if (sel === null) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Workbook.getSelectedRange");
      return { sheet: doc.requireSheet(sel.sheetId), box: sel.box };
    });
  }
}

// ---------------------------------------------------------------------------------------------- worksheets

export class FakeWorksheetCollection
  extends FakeClientObject
  implements
    FakeShape<
      Excel.WorksheetCollection,
      "items",
      "add" | "getItem" | "getItemOrNullObject" | "getActiveWorksheet" | "getCount" | "load",
      {
        add: FakeWorksheet;
        getItem: FakeWorksheet;
        getItemOrNullObject: FakeWorksheet;
        getActiveWorksheet: FakeWorksheet;
        getCount: FakeClientResult<number>;
        load: FakeWorksheetCollection;
      }
    >
{
  readonly onChanged: FakeEventHandlers<Excel.WorksheetChangedEventArgs>;
  readonly onAdded: FakeEventHandlers<Excel.WorksheetAddedEventArgs>;

  constructor(context: FakeRequestContext) {
    super(context, "WorksheetCollection");
    this.onChanged = context.runtime.events.worksheetChanged(context, null);
    this.onAdded = context.runtime.events.worksheetAdded(context);
  }

  get items(): Excel.Worksheet[] {
    return this.read<Excel.Worksheet[]>("items");
  }

  add(name?: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.context, lazy());
    this.context.enqueue(() => {
      const created = this.context.document.addSheet(name);
      sheet.bind(created.id);
    });
    return sheet;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, byKey(this.context.document, key, false), { required: true });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, byKey(this.context.document, key, true), { nullable: true });
  }

  getActiveWorksheet(): FakeWorksheet {
    const doc = this.context.document;
    return new FakeWorksheet(this.context, () => (doc.activeSheetId === null ? null : (doc.sheetByKey(doc.activeSheetId) ?? null)), {
      required: true,
    });
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue(() => result.set(this.context.document.sheets.length));
    return result;
  }

  protected locate(): unknown {
    return this.context.document;
  }

  protected fill(_: unknown, names: readonly string[]): void {
    const itemProps = names.filter((n) => n === "items" || n.startsWith("items/")).map((n) => (n === "items" ? "" : n.slice(6)));
    if (itemProps.length === 0) return;
    const props = itemProps.includes("") ? FakeWorksheet.SCALARS : itemProps.flatMap((p) => p.split("/")[0] ?? []);
    const items = this.context.document.sheets.map((s) => {
      const proxy = new FakeWorksheet(this.context, () => this.context.document.sheetByKey(s.id) ?? null);
      proxy.bind(s.id);
      proxy.fillFrom(s, props);
      return proxy;
    });
    this.setLocal("items", items);
  }

  protected defaultProperties(): readonly string[] {
    return ["items"];
  }
}

function lazy(): SheetLocator & { id?: string } {
  return () => null;
}

function byKey(doc: FakeDocument, key: string, nullable: boolean): SheetLocator {
  let id: string | null = null;
  return () => {
    const found = id !== null ? doc.sheetByKey(id) : doc.sheetByKey(key);
    if (found) {
      id = found.id;
      return found;
    }
    if (nullable) return null;
    throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "WorksheetCollection.getItem");
  };
}

export class FakeWorksheet
  extends FakeClientObject
  implements
    FakeShape<
      Excel.Worksheet,
      "name" | "id" | "visibility" | "position",
      "getRange" | "getRangeByIndexes" | "getUsedRange" | "getUsedRangeOrNullObject" | "activate" | "delete" | "calculate" | "load",
      {
        getRange: FakeRange;
        getRangeByIndexes: FakeRange;
        getUsedRange: FakeRange;
        getUsedRangeOrNullObject: FakeRange;
        activate: void;
        delete: void;
        calculate: void;
        load: FakeWorksheet;
      }
    >
{
  static readonly SCALARS = ["name", "id", "visibility", "position"];
  private boundId: string | null = null;
  readonly tables: FakeTableCollection & Excel.TableCollection;
  readonly onChanged: FakeEventHandlers<Excel.WorksheetChangedEventArgs>;

  constructor(
    context: FakeRequestContext,
    private readonly locator: SheetLocator,
    // How the sheet was asked for (getItem vs getItemOrNullObject); read once, here.
    mode: { required?: boolean; nullable?: boolean } = {},
  ) {
    super(context, "Worksheet");
    this.tables = new FakeTableCollection(context, () => this.sheet()) as FakeTableCollection & Excel.TableCollection;
    this.onChanged = context.runtime.events.worksheetChanged(context, () => this.sheet().id);
    if (mode.nullable) context.enqueue(() => void (this.nullState = this.locate() === null));
    else if (mode.required) context.enqueue(() => void this.sheet());
  }

  bind(id: string): void {
    this.boundId = id;
    this.nullState = false;
  }

  /** The sheet, now; throws ItemNotFound if it does not exist (or this is a null object). */
  sheet(): SheetState {
    const s = this.locate();
    if (s === null) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Worksheet");
    return s;
  }

  protected locate(): SheetState | null {
    if (this.boundId !== null) return this.context.document.sheetByKey(this.boundId) ?? null;
    return this.locator();
  }

  protected fill(state: unknown, names: readonly string[]): void {
    this.fillFrom(state as SheetState, names);
  }

  fillFrom(s: SheetState, names: readonly string[]): void {
    for (const n of names) {
      if (n === "name") this.props.set("name", s.name);
      else if (n === "id") this.props.set("id", s.id);
      else if (n === "visibility") this.props.set("visibility", s.visibility);
      else if (n === "position") this.props.set("position", this.context.document.sheets.indexOf(s));
      else if (n !== "isNullObject") throw new FakeOfficeError(ERROR_CODES.invalidArgument, `The fake cannot load Worksheet.${n}.`, "Worksheet.load");
    }
  }

  protected defaultProperties(): readonly string[] {
    return FakeWorksheet.SCALARS;
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.setLocal("name", value);
    this.context.enqueue(() => this.context.document.setSheet(this.sheet(), { name: value }));
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  set position(_: number) {
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, "The fake does not move sheets.", "Worksheet.position");
  }
  get visibility(): Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden" {
    return this.read("visibility");
  }
  set visibility(value: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden") {
    this.setLocal("visibility", value);
    this.context.enqueue(() => this.context.document.setSheet(this.sheet(), { visibility: value as Visibility }));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet();
      if (address === undefined || address === "") return { sheet, box: { top: 0, left: 0, rows: 1_048_576, columns: 16_384 } };
      const { sheet: prefix, local } = splitSheet(address);
      const target = prefix === null ? sheet : this.context.document.sheetByName(prefix);
      const box = parseBox(local);
      if (!target || !box) throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "Worksheet.getRange");
      return { sheet: target, box };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => ({
      sheet: this.sheet(),
      box: { top: startRow, left: startColumn, rows: rowCount, columns: columnCount },
    }));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(this.context, () => {
      const sheet = this.sheet();
      return { sheet, box: this.context.document.usedBox(sheet) ?? { top: 0, left: 0, rows: 1, columns: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.sheet();
        const box = this.context.document.usedBox(sheet);
        return box === null ? null : { sheet, box };
      },
      true,
    );
  }

  activate(): void {
    this.context.enqueue(() => this.context.document.activate(this.sheet()));
  }

  delete(): void {
    this.context.enqueue(() => this.context.document.deleteSheet(this.sheet()));
  }

  calculate(markAllDirty: boolean): void {
    this.context.enqueue(() => this.context.document.calculateSheet(this.sheet(), markAllDirty));
  }
}

// ---------------------------------------------------------------------------------------------- ranges

type RangeTarget = { sheet: SheetState; box: Box };

export class FakeRange
  extends FakeClientObject
  implements
    FakeShape<
      Excel.Range,
      "values" | "formulas" | "numberFormat" | "address" | "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "cellCount",
      "getCell" | "clear" | "load" | "getSpillingToRangeOrNullObject",
      { getCell: FakeRange; clear: void; load: FakeRange; getSpillingToRangeOrNullObject: FakeRange }
    >
{
  static readonly SCALARS = ["values", "formulas", "numberFormat", "address", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount"];
  readonly format: FakeRangeFormat & Excel.RangeFormat;

  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget | null,
    nullable = false,
  ) {
    super(context, "Range");
    this.format = new FakeRangeFormat(context, () => this.at()) as FakeRangeFormat & Excel.RangeFormat;
    if (nullable) context.enqueue(() => void (this.nullState = this.target() === null));
  }

  at(): RangeTarget {
    const t = this.target();
    if (t === null) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Range");
    return t;
  }

  protected locate(): RangeTarget | null {
    return this.target();
  }

  protected defaultProperties(): readonly string[] {
    return FakeRange.SCALARS;
  }

  protected fill(state: unknown, names: readonly string[]): void {
    const { sheet, box } = state as RangeTarget;
    const doc = this.context.document;
    for (const n of names) {
      switch (n) {
        case "values":
          this.props.set(n, doc.readValues(sheet, box));
          break;
        case "formulas":
          this.props.set(n, doc.readFormulas(sheet, box));
          break;
        case "numberFormat":
          this.props.set(n, doc.readNumberFormats(sheet, box));
          break;
        case "address":
          this.props.set(n, doc.addressOf(sheet, box));
          break;
        case "rowIndex":
          this.props.set(n, box.top);
          break;
        case "columnIndex":
          this.props.set(n, box.left);
          break;
        case "rowCount":
          this.props.set(n, box.rows);
          break;
        case "columnCount":
          this.props.set(n, box.columns);
          break;
        case "cellCount":
          this.props.set(n, box.rows * box.columns);
          break;
        case "isNullObject":
          break;
        default:
          throw new FakeOfficeError(ERROR_CODES.invalidArgument, `The fake cannot load Range.${n}.`, "Range.load");
      }
    }
  }

  get values(): any[][] {
    return this.read("values");
  }
  set values(data: any[][]) {
    this.setLocal("values", data);
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      this.context.document.write(sheet, box, "values", data);
    });
  }
  get formulas(): any[][] {
    return this.read("formulas");
  }
  set formulas(data: any[][]) {
    this.setLocal("formulas", data);
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      this.context.document.write(sheet, box, "formulas", data);
    });
  }
  get numberFormat(): any[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: any[][]) {
    this.setLocal("numberFormat", data);
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      this.context.document.write(sheet, box, "numberFormat", data);
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, box } = this.at();
      return { sheet, box: { top: box.top + row, left: box.left + column, rows: 1, columns: 1 } };
    });
  }

  /** The whole spill of this range's top-left cell when it is a spilling formula's anchor (ExcelApi 1.12); a null object otherwise. */
  getSpillingToRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const { sheet, box } = this.at();
        const spill = this.context.document.cell(sheet, box.top, box.left)?.spill;
        return spill ? { sheet, box: spill } : null;
      },
      true,
    );
  }

  clear(applyTo?: Excel.ClearApplyTo | "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" | "ResetContents"): void {
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      this.context.document.clear(sheet, box, applyTo ?? "All");
    });
  }
}

/** Formatting basics: bold, font colour, fill, column width, wrap, autofit. Stored per cell / column. */
export class FakeRangeFormat implements FakeShape<Excel.RangeFormat, "columnWidth" | "wrapText", "autofitColumns", { autofitColumns: void }> {
  readonly font: { bold: boolean; color: string };
  readonly fill: { color: string };
  private width = 0;
  private wrap = false;

  constructor(
    private readonly context: FakeRequestContext,
    private readonly at: () => RangeTarget,
  ) {
    const cellFormat = (apply: (f: { bold?: boolean; fontColor?: string; fill?: string; wrap?: boolean }) => void) =>
      context.enqueue(() => {
        const { sheet, box } = at();
        for (let r = 0; r < Math.min(box.rows, 10_000); r++)
          for (let c = 0; c < Math.min(box.columns, 1_000); c++) {
            const k = `${box.top + r},${box.left + c}`;
            const f = sheet.formats.get(k) ?? {};
            apply(f);
            sheet.formats.set(k, f);
          }
      });
    let bold = false;
    let color = "#000000";
    let fill = "";
    this.font = {
      get bold() {
        return bold;
      },
      set bold(v: boolean) {
        bold = v;
        cellFormat((f) => (f.bold = v));
      },
      get color() {
        return color;
      },
      set color(v: string) {
        color = v;
        cellFormat((f) => (f.fontColor = v));
      },
    };
    this.fill = {
      get color() {
        return fill;
      },
      set color(v: string) {
        fill = v;
        cellFormat((f) => (f.fill = v));
      },
    };
    void this.context;
  }

  get columnWidth(): number {
    return this.width;
  }
  set columnWidth(points: number) {
    this.width = points;
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      for (let c = 0; c < box.columns; c++) sheet.columnWidths.set(box.left + c, points);
    });
  }
  get wrapText(): boolean {
    return this.wrap;
  }
  set wrapText(v: boolean) {
    this.wrap = v;
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      for (let r = 0; r < box.rows; r++)
        for (let c = 0; c < box.columns; c++)
          sheet.formats.set(`${box.top + r},${box.left + c}`, { ...sheet.formats.get(`${box.top + r},${box.left + c}`), wrap: v });
    });
  }

  autofitColumns(): void {
    this.context.enqueue(() => {
      const { sheet, box } = this.at();
      const doc = this.context.document;
      const values = doc.readValues(sheet, { ...box, rows: Math.min(box.rows, 2_000) });
      for (let c = 0; c < box.columns; c++) {
        const longest = Math.max(1, ...values.map((row) => String(row[c] ?? "").length));
        sheet.columnWidths.set(box.left + c, Math.min(400, 7 * longest + 10));
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------- tables

export class FakeTableCollection
  extends FakeClientObject
  implements
    FakeShape<
      Excel.TableCollection,
      "items" | "count",
      "add" | "getItem" | "getItemOrNullObject" | "getCount" | "load",
      { add: FakeTable; getItem: FakeTable; getItemOrNullObject: FakeTable; getCount: FakeClientResult<number>; load: FakeTableCollection }
    >
{
  constructor(
    context: FakeRequestContext,
    /** null: the workbook's tables; else one worksheet's. */
    private readonly scope: (() => SheetState) | null,
  ) {
    super(context, "TableCollection");
  }

  private list(): TableState[] {
    const all = this.context.document.tables;
    if (this.scope === null) return all;
    const sheet = this.scope();
    return all.filter((t) => t.sheetId === sheet.id);
  }

  get items(): Excel.Table[] {
    return this.read("items");
  }
  get count(): number {
    return this.read("count");
  }

  add(address: Excel.Range | string, hasHeaders: boolean): FakeTable {
    const table = new FakeTable(this.context, () => null);
    this.context.enqueue(() => {
      const doc = this.context.document;
      let target: RangeTarget;
      if (typeof address === "string") {
        const { sheet: prefix, local } = splitSheet(address);
        const sheet = prefix !== null ? doc.sheetByName(prefix) : this.scope?.();
        const box = parseBox(local);
        if (!sheet || !box) throw new FakeOfficeError(ERROR_CODES.invalidArgument, MESSAGES.invalidArgument, "TableCollection.add");
        target = { sheet, box };
      } else {
        target = (address as unknown as FakeRange).at();
      }
      table.bind(doc.addTable(target.sheet, target.box, hasHeaders).id);
    });
    return table;
  }

  getItem(key: string): FakeTable {
    const t = new FakeTable(this.context, () => this.find(key) ?? null);
    this.context.enqueue(() => {
      if (!this.find(key)) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "TableCollection.getItem");
    });
    return t;
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, () => this.find(key) ?? null, true);
  }

  private find(key: string): TableState | undefined {
    return this.list().find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase());
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue(() => result.set(this.list().length));
    return result;
  }

  protected locate(): unknown {
    return this.context.document;
  }

  protected fill(_: unknown, names: readonly string[]): void {
    const tables = this.list();
    if (names.includes("count")) this.props.set("count", tables.length);
    const itemProps = names.filter((n) => n === "items" || n.startsWith("items/")).map((n) => (n === "items" ? "" : n.slice(6)));
    if (itemProps.length === 0) return;
    const props = itemProps.includes("") ? FakeTable.SCALARS : itemProps;
    this.props.set(
      "items",
      tables.map((t) => {
        const proxy = new FakeTable(this.context, () => this.context.document.tables.find((x) => x.id === t.id) ?? null);
        proxy.bind(t.id);
        proxy.fillFrom(t, props);
        return proxy;
      }),
    );
  }

  protected defaultProperties(): readonly string[] {
    return ["items", "count"];
  }
}

export class FakeTable
  extends FakeClientObject
  implements
    FakeShape<
      Excel.Table,
      "name" | "id" | "style",
      "getHeaderRowRange" | "getDataBodyRange" | "getRange" | "delete" | "load",
      { getHeaderRowRange: FakeRange; getDataBodyRange: FakeRange; getRange: FakeRange; delete: void; load: FakeTable }
    >
{
  static readonly SCALARS = ["name", "id", "style"];
  private boundId: string | null = null;
  readonly rows: FakeTableRowCollection;

  constructor(
    context: FakeRequestContext,
    private readonly locator: () => TableState | null,
    nullable = false,
  ) {
    super(context, "Table");
    this.rows = new FakeTableRowCollection(context, () => this.table());
    if (nullable) context.enqueue(() => void (this.nullState = this.locate() === null));
  }

  bind(id: string): void {
    this.boundId = id;
    this.nullState = false;
  }

  table(): TableState {
    const t = this.locate();
    if (t === null) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Table");
    return t;
  }

  protected locate(): TableState | null {
    if (this.boundId !== null) return this.context.document.tables.find((t) => t.id === this.boundId) ?? null;
    return this.locator();
  }

  protected fill(state: unknown, names: readonly string[]): void {
    this.fillFrom(state as TableState, names);
  }

  fillFrom(t: TableState, names: readonly string[]): void {
    for (const n of names) {
      if (n === "name" || n === "id" || n === "style") this.props.set(n, t[n]);
      else if (n !== "isNullObject") throw new FakeOfficeError(ERROR_CODES.invalidArgument, `The fake cannot load Table.${n}.`, "Table.load");
    }
  }

  protected defaultProperties(): readonly string[] {
    return FakeTable.SCALARS;
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.document.sheetByKey(this.table().sheetId) ?? null, { required: true });
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.setLocal("name", value);
    this.context.enqueue(() => this.context.document.setTable(this.table(), { name: value }));
  }
  get id(): string {
    return this.read("id");
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.setLocal("style", value);
    this.context.enqueue(() => this.context.document.setTable(this.table(), { style: value }));
  }

  private part(pick: (box: Box) => Box | null): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.table();
      const box = pick(t.box);
      if (box === null) throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "Table");
      return { sheet: this.context.document.requireSheet(t.sheetId), box };
    });
  }

  getHeaderRowRange(): FakeRange {
    return this.part((b) => ({ ...b, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.part((b) => (b.rows < 2 ? null : { ...b, top: b.top + 1, rows: b.rows - 1 }));
  }
  getRange(): FakeRange {
    return this.part((b) => b);
  }
  delete(): void {
    this.context.enqueue(() => {
      const doc = this.context.document;
      doc.tables.splice(doc.tables.indexOf(this.table()), 1);
    });
  }
}

export class FakeTableRowCollection
  extends FakeClientObject
  implements FakeShape<Excel.TableRowCollection, "count", "add" | "getCount", { add: void; getCount: FakeClientResult<number> }>
{
  constructor(
    context: FakeRequestContext,
    private readonly table: () => TableState,
  ) {
    super(context, "TableRowCollection");
  }

  get count(): number {
    return this.read("count");
  }

  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number): void {
    this.context.enqueue(() => {
      const t = this.table();
      const rows = Array.isArray(values) ? (values as unknown[][]) : [Array.from({ length: t.box.columns }, () => values ?? "")];
      this.context.document.addTableRows(t, index ?? null, rows);
    });
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue(() => result.set(this.table().box.rows - 1));
    return result;
  }

  protected locate(): unknown {
    return this.table();
  }
  protected fill(state: unknown, names: readonly string[]): void {
    if (names.includes("count")) this.props.set("count", (state as TableState).box.rows - 1);
  }
  protected defaultProperties(): readonly string[] {
    return ["count"];
  }
}

// ---------------------------------------------------------------------------------------------- settings

export class FakeSettingCollection
  extends FakeClientObject
  implements
    FakeShape<
      Excel.SettingCollection,
      "items",
      "add" | "getItem" | "getItemOrNullObject" | "getCount" | "load",
      { add: FakeSetting; getItem: FakeSetting; getItemOrNullObject: FakeSetting; getCount: FakeClientResult<number>; load: FakeSettingCollection }
    >
{
  readonly onSettingsChanged: FakeEventHandlers<Excel.SettingsChangedEventArgs>;

  constructor(context: FakeRequestContext) {
    super(context, "SettingCollection");
    this.onSettingsChanged = context.runtime.events.settingsChanged(context);
  }

  get items(): Excel.Setting[] {
    return this.read("items");
  }

  add(key: string, value: string | number | boolean | Date | any[] | any): FakeSetting {
    const setting = new FakeSetting(this.context, key);
    setting.preset(value);
    this.context.enqueue(() => this.context.document.setSetting(key, value));
    return setting;
  }

  getItem(key: string): FakeSetting {
    const setting = new FakeSetting(this.context, key);
    this.context.enqueue(() => {
      if (!this.context.document.settings.has(key))
        throw new FakeOfficeError(ERROR_CODES.itemNotFound, MESSAGES.itemNotFound, "SettingCollection.getItem");
    });
    return setting;
  }

  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.context, key, true);
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue(() => result.set(this.context.document.settings.size));
    return result;
  }

  protected locate(): unknown {
    return this.context.document;
  }
  protected fill(_: unknown, names: readonly string[]): void {
    if (!names.some((n) => n === "items" || n.startsWith("items/"))) return;
    this.props.set(
      "items",
      [...this.context.document.settings.keys()].map((k) => {
        const s = new FakeSetting(this.context, k);
        s.fillNow();
        return s;
      }),
    );
  }
  protected defaultProperties(): readonly string[] {
    return ["items"];
  }
}

export class FakeSetting
  extends FakeClientObject
  implements FakeShape<Excel.Setting, "key" | "value", "delete" | "load", { delete: void; load: FakeSetting }>
{
  constructor(
    context: FakeRequestContext,
    private readonly settingKey: string,
    nullable = false,
  ) {
    super(context, "Setting");
    this.props.set("key", settingKey);
    if (nullable) context.enqueue(() => void (this.nullState = !this.context.document.settings.has(settingKey)));
  }

  preset(value: unknown): void {
    // What office.js keeps locally after add(): the value as it will be stored (a JSON round trip).
    this.props.set("value", JSON.parse(JSON.stringify(value ?? null)));
    this.nullState = false;
  }

  fillNow(): void {
    this.nullState = false;
    this.props.set("value", this.context.document.getSetting(this.settingKey));
  }

  protected locate(): unknown {
    return this.context.document.settings.has(this.settingKey) ? this.settingKey : null;
  }
  protected fill(_: unknown, names: readonly string[]): void {
    if (names.includes("value")) this.props.set("value", this.context.document.getSetting(this.settingKey));
  }
  protected defaultProperties(): readonly string[] {
    return ["key", "value"];
  }

  get key(): string {
    return this.read("key");
  }
  get value(): any {
    return this.read("value");
  }
  set value(v: any) {
    this.preset(v);
    this.context.enqueue(() => this.context.document.setSetting(this.settingKey, v));
  }

  delete(): void {
    this.context.enqueue(() => this.context.document.deleteSetting(this.settingKey));
  }
}

// ---------------------------------------------------------------------------------------------- application

export class FakeApplication
  extends FakeClientObject
  implements FakeShape<Excel.Application, "calculationMode", "calculate" | "load", { calculate: void; load: FakeApplication }>
{
  constructor(context: FakeRequestContext) {
    super(context, "Application");
  }

  get calculationMode(): Excel.CalculationMode | "Automatic" | "AutomaticExceptTables" | "Manual" {
    return this.read("calculationMode");
  }
  set calculationMode(_: Excel.CalculationMode | "Automatic" | "AutomaticExceptTables" | "Manual") {
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, "The fake calculates automatically only.", "Application.calculationMode");
  }

  calculate(calculationType: Excel.CalculationType | "Recalculate" | "Full" | "FullRebuild"): void {
    this.context.enqueue(() => this.context.document.calculate(calculationType as CalculationType));
  }

  protected locate(): unknown {
    return this.context.document;
  }
  protected fill(_: unknown, names: readonly string[]): void {
    if (names.includes("calculationMode")) this.props.set("calculationMode", "Automatic");
  }
  protected defaultProperties(): readonly string[] {
    return ["calculationMode"];
  }
}

export { boxA1 };
