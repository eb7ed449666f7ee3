/**
 * Installs the fake Excel into the built task pane page, right after the real office.js:
 *  - window.Excel: the fake namespace (office.js outside Office defines no Excel);
 *  - Office.onReady: still office.js's own readiness, then reported as host Excel (Excel on the web);
 *  - Office.context.requirements: the ExcelApi sets the fake implements (seed.excelApi, default 1.12);
 *  - CustomFunctions.Error / ErrorCode, which Excel's custom-functions runtime would provide, and formula
 *    evaluation through the functions the page associated (CustomFunctions._association.mappings);
 *  - window.__fakeExcel: the harness the test drives (seed, read, journal, applyRemote, …).
 * The seed comes from window.__fakeExcelSeed, set by the test before any page script runs.
 */
import { CustomFunctionError, ERROR_CODE_VALUES } from "../customFunctionsRuntime";
import { FakeExcelHarness, JournalEntry, Seed, createFakeExcel } from "./index";

interface PageGlobals {
  Excel: unknown;
  __fakeExcel: FakeExcelHarness;
  /** The file as opened: sheets and settings, and/or another document's journal (a workbook saved by a co-author). */
  __fakeExcelSeed?: Seed & { officeTheme?: Partial<Office.OfficeTheme>; journal?: JournalEntry[] };
  CustomFunctions: {
    Error?: unknown;
    ErrorCode?: unknown;
    _association?: { mappings: Record<string, (...a: unknown[]) => unknown>; onchange(handler: () => void): void };
  };
}

const w = window as unknown as PageGlobals;
const seed = w.__fakeExcelSeed ?? {};
const { Excel, harness } = createFakeExcel(seed);
w.Excel = Excel;
w.__fakeExcel = harness;

w.CustomFunctions.Error ??= CustomFunctionError;
w.CustomFunctions.ErrorCode ??= Object.freeze({ ...ERROR_CODE_VALUES });
harness.setFunctionResolver((name) => {
  const m = /^DUTY\.(.+)$/.exec(name);
  return m ? w.CustomFunctions._association?.mappings[m[1]!.toUpperCase()] : undefined;
});
if (seed.journal) {
  harness.document.applyRemote(seed.journal);
  harness.document.journal.length = 0;
}
// The file's cached values: once the page has associated its functions, every formula is computed once,
// as the saved workbook would show it (not logged as a calculation the add-in asked for).
let initial: ReturnType<typeof setTimeout> | null = null;
w.CustomFunctions._association?.onchange(() => {
  if (initial !== null) clearTimeout(initial);
  initial = setTimeout(() => harness.document.initialCalculation(), 0);
});

const maxApi = seed.excelApi ?? "1.12";
const versionAtMost = (v: string, max: string) => {
  const [a, b] = v.split(".").map(Number) as [number, number];
  const [c, d] = max.split(".").map(Number) as [number, number];
  return a < c || (a === c && (b ?? 0) <= (d ?? 0));
};

const realOnReady = Office.onReady.bind(Office);
const hostInfo = { host: Office.HostType.Excel, platform: Office.PlatformType.OfficeOnline };
Office.onReady = ((callback?: (info: typeof hostInfo) => unknown) =>
  realOnReady().then(() => {
    const context = Office.context as unknown as Record<string, unknown>;
    context.requirements = { isSetSupported: (name: string, version?: string) => name === "ExcelApi" && versionAtMost(version ?? "1.1", maxApi) };
    if (seed.officeTheme) context.officeTheme = seed.officeTheme;
    callback?.(hostInfo);
    return hostInfo;
  })) as typeof Office.onReady;
