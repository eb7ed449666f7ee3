import { FreezeScope } from "../workbook/workbookPort";
import { SessionSnapshot, WorkbookSession, message } from "../workbook/workbookSession";
import { busy, byId } from "./dom";

/**
 * Freeze to values and Unfreeze, for the selection or the active sheet. Freezing is refused (with the
 * reason) while DUTY cells answer #N/A because the pinned release is not available here.
 */
export function setUpFreezeView(session: WorkbookSession): (s: SessionSnapshot) => void {
  const scope = byId<HTMLSelectElement>("freeze-scope");
  const freeze = byId<HTMLButtonElement>("freeze");
  const unfreeze = byId<HTMLButtonElement>("unfreeze");
  const status = byId("freeze-status");
  const chosen = (): FreezeScope => (scope.value === "sheet" ? "sheet" : "selection");
  const where = (s: FreezeScope) => (s === "sheet" ? "on the active sheet" : "in the selection");

  freeze.addEventListener("click", async () => {
    const s = chosen();
    try {
      const r = await busy(freeze, "Freezing…", () => session.freeze(s));
      const skipped = r.skipped.length === 0 ? "" : ` Not frozen (they show an error): ${r.skipped.join("; ")}.`;
      status.textContent =
        r.blocks === 0
          ? `No DUTY formula to freeze ${where(s)}.${skipped}`
          : `Froze ${r.blocks} DUTY formula${r.blocks === 1 ? "" : "s"} (${r.cells} cell${r.cells === 1 ? "" : "s"}) on ${r.sheet} to values; recorded on "DutyDesk provenance".${skipped}`;
    } catch (e) {
      status.textContent = `Could not freeze: ${message(e)}`;
    }
  });
  unfreeze.addEventListener("click", async () => {
    const s = chosen();
    try {
      const r = await busy(unfreeze, "Restoring…", () => session.unfreeze(s));
      status.textContent =
        r.blocks === 0
          ? `No frozen DUTY cells ${where(s)}.`
          : `Restored ${r.blocks} DUTY formula${r.blocks === 1 ? "" : "s"} on ${r.sheet}; ${r.blocks === 1 ? "it computes" : "they compute"} again.`;
    } catch (e) {
      status.textContent = `Could not unfreeze: ${message(e)}`;
    }
  });

  return (s) => {
    const excel = s.host === "excel";
    freeze.disabled = !excel;
    unfreeze.disabled = !excel;
    freeze.title = s.pinUnavailable === null ? "" : `DUTY cells answer #N/A: ${s.pinUnavailable}`;
  };
}
