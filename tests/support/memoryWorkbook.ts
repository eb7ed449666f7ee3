import { RateTable, ScenarioOverride } from "../../src/engine";
import { cellA1 } from "../../src/formula/a1";
import { DutyCell } from "../../src/formula/cellImpact";
import { mentionsDuty } from "../../src/formula/dutyFormula";
import { WorkbookPin, parsePin } from "../../src/workbook/workbookPin";
import {
  DutyScan,
  FreezeProvenance,
  FreezeResult,
  FreezeScope,
  InsertedSheet,
  RecalcMode,
  ReleaseCopy,
  ScenarioRows,
  StartupResult,
  StoredSettings,
  UnfreezeResult,
  WorkbookChange,
  WorkbookPort,
} from "../../src/workbook/workbookPort";

/**
 * A workbook held in memory, for testing the session's rules without Excel. It stores what the Office
 * implementation stores (the pin as a settings value read back through parsePin, the release copy, the
 * scenario rows, cells with formulas and values) and reads it back the same way, so a test sees the
 * session's writes as the next reader would. Every call is logged in order; any method can be made to
 * reject, as Excel does when the document closes or a request fails.
 */
export type PortMethod = keyof WorkbookPort;

export interface MemoryCell {
  readonly formula?: string;
  readonly value: unknown;
}

export class MemoryWorkbook implements WorkbookPort {
  /** The pin setting as stored (an object, or any hand-edited value). */
  pinValue: unknown = null;
  feedUrl: string | null = null;
  scenarioOn = false;
  releaseCopy: ReleaseCopy | null = null;
  scenario: { overrides: ScenarioOverride[]; problems: string[] } | null = null;
  /** sheet → A1 → cell. */
  readonly sheets = new Map<string, Map<string, MemoryCell>>();
  readonly inserted: InsertedSheet[] = [];
  /** The `dutySheets` of each recalculation, in order. */
  readonly recalcs: (readonly string[] | null)[] = [];
  /** Every port call, in order. */
  readonly calls: PortMethod[] = [];
  readonly failing = new Set<PortMethod>();
  private listener: ((change: WorkbookChange) => void) | null = null;

  pin(): WorkbookPin | null {
    return parsePin(this.pinValue).pin;
  }

  setCell(sheet: string, a1: string, cell: MemoryCell): void {
    let cells = this.sheets.get(sheet);
    if (cells === undefined) this.sheets.set(sheet, (cells = new Map()));
    cells.set(a1, cell);
  }

  /** A change made by a co-author: raises the event the Office implementation would. */
  remoteChange(change: WorkbookChange): void {
    if (this.listener === null) throw new Error("the session is not watching the workbook");
    this.listener(change);
  }

  private call(method: PortMethod): void {
    this.calls.push(method);
    if (this.failing.has(method)) throw new Error(`${method} failed`);
  }

  async readSettings(): Promise<StoredSettings> {
    this.call("readSettings");
    const parsed = parsePin(this.pinValue);
    return { pin: parsed.pin, pinProblem: parsed.problem, feedUrl: this.feedUrl, scenarioOn: this.scenarioOn };
  }

  async writeFeedUrl(url: string | null): Promise<void> {
    this.call("writeFeedUrl");
    this.feedUrl = url;
  }

  async writeScenarioSwitch(on: boolean): Promise<void> {
    this.call("writeScenarioSwitch");
    this.scenarioOn = on;
  }

  /** What loadWithDocument was asked, in order. */
  readonly startup: string[] = [];

  async readReleaseCopy(sha256: string): Promise<ReleaseCopy | null> {
    this.call("readReleaseCopy");
    void sha256; // one copy at a time here: the session checks its hash against the pin
    return this.releaseCopy;
  }

  /** As the Office implementation: the new copy, then the pin, in that order; a failure changes nothing. */
  async writeRelease(table: RateTable, text: string, pin: WorkbookPin): Promise<void> {
    this.call("writeRelease");
    this.releaseCopy = { release: table.id, sha256: table.sha256, text, problem: null };
    this.pinValue = { ...pin };
  }

