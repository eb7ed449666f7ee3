import { RateTable, loadTable } from "../engine";
import embeddedText from "../../data/table/embedded.dutytable";

/**
 * The rate table every DUTY.* call computes with, shared by the functions and the task pane.
 *
 * In Excel's shared runtime both live in one page (one module registry, see webpack runtimeChunk), so
 * this module is the single source of truth. The embedded release is parsed on first use, not at
 * start-up, so opening a workbook that never calls DUTY.* costs nothing.
 */
let current: RateTable | null = null;
const listeners = new Set<(table: RateTable) => void>();

export function currentTable(): RateTable {
  current ??= loadTable(embeddedText);
  return current;
}

export function embeddedTableText(): string {
  return embeddedText;
}

/** Switches every later lookup to `table` (a validated feed release or a workbook pin). */
export function useTable(table: RateTable): void {
  current = table;
  for (const listener of listeners) listener(table);
}

export function onTableChanged(listener: (table: RateTable) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
