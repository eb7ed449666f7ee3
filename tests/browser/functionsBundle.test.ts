/*
 * The BUILT custom-functions bundle (dist-dev/runtime.js + functions.js, exactly what Excel loads) run in
 * Chromium behind a stub `CustomFunctions` global, and compared with the engine computed here in Node.
 *
 * This checks what unit tests of src/functions cannot: that webpack + custom-functions-metadata-plugin
 * registered every function of functions.json under its id, that the embedded table survived bundling
 * byte for byte (VERSION's SHA-256), and that errors leave the bundle as CustomFunctions.Error.
 * Requires `npm run build:dev` (npm test runs it in pretest).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Browser, BrowserContext, Page } from "playwright-core";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";
import {
  BREAKDOWN_HEADER,
  Day,
  HISTORY_HEADER,
  RateRequest,
  RateTable,
  breakdownRows,
  dayFromIso,
  excelSerialFromDay,
  historyLines,
  loadTable,
  lookupRate,
  rateHistory,
} from "../../src/engine";
import { DIST_DEV, NetworkLog, ServedDist, checksChunk, guardNetwork, launchBrowser, requireBuild, serveDist } from "../support/browser";

const TABLE_FILE = EMBEDDED_TABLE_FILE;

/**
 * The runtime's error codes, with the values declared by
 * node_modules/@types/custom-functions-runtime/index.d.ts (v1.6.13, `enum ErrorCode`: invalidValue "#VALUE!",
 * notAvailable "#N/A", divisionByZero "#DIV/0!", invalidNumber "#NUM!", nullReference "#NULL!",
 * invalidName "#NAME?", invalidReference "#REF!"). `satisfies` makes the compiler hold this literal to the
 * typings: a renamed or re-valued member fails the test's compilation.
 */
const ERROR_CODE = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const satisfies { readonly [K in keyof typeof CustomFunctions.ErrorCode]: `${(typeof CustomFunctions.ErrorCode)[K]}` };

/**
 * The stub page: a CustomFunctions global that records associate() calls, then the two built scripts in the
 * order taskpane.html loads them (runtime first). Served on the dist origin by page.route, so same-origin.
 */
const STUB_PATH = "/__test/functions.html";
const STUB_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DUTY functions under a stub runtime</title>
<script>
  window.__associations = [];
  window.CustomFunctions = {
    associate: function (id, fn) { window.__associations.push({ id: id, fn: fn }); },
    Error: class CustomFunctionsError {
      constructor(code, message) { this.code = code; this.message = message; }
    },
    ErrorCode: ${JSON.stringify(ERROR_CODE)},
  };
