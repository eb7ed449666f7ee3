/*
 * The built task pane inside a (fake) Excel, in real headless Chromium: sync from a feed, the diff, the
 * pin, co-authors, scenarios and the workbook commands, end to end.
 *
 * What is real: the page (dist-dev, built by `npm run build:dev`), office.js from @microsoft/office-js,
 * the DUTY functions the page associates, the engine, fetch/streams/AbortController, the CSP, and the
 * feed servers (scripts/serve.js for well-behaved feeds on 127.0.0.1, feedServer.ts for misbehaving
 * ones). What is fake: Excel (tests/support/fakeExcel), checked against @types/office-js and tested in
 * tests/support/fakeExcel.test.ts. Screenshots go to artifacts/screenshots/.
 */
import { Browser } from "playwright-core";
import { MAX_TABLE_BYTES, RateTable, dayFromIso, excelSerialFromDay, lookupRate } from "../../src/engine";
import { CHUNK_MARK } from "../../src/workbook/textChunks";
import { nextReleaseId } from "../../scripts/releases";
import { cspViolations, launchBrowser, saveScreenshot } from "../support/browser";
import {
  ADDED_MEASURE_ID,
  CN_TOYS,
  FeedDirectory,
  NewerRelease,
  Release,
  VN_SHIRTS,
  embeddedRelease,
  indexJson,
  newerRelease,
  serveDirectory,
  tamper,
} from "../support/feedFixtures";
import { HUGE_BYTES, MisbehavingFeed, startMisbehavingFeed } from "../support/feedServer";
import { Pane, fillText, harness, openPane, openSection, serveTestDist, settled, textOf } from "../support/taskpanePage";

const OFFICE_TELEMETRY_ORIGIN = "https://telemetryservice.firstpartyapps.oaspapps.com";

let browser: Browser;
let dist: { url: string; close(): Promise<void> };
let feeds: FeedDirectory;
let feedHost: { url: string; close(): Promise<void> };
let misbehaving: MisbehavingFeed;
let embedded: Release;
let newer: NewerRelease;
let markup: NewerRelease;
const open: Pane[] = [];

const MARKUP_TITLE = '<img src=x onerror="window.__pwned=1"> Fixture measure with markup in its title';
const FORMULA_CITATION = '=HYPERLINK("https://evil.example/","click me")';

const SERIAL_2025_04_15 = excelSerialFromDay(dayFromIso("2025-04-15")!);

/** A workbook of DUTY formulas: predictable cells (literal and referenced arguments), a wrapped call, VERSION. */
const WORKBOOK = {
  sheets: [
    {
      name: "Costs",
      numberFormats: { "B2:B4": "@" },
      cells: {
        A1: "Origin",
        B1: "HTS",
        C1: "Entry date",
        D1: "Duty rate",
        E1: "Value",
        F1: "Duty",
        A2: CN_TOYS.country,
        B2: CN_TOYS.product,
        C2: SERIAL_2025_04_15,
        D2: "=DUTY.TARIFF(A2,B2,C2)",
        E2: 1000,
        F2: "=E2*D2",
        A3: VN_SHIRTS.country,
        B3: VN_SHIRTS.product,
        C3: SERIAL_2025_04_15,
        D3: "=DUTY.TARIFF(A3,B3,C3)",
        A4: "DE",
        B4: "steel",
        D4: '=DUTY.TARIFF("DE","steel","2025-07-01")',
        D5: "=E2*DUTY.TARIFF(A2,B2,C2)",
        H1: "=DUTY.VERSION()",
      },
    },
  ],
} as const;

function feedUrl(name: string): string {
  return `${feedHost.url}/${name}/index.json`;
}

function tariff(table: RateTable, probe: { country: string; product: string; iso: string }): number {
  const o = lookupRate(table, { country: probe.country, product: probe.product, day: dayFromIso(probe.iso)! });
  if (!o.ok) throw new Error(o.error.message);
  return o.value.composition.total!.toNumber();
}

