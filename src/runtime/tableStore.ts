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
 *
 * It is also the ONE gate every DUTY.* call passes (tableForCall): while the workbook session reads the
 * workbook's pin and loads the pinned release, calls wait (bounded by CALL_WAIT_MS); when the pinned
 * release cannot be had, calls get a TableUnavailableError, never a number computed with another table.
 * Outside Excel (the CLI, the functions bundle alone, the browser preview) the gate is open from the start.
 */
let current: RateTable | null = null;
let served = false;
const listeners = new Set<(table: RateTable) => void>();
const servedListeners = new Set<() => void>();

/** Why a DUTY call gets no table: a pinned release that is not available here, or still loading past the bound. */
export class TableUnavailableError extends Error {
  override readonly name = "TableUnavailableError";
}

/**
 * How long a DUTY call waits for the pinned release. Long enough for the workbook's own copy (a few
 * round trips) and most feed downloads; a call that waits longer answers #N/A with the reason, and the
 * session recalculates it once the release is in (see served).
 */
export const CALL_WAIT_MS = 30_000;

type Gate =
  | { readonly kind: "open" }
  | { readonly kind: "held"; readonly reason: string; readonly opened: Promise<void>; readonly open: () => void }
  | { readonly kind: "refused"; readonly message: string };

let gate: Gate = { kind: "open" };
let waitLimitMs = CALL_WAIT_MS;

function table(): RateTable {
  current ??= loadTable(embeddedText, { sha256: embeddedSha256 });
  return current;
}

function markServed(): void {
  if (served) return;
  served = true;
  for (const l of servedListeners) l();
}

/**
 * The table for a DUTY.* call: the table when it is ready; a promise while the pinned release loads
 * (rejecting with TableUnavailableError after the bound, or when the release turns out unavailable);
 * a TableUnavailableError when the workbook's pinned release cannot be had here.
 */
export function tableForCall(): RateTable | Promise<RateTable> | TableUnavailableError {
  if (gate.kind === "open") {
    markServed();
    return table();
  }
  if (gate.kind === "refused") return new TableUnavailableError(gate.message);
  const held = gate;
  return new Promise<RateTable>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The cell shows #N/A now; it must be recomputed when the release is in, so it counts as served.
      served = true;
      const seconds = Math.round(waitLimitMs / 1000);
      reject(
        new TableUnavailableError(`the workbook's pinned release is still loading after ${seconds} s (${held.reason}); open DutyDesk to see why`),
      );
    }, waitLimitMs);
    void held.opened.then(() => {
      clearTimeout(timer);
      const next = tableForCall();
      if (next instanceof TableUnavailableError) reject(next);
      else resolve(next);
    });
  });
}

/**
 * The table when the gate is open, so a call may compute at once; null otherwise (ask tableForCall). The
 * gate is open on every call but those at the start of a workbook session, so this is a DUTY cell's path.
 */
export function readyTable(): RateTable | null {
  if (gate.kind !== "open") return null;
  markServed();
  return table();
}

/** The table for a DUTY.* call that cannot wait (synchronous code): throws TableUnavailableError unless the gate is open. */
export function currentTable(): RateTable {
  const t = tableForCall();
  if (t instanceof TableUnavailableError) throw t;
  if (t instanceof Promise) {
    // A caller that did not wait at the gate: refuse rather than compute with a table that may be replaced.
    void t.catch(() => undefined);
    throw new TableUnavailableError("the workbook's pinned release is still loading; recalculate in a moment");
  }
  return t;
}

/** The table in use, for the task pane (does not count as a DUTY.* call, and ignores the gate). */
export function peekTable(): RateTable {
  return table();
}

/** True once any DUTY.* call has computed with the table in use since it was set. */
export function tableWasServed(): boolean {
  return served;
}

/** Calls `listener` each time a DUTY.* call is the first to compute with the table in use (the automatic pin listens). */
export function onServed(listener: () => void): () => void {
  servedListeners.add(listener);
  return () => servedListeners.delete(listener);
}

export function embeddedTableText(): string {
  return embeddedText;
}

/** Switches every later lookup to `table` (a validated feed release or a workbook pin), and lets waiting calls through. */
export function useTable(next: RateTable): void {
  const changed = current === null || current.sha256 !== next.sha256;
  if (changed) {
    current = next;
    served = false;
  }
  openGate();
  if (changed) for (const listener of listeners) listener(next);
}

/** DUTY calls wait from now on (the session is reading the pin or loading the pinned release). */
export function holdCalls(reason: string): void {
  if (gate.kind === "held") return;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  gate = { kind: "held", reason, opened, open };
}

/** Every DUTY call answers with this error until useTable() (the pinned release cannot be had here). */
export function refuseCalls(message: string): void {
  const previous = gate;
  gate = { kind: "refused", message };
  // Calls already in use computed with a table that is not the pin: they must be recomputed.
  served = true;
  if (previous.kind === "held") previous.open();
}

/** The gate as the pane shows it. */
export function callGate():
  { readonly kind: "open" } | { readonly kind: "held"; readonly reason: string } | { readonly kind: "refused"; readonly message: string } {
  return gate.kind === "held" ? { kind: "held", reason: gate.reason } : gate;
}

function openGate(): void {
  const previous = gate;
  gate = { kind: "open" };
  if (previous.kind === "held") previous.open();
}

/** Tests only: the wait bound (unit tests of the gate run with fake timers or short bounds). */
export function setCallWaitLimit(ms: number): void {
  waitLimitMs = ms;
}

export function onTableChanged(listener: (table: RateTable) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
