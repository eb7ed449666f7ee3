import * as dutyFunctions from "../functions/functions";
import { SessionSnapshot, WorkbookSession, message } from "../workbook/workbookSession";
import { Button, busy, byId } from "./dom";

/** Insert an audit sheet (the measures as an Excel table, with citations) or a landed-cost model. */
export function setUpCommands(session: WorkbookSession): (s: SessionSnapshot) => void {
  const audit = byId<Button>("insert-audit");
  const model = byId<Button>("insert-model");
  const status = byId("command-status");
  // The model gains a DUTY.LANDED column when this build of the add-in has that function.
  const withLanded = typeof (dutyFunctions as Record<string, unknown>)["landed"] === "function";

  audit.addEventListener("click", async () => {
    try {
      const r = await busy(audit, "Inserting…", () => session.insertAudit());
      status.textContent = `Inserted sheet "${r.sheet}": ${r.rows} measures with their citations (Excel table ${r.table}).`;
    } catch (e) {
      status.textContent = `Could not insert the audit sheet: ${message(e)}`;
    }
  });
  model.addEventListener("click", async () => {
    try {
      const r = await busy(model, "Inserting…", () => session.insertModel(withLanded));
      status.textContent = `Inserted sheet "${r.sheet}": ${r.rows} SKUs from CN, VN, MX and DE, priced with DUTY.TARIFF${withLanded ? " and DUTY.LANDED" : ""}.`;
    } catch (e) {
      status.textContent = `Could not insert the model: ${message(e)}`;
    }
  });
  const outsideExcel = "These commands write to the workbook: open DutyDesk in Excel.";
  return (s) => {
    const excel = s.host === "excel";
    audit.disabled = !excel;
    model.disabled = !excel;
    if (!excel && status.textContent === "") status.textContent = outsideExcel;
    if (excel && status.textContent === outsideExcel) status.textContent = "";
  };
}
