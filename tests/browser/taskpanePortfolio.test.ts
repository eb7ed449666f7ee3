/*
 * The Portfolio view of the built task pane, in a (fake) Excel, in real headless Chromium: the user selects
 * a book of SKUs (value, country, HTS code), the pane reads the selection through the workbook, and shows
 * the book's effective tariff rate over time stacked by authority, and the lines that pay the most. The
 * numbers must be DUTY.ETR's own (src/engine/decisions), which the test computes independently.
 */
import Decimal from "decimal.js";
import { Browser } from "playwright-core";
import { Day, PLAIN_CHOICE, bookRate, dayFromIso } from "../../src/engine";
import { cspViolations, launchBrowser, saveScreenshot } from "../support/browser";
import { embeddedRelease } from "../support/feedFixtures";
import { Pane, harness, openPane, openSection, serveTestDist, settled, textOf } from "../support/taskpanePage";

let browser: Browser;
let dist: { url: string; close(): Promise<void> };
const open: Pane[] = [];

const WORKBOOK = {
  sheets: [
    {
      name: "Book",
      cells: {
        A1: "Value",
        B1: "Country",
        C1: "HTS",
        A2: 1000,
        B2: "CN",
        C2: "9503.00.00",
        A3: 3000,
        B3: "VN",
        C3: "9503.00.00",
        A4: 1000,
        B4: "DE",
        C4: "steel",
        A6: 500,
        B6: "AU",
        C6: "0201.10.05",
      },
    },
  ],
};

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

async function pane(width = 500): Promise<Pane> {
  const p = await openPane(browser, dist.url, { seed: WORKBOOK, offline: ["**/feed/index.json"], width });
  open.push(p);
  await settled(p.page);
  return p;
}

async function computeFor(p: Pane, address: string, from: string, to: string): Promise<void> {
  await harness(p.page, (h, a: string) => h.select(a), address);
  await openSection(p.page, "portfolio-card");
  await p.page.fill("#portfolio-from", from);
  await p.page.fill("#portfolio-to", to);
  await p.page.click("#portfolio-read");
  await p.page.waitForFunction(() => !document.querySelector("#portfolio-read")?.hasAttribute("aria-busy"));
}

describe("the Portfolio view", () => {
  it("charts the selection's ETR by authority over time and lists the lines that pay the most", async () => {
    const p = await pane();
    await computeFor(p, "Book!A1:C4", "2025-01-01", "2025-07-01");
    // 2025-07-01: (1,000 × 30% + 3,000 × 10% + 1,000 × 50%) / 5,000 = 22%
    const independent = bookRate(
      embeddedRelease().table,
      [
        { label: "row 2", country: "CN", product: "9503.00.00", value: new Decimal(1000) },
        { label: "row 3", country: "VN", product: "9503.00.00", value: new Decimal(3000) },
        { label: "row 4", country: "DE", product: "steel", value: new Decimal(1000) },
      ],
      dayFromIso("2025-07-01") as Day,
      { basis: "entry", claims: [], loaded: null, content: {}, choice: PLAIN_CHOICE },
    );
    expect(independent.ok && independent.value.etr!.toNumber()).toBe(0.22);
    expect(await textOf(p.page, "#portfolio-status")).toBe("Effective tariff rate on 2025-07-01: 22% over 3 lines.");

    const chart = await p.page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>("#portfolio-chart svg")!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return {
        visible: !document.querySelector<HTMLElement>("#portfolio-chart")!.hidden,
        role: svg.getAttribute("role"),
        title: svg.querySelector(":scope > title")?.textContent ?? "",
        titledBy: document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.tagName,
        desc: document.getElementById(svg.getAttribute("aria-describedby") ?? "")?.textContent ?? "",
        bars: Array.from(svg.querySelectorAll("rect")).length,
        authorities: [...new Set(Array.from(svg.querySelectorAll("rect")).map((r) => r.getAttribute("data-authority")))],
        smallestText: Math.min(...Array.from(svg.querySelectorAll("text")).map((t) => Number(t.getAttribute("font-size")) * scale)),
        legend: Array.from(document.querySelectorAll("#portfolio-legend li")).map((li) => li.textContent),
      };
    });
    expect(chart).toMatchObject({ visible: true, role: "img", title: "Effective tariff rate by authority, 2025-01-01 to 2025-07-01" });
    expect(chart.desc).toMatch(/^On 2025-07-01 the 3 lines of Book!A1:C4 pay 22%: IEEPA 12%, Section 232 10%\./);
    expect(chart.authorities).toEqual(expect.arrayContaining(["IEEPA", "Section 232"]));
    expect(chart.bars).toBeGreaterThan(6);
    expect(chart.smallestText).toBeGreaterThanOrEqual(11);
    expect(chart.legend).toEqual(["Base rate", "IEEPA", "Section 232"]);

    const top = await p.page.$$eval("#portfolio-top tbody tr", (rows) => rows.map((r) => Array.from(r.children).map((c) => c.textContent)));
    expect(top).toEqual([
      ["row 4", "DE", "steel", "50%", "500.00", "45.4545%"],
      ["row 2", "CN", "9503.00.00", "30%", "300.00", "27.2727%"],
      ["row 3", "VN", "9503.00.00", "10%", "300.00", "27.2727%"],
    ]);
    await saveScreenshot(p.page, "taskpane-portfolio-500");
    expect((await cspViolations(p.page)).filter((v) => !v.blockedURI.startsWith("https://telemetryservice."))).toEqual([]);
  });

  it("at the narrowest pane (320 px) every chart label is still at least 11 px", async () => {
    const p = await pane(320);
    await computeFor(p, "Book!A1:C4", "2025-01-01", "2026-06-01");
    const smallest = await p.page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>("#portfolio-chart svg")!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...Array.from(svg.querySelectorAll("text")).map((t) => Number(t.getAttribute("font-size")) * scale));
    });
    expect(smallest).toBeGreaterThanOrEqual(11);
    await saveScreenshot(p.page, "taskpane-portfolio-320");
  });

  it("a line without a total is an error naming its row, not a lower rate", async () => {
    const p = await pane();
    await computeFor(p, "Book!A1:C6", "2025-07-01", "2025-07-01");
    expect(await textOf(p.page, "#portfolio-error")).toMatch(/^Book!A1:C6, row 6 \(AU 0201\.10\.05, 2025-07-01\) has no total/);
    expect(await p.page.isHidden("#portfolio-chart")).toBe(true);
  });
});
