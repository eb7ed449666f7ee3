/*
 * The Fluent UI task pane in real headless Chromium (the built dist-dev page in the fake Excel, see
 * tests/support/taskpanePage.ts): accessibility by axe-core, the first screen at 320 px, chart labels
 * that keep their size at every width, and the light, dark (Office theme) and high-contrast looks.
 * Screenshots go to artifacts/screenshots/taskpane-fluent-<theme>-<width>.png.
 */
import { readFileSync } from "node:fs";
import { Browser, Page } from "playwright-core";
import { cspViolations, launchBrowser, saveScreenshot } from "../support/browser";
import { CN_TOYS } from "../support/feedFixtures";
import { Pane, fillText, openPane, openSection, serveTestDist, settled } from "../support/taskpanePage";

let browser: Browser;
let dist: { url: string; close(): Promise<void> };
const open: Pane[] = [];
/** axe-core's browser build, evaluated in the page (DevTools evaluation is not subject to the page's CSP). */
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const WORKBOOK = { sheets: [{ name: "Costs", cells: { A1: "=DUTY.VERSION()" } }] };
const DARK = {
  bodyBackgroundColor: "#1f1f1f",
  bodyForegroundColor: "#f0f0f0",
  controlBackgroundColor: "#2b2b2b",
  controlForegroundColor: "#d0d0d0",
};
const THEMES = { light: undefined, dark: DARK } as const;

beforeAll(async () => {
  dist = await serveTestDist();
  browser = await launchBrowser();
}, 120_000);

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

afterAll(async () => {
  await browser?.close();
  await dist?.close();
});

async function pane(width: number, theme: keyof typeof THEMES = "light", height = 900): Promise<Pane> {
  const officeTheme = THEMES[theme];
  const p = await openPane(browser, dist.url, {
    seed: officeTheme ? { ...WORKBOOK, officeTheme } : WORKBOOK,
    offline: ["**/feed/index.json"],
    width,
    height,
  });
  open.push(p);
  await settled(p.page);
  return p;
}

async function lookUp(page: Page): Promise<void> {
  await fillText(page, "country", CN_TOYS.country);
  await fillText(page, "sector", CN_TOYS.product);
  await page.fill("#date", CN_TOYS.iso);
  await page.click("#lookup-submit");
  await page.waitForSelector("#chart svg .chart-label");
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Font sizes of the chart's labels as drawn on screen: the computed CSS size times the SVG's scale. */
async function chartLabelSizes(page: Page): Promise<number[]> {
  return page.$$eval("#chart svg text", (texts) =>
    texts.map((t) => {
      const scale = (t as SVGTextElement).getScreenCTM()?.a ?? NaN;
      return parseFloat(getComputedStyle(t).fontSize) * scale;
    }),
  );
}

describe("accessibility (axe-core)", () => {
  it.each([
    [320, "light"],
    [500, "light"],
    [320, "dark"],
    [500, "dark"],
  ] as const)("has no axe violations at %i px, %s, with a lookup shown and every view open", async (width, theme) => {
    const p = await pane(width, theme);
    await lookUp(p.page);
    for (const id of ["table-card", "scenario-card", "workbook-card"]) await openSection(p.page, id);
    expect(await axeViolations(p.page)).toEqual([]);
    await saveScreenshot(p.page, `taskpane-fluent-${theme}-${width}`);
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect((await cspViolations(p.page)).filter((v) => !v.blockedURI.startsWith("https://telemetryservice."))).toEqual([]);
  });
});

describe("the first screen at 320 px", () => {
  it("shows the lookup and a one-line status, with every other view folded", async () => {
    // A short pane (Excel on a laptop): the lookup must not be below the fold.
    const p = await pane(320, "light", 600);
    const box = async (selector: string) => (await p.page.locator(selector).boundingBox())!;
    const viewport = p.page.viewportSize()!;
    for (const selector of ["#country", "#sector", "#lookup-submit", ".status-line"]) {
      const b = await box(selector);
      expect([selector, b.y >= 0 && b.y + b.height <= viewport.height]).toEqual([selector, true]);
    }
    // One line: the status is as tall as one line of its text, whatever it says.
    const line = await p.page.$eval(".status-line p", (el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(el).lineHeight),
    }));
    expect(line.height).toBeLessThanOrEqual(line.lineHeight + 1);
    expect(await p.page.textContent("#status-summary")).toMatch(/^Rate table \S+ \(embedded(, pinned)?\)\.$/); // pinned: DUTY cells computed, so the workbook was pinned
    // Metadata, sync, scenario and commands are folded: their headings show, their contents do not.
    for (const id of ["table-card", "scenario-card", "portfolio-card", "workbook-card", "freeze-card"]) {
      expect(await p.page.evaluate((i) => (document.getElementById(i) as HTMLElement & { expanded: boolean }).expanded, id)).toBe(false);
    }
    for (const inside of ["#table-hash", "#check", "#scenario-switch", "#insert-audit"])
      expect([inside, await p.page.isVisible(inside)]).toEqual([inside, false]);
    await saveScreenshot(p.page, "taskpane-first-screen-320", { fullPage: false });

    // Opening a view shows its contents.
    await openSection(p.page, "table-card");
    expect(await p.page.isVisible("#table-hash")).toBe(true);
  });
});

