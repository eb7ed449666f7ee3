/*
 * The built task pane (dist-dev/taskpane.html) in Chromium, with the real office.js from
 * @microsoft/office-js served locally. Outside Office, Office.onReady resolves with no host, so the pane
 * runs as a "browser preview": the embedded table, a lookup form and its result.
 *
 * office.js outside an Office client also tries to frame Microsoft's telemetry proxy
 * (https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html, ULSEndpointProxy
 * in o15apptofilemappingtable.js, 3 s after load). The pane's CSP frame-src refuses it before any request
 * is made; that one refusal is expected and is the only console error tolerated. Anything that does reach
 * the network off 127.0.0.1 is answered 404 by the guard and fails the test.
 * Requires `npm run build:dev` (npm test runs it in pretest).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Browser, BrowserContext, Page } from "playwright-core";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";
import {
  CspViolation,
  DIST_DEV,
  NetworkLog,
  ServedDist,
  cspViolations,
  guardNetwork,
  launchBrowser,
  recordCspViolations,
  requireBuild,
  saveScreenshot,
  serveDist,
} from "../support/browser";

const TABLE_FILE = EMBEDDED_TABLE_FILE;

/** office.js's telemetry proxy frame: refused by the pane's CSP, never requested. */
const OFFICE_TELEMETRY_ORIGIN = "https://telemetryservice.firstpartyapps.oaspapps.com";
const OUR_SCRIPTS = ["/runtime.js", "/functions.js", "/fluent.js", "/taskpane.js"];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let served: ServedDist;
let network: NetworkLog;
const pageErrors: Error[] = [];
const consoleErrors: string[] = [];
const dialogs: string[] = [];

let tableId: string;
let tableSha256: string;

beforeAll(async () => {
  requireBuild(DIST_DEV);
  const bytes = readFileSync(TABLE_FILE);
  tableSha256 = createHash("sha256").update(bytes).digest("hex");
  tableId = (JSON.parse(bytes.toString("utf8")) as { id: string }).id;

  served = await serveDist(DIST_DEV);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 500, height: 900 } });
  network = await guardNetwork(context, served.url);
  await recordCspViolations(context);
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${served.url}/taskpane.html`, { waitUntil: "load" });
  // start() runs from Office.onReady; until then #host says "starting…".
  await page.waitForFunction(() => document.getElementById("host")?.textContent !== "starting…", undefined, { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function lookUp(fields: { country: string; sector: string; date?: string }): Promise<void> {
  await page.fill("#country input", fields.country);
  await page.fill("#sector input", fields.sector);
  await page.fill("#date", fields.date ?? "2025-04-15");
  await page.evaluate(() => document.getElementById("result")!.replaceChildren());
  await page.click("#lookup-submit");
  await page.waitForFunction(() => document.getElementById("result")!.childElementCount > 0);
}

/** A page error is ours unless every frame of its stack is in office.js. */
function fromOurScripts(e: Error): boolean {
  const stack = e.stack ?? "";
  if (OUR_SCRIPTS.some((s) => stack.includes(`${served.url}${s}`))) return true;
  const frames = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return frames.length === 0 || !frames.every((l) => l.includes("/office-js/"));
}

describe("task pane in a browser, outside Office", () => {
  it("shows the embedded table and the browser-preview host", async () => {
    await expect(page.textContent("#table-id")).resolves.toBe(tableId);
    await expect(page.textContent("#table-hash")).resolves.toBe(tableSha256);
    await expect(page.textContent("#host")).resolves.toContain("browser preview");
  });

  it("looks up CN 9503.00.00 on 2025-04-15: 145%, with the reciprocal layer 9903.01.63", async () => {
    await lookUp({ country: "CN", sector: "9503.00.00" });
    await expect(page.textContent("#result .total")).resolves.toBe("145%");
    const rows = await page.$$eval("#result table.layers tr", (trs) => trs.map((tr) => tr.textContent ?? ""));
    expect(rows.some((r) => r.includes("9903.01.63"))).toBe(true);
    expect(rows.some((r) => r.includes("9903.01.24"))).toBe(true);
  });

  it("says so for an unknown country", async () => {
    await lookUp({ country: "Atlantis", sector: "9503.00.00" });
    const error = await page.textContent("#result .error");
    expect(error).toMatch(/unknown country/i);
    expect(error).toContain("Atlantis");
    expect(await page.locator("#result .total").count()).toBe(0);
  });

  it("shows typed markup as text, never as elements", async () => {
    const markup = "<img src=x onerror=alert(1)>";
    await lookUp({ country: "CN", sector: markup });
    const error = await page.textContent("#result .error");
    expect(error).toContain("<img");
    expect(error).toContain(markup);
    expect(await page.locator("#result img").count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("is usable from the keyboard: Tab walks the form in order", async () => {
    await page.focus("#country input");
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      // Focus inside a Fluent element's shadow root shows as the element itself (its id).
      const id = await page.evaluate(() => document.activeElement?.id ?? "");
      // A date input keeps focus while Tab moves through its month/day/year parts: count it once.
      if (seen[seen.length - 1] !== id) seen.push(id);
      if (id === "lookup-submit") break;
      await page.keyboard.press("Tab");
    }
    expect(seen).toEqual(["country", "sector", "date", "importer", "basis", "lookup-submit"]);
  });

  it("submits on Enter in a field", async () => {
    await page.fill("#country input", "DE");
    await page.fill("#sector input", "steel");
    await page.fill("#date", "2025-07-01");
    await page.evaluate(() => document.getElementById("result")!.replaceChildren());
    await page.press("#sector input", "Enter");
    await page.waitForFunction(() => document.getElementById("result")!.childElementCount > 0);
    await expect(page.textContent("#result .total")).resolves.toBe("50%");
  });

  it.each([320, 500])("fits a %i px wide pane without horizontal scrolling (artifacts/screenshots/taskpane-preview-<width>.png)", async (width) => {
    await page.setViewportSize({ width, height: 900 });
    await lookUp({ country: "CN", sector: "9503.00.00" });
    await expect(page.textContent("#result .total")).resolves.toBe("145%");
    await saveScreenshot(page, `taskpane-preview-${width}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  });

  it("talks to 127.0.0.1 only, with no errors from our scripts", async () => {
    // office.js schedules its telemetry frame 3 s after load: wait past that so it is seen, if it comes.
    await page.waitForFunction(() => performance.now() > 5_000, undefined, { timeout: 15_000, polling: 250 });

    expect(network.offOrigin).toEqual([]);
    expect(network.requests.filter((u) => new URL(u).hostname !== "127.0.0.1")).toEqual([]);
    expect(network.failed).toEqual([]);

    const refused: CspViolation[] = await cspViolations(page);
    const unexpected = refused.filter((v) => !v.blockedURI.startsWith(OFFICE_TELEMETRY_ORIGIN));
    expect(unexpected).toEqual([]);

    expect(pageErrors.filter(fromOurScripts).map((e) => e.stack ?? e.message)).toEqual([]);
    const telemetryRefusal = (text: string) => text.includes(OFFICE_TELEMETRY_ORIGIN) && text.includes("Content Security Policy");
    expect(consoleErrors.filter((t) => !telemetryRefusal(t))).toEqual([]);
  });
});
