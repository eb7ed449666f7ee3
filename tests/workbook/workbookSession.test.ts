import { readFileSync } from "node:fs";
import { RateTable, loadTable } from "../../src/engine";
import { tariffWith } from "../../src/formula/cellImpact";
import { embeddedTableText, peekTable, currentTable, useTable } from "../../src/runtime/tableStore";
import { WorkbookPin, pinFor } from "../../src/workbook/workbookPin";
import { WorkbookSession } from "../../src/workbook/workbookSession";
import { listReleases } from "../../scripts/releases";
import { MemoryWorkbook } from "../support/memoryWorkbook";

/*
 * The workbook session's rules, against a workbook held in memory: which release a workbook computes with,
 * what accepting a release writes and in which order, and that a failed write changes nothing. The Office
 * implementation of the port is covered by the browser tests (tests/browser, fake Excel).
 */
const PAGE = "https://addin.example/taskpane.html";
/** A feed the session refuses before any network request (plain HTTP off localhost). */
const UNREACHABLE_FEED = "http://feed.example/index.json";

const embedded = loadTable(embeddedTableText());
const olderFile = listReleases().at(-2)!.file;
const olderText = readFileSync(olderFile, "utf8");
const older = loadTable(olderText);

function pinned(table: RateTable, feedUrl: string | null = UNREACHABLE_FEED): WorkbookPin {
  return pinFor(table, feedUrl, new Date("2026-12-01T12:00:00Z"));
}

/** A workbook with one DUTY.TARIFF cell whose sector is a reference, and a stale value. */
function modelWorkbook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.setCell("Model", "B2", { value: "9503.00.00" });
  wb.setCell("Model", "C2", { formula: '=DUTY.TARIFF("CN", B2, "2025-04-15")', value: 0.5 });
  return wb;
}

type Isolated = typeof import("../../src/workbook/workbookSession") & typeof import("../../src/runtime/tableStore");

/**
 * The session and table store as the add-in's build has them (the table checks a chunk:
 * src/runtime/lazyDocumentChecks.ts), in a module registry of their own, with a chunk that fails to load
 * `failures` times; `loads()` counts the attempts. Undo with dontMockChecks().
 */
function withFlakyChecks(failures: number): { isolated: Isolated; loads: () => number } {
  let loads = 0;
  let isolated!: Isolated;
  // The chunk is imported after isolateModules returns, so through the test file's registry: a mock module
  // an earlier test made there (its factory's result is kept) would answer instead of this factory.
  jest.resetModules();
  jest.isolateModules(() => {
    jest.doMock("../../src/engine/table/validateDocument", () => {
      if (++loads <= failures) throw new Error("Loading chunk tablechecks failed");
      return jest.requireActual("../../src/engine/table/validateDocument");
    });
    jest.doMock("../../src/engine/table/documentChecks", () => jest.requireActual("../../src/runtime/lazyDocumentChecks"));
    isolated = { ...jest.requireActual("../../src/workbook/workbookSession"), ...jest.requireActual("../../src/runtime/tableStore") };
  });
  return { isolated, loads: () => loads };
}

function dontMockChecks(): void {
  jest.dontMock("../../src/engine/table/validateDocument");
  jest.dontMock("../../src/engine/table/documentChecks");
}

