/**
 * A faithful in-memory Excel for tests: `createFakeExcel()` returns the `Excel` namespace to install as a
 * global, and a harness to seed the workbook, inspect it, and replay a co-author's changes.
 */
import { Box, boxA1, parseBox, splitSheet } from "./address";
import { CustomFunctionResolver, FakeDocument, JournalEntry } from "./document";
import { FakeExcelNamespace, FakeRuntime, createExcelNamespace } from "./runtime";

export interface SheetSeed {
  readonly name: string;
  readonly visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** A1 → value; text starting with "=" is a formula. */
  readonly cells?: Record<string, string | number | boolean>;
  readonly numberFormats?: Record<string, string>;
}

export interface WorkbookSeed {
  readonly idPrefix?: string;
  readonly sheets?: readonly SheetSeed[];
  readonly settings?: Record<string, unknown>;
  /** Highest ExcelApi requirement set the fake host reports (default 1.12). */
  readonly excelApi?: string;
}

export interface FakeExcelHarness {
  readonly document: FakeDocument;
  seed(seed: WorkbookSeed): void;
  /** { values, formulas } of Sheet!A1:B2 (or A1 on the first sheet). */
  read(address: string): { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] };
  /** What a user typing into the grid does: formulas or values, as Excel reads typed input. */
  type(address: string, cells: unknown[][]): void;
  /** What the user selecting a range does: it becomes the selection, and its sheet the active one. */
  select(address: string): void;
  sheets(): Array<{ name: string; id: string; visibility: string }>;
  tables(): Array<{ name: string; sheet: string; address: string }>;
  settings(): Record<string, unknown>;
  journalLength(): number;
  journal(from?: number): JournalEntry[];
  applyRemote(entries: readonly JournalEntry[]): void;
  calculationLog(): string[][];
  handlerErrors(): string[];
  delivered(): string[][];
  syncs(): number;
  /** Syncs started so far, failed ones included. */
  syncsStarted(): number;
  /** Failure injection: the next `skip` syncs succeed, the one after rejects and applies nothing. */
  failSync(skip: number): void;
  setFunctionResolver(resolver: CustomFunctionResolver): void;
  /** Re-evaluates every formula, as opening the file in Excel would not (custom functions keep their saved values). */
  recalcAll(): void;
}

export function createFakeExcel(seed: WorkbookSeed = {}): { Excel: FakeExcelNamespace; runtime: FakeRuntime; harness: FakeExcelHarness } {
  const document = new FakeDocument(seed.idPrefix ?? "fake");
  const runtime = new FakeRuntime(document);
  const Excel = createExcelNamespace(runtime);
  const locate = (address: string): { sheet: ReturnType<FakeDocument["requireSheet"]>; box: Box } => {
    const { sheet, local } = splitSheet(address);
    const s = sheet === null ? document.sheets[0] : document.sheetByName(sheet);
    const box = parseBox(local);
    if (!s || !box) throw new Error(`no such range: ${address}`);
    return { sheet: s, box };
  };
  const harness: FakeExcelHarness = {
    document,
    seed(spec) {
      // Seeded sheets are "the file as saved": the same ids in every document seeded alike (co-authors
      // open the same file); objects created later get ids with the document's own prefix.
      for (const [i, s] of (spec.sheets ?? []).entries()) {
        const sheet = document.sheetByName(s.name) ?? document.addSheet(s.name, "Local", `{seed-sheet-${i + 1}}`);
        for (const [a1, format] of Object.entries(s.numberFormats ?? {})) {
          const box = parseBox(a1)!;
          document.write(sheet, box, "numberFormat", format);
        }
        for (const [a1, value] of Object.entries(s.cells ?? {})) document.write(sheet, parseBox(a1)!, "formulas", [[value]]);
        if (s.visibility && s.visibility !== "Visible") document.setSheet(sheet, { visibility: s.visibility });
      }
      for (const [k, v] of Object.entries(spec.settings ?? {})) document.setSetting(k, v);
      document.journal.length = 0; // the seed is the file as opened, not an edit
    },
    read(address) {
      const { sheet, box } = locate(address);
      return {
        values: document.readValues(sheet, box),
        formulas: document.readFormulas(sheet, box),
        numberFormat: document.readNumberFormats(sheet, box),
      };
    },
    type(address, cells) {
      const { sheet, box } = locate(address);
      document.write(sheet, box, "formulas", cells);
    },
    select(address) {
      const { sheet, box } = locate(address);
      document.activate(sheet);
      document.selection = { sheetId: sheet.id, box };
    },
    sheets: () => document.sheets.map((s) => ({ name: s.name, id: s.id, visibility: s.visibility })),
    tables: () => document.tables.map((t) => ({ name: t.name, sheet: document.requireSheet(t.sheetId).name, address: boxA1(t.box) })),
    settings: () => Object.fromEntries([...document.settings.keys()].map((k) => [k, document.getSetting(k)])),
    journalLength: () => document.journal.length,
    journal: (from = 0) => document.journal.slice(from),
    applyRemote: (entries) => document.applyRemote(entries),
    calculationLog: () => document.calculationLog.map((x) => [...x]),
    handlerErrors: () => [...runtime.events.handlerErrors],
    delivered: () => runtime.events.delivered.map((x) => [...x]),
    syncs: () => runtime.syncs,
    syncsStarted: () => runtime.syncsStarted,
    failSync: (skip) => runtime.failSync(skip),
    setFunctionResolver(resolver) {
      document.resolveFunction = resolver;
    },
    recalcAll: () => document.calculate("Full"),
  };
  harness.seed(seed);
  return { Excel, runtime, harness };
}

export type { JournalEntry, WorkbookSeed as Seed };
