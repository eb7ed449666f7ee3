import { RateTable, ScenarioOverride } from "../engine";
import { CellRef } from "../formula/a1";
import { DutyCell } from "../formula/cellImpact";
import { WorkbookPin } from "./workbookPin";

/**
 * What the workbook session needs from the workbook, one method per thing it reads or writes. The session
 * holds the rules (which release to trust, in which order to write, when to recalculate); a port only
 * moves data in and out of the file. src/office/officeWorkbook.ts implements it with Office.js; tests use
 * an in-memory workbook. Keeping Excel.run behind this interface is what lets src/workbook stay free of
 * Office globals, and lets its rules be tested without a browser.
 *
 * Every method may reject (the document closed, an API missing, a co-author's conflicting edit); the
 * session then keeps its state as it was.
 */
export interface WorkbookPort {
  /** The pin, the feed URL and the scenario switch, as co-authors share them (workbook settings). */
  readSettings(): Promise<StoredSettings>;
  /** Sets the workbook's feed URL, or removes it (null) so the add-in's own feed is used. */
  writeFeedUrl(url: string | null): Promise<void>;
  writeScenarioSwitch(on: boolean): Promise<void>;
  /** The workbook's copy of the release with this SHA-256 (the pin's), or null when there is none. */
  readReleaseCopy(sha256: string): Promise<ReleaseCopy | null>;
  /**
   * Pins `table` atomically: its text (the bytes whose SHA-256 is `table.sha256`) to a new copy, read back
   * and verified, then the pin, then the old copy removed. On a failure the old pin and its copy stay
   * intact, so a co-author who sees a pin always finds its text.
   */
  writeRelease(table: RateTable, text: string, pin: WorkbookPin): Promise<void>;

  /** Asks Office to load the add-in's runtime with this document from now on (shared runtime). */
  loadWithDocument(): Promise<StartupResult>;

  /** The scenario table's overrides (found: false when the workbook has none). */
  readScenarioRows(): Promise<ScenarioRows>;
  /** Adds the scenario table (or shows the existing one); returns its sheet's name. */
  insertScenarioSheet(example: { measure: string; note: string } | null): Promise<string>;

  /** Every cell whose formula calls a DUTY function, with the values its arguments can refer to. */
  scanDutyCells(): Promise<DutyScan>;
  /** Recomputes DUTY cells: those sheets when known, every formula when `dutySheets` is null. */
  recalculate(dutySheets: readonly string[] | null): Promise<RecalcMode>;

  insertAuditSheet(table: RateTable): Promise<InsertedSheet>;

  /** Replaces the DUTY formulas of the selection or the active sheet by their values (whole spills), recording each block in the visible provenance table. */
  freezeDutyCells(scope: FreezeScope, provenance: FreezeProvenance): Promise<FreezeResult>;
  /** Restores the recorded formulas of the frozen blocks in the selection or the active sheet, and removes their rows. */
  unfreezeDutyCells(scope: FreezeScope): Promise<UnfreezeResult>;
  insertModelSheet(options: { withLanded: boolean }): Promise<InsertedSheet>;

  /**
   * Calls `onChange` whenever DutyDesk's settings, release sheet or scenario table change, here or at a
   * co-author's. Rejects when the host cannot raise such events. Handlers must return at once: the
   * session reacts later, outside the event.
   */
  watch(onChange: (change: WorkbookChange) => void): Promise<void>;
}

/** "set": the runtime now loads with the document; "unsupported": the host lacks SharedRuntime 1.1. */
export type StartupResult = "set" | "unsupported";

/** "excel" when there is a workbook; "preview" for the task pane opened as a plain page (no port calls). */
export type HostKind = "excel" | "preview";

export interface StoredSettings {
  readonly pin: WorkbookPin | null;
  /** Why a stored pin was not read (malformed, another add-in version), or null. */
  readonly pinProblem: string | null;
  /** The workbook's own feed URL, or null for the add-in's default feed. */
  readonly feedUrl: string | null;
  readonly scenarioOn: boolean;
}

export interface ReleaseCopy {
  readonly release: string;
  readonly sha256: string;
  /** The text, or null when the copy is incomplete or damaged (problem says how). */
  readonly text: string | null;
  readonly problem: string | null;
}

export interface ScenarioRows {
  /** False when the workbook has no scenario table. */
  readonly found: boolean;
  readonly overrides: readonly ScenarioOverride[];
  /** Cells that could not be read ("row 2: rate 'abc' is not a percentage"). */
  readonly problems: readonly string[];
}

export interface DutyScan {
  readonly cells: readonly DutyCell[];
  /** Sheets with at least one DUTY formula: what an accept recalculates. */
  readonly sheets: readonly string[];
  /** True when the workbook was larger than the scan limit: some DUTY cells may not be listed. */
  readonly truncated: boolean;
  value(sheet: string, ref: CellRef): unknown;
  isDutyCell(sheet: string, ref: CellRef): boolean;
}

/** How the recalculation was done: the DUTY sheets only, or everything (see src/office/recalc.ts). */
export type RecalcMode = "sheets" | "full";

export interface InsertedSheet {
  readonly sheet: string;
  readonly table: string;
  readonly rows: number;
}

export type WorkbookChange = { readonly what: "settings" } | { readonly what: "release-sheet" | "scenario-sheet"; readonly source: string };

/**
 * The cells the user has selected, for views that compute from a range of the sheet (the Portfolio view).
 * Kept apart from WorkbookPort: it reads what the user points at, not DutyDesk's own state in the file.
 */
export interface SelectionPort {
  readSelection(): Promise<SelectedCells>;
}

export interface SelectedCells {
  /** As Excel writes it: "Book!A1:C20". */
  readonly address: string;
  /** Values as range.values gives them: numbers, text, booleans, "" for empty, "#N/A" for errors. */
  readonly values: readonly (readonly unknown[])[];
}

export type FreezeScope = "selection" | "sheet";

/** What every frozen block records besides its sheet, cells and formula. */
export interface FreezeProvenance {
  readonly release: string;
  readonly sha256: string;
  /** How the release was chosen, e.g. "pinned; from the workbook", with the scenario when one is on. */
  readonly basis: string;
  /** ISO instant (UTC). */
  readonly at: string;
}

export interface FreezeResult {
  readonly sheet: string;
  readonly blocks: number;
  readonly cells: number;
  /** DUTY cells not frozen because they show an error ("Costs!D4 shows #N/A"). */
  readonly skipped: readonly string[];
}

export interface UnfreezeResult {
  readonly sheet: string;
  readonly blocks: number;
}
