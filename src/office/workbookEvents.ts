import { WorkbookChange } from "../workbook/workbookPort";
import { API, excelApi } from "./host";
import { isReleaseSheetName } from "./releaseSheet";
import { SCENARIO_TABLE } from "./scenarioSheet";

/**
 * Tells the session when something DutyDesk stores in the workbook changed, here or at a co-author's:
 *  - workbook settings (the pin, the feed URL, the scenario switch): SettingCollection.onSettingsChanged;
 *  - the release sheet (a co-author pinned another release: its text arrives as cell edits) and the
 *    scenario table (a co-author edited an override): WorksheetCollection.onChanged (ExcelApi 1.9), whose
 *    event says whether the edit was Local or Remote.
 * Handlers only record what changed and return; the session reacts later, outside the event, and never
 * with modal UI (Office's co-authoring guidance).
 */
export interface WorkbookWatch {
  stop(): Promise<void>;
  /** Which events are watched, for the status line ("settings, sheets"). */
  readonly watching: readonly string[];
}

export async function watchWorkbook(onChange: (change: WorkbookChange) => void): Promise<WorkbookWatch> {
  const watching: string[] = [];
  const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
  await Excel.run(async (context) => {
    if (excelApi(API.settings)) {
      results.push(
        context.workbook.settings.onSettingsChanged.add(async () => {
          onChange({ what: "settings" });
        }),
      );
      watching.push("settings");
    }
    if (excelApi(API.workbookChangeEvents)) {
      const names = new Map<string, string>();
      results.push(
        context.workbook.worksheets.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
          const name = names.get(event.worksheetId) ?? (await sheetName(event.worksheetId));
          if (name === null) return;
          names.set(event.worksheetId, name);
          if (isReleaseSheetName(name)) onChange({ what: "release-sheet", source: event.source });
          else if (await isScenarioSheet(name)) onChange({ what: "scenario-sheet", source: event.source });
        }),
      );
      watching.push("sheets");
    }
    await context.sync();
  });
  return {
    watching,
    async stop() {
      for (const r of results) {
        try {
          await Excel.run(r.context as Excel.RequestContext, async (context) => {
            r.remove();
            await context.sync();
          });
        } catch {
          /* the document is closing */
        }
      }
    },
  };
}

async function sheetName(id: string): Promise<string | null> {
  try {
    return await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(id);
      sheet.load("name");
      await context.sync();
      return sheet.isNullObject ? null : sheet.name;
    });
  } catch {
    return null;
  }
}

/** The scenario table's sheet, cached briefly: every edit anywhere raises onChanged, and most are not ours. */
let scenarioSheet: { name: string | null; at: number } | null = null;
const SCENARIO_SHEET_TTL_MS = 10_000;

/** Call after creating or moving the scenario table. */
export function forgetScenarioSheet(): void {
  scenarioSheet = null;
}

async function isScenarioSheet(name: string): Promise<boolean> {
  if (scenarioSheet === null || Date.now() - scenarioSheet.at > SCENARIO_SHEET_TTL_MS) {
    let found: string | null = null;
    try {
      found = await Excel.run(async (context) => {
        const table = context.workbook.tables.getItemOrNullObject(SCENARIO_TABLE);
        table.load("isNullObject");
        await context.sync();
        if (table.isNullObject) return null;
        const ws = table.worksheet.load("name");
        await context.sync();
        return ws.name;
      });
    } catch {
      found = null;
    }
    scenarioSheet = { name: found, at: Date.now() };
  }
  return scenarioSheet.name === name;
}