/** Lets queued session work (debounces, retries, the serial queue) run to the end under fake timers. */
async function settle(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

beforeEach(() => {
  // The table in use is page-wide state (src/runtime/tableStore): every test starts on the embedded release.
  useTable(embedded);
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

test("the two releases differ, so a switch between them is visible", () => {
  expect(older.sha256).not.toBe(embedded.sha256);
  expect(peekTable().sha256).toBe(embedded.sha256);
});

describe("start: the workbook's pin decides the release", () => {
  test("a workbook pinned to another release computes with the copy it holds", async () => {
    const wb = modelWorkbook();
    wb.pinValue = pinned(older);
    wb.releaseCopy = { release: older.id, sha256: older.sha256, text: olderText, problem: null };
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    const s = session.snapshot();
    expect([s.release.sha256, s.source, s.pin?.sha256, s.pinWarning]).toEqual([older.sha256, "workbook", older.sha256, null]);
    expect(peekTable().sha256).toBe(older.sha256);
    // On open the cells hold the values saved with the file, computed with the pinned release.
    expect(wb.recalcs).toEqual([]);
    expect(wb.calls).toContain("watch");
  });

  test("if a DUTY cell already computed with the embedded release, the open recalculates the DUTY sheets", async () => {
    const wb = modelWorkbook();
    wb.pinValue = pinned(older);
    wb.releaseCopy = { release: older.id, sha256: older.sha256, text: olderText, problem: null };
    currentTable(); // a DUTY.* call served before the pin was read
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(wb.recalcs).toEqual([["Model"]]);
    expect(session.snapshot().lastRecalc).toBe("sheets");
  });

  test("a pin to the release in use reads no copy and recalculates nothing", async () => {
    const wb = modelWorkbook();
    wb.pinValue = pinned(embedded);
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(session.snapshot().source).toBe("embedded");
    expect(wb.calls).not.toContain("readReleaseCopy");
    expect(wb.recalcs).toEqual([]);
  });

  test("a malformed pin is reported, not guessed", async () => {
    const wb = modelWorkbook();
    wb.pinValue = "{not json";
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(session.snapshot()).toMatchObject({ pin: null, pinWarning: "the workbook's pin is not readable" });
    expect(peekTable().sha256).toBe(embedded.sha256);
  });

  test("a pinned release that cannot be loaded: a warning naming each source, the embedded release meanwhile, then a retry that finds it", async () => {
    const wb = modelWorkbook();
    wb.pinValue = pinned(older);
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    const s = session.snapshot();
    expect(s.release.sha256).toBe(embedded.sha256);
    expect(s.pinWarning).toContain(`pinned to release ${older.id}`);
    expect(s.pinWarning).toContain("the workbook has no copy of it");
    expect(s.pinWarning).toContain("the feed could not supply it");
    expect(peekTable().sha256).toBe(embedded.sha256);

    // The co-author's copy arrives; the first retry (2 s) picks it up and recalculates.
    wb.releaseCopy = { release: older.id, sha256: older.sha256, text: olderText, problem: null };
    await settle(2_000);
    expect(session.snapshot()).toMatchObject({ source: "workbook", pinWarning: null });
    expect(session.snapshot().notice?.text).toMatch(/^The pinned release is now available: DUTY cells now compute with /);
    expect(peekTable().sha256).toBe(older.sha256);
    expect(wb.recalcs).toEqual([["Model"]]);
  });

  test("a pinned copy the add-in cannot check (its table checks did not load): the warning says so, and a retry checks it and uses it", async () => {
    const { isolated, loads } = withFlakyChecks(1);
    try {
      const wb = modelWorkbook();
      wb.pinValue = pinned(older);
      wb.releaseCopy = { release: older.id, sha256: older.sha256, text: olderText, problem: null };
      const session = new isolated.WorkbookSession(PAGE, wb);
      await session.start("excel");
      const warning = session.snapshot().pinWarning;
      expect(warning).toContain(`pinned to release ${older.id}`);
      expect(warning).toContain(
        "the workbook's copy could not be checked: the add-in's table checks did not load (Loading chunk tablechecks failed)",
      );
      expect(warning).toContain("the feed could not supply it");
      expect(isolated.peekTable().id).toBe(embedded.id);

      await settle(2_000);
      expect(session.snapshot()).toMatchObject({ source: "workbook", pinWarning: null });
      expect(isolated.peekTable().sha256).toBe(older.sha256);
      expect(loads()).toBe(2);
    } finally {
      dontMockChecks();
    }
  });

  test("a copy that is not the pinned release is not used", async () => {
    const wb = modelWorkbook();
    wb.pinValue = pinned(older);
    wb.releaseCopy = { release: embedded.id, sha256: embedded.sha256, text: embeddedTableText(), problem: null };
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(session.snapshot().pinWarning).toContain(`the workbook's copy is ${embedded.id}, not the pinned release`);
    expect(peekTable().sha256).toBe(embedded.sha256);
  });

  test("without events from the host, the session still starts and says changes are not followed live", async () => {
    const wb = modelWorkbook();
    wb.failing.add("watch");
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(session.snapshot().notice).toMatchObject({ kind: "warning" });
    expect(session.snapshot().notice?.text).toContain("not followed live");
  });
});

describe("accepting a release", () => {
  async function proposeOlder(wb: MemoryWorkbook) {
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    const proposal = await session.propose({ table: older, text: olderText }, null);
    return { session, proposal };
  }

  test("the proposal predicts the workbook's DUTY.TARIFF cells with the candidate, reading their references", async () => {
    const wb = modelWorkbook();
    const { proposal } = await proposeOlder(wb);
    const after = tariffWith(older, ["CN", "9503.00.00", "2025-04-15"], new Date());
    expect(typeof after).toBe("number");
    expect(proposal.impacts).toEqual([
      { kind: "changes", cell: expect.objectContaining({ address: "Model!C2" }), before: 0.5, after, delta: (after as number) - 0.5 },
    ]);
  });

  test("writes the release text, then the pin, and recalculates the DUTY sheets; the next opener computes with it", async () => {
    const wb = modelWorkbook();
    const { session, proposal } = await proposeOlder(wb);
    wb.calls.length = 0;
    await session.accept(proposal);

    expect(wb.calls.filter((c) => c === "writeRelease")).toEqual(["writeRelease"]);
    expect(wb.releaseCopy).toEqual({ release: older.id, sha256: older.sha256, text: olderText, problem: null });
    expect(wb.pin()).toMatchObject({ release: older.id, sha256: older.sha256, feedUrl: `https://addin.example/feed/index.json` });
    expect(session.snapshot()).toMatchObject({ source: "feed", pin: { sha256: older.sha256 }, pinWarning: null, lastRecalc: "sheets" });
    expect(session.snapshot().notice).toMatchObject({ kind: "success" });
    expect(peekTable().sha256).toBe(older.sha256);
    expect(wb.recalcs).toEqual([["Model"]]);

    // A co-author opening the workbook on an add-in that embeds another release reads the copy just written.
    useTable(embedded);
    const next = new WorkbookSession(PAGE, wb);
    await next.start("excel");
    expect(next.snapshot()).toMatchObject({ source: "workbook", pin: { sha256: older.sha256 } });
    expect(peekTable().sha256).toBe(older.sha256);
  });

  test.each(["writeRelease"] as const)("if %s fails, the session keeps its release and pin and nothing is recalculated", async (method) => {
    const wb = modelWorkbook();
    const { session, proposal } = await proposeOlder(wb);
    const before = session.snapshot();
    wb.failing.add(method);
    await expect(session.accept(proposal)).rejects.toThrow(`${method} failed`);
    expect(session.snapshot()).toEqual(before);
    expect(wb.pin()).toBeNull();
    expect(peekTable().sha256).toBe(embedded.sha256);
    expect(wb.recalcs).toEqual([]);
  });

  test("outside Excel the release is used, never written", async () => {
    const wb = modelWorkbook();
    const session = new WorkbookSession(PAGE, wb);
    await session.start("preview");
    const proposal = await session.propose({ table: older, text: olderText }, null);
    expect(proposal.impacts).toBeNull();
    await session.accept(proposal);
    expect(peekTable().sha256).toBe(older.sha256);
    expect(wb.calls).toEqual([]);
  });
});

describe("co-authors", () => {
  test("a co-author's new pin is followed after the settings event, and the pane says so", async () => {
    const wb = modelWorkbook();
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    // What a co-author's accept leaves in the file: the copy first, then the pin.
    wb.releaseCopy = { release: older.id, sha256: older.sha256, text: olderText, problem: null };
    wb.pinValue = pinned(older);
    wb.remoteChange({ what: "settings" });
    await settle(100);
    expect(peekTable().sha256).toBe(embedded.sha256); // debounced: events come in bursts
    await settle(200);
    expect(peekTable().sha256).toBe(older.sha256);
    expect(session.snapshot().notice?.text).toMatch(/^A co-author changed the workbook's rate table/);
    expect(wb.recalcs).toEqual([["Model"]]);
  });
});

describe("feed and scenario settings", () => {
  test("a feed URL is stored in the workbook; a failed write keeps the feed in use", async () => {
    const wb = modelWorkbook();
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    expect(await session.setFeedUrl("https://feeds.example/dutydesk/index.json")).toBeNull();
    expect(wb.feedUrl).toBe("https://feeds.example/dutydesk/index.json");
    expect(session.snapshot()).toMatchObject({ feedUrl: "https://feeds.example/dutydesk/index.json", customFeedUrl: true });

    wb.failing.add("writeFeedUrl");
    await expect(session.setFeedUrl("https://other.example/index.json")).rejects.toThrow("writeFeedUrl failed");
    expect(session.snapshot().feedUrl).toBe("https://feeds.example/dutydesk/index.json");
    expect(await session.setFeedUrl("http://plain.example/index.json")).toMatch(/HTTPS/);
  });

  test("turning the scenario on applies the workbook's overrides to the release in use and recalculates", async () => {
    const wb = modelWorkbook();
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    const measure = embedded.doc.measures.find((m) => m.importer === "US" && "add" in m.rate && m.to === undefined)!;
    wb.scenario = { overrides: [{ measure: measure.id, ratePercent: "0", from: null, to: null, note: "" }], problems: [] };
    await session.setScenario(true);
    const s = session.snapshot();
    expect(wb.scenarioOn).toBe(true);
    expect(s.scenario).toMatchObject({ on: true, found: true, problems: [] });
    expect(peekTable().sha256).toBe(s.scenario.table!.sha256);
    expect(peekTable().sha256).not.toBe(embedded.sha256);
    expect(wb.recalcs).toEqual([["Model"]]);

    await session.setScenario(false);
    expect(peekTable().sha256).toBe(embedded.sha256);
    expect(wb.recalcs).toEqual([["Model"], ["Model"]]);
  });

  test("a scenario the add-in cannot check (its table checks did not load) is not applied, and the pane says why", async () => {
    const { isolated } = withFlakyChecks(1);
    try {
      const wb = modelWorkbook();
      const session = new isolated.WorkbookSession(PAGE, wb);
      await session.start("excel");
      const measure = embedded.doc.measures.find((m) => m.importer === "US" && "add" in m.rate && m.to === undefined)!;
      wb.scenario = { overrides: [{ measure: measure.id, ratePercent: "0", from: null, to: null, note: "" }], problems: [] };
      await session.setScenario(true);
      expect(session.snapshot().scenario).toMatchObject({
        on: true,
        table: null,
        problems: ["the scenario could not be checked: the add-in's table checks did not load (Loading chunk tablechecks failed)"],
      });
      expect(isolated.peekTable().sha256).toBe(embedded.sha256);
      expect(wb.recalcs).toEqual([]);
    } finally {
      dontMockChecks();
    }
  });

  test("a scenario switched on without a scenario table is not applied, and the pane says why", async () => {
    const wb = modelWorkbook();
    const session = new WorkbookSession(PAGE, wb);
    await session.start("excel");
    await session.setScenario(true);
    expect(session.snapshot().scenario).toMatchObject({ on: true, table: null, found: false });
    expect(session.snapshot().notice?.text).toContain("insert one first");
    expect(peekTable().sha256).toBe(embedded.sha256);
  });
});