  async loadWithDocument(): Promise<StartupResult> {
    this.call("loadWithDocument");
    this.startup.push("load");
    return "set";
  }

  async readScenarioRows(): Promise<ScenarioRows> {
    this.call("readScenarioRows");
    return this.scenario === null
      ? { found: false, overrides: [], problems: [] }
      : { found: true, overrides: this.scenario.overrides, problems: this.scenario.problems };
  }

  async insertScenarioSheet(example: { measure: string; note: string } | null): Promise<string> {
    this.call("insertScenarioSheet");
    this.scenario ??= {
      overrides: example ? [{ measure: example.measure, ratePercent: null, from: null, to: null, note: example.note }] : [],
      problems: [],
    };
    return "Scenario";
  }

  async scanDutyCells(): Promise<DutyScan> {
    this.call("scanDutyCells");
    const cells: DutyCell[] = [];
    const dutySheets: string[] = [];
    for (const [sheet, sheetCells] of this.sheets) {
      for (const [a1, cell] of sheetCells) {
        if (!mentionsDuty(cell.formula)) continue;
        cells.push({ sheet, address: `${sheet}!${a1}`, formula: cell.formula, value: cell.value });
        if (!dutySheets.includes(sheet)) dutySheets.push(sheet);
      }
    }
    const at = (sheet: string, row: number, column: number) => this.sheets.get(sheet)?.get(cellA1(row, column));
    return {
      cells,
      sheets: dutySheets,
      truncated: false,
      value: (sheet, ref) => at(sheet, ref.row, ref.column)?.value ?? null,
      isDutyCell: (sheet, ref) => mentionsDuty(at(sheet, ref.row, ref.column)?.formula),
    };
  }

  async recalculate(dutySheets: readonly string[] | null): Promise<RecalcMode> {
    this.call("recalculate");
    this.recalcs.push(dutySheets);
    return dutySheets === null ? "full" : "sheets";
  }

  async insertAuditSheet(table: RateTable): Promise<InsertedSheet> {
    this.call("insertAuditSheet");
    return this.insert({ sheet: `Audit ${table.id}`, table: "DutyDeskAudit", rows: table.doc.measures.length });
  }

  async insertModelSheet(options: { withLanded: boolean }): Promise<InsertedSheet> {
    this.call("insertModelSheet");
    return this.insert({ sheet: "Model", table: options.withLanded ? "DutyDeskLandedModel" : "DutyDeskModel", rows: 0 });
  }

  /** Each freeze's provenance, in order (the Office implementation's table is tested in the browser). */
  readonly frozen: { scope: FreezeScope; provenance: FreezeProvenance; cells: string[] }[] = [];

  /** Freezes every DUTY cell of every sheet (memory has no selection): the formula goes, the value stays. */
  async freezeDutyCells(scope: FreezeScope, provenance: FreezeProvenance): Promise<FreezeResult> {
    this.call("freezeDutyCells");
    const cells: string[] = [];
    for (const [sheet, map] of this.sheets)
      for (const [a1, cell] of map)
        if (mentionsDuty(cell.formula)) {
          map.set(a1, { value: cell.value });
          cells.push(`${sheet}!${a1}=${cell.formula}`);
        }
    this.frozen.push({ scope, provenance, cells });
    return { sheet: "", blocks: cells.length, cells: cells.length, skipped: [] };
  }

  async unfreezeDutyCells(scope: FreezeScope): Promise<UnfreezeResult> {
    void scope;
    this.call("unfreezeDutyCells");
    let blocks = 0;
    for (const f of this.frozen.splice(0))
      for (const c of f.cells) {
        const m = /^(.*)!([A-Z]+\d+)=(.*)$/.exec(c)!;
        this.setCell(m[1]!, m[2]!, { formula: m[3]!, value: null });
        blocks++;
      }
    return { sheet: "", blocks };
  }

  async watch(onChange: (change: WorkbookChange) => void): Promise<void> {
    this.call("watch");
    this.listener = onChange;
  }

  private insert(sheet: InsertedSheet): InsertedSheet {
    this.inserted.push(sheet);
    return sheet;
  }
}
