import { peekTable } from "../runtime/tableStore";
import { officeWorkbook } from "../office/officeWorkbook";
import { WorkbookSession, message } from "../workbook/workbookSession";
import { HostKind } from "../workbook/workbookPort";
import { setUpCommands } from "./commandsView";
import { Button, byId } from "./dom";
import { setUpLookup } from "./lookupView";
import { setUpPortfolio } from "./portfolioView";
import { officeSelection } from "../office/officeSelection";
import { setUpPinView } from "./pinView";
import { setUpFreezeView } from "./freezeView";
import { setUpScenario } from "./scenarioView";
import { renderStatus } from "./statusView";
import { setUpSync } from "./syncView";
import { applyOfficeTheme } from "./theme";

/*
 * The task pane. It runs inside Excel's shared runtime (with the DUTY functions, one page) and also as a
 * plain page, where Office.onReady reports no host ("browser preview": lookups and feed checks only).
 * In Excel it loads the workbook's pinned release before anything else, whether or not the pane is shown.
 */

async function start(host: HostKind, hostText: string): Promise<void> {
  applyOfficeTheme();
  const session = new WorkbookSession(window.location.href, officeWorkbook);
  const renderScenario = setUpScenario(session);
  const renderCommands = setUpCommands(session);
  const renderPin = setUpPinView(session);
  const renderFreeze = setUpFreezeView(session);
  session.subscribe((s) => {
    renderPin(s);
    renderFreeze(s);
    renderStatus(s, hostText, () => session.dismissNotice());
    renderScenario(s);
    renderCommands(s);
  });
  setUpLookup(() => peekTable());
  setUpPortfolio(host === "excel" ? officeSelection : null, () => peekTable());
  const sync = setUpSync(session);
  byId<Button>("pin").addEventListener("click", () => {
    session.pinCurrent().catch((e) => {
      byId("sync-status").textContent = `Could not pin: ${message(e)}`;
    });
  });
  try {
    await session.start(host);
  } catch (e) {
    byId("pin-warning").hidden = false;
    byId("pin-warning").textContent = `Could not read this workbook's DutyDesk settings: ${message(e)}. DUTY cells compute with ${peekTable().id}.`;
  }
  // A background check on open: never applied without the analyst's accept.
  await sync.check(false);
}

// Fluent's light theme at once (Office's colours, if any, replace it in start()): no unthemed first paint.
applyOfficeTheme();

if (typeof Office !== "undefined") {
  Office.onReady((info) => {
    const excel = info.host === Office.HostType.Excel;
    void start(excel ? "excel" : "preview", info.host ? `Excel (${String(info.platform)})` : "browser preview (no Office host)");
  });
} else {
  document.addEventListener("DOMContentLoaded", () => void start("preview", "browser preview (office.js not loaded)"));
}
