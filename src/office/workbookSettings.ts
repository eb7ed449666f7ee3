import { WorkbookPin, parsePin } from "../workbook/workbookPin";
import { StoredSettings } from "../workbook/workbookPort";

/**
 * DutyDesk's workbook settings (Excel.SettingCollection, ExcelApi 1.4): small values stored in the file
 * for this add-in, shared by co-authors. The rate table itself never goes here (see releaseSheet.ts).
 */
export const SETTING = {
  pin: "DutyDesk.pin",
  feedUrl: "DutyDesk.feedUrl",
  scenario: "DutyDesk.scenario",
} as const;

export async function readSettings(context: Excel.RequestContext): Promise<StoredSettings> {
  const settings = context.workbook.settings;
  const pin = settings.getItemOrNullObject(SETTING.pin).load("value");
  const feed = settings.getItemOrNullObject(SETTING.feedUrl).load("value");
  const scenario = settings.getItemOrNullObject(SETTING.scenario).load("value");
  await context.sync();
  const parsed = parsePin(pin.isNullObject ? null : pin.value);
  const feedValue: unknown = feed.isNullObject ? null : feed.value;
  const scenarioValue: unknown = scenario.isNullObject ? null : scenario.value;
  return {
    pin: parsed.pin,
    pinProblem: parsed.problem,
    feedUrl: typeof feedValue === "string" && feedValue.trim() !== "" ? feedValue.trim() : null,
    scenarioOn: typeof scenarioValue === "object" && scenarioValue !== null && (scenarioValue as { on?: unknown }).on === true,
  };
}

/** Queues the pin (sent with the caller's next sync). */
export function queuePin(context: Excel.RequestContext, pin: WorkbookPin): void {
  context.workbook.settings.add(SETTING.pin, { ...pin });
}

/** Sets the workbook's feed URL, or removes it (null) to use the add-in's own feed. */
export async function writeFeedUrl(context: Excel.RequestContext, url: string | null): Promise<void> {
  if (url !== null) {
    context.workbook.settings.add(SETTING.feedUrl, url);
  } else {
    const item = context.workbook.settings.getItemOrNullObject(SETTING.feedUrl);
    item.load("key");
    await context.sync();
    if (!item.isNullObject) item.delete();
  }
  await context.sync();
}

export function queueScenarioSwitch(context: Excel.RequestContext, on: boolean): void {
  context.workbook.settings.add(SETTING.scenario, { on });
}
