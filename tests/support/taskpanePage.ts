/*
 * The built task pane (dist-dev/taskpane.html, served by scripts/serve.js with the real office.js) opened
 * in Chromium as if Excel hosted it. The pane is served from a copy of dist-dev that differs in one
 * script tag, inserted right after office.js, which installs the fake Excel (tests/support/fakeExcel,
 * bundled for the browser). The copy is served for real (not fulfilled by the test), so the page has a
 * real origin and address space, and its fetches to feeds on other local ports behave as they would.
 * The workbook seed is set before any page script runs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Browser, BrowserContext, Page } from "playwright-core";
import { fakeExcelScript } from "./fakeExcel/bundle";
import type { FakeExcelHarness, JournalEntry, Seed } from "./fakeExcel";
import { DIST_DEV, NetworkLog, guardNetwork, recordCspViolations, requireBuild } from "./browser";
import { serveDirectory } from "./feedFixtures";

export const FAKE_SCRIPT_PATH = "/__test/fake-excel.js";
const OFFICE_JS_TAG = '<script src="/office-js/office.js"></script>';

export interface PaneOptions {
  readonly seed: Seed & { journal?: JournalEntry[]; officeTheme?: Record<string, string> };
  readonly width?: number;
  readonly height?: number;
  /** Other origins the page may reach (feed servers); everything else is answered 404 by the guard. */
  readonly origins?: readonly string[];
  /** URL patterns to fail as if offline. */
  readonly offline?: readonly string[];
}

export interface Pane {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly network: NetworkLog;
  readonly pageErrors: Error[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
  close(): Promise<void>;
}

/** dist-dev, copied, with the fake Excel installed after office.js; served by scripts/serve.js. */
export async function serveTestDist(): Promise<{ url: string; close(): Promise<void> }> {
  requireBuild(DIST_DEV);
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-test-dist-"));
  cpSync(DIST_DEV, dir, { recursive: true });
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  if (!html.includes(OFFICE_JS_TAG))
    throw new Error("taskpane.html no longer loads /office-js/office.js first: update tests/support/taskpanePage.ts");
  writeFileSync(join(dir, "taskpane.html"), html.replace(OFFICE_JS_TAG, `${OFFICE_JS_TAG}<script src="${FAKE_SCRIPT_PATH}"></script>`));
  mkdirSync(join(dir, "__test"));
  writeFileSync(join(dir, FAKE_SCRIPT_PATH), await fakeExcelScript());
  const served = await serveDirectory(dir);
  return {
    url: served.url,
    close: async () => {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the pane of a test dist (serveTestDist) in a new browser context. */
export async function openPane(browser: Browser, distUrl: string, o: PaneOptions): Promise<Pane> {
  const context = await browser.newContext({ viewport: { width: o.width ?? 500, height: o.height ?? 900 } });
  const network = await guardNetwork(context, [distUrl, ...(o.origins ?? [])]);
  await recordCspViolations(context);
  await context.addInitScript(`window.__fakeExcelSeed = ${JSON.stringify(o.seed)};`);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  for (const pattern of o.offline ?? []) await page.route(pattern, (route) => route.abort("internetdisconnected"));
  await page.goto(`${distUrl}/taskpane.html`, { waitUntil: "load" });
  await page.waitForFunction(() => document.getElementById("host")?.textContent !== "starting…", undefined, { timeout: 20_000 });
  return { page, context, network, pageErrors, consoleErrors, dialogs, close: () => context.close() };
}

/** Waits until the check on open (or a click) has finished: a status, an error, or an update card. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const check = document.getElementById("check") as HTMLButtonElement | null;
      const status = document.getElementById("sync-status")?.textContent ?? "";
      const error = document.getElementById("sync-error");
      const card = document.getElementById("update-card");
      return check !== null && !check.disabled && (status !== "" || (error !== null && !error.hidden) || (card !== null && !card.hidden));
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** Calls the page's fake-Excel harness (the function is sent as source, like any page.evaluate). */
export function harness<T, A = undefined>(page: Page, fn: (h: FakeExcelHarness, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__fakeExcel, ${JSON.stringify(arg ?? null)})`) as Promise<T>;
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? "").trim();
}

/**
 * Opens one folded view of the pane (a fluent-accordion-item in #details) the way a user does, by
 * clicking its heading, so that the controls inside are visible and clickable.
 */
export async function openSection(page: Page, id: string): Promise<void> {
  const expanded = () => page.evaluate((i) => (document.getElementById(i) as (HTMLElement & { expanded?: boolean }) | null)?.expanded === true, id);
  if (!(await expanded())) await page.click(`#${id} button[part="button"]`); // the heading button, in its shadow root
  // Expanded, and its contents laid out (the panel is shown once the item has re-rendered).
  await page.waitForFunction((i) => {
    const item = document.getElementById(i) as HTMLElement & { expanded?: boolean };
    return item.expanded === true && Array.from(item.children).some((c) => c.slot !== "heading" && c.checkVisibility());
  }, id);
}

/** Fills a Fluent text input (fluent-text-input): Playwright's CSS reaches the input in its shadow root. */
export async function fillText(page: Page, id: string, value: string): Promise<void> {
  await page.fill(`#${id} input`, value);
}