async function pane(options: Parameters<typeof openPane>[2]): Promise<Pane> {
  const p = await openPane(browser, dist.url, { origins: [feedHost.url, misbehaving.url], ...options });
  open.push(p);
  return p;
}

function seedWith(settings: Record<string, unknown> = {}) {
  return { ...WORKBOOK, settings };
}

async function cells(p: Pane, address: string): Promise<unknown[][]> {
  return harness(p.page, (h, a: string) => h.read(a).values, address);
}

/** Nothing went wrong under the hood: no page errors from our scripts, no handler errors, no dialogs, no stray CSP refusals. */
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
  const refused = (await cspViolations(p.page)).filter((v) => !v.blockedURI.startsWith(OFFICE_TELEMETRY_ORIGIN));
  expect(refused).toEqual([]);
  expect(p.network.offOrigin).toEqual([]);
  expect(await p.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
}

beforeAll(async () => {
  embedded = embeddedRelease();
  newer = newerRelease(embedded);
  markup = newerRelease(embedded, {
    id: nextReleaseId(newer.id, "2026-12-06"),
    released: "2026-12-06",
    title: () => MARKUP_TITLE,
    extraCitation: FORMULA_CITATION,
  });
  feeds = new FeedDirectory();
  const newerFile = { [`${newer.id}.dutytable`]: newer.bytes };
  feeds.add("newer", { "index.json": indexJson([{ release: newer }, { release: embedded }]), ...newerFile });
  feeds.add("tampered", { "index.json": indexJson([{ release: newer }]), [`${newer.id}.dutytable`]: tamper(newer, newer.rerated) });
  feeds.add("truncated", {
    "index.json": indexJson([{ release: newer }]),
    [`${newer.id}.dutytable`]: newer.bytes.subarray(0, Math.floor(newer.bytes.length * 0.6)),
  });
  feeds.add("oversized", { "index.json": indexJson([{ release: newer, overrides: { size: MAX_TABLE_BYTES + 1 } }]), ...newerFile });
  feeds.add("markup", { "index.json": indexJson([{ release: markup }]), [`${markup.id}.dutytable`]: markup.bytes });
  feeds.add("current", { "index.json": indexJson([{ release: embedded }]) });
  feedHost = await serveDirectory(feeds.root);
  misbehaving = await startMisbehavingFeed(newer);
  dist = await serveTestDist();
  browser = await launchBrowser();
}, 120_000);

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

afterAll(async () => {
  await browser?.close();
  await dist?.close();
  await feedHost?.close();
  await misbehaving?.close();
  feeds?.remove();
});

