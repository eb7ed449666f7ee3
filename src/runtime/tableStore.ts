import { RateTable, loadTable } from "../engine";
// The newest release in data/releases, chosen at build time by scripts/releases.js (webpack alias; jest maps it too).
import embeddedText, { sha256 as embeddedSha256 } from "@releases/newest.dutytable";

/**
 * The rate table every DUTY.* call computes with, shared by the functions and the task pane.
 *
 * In Excel's shared runtime both live in one page (one module registry, see webpack runtimeChunk), so
 * this module is the single source of truth. The embedded release is parsed on first use, not at
 * start-up, so opening a workbook that never calls DUTY.* costs nothing. Its SHA-256 was computed when
 * the add-in was built (scripts/dutytableLoader.js), so that first use does not hash it again.
 */
let current: RateTable | null = null;
let served = false;
const listeners = new Set<(table: RateTable) => void>();

/** The table for a DUTY.* call. Records that a call was served, so a later table switch knows cells may be stale. */
export function currentTable(): RateTable {
  served = true;
  current ??= loadTable(embeddedText, { sha256: embeddedSha256 });
  return current;
}

/** The table in use, for the task pane (does not count as a DUTY.* call). */
export function peekTable(): RateTable {
  current ??= loadTable(embeddedText, { sha256: embeddedSha256 });
  return current;
}

/** True once any DUTY.* call has computed with the table in use since it was set. */
export function tableWasServed(): boolean {
  return served;
}

export function embeddedTableText(): string {
  return embeddedText;
}

/** Switches every later lookup to `table` (a validated feed release or a workbook pin). */
export function useTable(table: RateTable): void {
  if (current !== null && current.sha256 === table.sha256) return;
  current = table;
  served = false;
  for (const listener of listeners) listener(table);
}

export function onTableChanged(listener: (table: RateTable) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
