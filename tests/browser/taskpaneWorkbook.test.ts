/*
 * The built task pane in a (fake) Excel, in real headless Chromium: the shared scenario table and its
 * switch (and DUTY.VERSION showing it), the audit and landed-cost model commands, the keyboard, and the
 * Office theme. See taskpaneSync.test.ts for the setup; the feed is offline here (the pane keeps
 * working on the embedded release).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Browser } from "playwright-core";
import { RateTable, ScenarioTable, applyScenario, dayFromIso, lookupRate } from "../../src/engine";
import { AUDIT_COLUMNS } from "../../src/office/auditSheet";
import { MODEL_DATE, MODEL_SKUS } from "../../src/office/modelSheet";
import { DIST_DEV, checksChunk, cspViolations, launchBrowser, saveScreenshot } from "../support/browser";
import { CN_TOYS, Release, embeddedRelease, reratedMeasure } from "../support/feedFixtures";
import { Pane, harness, openPane, openSection, serveTestDist, settled, textOf } from "../support/taskpanePage";

let browser: Browser;
let dist: { url: string; close(): Promise<void> };
let embedded: Release;
const open: Pane[] = [];

const WORKBOOK = {
  sheets: [
    {
      name: "Costs",
      cells: {
        A2: CN_TOYS.country,
        B2: CN_TOYS.product,
        C2: CN_TOYS.iso,
        D2: "=DUTY.TARIFF(A2,B2,C2)",
        H1: "=DUTY.VERSION()",
      },
    },
  ],
};

beforeAll(async () => {
  embedded = embeddedRelease();
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

async function pane(options: Partial<Parameters<typeof openPane>[2]> = {}): Promise<Pane> {
  const p = await openPane(browser, dist.url, { seed: WORKBOOK, offline: ["**/feed/index.json"], ...options });
  open.push(p);
  await settled(p.page);
  return p;
}

async function cells(p: Pane, address: string): Promise<unknown[][]> {
  return harness(p.page, (h, a: string) => h.read(a).values, address);
}

async function waitForText(p: Pane, selector: string, pattern: RegExp, timeout = 20_000): Promise<string> {
  await p.page.waitForFunction(
    ({ selector, source, flags }) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ""),
    { selector, source: pattern.source, flags: pattern.flags },
    { timeout },
  );
  return textOf(p.page, selector);
}

async function waitForCell(p: Pane, address: string, expected: unknown): Promise<void> {
  await p.page.waitForFunction(
    ({ address, expected }) =>
      JSON.stringify((window as unknown as { __fakeExcel: { read(a: string): { values: unknown[][] } } }).__fakeExcel.read(address).values[0]![0]) ===
      JSON.stringify(expected),
    { address, expected },
    { timeout: 20_000 },
  );
}

function tariff(table: RateTable, country: string, product: string, iso: string): number {
  const o = lookupRate(table, { country, product, day: dayFromIso(iso)! });
  if (!o.ok) throw new Error(o.error.message);
  return o.value.composition.total!.toNumber();
}

async function expectClean(p: Pane): Promise<void> {
  const ours = p.pageErrors.filter(
    (e) =>
      !(e.stack ?? "")
        .split("\n")
        .filter((l) => /^\s+at /.test(l))
        .every((l) => l.includes("/office-js/")),
  );
  expect(ours.map((e) => e.stack ?? e.message)).toEqual([]);
  expect(await harness(p.page, (h) => h.handlerErrors())).toEqual([]);
  expect(p.dialogs).toEqual([]);
  expect((await cspViolations(p.page)).filter((v) => !v.blockedURI.startsWith("https://telemetryservice."))).toEqual([]);
}