describe("first run, offline", () => {
  it("computes with the embedded release and says the feed could not be reached", async () => {
    const p = await pane({ seed: seedWith(), offline: ["**/feed/index.json"] });
    await settled(p.page);
    expect(await textOf(p.page, "#host")).toMatch(/^Excel/);
    expect(await textOf(p.page, "#table-id")).toBe(embedded.id);
    expect(await textOf(p.page, "#table-source")).toBe("embedded");
    expect(await textOf(p.page, "#table-hash")).toBe(embedded.sha256);
    // DUTY functions computed in this unpinned workbook: it is pinned to the release in use as soon as the
    // runtime can write (the pin is an asynchronous workbook write, so wait for it rather than race it).
    const pinned = `^${embedded.id.replace(".", "\\.")}, pinned`;
    await p.page.waitForFunction((re) => new RegExp(re).test(document.getElementById("pin-status")?.textContent ?? ""), pinned);
    expect(await textOf(p.page, "#pin-status")).toMatch(new RegExp(pinned));
    expect(await textOf(p.page, "#feed-status")).toMatch(/^127\.0\.0\.1:\d+ \(the add-in's own\)$/);
    const error = await textOf(p.page, "#sync-error");
    expect(error).toMatch(/^Could not check for updates/);
    expect(error).toMatch(/could not be reached/);
    expect(error).toContain(`DUTY cells keep computing with ${embedded.id} (embedded)`);
    expect(await p.page.getAttribute("#sync-error", "class")).toContain("warning");
    // The workbook's cells computed with the embedded table, which got pinned automatically; nothing recalculated.
    expect(await cells(p, "Costs!D2")).toEqual([[tariff(embedded.table, CN_TOYS)]]);
    expect((await cells(p, "Costs!H1:K2"))[1]!.slice(0, 1)).toEqual([embedded.id]);
    expect(Object.keys(await harness(p.page, (h) => h.settings()))).toEqual(["DutyDesk.pin"]);
    expect(await harness(p.page, (h) => h.calculationLog())).toEqual([]);
    // The embedded release needs no table checks, so their chunk was never fetched.
    expect(checksChunks(p)).toEqual([]);
    await saveScreenshot(p.page, "taskpane-offline-500");
    await expectClean(p);
  });
});

async function waitForText(p: Pane, selector: string, pattern: RegExp, timeout = 20_000): Promise<string> {
  await p.page.waitForFunction(
    ({ selector, source, flags }) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ""),
    { selector, source: pattern.source, flags: pattern.flags },
    { timeout },
  );
  return textOf(p.page, selector);
}

/** The page's requests for the table checks' chunk (src/runtime/lazyDocumentChecks.ts). */
function checksChunks(p: Pane): string[] {
  return p.network.requests.filter((u) => /\/tablechecks\.[0-9a-f]{8}\.js$/.test(u));
}

function pct(x: number): string {
  return `${(Math.round(x * 1e6) / 1e4).toString()}%`;
}

async function noHorizontalScroll(p: Pane, width: number): Promise<void> {
  expect(await p.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe("sync a newer release", () => {
  it.each([320, 500])("verifies it and shows what it changes: measures with dates and citations, then cells old → new (%i px)", async (width) => {
    const p = await pane({ seed: seedWith({ "DutyDesk.feedUrl": feedUrl("newer") }), width });
    await settled(p.page);
    expect(await p.page.isVisible("#update-card")).toBe(true);
    expect(await textOf(p.page, "#update-title")).toBe(`Update: ${newer.id}`);
    const body = await textOf(p.page, "#update-body");
    expect(body).toContain(`${newer.id}, released 2026-12-05, replaces ${embedded.id}`);
    expect(body).toMatch(/✓ Verified: SHA-256 [0-9a-f]{12}… matches the feed index at 127\.0\.0\.1:\d+/);
    expect(await textOf(p.page, "#feed-status")).toBe(`${new URL(feedHost.url).host} (set in this workbook)`);
    expect(body).toContain("Re-rated 1");
    expect(body).toContain("Added 1");
    expect(body).toContain("Ended 1");

    const items = await p.page.$$eval("#update-body ul.changes li", (lis) => lis.map((li) => li.textContent ?? ""));
    const oldRate = Number((embedded.table.doc.measures.find((m) => m.id === newer.rerated.id)!.rate as { add: string }).add);
    const rerated = items.find((t) => t.includes(newer.rerated.id))!;
    expect(rerated).toContain(`rate +${oldRate}% → +${oldRate + 5}%`);
    expect(rerated).toContain("Fixture notice 2026-12 (test data)");
    expect(rerated).toContain(newer.rerated.from);
    expect(items.find((t) => t.includes(newer.ended.id))).toContain("ends open → through 2026-05-31");
    expect(items.find((t) => t.includes(ADDED_MEASURE_ID))).toContain("Fixture: additional 5% on Vietnamese cotton apparel");

    // Cells: the two predictable TARIFF cells change (CN by the re-rate, VN by the added measure), DE does not.
    const rows = await p.page.$$eval("#affected-cells tr", (trs) =>
      trs.slice(1).map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
    const cn = [tariff(embedded.table, CN_TOYS), tariff(newer.table, CN_TOYS)];
    const vn = [tariff(embedded.table, VN_SHIRTS), tariff(newer.table, VN_SHIRTS)];
    expect(rows).toEqual([
      ["Costs!D2", pct(cn[0]!), pct(cn[1]!), "+5 pp"],
      ["Costs!D3", pct(vn[0]!), pct(vn[1]!), "+5 pp"],
    ]);
    const notPredicted = await textOf(p.page, "#update-body details:last-of-type");
    expect(notPredicted).toContain("Costs!D5: the DUTY call is part of a larger formula");
    expect(notPredicted).toContain(`Costs!H1: DUTY.VERSION will name ${newer.id}`);
    expect(body).toMatch(/5 DUTY cells: 2 would change, 1 would not, 2 cannot be predicted/);

    // Nothing is applied before Accept.
    // Nothing from the feed is stored before Accept; the workbook holds only the automatic pin of the release in use.
    expect(await harness(p.page, (h) => h.settings())).toEqual({
      "DutyDesk.feedUrl": feedUrl("newer"),
      "DutyDesk.pin": expect.objectContaining({ release: embedded.id, sha256: embedded.sha256 }),
    });
    expect(await cells(p, "Costs!D2")).toEqual([[cn[0]]]);
    expect(await textOf(p.page, "#table-id")).toBe(embedded.id);
    // The downloaded release was checked with the table checks, fetched from the add-in's origin once.
    expect(checksChunks(p)).toHaveLength(1);

    await noHorizontalScroll(p, width);
    await saveScreenshot(p.page, `taskpane-${width}`);
    await expectClean(p);
  });

  it("shows progress while the release downloads", async () => {
    const p = await pane({ seed: seedWith({ "DutyDesk.feedUrl": `${misbehaving.url}/slow/index.json` }), width: 320 });
    await p.page.waitForFunction(
      () => !document.getElementById("sync-progress")!.hidden && /Downloading .+ of /.test(document.getElementById("sync-status")!.textContent ?? ""),
      undefined,
      { timeout: 20_000 },
    );
    const value = await p.page.$eval("#sync-progress", (el) => (el as HTMLProgressElement).value);
    expect(value).toBeGreaterThan(0);
    expect(await p.page.getAttribute("#check", "aria-busy")).toBe("true");
    await saveScreenshot(p.page, "taskpane-progress-320", { fullPage: false });
    await settled(p.page);
    expect(await p.page.isVisible("#update-card")).toBe(true);
    expect(await p.page.isHidden("#sync-progress")).toBe(true);
    await expectClean(p);
  });

  it("says so when the feed has nothing newer", async () => {
    const p = await pane({ seed: seedWith({ "DutyDesk.feedUrl": feedUrl("current") }) });
    await settled(p.page);
    expect(await textOf(p.page, "#sync-status")).toMatch(new RegExp(`^Up to date: the feed's latest release is ${embedded.id.replace(".", "\\.")}`));
    expect(await p.page.isHidden("#update-card")).toBe(true);
    await expectClean(p);
  });
});

describe("accept, pin, and co-authors", () => {
  it("pins the release (settings + very hidden sheet), recalculates the DUTY sheets, and a co-author's add-in follows", async () => {
    // The file as both open it: already pinned to the embedded release (as the automatic pin leaves it),
    // so neither page writes before A's accept.
    const embeddedPin = {
      release: embedded.id,
      sha256: embedded.sha256,
      released: embedded.table.released,
      feedUrl: null,
      pinnedAt: "2026-12-01T00:00:00.000Z",
    };
    const a = await pane({ seed: { ...seedWith({ "DutyDesk.feedUrl": feedUrl("newer"), "DutyDesk.pin": embeddedPin }), idPrefix: "a" } });
    // The co-author works offline: whatever B computes with must come from the workbook itself.
    const b = await pane({
      seed: { ...seedWith({ "DutyDesk.feedUrl": feedUrl("newer"), "DutyDesk.pin": embeddedPin }), idPrefix: "b" },
      offline: [`${feedHost.url}/**`, "**/feed/index.json"],
    });
    await settled(a.page);
    await settled(b.page);
    const cn = [tariff(embedded.table, CN_TOYS), tariff(newer.table, CN_TOYS)];
    expect(await cells(b, "Costs!D2")).toEqual([[cn[0]]]);

    await a.page.click("#accept");
    await waitForText(a, "#banner-text", new RegExp(`^Pinned ${newer.id.replace(".", "\\.")}`));
    expect(await p(a).isHidden("#update-card")).toBe(true);
    const settings = await harness(a.page, (h) => h.settings());
    expect(settings["DutyDesk.pin"]).toMatchObject({ release: newer.id, sha256: newer.sha256, released: "2026-12-05", feedUrl: feedUrl("newer") });
    const store = (await harness(a.page, (h) => h.sheets())).find((s) => s.name.startsWith("DutyDesk release"));
    expect(store).toMatchObject({ visibility: "VeryHidden" });
    // One copy, on the sheet named for the new release's hash: the automatic pin's copy of the embedded release is gone.
    expect((await harness(a.page, (h) => h.sheets())).filter((s) => s.name.startsWith("DutyDesk release")).map((s) => s.name)).toEqual([
      `DutyDesk release ${newer.sha256.slice(0, 12)}`,
    ]);
    const releaseSheet = `'DutyDesk release ${newer.sha256.slice(0, 12)}'`;
    const meta = (await cells(a, `${releaseSheet}!A1:E1`))[0]!;
    expect(meta.slice(1)).toEqual([newer.id, newer.sha256, newer.text.length, Math.ceil(newer.text.length / 32_000)]);
    const chunks = (await cells(a, `${releaseSheet}!A2:A${1 + Number(meta[4])}`)).map((r) => String(r[0]));
    expect(chunks.every((c) => c.startsWith(CHUNK_MARK) && c.length <= 32_001)).toBe(true);
    expect(chunks.map((c) => c.slice(1)).join("")).toBe(newer.text);

    // Recalculated: the DUTY sheet was marked dirty and recomputed (not a full recalculation of everything).
    expect(await cells(a, "Costs!D2:F2")).toEqual([[cn[1], 1000, 1000 * cn[1]!]]);
    expect((await cells(a, "Costs!H2:K2"))[0]).toEqual([newer.id, excelSerialFromDay(dayFromIso("2026-12-05")!), newer.sha256, "none"]);
    expect(await harness(a.page, (h) => h.calculationLog())).toEqual([["sheet", "Costs", "true"], ["Recalculate"]]);
    expect(await textOf(a.page, "#table-id")).toBe(newer.id);
    expect(await textOf(a.page, "#pin-status")).toMatch(new RegExp(`^${newer.id.replace(".", "\\.")}, pinned \\d{4}-\\d{2}-\\d{2}$`));
    await saveScreenshot(a.page, "taskpane-accepted-500");

    // The co-author: A's edits arrive as Remote changes (settings + release sheet); B reloads and recalculates.
    const journal = await harness(a.page, (h) => h.journal());
    await harness(b.page, (h, entries) => h.applyRemote(entries), journal);
    const banner = await waitForText(b, "#banner-text", /co-author changed the workbook's rate table/);
    expect(banner).toContain(`now compute with ${newer.id}`);
    expect(await textOf(b.page, "#table-id")).toBe(newer.id);
    expect(await textOf(b.page, "#table-source")).toBe("from the workbook");
    expect(await cells(b, "Costs!D2")).toEqual([[cn[1]]]);
    expect((await cells(b, "Costs!H2"))[0]).toEqual([newer.id]);
    expect(await harness(b.page, (h) => h.delivered().some((d) => d[0] === "settings" && d[1] === "Remote"))).toBe(true);
    await saveScreenshot(b.page, "taskpane-coauthor-500");
    await expectClean(a);
    await expectClean(b);

    // Reopening the saved workbook offline: the pin is honoured from the workbook's own copy.
    const c = await pane({ seed: { ...WORKBOOK, idPrefix: "c", journal }, offline: [`${feedHost.url}/**`, "**/feed/index.json"] });
    await waitForText(c, "#table-id", new RegExp(newer.id.replace(".", "\\.")));
    expect(await textOf(c.page, "#table-source")).toBe("from the workbook");
    expect(await p(c).isHidden("#pin-warning")).toBe(true);
    await fillText(c.page, "country", CN_TOYS.country);
    await fillText(c.page, "sector", CN_TOYS.product);
    await c.page.fill("#date", CN_TOYS.iso);
    await c.page.click("#lookup-submit");
    expect(await waitForText(c, "#result .total", /%/)).toBe(pct(cn[1]!));
    await expectClean(c);
  });

  it("a pin whose release cannot be loaded is reported, and DUTY cells keep the release they have", async () => {
    const pin = {
      release: "2027.01a",
      sha256: "ab".repeat(32),
      released: "2027-01-01",
      feedUrl: feedUrl("newer"),
      pinnedAt: "2027-01-02T00:00:00.000Z",
    };
    const p0 = await pane({ seed: seedWith({ "DutyDesk.pin": pin }), offline: [`${feedHost.url}/**`, "**/feed/index.json"] });
    const warning = await waitForText(p0, "#pin-warning", /pinned to release 2027\.01a/);
    expect(warning).toContain("the workbook has no copy of it");
    expect(warning).toContain("the feed could not supply it");
    expect(warning).toContain("DUTY cells answer #N/A until it is");
    expect(await textOf(p0.page, "#table-id")).toBe(embedded.id);
    // Never another table's number: every DUTY cell is #N/A, and the pane offers the deliberate way out.
    await p0.page.waitForFunction(
      () => (window as unknown as { __fakeExcel: { read(a: string): { values: unknown[][] } } }).__fakeExcel.read("Costs!D2").values[0]![0] !== null,
    );
    expect(await cells(p0, "Costs!D2:D4")).toEqual([["#N/A"], ["#N/A"], ["#N/A"]]);
    expect(await textOf(p0.page, "#pin-unavailable-text")).toContain(
      "pinned release 2027.01a (sha abababababab…) is not available here: open DutyDesk to fetch it",
    );
    expect(await p0.page.isVisible("#use-my-release")).toBe(true);
    await expectClean(p0);
  });
});

function p(pane: Pane) {
  return pane.page;
}

describe("rejected releases keep the last good table and say why", () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ["a tampered release (bad hash)", () => feedUrl("tampered"), /rejected: its SHA-256 does not match the feed index/],
    ["a truncated release", () => feedUrl("truncated"), /is truncated: .* received, the feed index says/],
    ["an index announcing an oversized release", () => feedUrl("oversized"), /is 16777217 bytes; the limit is 16777216/],
    [
      "a release whose Content-Length is a 20 MB lie",
      () => `${misbehaving.url}/liar/index.json`,
      /is 20\.0 MB according to the server; the limit is 16\.0 MB\. Nothing was downloaded\./,
    ],
    [
      "a real 17 MB body without Content-Length",
      () => `${misbehaving.url}/huge/index.json`,
      /grew past .* while downloading .*the download was stopped/,
    ],
  ];

  it.each(cases)("%s", async (_, url, reason) => {
    const before = { ...misbehaving.bytesSent };
    const p0 = await pane({ seed: seedWith({ "DutyDesk.feedUrl": url() }), width: 320 });
    await settled(p0.page);
    const error = await textOf(p0.page, "#sync-error");
    expect(error).toMatch(/^(Update rejected|Could not check for updates)/);
    expect(error).toMatch(reason);
    expect(error).toContain(`DUTY cells keep computing with ${embedded.id} (embedded)`);
    expect(await p0.page.getAttribute("#sync-error", "class")).toContain("alert error");
    expect(await p0.page.isHidden("#update-card")).toBe(true);
    expect(await textOf(p0.page, "#table-id")).toBe(embedded.id);
    // Only the automatic pin of the release in use was written: nothing from the rejected feed.
    expect(Object.keys(await harness(p0.page, (h) => h.settings())).sort()).toEqual(["DutyDesk.feedUrl", "DutyDesk.pin"]);
    expect((await harness(p0.page, (h) => h.settings()))["DutyDesk.pin"]).toMatchObject({ release: embedded.id, sha256: embedded.sha256 });
    expect(await cells(p0, "Costs!D2")).toEqual([[tariff(embedded.table, CN_TOYS)]]);
    if (url().includes("/huge/")) {
      // The client hung up long before the server could send it all.
      await new Promise((r) => setTimeout(r, 300));
      expect(misbehaving.bytesSent.huge! - before.huge!).toBeLessThan(HUGE_BYTES);
    }
    if (url().includes("/liar/")) expect(misbehaving.bytesSent.liar! - before.liar!).toBeLessThanOrEqual(1024);
    if (url().includes("tampered")) await saveScreenshot(p0.page, "taskpane-rejected-320", { fullPage: false });
    await expectClean(p0);
  });

  it("a release with markup in a measure title is valid: shown as text in the diff, the lookup and the audit sheet", async () => {
    const p0 = await pane({ seed: seedWith({ "DutyDesk.feedUrl": feedUrl("markup") }) });
    await settled(p0.page);
    const titles = await p0.page.$$eval("#update-body .change-title", (els) => els.map((e) => e.textContent));
    expect(titles).toContain(MARKUP_TITLE);
    expect(await p0.page.locator("#update-body img").count()).toBe(0);
    expect(await p0.page.locator('img[src="x"]').count()).toBe(0);
    expect(await textOf(p0.page, "#update-body")).toContain(FORMULA_CITATION);
    await saveScreenshot(p0.page, "taskpane-markup-500");

    await p0.page.click("#accept");
    await waitForText(p0, "#banner-text", new RegExp(`^Pinned ${markup.id.replace(".", "\\.")}`));
    await fillText(p0.page, "country", CN_TOYS.country);
    await fillText(p0.page, "sector", CN_TOYS.product);
    await p0.page.fill("#date", CN_TOYS.iso);
    await p0.page.click("#lookup-submit");
    await waitForText(p0, "#result .total", /%/);
    expect(await textOf(p0.page, "#result table.layers")).toContain(MARKUP_TITLE);
    expect(await p0.page.locator("#result img").count()).toBe(0);

    await openSection(p0.page, "workbook-card");
    await p0.page.click("#insert-audit");
    await waitForText(p0, "#command-status", /^Inserted sheet/);
    const table = (await harness(p0.page, (h) => h.tables())).find((t) => t.name.startsWith("DutyDeskAudit"))!;
    const sheet = `'${table.sheet}'`;
    const rows = await cells(p0, `${sheet}!${table.address}`);
    const row = rows.find((r) => r[0] === markup.rerated.id)!;
    expect(row[3]).toBe(MARKUP_TITLE);
    const citations = String(row[14]);
    expect(citations).toContain(FORMULA_CITATION);
    // Text, not a formula: the cell's formula is the same text, and its format is Text.
    const index = rows.indexOf(row);
    const top = Number(/\d+/.exec(table.address)![0]);
    const cell = await harness(p0.page, (h, a: string) => h.read(a), `${sheet}!O${top + index}`);
    expect(cell.formulas[0]![0]).toBe(citations);
    expect(cell.numberFormat[0]![0]).toBe("@");
    await expectClean(p0);
  });
});
