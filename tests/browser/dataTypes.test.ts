/*
 * The BUILT functions bundle on a host with data types: a page whose Office.context.requirements supports
 * ExcelApi 1.16 (as Excel's does; office.js outside Office has no host to ask), then runtime.js and
 * functions.js as taskpane.html loads them. TARIFF, BREAKDOWN and HISTORY return formatted numbers, RATE
 * returns the entity card, and the help pages and the sample workbook are served from the build.
 * Requires `npm run build:dev`.
 */
import { Browser, Page } from "playwright-core";
import { DIST_DEV, ServedDist, launchBrowser, requireBuild, serveDist } from "../support/browser";

const STUB_PATH = "/__test/data-types.html";
const STUB_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DUTY functions on a host with data types</title>
<script>
  window.__associations = {};
  window.__asked = [];
  window.Office = { context: { requirements: { isSetSupported: function (name, version) {
    window.__asked.push(name + " " + version);
    return name === "ExcelApi" && ["1.1", "1.4", "1.6", "1.7", "1.9", "1.12", "1.16"].indexOf(version) >= 0;
  } } } };
  window.CustomFunctions = {
    associate: function (id, fn) { window.__associations[id] = fn; },
    Error: class CustomFunctionsError { constructor(code, message) { this.code = code; this.message = message; } },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  };
</script>
<script src="/runtime.js"></script>
<script src="/functions.js"></script>
</head><body></body></html>`;

let browser: Browser;
let page: Page;
let served: ServedDist;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuild(DIST_DEV);
  served = await serveDist(DIST_DEV);
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => pageErrors.push(e.stack ?? e.message));
  await page.route(`${served.url}${STUB_PATH}`, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: STUB_HTML }));
  await page.goto(`${served.url}${STUB_PATH}`, { waitUntil: "load" });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

function call(id: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ({ id, args }) => (window as unknown as { __associations: Record<string, (...a: unknown[]) => unknown> }).__associations[id]!(...args),
    { id, args },
  );
}

const FORMATTED = (basicValue: number, numberFormat: string) => ({ type: "FormattedNumber", basicValue, numberFormat });

test("the bundle loads without page errors", () => {
  expect(pageErrors).toEqual([]);
});

test("TARIFF is a formatted percentage whose basicValue is the rate", async () => {
  expect(await call("TARIFF", "CN", "9503.00.00", "2025-04-15", null, null)).toEqual(FORMATTED(1.45, "0%"));
  expect(await page.evaluate(() => (window as unknown as { __asked: string[] }).__asked.filter((a) => a === "ExcelApi 1.16").length)).toBe(1);
});

test("BREAKDOWN and HISTORY spill formatted rates and yyyy-mm-dd dates", async () => {
  const b = (await call("BREAKDOWN", "CN", "9503.00.00", "2025-04-15", null, null)) as unknown[][];
  expect(b[b.length - 1]![3]).toEqual(FORMATTED(1.45, "0%"));
  expect(b.slice(1).some((r) => (r[5] as { numberFormat?: string })?.numberFormat === "yyyy-mm-dd")).toBe(true);
  const h = (await call("HISTORY", "CN", "9503.00.00", "2025-04-01", "2025-04-30", null, null)) as unknown[][];
  expect(h[1]![0]).toEqual(expect.objectContaining({ type: "FormattedNumber", numberFormat: "yyyy-mm-dd" }));
  expect(h[h.length - 1]![2]).toEqual(FORMATTED(1.45, "0%"));
});

test("LANDED is in the importer's currency", async () => {
  const v = await call("LANDED", 100, "US", "8471", "2025-06-02", null, null, null, "CA", null, "fx=1.15; duty=4%");
  expect(v).toEqual(FORMATTED(125.58, "[$CAD] #,##0.00"));
});

test("RATE is the entity card", async () => {
  const card = (await call("RATE", "China", "9503.00.00", "2025-04-15", null, null)) as Excel.EntityCellValue;
  expect(card.type).toBe("Entity");
  expect(card.text).toBe("145% · China · 9503.00.00 · 2025-04-15");
  expect(card.properties!["Total"]).toEqual(FORMATTED(1.45, "0%"));
  expect(card.layouts!.card!.sections!.map((s) => s.title)).toEqual(["Rate", "Layers", "Source"]);
});

test("the help pages and the sample workbook are served from the build, and the pane links them", async () => {
  for (const path of ["/help/index.html", "/help/tariff.html", "/help/rate.html", "/DutyDesk-sample.xlsx"]) {
    const r = await page.request.get(`${served.url}${path}`);
    expect({ path, status: r.status() }).toEqual({ path, status: 200 });
  }
  const pane = await (await page.request.get(`${served.url}/taskpane.html`)).text();
  expect(pane).toContain('href="help/index.html"');
  expect(pane).toContain('href="DutyDesk-sample.xlsx"');
});
