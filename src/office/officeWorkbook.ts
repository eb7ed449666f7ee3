import { WorkbookPort } from "../workbook/workbookPort";
import { insertAuditSheet } from "./auditSheet";
import { freezeDutyCells, unfreezeDutyCells } from "./freezeCells";
import { scanDutyCells } from "./dutyScan";
import { insertModelSheet } from "./modelSheet";
import { recalculateDutyCells } from "./recalc";
import { readReleaseCopy, writeRelease } from "./releaseSheet";
import { loadWithDocument } from "./runtimeStartup";
import { insertScenarioSheet, readScenarioRows } from "./scenarioSheet";
import { forgetScenarioSheet, watchWorkbook } from "./workbookEvents";
import { queueScenarioSwitch, readSettings, writeFeedUrl } from "./workbookSettings";

/**
 * The workbook session's port onto the open Excel workbook: each method is one Excel.run batch over the
 * src/office module that knows that part of the file. Nothing here decides anything; the order of
 * writes and the reaction to failures belong to the session (src/workbook/workbookSession.ts).
 */
export const officeWorkbook: WorkbookPort = {
  readSettings: () => Excel.run((context) => readSettings(context)),
  writeFeedUrl: (url) => Excel.run((context) => writeFeedUrl(context, url)),
  writeScenarioSwitch: (on) =>
    Excel.run(async (context) => {
      queueScenarioSwitch(context, on);
      await context.sync();
    }),
  readReleaseCopy: (sha256) => Excel.run((context) => readReleaseCopy(context, sha256)),
  writeRelease: (table, text, pin) => Excel.run((context) => writeRelease(context, table, text, pin)),

  loadWithDocument: () => loadWithDocument(),

  readScenarioRows: () => Excel.run((context) => readScenarioRows(context)),
  async insertScenarioSheet(example) {
    const name = await Excel.run((context) => insertScenarioSheet(context, example));
    // The change watcher caches which sheet holds the scenario table; it may just have moved.
    forgetScenarioSheet();
    return name;
  },

  scanDutyCells: () => Excel.run((context) => scanDutyCells(context)),
  recalculate: (dutySheets) => Excel.run((context) => recalculateDutyCells(context, dutySheets)),

  insertAuditSheet: (table) => Excel.run((context) => insertAuditSheet(context, table)),
  insertModelSheet: (options) => Excel.run((context) => insertModelSheet(context, options)),
  freezeDutyCells: (scope, provenance) => Excel.run((context) => freezeDutyCells(context, scope, provenance)),
  unfreezeDutyCells: (scope) => Excel.run((context) => unfreezeDutyCells(context, scope)),

  async watch(onChange) {
    await watchWorkbook(onChange);
  },
};