</script>
<script src="/runtime.js"></script>
<script src="/functions.js"></script>
</head><body></body></html>`;

/** What a call did in the page: a value, a CustomFunctions.Error, or anything else thrown (a bug). */
type CallResult = { kind: "value"; value: unknown } | { kind: "error"; code: string; message: string } | { kind: "foreign"; text: string };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let served: ServedDist;
let network: NetworkLog;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

let table: RateTable;
let tableSha256: string;

beforeAll(async () => {
  requireBuild(DIST_DEV);
  const bytes = readFileSync(TABLE_FILE);
  tableSha256 = createHash("sha256").update(bytes).digest("hex");
  table = loadTable(bytes.toString("utf8"));

  served = await serveDist(DIST_DEV);
  browser = await launchBrowser();
  context = await browser.newContext();
  network = await guardNetwork(context, served.url);
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.stack ?? e.message));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  await page.route(`${served.url}${STUB_PATH}`, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: STUB_HTML }));
  await page.goto(`${served.url}${STUB_PATH}`, { waitUntil: "load" });
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** Calls a registered function in the page, as Excel would, and reports what came out. */
function call(id: string, ...args: unknown[]): Promise<CallResult> {
  return page.evaluate(
    async ({ id, args }) => {
      const w = window as unknown as { __associations: Array<{ id: unknown; fn: (...a: unknown[]) => unknown }> };
      const entry = w.__associations.find((a) => a.id === id);
      if (!entry) return { kind: "foreign", text: `${id} was never associated` } as const;
      try {
        const v = await entry.fn(...args);
        // A returned CustomFunctions.Error is the cell's error, as Excel's runtime takes it.
        if (v instanceof CustomFunctions.Error) return { kind: "error", code: String(v.code), message: String(v.message) } as const;
        return { kind: "value", value: v } as const;
      } catch (e) {
        if (e instanceof CustomFunctions.Error) return { kind: "error", code: String(e.code), message: String(e.message) } as const;
        return { kind: "foreign", text: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } as const;
      }
    },
    { id, args },
  );
}

function value(result: CallResult): unknown {
  if (result.kind !== "value") throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

function matrix(result: CallResult): unknown[][] {
  const v = value(result);
  expect(Array.isArray(v) && v.every(Array.isArray)).toBe(true);
  return v as unknown[][];
}

/** The request DUTY.* builds from (country, sector, date) with every optional argument empty. */
function engineRequest(country: string, product: string | number, iso: string): RateRequest {
  return { importer: "US", country, product, day: day(iso), basis: "entry", claims: [], loaded: null, content: {} };
}

function day(iso: string): Day {
  const d = dayFromIso(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

function engineTotal(country: string, product: string | number, iso: string): number {
  const outcome = lookupRate(table, engineRequest(country, product, iso));
  if (!outcome.ok) throw new Error(`engine: ${outcome.error.message}`);
  const total = outcome.value.composition.total;
  if (total === null) throw new Error("engine: no total");
  return total.toNumber();
}

describe("loading the built bundle", () => {
  it("runs without page errors, console errors or requests outside the dist origin", () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(network.offOrigin).toEqual([]);
    expect(network.requests.every((u) => u.startsWith(served.url + "/"))).toBe(true);
  });

  it("fetches no table checks to answer cells from the embedded release (they are a chunk of their own)", async () => {
    value(await call("TARIFF", "CN", "9503.00.00", "2025-04-15"));
    expect(network.requests.filter((u) => /tablechecks/.test(u))).toEqual([]);
    expect(checksChunk()).not.toBeNull();
    expect(readFileSync(join(DIST_DEV, "functions.js"), "utf8")).not.toMatch(/ZodError/);
  });

  it("associates every id of functions.json, once each, and nothing else", async () => {
    const metadata = JSON.parse(readFileSync(join(DIST_DEV, "functions.json"), "utf8")) as { functions: Array<{ id: string }> };
    const declared = metadata.functions.map((f) => f.id);
    expect(declared.length).toBeGreaterThan(0);

    const associated = await page.evaluate(() =>
      (window as unknown as { __associations: Array<{ id: unknown; fn: unknown }> }).__associations.map((a) => ({
        id: a.id,
        isFunction: typeof a.fn === "function",
      })),
    );
    expect(associated.every((a) => typeof a.id === "string" && a.isFunction)).toBe(true);
    const ids = associated.map((a) => a.id as string);
    expect(new Set(ids).size).toBe(ids.length); // no id associated twice
    expect([...ids].sort()).toEqual([...declared].sort());
    expect([...ids].sort()).toEqual([
      "BREAKDOWN",
      "COMPARE",
      "ETR",
      "HISTORY",
      "LANDED",
      "LANDED.DETAIL",
      "LANDED.DUTY",
      "LANDED.FEES",
      "LANDED.TAX",
      "MAXPRICE",
      "RATE",
      "TARIFF",
      "VERSION",
    ]);
  });
});

describe("TARIFF in the page agrees with the engine in Node", () => {
  it("CN toys 9503.00.00 on 2025-04-15 is 145%", async () => {
    const expected = engineTotal("CN", "9503.00.00", "2025-04-15");
    expect(expected).toBe(1.45);
    expect(value(await call("TARIFF", "CN", "9503.00.00", "2025-04-15"))).toBe(expected);
  });

  it("reads a country name, an HTS code typed as a number and an Excel date serial", async () => {
    // 45762 is 2025-04-15 as an Excel serial (1900 date system); checked against the engine's conversion.
    expect(excelSerialFromDay(day("2025-04-15"))).toBe(45762);
    expect(value(await call("TARIFF", "China", 9503, 45762))).toBe(1.45);
    expect(value(await call("TARIFF", "China", 9503, 45762))).toBe(engineTotal("China", 9503, "2025-04-15"));
  });

  it("reads a sector keyword: DE steel on 2025-07-01", async () => {
    const expected = engineTotal("DE", "steel", "2025-07-01");
    expect(expected).toBe(0.5);
    expect(value(await call("TARIFF", "DE", "steel", "2025-07-01"))).toBe(expected);
  });
});

describe("TARIFF errors are CustomFunctions.Error with a reason", () => {
  it("an unknown country is #N/A naming the country", async () => {
    const r = await call("TARIFF", "XX", "9503", "2025-04-15");
    expect(r).toMatchObject({ kind: "error", code: "#N/A" });
    expect(r.kind === "error" && r.message).toMatch(/country/i);
    expect(r.kind === "error" && r.message).toContain('"XX"');
  });

  it("a malformed HTS code (digits and punctuation) is #VALUE!", async () => {
    const r = await call("TARIFF", "CN", "9503!", "2025-04-15");
    expect(r).toMatchObject({ kind: "error", code: "#VALUE!" });
    expect(r.kind === "error" && r.message).toContain("9503!");
  });

  // Only words are sector keywords; anything else must parse as a code.
  it('"abc!" and "95O3" (neither an HTS code nor a keyword) are #VALUE!', async () => {
    const typo = await call("TARIFF", "CN", "95O3", "2025-04-15");
    expect(typo).toMatchObject({ kind: "error", code: "#VALUE!" });
    const r = await call("TARIFF", "CN", "abc!", "2025-04-15");
    expect(r.kind).toBe("error");
    expect(r.kind === "error" && r.message).toContain("abc!");
    expect(r).toMatchObject({ kind: "error", code: "#VALUE!" });
  });

  it("a date outside the table's coverage is #N/A saying there is no data", async () => {
    const r = await call("TARIFF", "CN", "9503.00.00", "2024-06-01");
    expect(r).toMatchObject({ kind: "error", code: "#N/A" });
    expect(r.kind === "error" && r.message).toMatch(/no data/);
    expect(r.kind === "error" && r.message).toContain("2024-06-01");
  });

  it("never throws anything but CustomFunctions.Error", async () => {
    for (const args of [
      [null, null],
      [["range"]],
      ["CN", {}],
      ["CN", "9503", "not a date"],
      ["CN", "9503", "2025-04-15", "FR"],
      ["CN", "9503", "2025-04-15", "US", "bogus"],
    ]) {
      const r = await call("TARIFF", ...args);
      expect(r.kind).toBe("error");
    }
  });
});

describe("spilled results", () => {
  it("BREAKDOWN lists the layers, with the total in the last row", async () => {
    const rows = matrix(await call("BREAKDOWN", "CN", "9503.00.00", "2025-04-15"));
    expect(rows[0]).toEqual(["Layer", "Authority", "Chapter 99", "Rate", "Basis", "From", "Through", "Status", "Citation"]);
    expect(rows[0]).toEqual([...BREAKDOWN_HEADER]);
    expect(rows.every((r) => r.length === 9)).toBe(true);

    const headings = rows.map((r) => r[2]);
    expect(headings).toContain("9903.01.24");
    expect(headings).toContain("9903.01.63");
    const last = rows[rows.length - 1]!;
    expect(last[0]).toBe("Total");
    expect(last[3]).toBe(1.45);

    // Layer by layer, the same rows as the engine's breakdown, with dates as Excel serials.
    const outcome = lookupRate(table, engineRequest("CN", "9503.00.00", "2025-04-15"));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const expected = breakdownRows(outcome.value);
    const body = rows.slice(1, -1);
    expect(body.map((r) => [r[0], r[1], r[2], r[3], r[7]])).toEqual(expected.map((r) => [r.layer, r.authority, r.heading, r.rate, r.status]));
    expect(body.map((r) => r[5])).toEqual(expected.map((r) => (r.from === "" ? "" : excelSerialFromDay(day(r.from)))));
    expect(last[8]).toContain(table.id);
  });

  it("HISTORY over 2025 has the header and the 145% period", async () => {
    const rows = matrix(await call("HISTORY", "CN", "9503.00.00", "2025-01-01", "2025-12-31"));
    expect(rows[0]).toEqual(["From", "Through", "Total rate", "Additional", "Layers", "Specific duty"]);
    expect(rows[0]).toEqual([...HISTORY_HEADER]);
    expect(rows.slice(1).some((r) => r[2] === 1.45)).toBe(true);

    const outcome = rateHistory(table, engineRequest("CN", "9503.00.00", "2025-01-01"), day("2025-12-31"));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const expected = historyLines(outcome.value);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual(expected.map((l) => [excelSerialFromDay(l.from), l.total, l.layers]));
  });

  it("VERSION names the embedded table and its SHA-256, computed here from the file", async () => {
    const id = (JSON.parse(readFileSync(TABLE_FILE, "utf8")) as { id: string }).id;
    expect(table.id).toBe(id);
    expect(table.sha256).toBe(tableSha256);
    expect(value(await call("VERSION"))).toEqual([
      ["Table", "Released", "SHA-256", "Scenario", "Coverage"],
      [
        id,
        excelSerialFromDay(day(table.released)),
        tableSha256,
        "none",
        expect.stringContaining(`dates after ${table.released} project the law as known at release`),
      ],
    ]);
  });
});