describe("scenario: a shared override table and a switch", () => {
  it("applies the overrides, shows them in DUTY.VERSION, follows a co-author's edit, and switches off again", async () => {
    const p = await pane();
    const before = tariff(embedded.table, CN_TOYS.country, CN_TOYS.product, CN_TOYS.iso);
    expect(await cells(p, "Costs!D2")).toEqual([[before]]);
    await openSection(p.page, "scenario-card");
    await openSection(p.page, "workbook-card");

    await p.page.click("#insert-scenario");
    await waitForText(p, "#command-status", /The scenario table is on sheet "Scenario"/);
    const table = (await harness(p.page, (h) => h.tables())).find((t) => t.name === "DutyDeskScenario");
    expect(table).toEqual({ name: "DutyDeskScenario", sheet: "Scenario", address: "A5:E6" });
    expect(await cells(p, "Scenario!A5:E5")).toEqual([["Measure", "Rate", "From", "To", "Note"]]);
    expect(await textOf(p.page, "#scenario-status")).toBe("off");

    // The analyst types an override: the measure that puts the reciprocal layer on CN toys, at 0%.
    const measure = reratedMeasure(embedded.table).id;
    const note = "What if this layer lapsed?";
    await harness(p.page, (h, row: unknown[]) => h.type("Scenario!A6:E6", [row]), [measure, 0, "", "", note]);
    await p.page.click("#scenario-switch");
    await waitForText(p, "#banner-text", /^Scenario on/);

    const applied = applyScenario(embedded.table, [{ measure, ratePercent: "0", from: null, to: null, note }]);
    if (!applied.ok) throw new Error(applied.problems.join("; "));
    const scenario: ScenarioTable = applied.table;
    expect(await cells(p, "Costs!D2")).toEqual([[tariff(scenario, CN_TOYS.country, CN_TOYS.product, CN_TOYS.iso)]]);
    expect(tariff(scenario, CN_TOYS.country, CN_TOYS.product, CN_TOYS.iso)).toBeLessThan(before);
    expect((await cells(p, "Costs!H2:K2"))[0]).toEqual([
      embedded.id,
      expect.any(Number),
      embedded.sha256,
      `on: 1 override, ${scenario.sha256.slice(0, 12)}`,
    ]);
    expect((await harness(p.page, (h) => h.settings()))["DutyDesk.scenario"]).toEqual({ on: true });
    expect(await textOf(p.page, "#scenario-status")).toMatch(/^on: 1 override/);
    expect(await textOf(p.page, "#badge")).toBe(`${embedded.id} + scenario`);
    expect(await textOf(p.page, "#scenario-detail")).toContain(`${measure}: rate +`);
    expect(await textOf(p.page, "#scenario-detail")).toContain(note);
    await saveScreenshot(p.page, "taskpane-scenario-500");
    await p.page.setViewportSize({ width: 320, height: 900 });
    await saveScreenshot(p.page, "taskpane-scenario-320");
    expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // A co-author changes the rate to 10% (a Remote edit of the shared table): the switch is on, so it applies.
    const sheetId = (await harness(p.page, (h) => h.sheets())).find((s) => s.name === "Scenario")!.id;
    await harness(
      p.page,
      (h, id: string) => h.applyRemote([{ op: "cells", sheetId: id, box: { top: 5, left: 1, rows: 1, columns: 1 }, kind: "values", data: [[0.1]] }]),
      sheetId,
    );
    const ten = applyScenario(embedded.table, [{ measure, ratePercent: "10", from: null, to: null, note }]);
    if (!ten.ok) throw new Error("10%");
    await waitForCell(p, "Costs!K2", `on: 1 override, ${ten.table.sha256.slice(0, 12)}`);
    expect(await cells(p, "Costs!D2")).toEqual([[tariff(ten.table, CN_TOYS.country, CN_TOYS.product, CN_TOYS.iso)]]);

    // An override the release cannot take: the pane says why, and cells compute without the scenario.
    await harness(p.page, (h) => h.type("Scenario!A7:B7", [["no.such.measure", 0.05]]));
    await waitForText(p, "#scenario-detail", /not applied/);
    expect(await textOf(p.page, "#scenario-detail")).toContain('row 2: no measure "no.such.measure"');
    await waitForCell(p, "Costs!K2", "none");
    expect(await cells(p, "Costs!D2")).toEqual([[before]]);

    // Off: back to the pinned release, for everyone (the switch is a workbook setting).
    await p.page.click("#scenario-switch");
    await waitForText(p, "#scenario-status", /^off$/);
    expect((await harness(p.page, (h) => h.settings()))["DutyDesk.scenario"]).toEqual({ on: false });
    expect(await cells(p, "Costs!D2")).toEqual([[before]]);
    expect((await cells(p, "Costs!K2"))[0]).toEqual(["none"]);
    await expectClean(p);
  });

  it("a co-author turning the scenario on is followed (a Remote settings change)", async () => {
    const measure = reratedMeasure(embedded.table).id;
    const p = await pane({
      seed: {
        sheets: [
          ...WORKBOOK.sheets,
          { name: "Scenario", cells: { A1: "Measure", B1: "Rate", C1: "From", D1: "To", E1: "Note", A2: measure, B2: 0 } },
        ],
      },
    });
    await harness(p.page, (h) => {
      // The table as a co-author created it (same file), then they switch the scenario on.
      const sheet = h.document.sheetByName("Scenario")!;
      const t = h.document.addTable(sheet, { top: 0, left: 0, rows: 2, columns: 5 }, true, "Remote");
      h.document.setTable(t, { name: "DutyDeskScenario" }, "Remote");
      h.document.setSetting("DutyDesk.scenario", { on: true }, "Remote");
    });
    await waitForText(p, "#banner-text", /co-author changed the workbook's rate table/);
    expect(await textOf(p.page, "#scenario-status")).toMatch(/^on: 1 override/);
    expect((await cells(p, "Costs!K2"))[0]).toEqual([expect.stringMatching(/^on: 1 override, [0-9a-f]{12}$/)]);
    expect(await p.page.isChecked("#scenario-switch")).toBe(true);
    await expectClean(p);
  });
});

describe("workbook commands", () => {
  it("inserts an audit sheet: every measure of the table as an Excel table, with its citations", async () => {
    const p = await pane();
    await openSection(p.page, "workbook-card");
    await p.page.click("#insert-audit");
    const status = await waitForText(p, "#command-status", /^Inserted sheet/);
    const measures = embedded.table.doc.measures;
    expect(status).toBe(`Inserted sheet "Audit ${embedded.id}": ${measures.length} measures with their citations (Excel table DutyDeskAudit).`);
    const table = (await harness(p.page, (h) => h.tables())).find((t) => t.name === "DutyDeskAudit")!;
    expect(table.sheet).toBe(`Audit ${embedded.id}`);
    const rows = await cells(p, `'${table.sheet}'!${table.address}`);
    expect(rows[0]).toEqual(AUDIT_COLUMNS.map(([h]) => h));
    expect(rows.length).toBe(measures.length + 1);
    const first = measures[0]!;
    const row = rows.find((r) => r[0] === first.id)!;
    expect(row[3]).toBe(first.title);
    expect(row[13]).toBe(first.documents.join("; "));
    expect(row[14]).toBe(first.citations.join("; "));
    expect((await cells(p, `'${table.sheet}'!A2`))[0]![0]).toContain(`SHA-256 ${embedded.sha256}`);
    // The new sheet is the active one; the pane's own release sheet was not created by this.
    expect((await harness(p.page, (h) => h.sheets())).map((s) => s.name)).toEqual([
      "Costs",
      `DutyDesk release ${embedded.sha256.slice(0, 12)}`,
      `Audit ${embedded.id}`,
    ]);
    await expectClean(p);
  });

  it("inserts a landed-cost model built from DUTY functions, with SKUs from CN, VN, MX and DE", async () => {
    const p = await pane();
    await openSection(p.page, "workbook-card");
    await p.page.click("#insert-model");
    const status = await waitForText(p, "#command-status", /^Inserted sheet "Landed cost model"/);
    const table = (await harness(p.page, (h) => h.tables())).find((t) => t.name === "DutyDeskModel")!;
    expect(table.sheet).toBe("Landed cost model");
    const withLanded = (JSON.parse(readFileSync(join(DIST_DEV, "functions.json"), "utf8")) as { functions: Array<{ id: string }> }).functions.some(
      (f) => f.id === "LANDED",
    );
    expect(status).toContain(withLanded ? "DUTY.TARIFF and DUTY.LANDED" : "priced with DUTY.TARIFF.");
    const sheet = "'Landed cost model'";
    const header = (await cells(p, `${sheet}!A7:J7`))[0]!;
    expect(header.slice(0, 9)).toEqual([
      "SKU",
      "Description",
      "Origin",
      "HTS code",
      "Customs value (USD)",
      "Freight (USD)",
      "Duty rate",
      "Duty (USD)",
      "Value + freight + duty (USD)",
    ]);
    expect((await cells(p, `${sheet}!C8:C15`)).map((r) => r[0])).toEqual(["CN", "CN", "VN", "VN", "MX", "MX", "DE", "DE"]);
    const formulas = await harness(p.page, (h) => h.read("'Landed cost model'!G8:J8").formulas);
    expect(formulas[0]!.slice(0, 3)).toEqual(["=DUTY.TARIFF(C8,D8,$C$3)", "=E8*G8", "=E8+F8+H8"]);
    const values = await cells(p, `${sheet}!A8:J15`);
    MODEL_SKUS.forEach((sku, i) => {
      const rate = tariff(embedded.table, sku.origin, sku.hts, MODEL_DATE);
      const row = values[i]!;
      expect(row.slice(0, 7)).toEqual([sku.sku, sku.description, sku.origin, sku.hts, sku.value, sku.freight, rate]);
      expect(row[7]).toBeCloseTo(sku.value * rate, 9);
      expect(row[8]).toBeCloseTo(sku.value + sku.freight + sku.value * rate, 9);
      if (withLanded) expect(typeof row[9]).toBe("number");
    });
    if (withLanded) expect(formulas[0]![3]).toBe("=DUTY.LANDED(E8,C8,D8,$C$3,F8)");
    // DUTY.VERSION above the model names the release that priced it.
    expect((await cells(p, `${sheet}!F3:F4`)).map((r) => r[0])).toEqual(["Table", embedded.id]);
    await expectClean(p);
  });
});

describe("markup safety", () => {
  it("the built bundles never parse strings as HTML (no innerHTML, outerHTML, insertAdjacentHTML, document.write)", () => {
    // fluent.js (Fluent UI's own bundle, split off by webpack.config.js) is not ours: FAST, its runtime,
    // compiles the library's static element templates through a <template>'s innerHTML (behind its DOM
    // policy). No pane or feed string is ever passed to it: the pane sets text with textContent.
    for (const file of ["runtime.js", "functions.js", "taskpane.js", checksChunk()!]) {
      const code = readFileSync(join(DIST_DEV, file), "utf8");
      expect([file, /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b/.test(code)]).toEqual([file, false]);
    }
  });
});

describe("keyboard, layout and theme", () => {
  it("reaches every control with Tab in reading order, and toggles the scenario switch with Space", async () => {
    const p = await pane();
    // Focus inside a Fluent element's shadow root shows as the element (its id): a view's heading
    // button is its accordion item.
    const tabThrough = async () => {
      // From the first field of the first screen (what the pane's header holds before it is not tested here).
      await p.page.focus("#country input");
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const id = await p.page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return !a || a === document.body ? "" : a.id || a.tagName;
        });
        if (seen.includes(id) && id !== seen[seen.length - 1]) break; // wrapped around
        if (seen[seen.length - 1] !== id) seen.push(id);
        await p.page.keyboard.press("Tab");
      }
      return seen;
    };
    const lookup = ["country", "sector", "date", "importer", "basis", "lookup-submit"];
    // Folded, the views are their headings only.
    const folded = [...lookup, "table-card", "scenario-card", "workbook-card"];
    expect((await tabThrough()).filter((s) => folded.includes(s))).toEqual(folded);
    for (const id of ["table-card", "scenario-card", "workbook-card"]) await openSection(p.page, id);
    const expected = [
      ...lookup,
      "table-card",
      "check",
      // (no "Pin this release": the workbook was pinned automatically when its DUTY cells computed)
      "feed-url",
      "feed-save",
      "feed-reset",
      "scenario-card",
      "scenario-switch",
      "insert-scenario",
      "workbook-card",
      "insert-audit",
      "insert-model",
    ];
    expect((await tabThrough()).filter((s) => expected.includes(s))).toEqual(expected);

    await p.page.focus("#scenario-switch");
    await p.page.keyboard.press("Space");
    await waitForText(p, "#scenario-detail", /not applied/);
    expect(await p.page.isChecked("#scenario-switch")).toBe(true);
    expect(await textOf(p.page, "#scenario-detail")).toContain("the workbook has no scenario table");
    await p.page.focus("#scenario-switch");
    await p.page.keyboard.press("Space");
    await waitForText(p, "#scenario-status", /^off$/);
    await expectClean(p);
  });

  it("uses the Office theme colours when the host provides them", async () => {
    const p = await pane({
      seed: {
        ...WORKBOOK,
        officeTheme: {
          bodyBackgroundColor: "#1f1f1f",
          bodyForegroundColor: "#f0f0f0",
          controlBackgroundColor: "#2b2b2b",
          controlForegroundColor: "#d0d0d0",
        },
      },
      width: 320,
    });
    const colours = await p.page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
      card: getComputedStyle(document.querySelector(".card")!).backgroundColor,
    }));
    expect(colours).toEqual({ body: "rgb(31, 31, 31)", text: "rgb(240, 240, 240)", card: "rgb(43, 43, 43)" });
    await saveScreenshot(p.page, "taskpane-dark-320");
    await expectClean(p);
  });
});