describe("chart labels", () => {
  it.each([320, 500, 800])("are drawn at 11 px or more at %i px", async (width) => {
    const p = await pane(width);
    await lookUp(p.page);
    const sizes = await chartLabelSizes(p.page);
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // The chart spans its figure: drawn at the figure's width, not scaled into it.
    const fit = await p.page.$eval("#chart", (f) => ({ figure: f.clientWidth, svg: f.querySelector("svg")!.getBoundingClientRect().width }));
    expect(fit.svg).toBe(fit.figure);
  });

  it("are redrawn at the new width when the pane is resized, still at 11 px or more", async () => {
    const p = await pane(500);
    await lookUp(p.page);
    await p.page.setViewportSize({ width: 320, height: 900 });
    await p.page.waitForFunction(() => {
      const f = document.getElementById("chart")!;
      return f.querySelector("svg")!.getAttribute("width") === String(f.clientWidth);
    });
    expect(Math.min(...(await chartLabelSizes(p.page)))).toBeGreaterThanOrEqual(11);
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

describe("themes", () => {
  it("follows a dark Office theme through Fluent's tokens", async () => {
    const p = await pane(320, "dark");
    const look = await p.page.evaluate(() => ({
      canvas: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
      card: getComputedStyle(document.querySelector(".card")!).backgroundColor,
      // A Fluent component reads the same tokens inside its shadow root.
      token: getComputedStyle(document.getElementById("lookup-submit")!).getPropertyValue("--colorNeutralBackground1").trim(),
      scheme: getComputedStyle(document.documentElement).colorScheme,
    }));
    expect(look).toEqual({ canvas: "rgb(31, 31, 31)", text: "rgb(240, 240, 240)", card: "rgb(43, 43, 43)", token: "#2b2b2b", scheme: "dark" });
  });

  it("keeps working in high contrast (forced colors): system colours, nothing hidden", async () => {
    const p = await pane(320);
    await p.page.emulateMedia({ forcedColors: "active" });
    await lookUp(p.page);
    const look = await p.page.evaluate(() => ({
      forced: matchMedia("(forced-colors: active)").matches,
      line: getComputedStyle(document.querySelector("#chart .chart-line")!).stroke,
      text: getComputedStyle(document.body).color,
      total: document.querySelector("#result .total")?.textContent,
    }));
    expect(look.forced).toBe(true);
    expect(look.total).toBe("145%");
    // In forced colours the line is drawn in CanvasText, the same system colour as the body text.
    expect(look.line).toBe(look.text);
    await saveScreenshot(p.page, "taskpane-fluent-contrast-320");
  });
});
