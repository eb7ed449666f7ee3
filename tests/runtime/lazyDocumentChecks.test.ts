import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureDocument, measure } from "../support/tableFixture";

/*
 * In the Excel bundle, loadTable reaches the checks of an untrusted table through src/runtime/
 * lazyDocumentChecks.ts (webpack.config.js builds it in place of the engine's documentChecks): they are a
 * chunk of their own, and a table that needs them cannot be loaded before they are in.
 */

type Engine = typeof import("../../src/engine");
/** What of the engine an add-in's table load reaches (the engine's index also exports the checks, for Node). */
type Loading = Pick<Engine, "loadTable" | "documentChecksReady">;

const EMBEDDED = readFileSync(join(__dirname, "../../data/releases/2026.12a.dutytable"), "utf8");
/** A published format-1 release: trusted by its hash, but read with the frozen format-1 law. */
const FORMAT1 = readFileSync(join(__dirname, "../../data/releases/2026.11a.dutytable"), "utf8");

/**
 * The table loading of the bundle: the lazy module in documentChecks' place, in a fresh module registry;
 * `validateDocument`, when given, is the checks' module factory (a throw is a chunk that fails to load).
 */
function bundledEngine(validateDocument?: () => unknown): { engine: Loading } {
  let engine!: Loading;
  // The checks are imported after isolateModules returns, so through this file's registry: a module an
  // earlier test left there would answer instead of `validateDocument`.
  jest.resetModules();
  jest.isolateModules(() => {
    jest.doMock("../../src/engine/table/documentChecks", () => jest.requireActual("../../src/runtime/lazyDocumentChecks"));
    if (validateDocument !== undefined) jest.doMock("../../src/engine/table/validateDocument", validateDocument);
    // loadTable's own import of documentChecks gets the mock; the lazy module is the one the mock made.
    engine = {
      ...jest.requireActual<Pick<Engine, "loadTable">>("../../src/engine/table/loadTable"),
      ...jest.requireActual<Pick<Engine, "documentChecksReady">>("../../src/runtime/lazyDocumentChecks"),
    };
  });
  return { engine };
}

afterEach(() => {
  jest.dontMock("../../src/engine/table/documentChecks");
  jest.dontMock("../../src/engine/table/validateDocument");
});

const untrusted = () => JSON.stringify(fixtureDocument([measure("m", {})]));
const invalid = () => JSON.stringify({ ...fixtureDocument([measure("m", {})]), coverage: { from: "2026-02-30", to: "2027-01-01" } });

describe("lazyDocumentChecks, the Excel bundle's documentChecks", () => {
  test("the embedded release loads before the checks are in: its hash is trusted, and it needs none", () => {
    const { engine } = bundledEngine();
    expect(engine.loadTable(EMBEDDED).id).toBe("2026.12a");
  });

  test("a table that needs the checks is not loaded unchecked before they are in: it fails, saying what to await", () => {
    const { engine } = bundledEngine();
    expect(() => engine.loadTable(untrusted())).toThrow(/table checks are not loaded yet: await documentChecksReady\(\)/);
    expect(() => engine.loadTable(invalid())).toThrow(/not loaded yet/);
    // The embedded release with one byte more is not a published release, and needs them.
    expect(() => engine.loadTable(`${EMBEDDED}\n`)).toThrow(/not loaded yet/);
    // A 2026.11a pin is trusted, but needs the format-1 law, which is in the same chunk.
    expect(() => engine.loadTable(FORMAT1)).toThrow(/not loaded yet/);
  });

  test("once they are in, the same texts are checked as in Node", async () => {
    const { engine } = bundledEngine();
    await engine.documentChecksReady();
    expect(engine.loadTable(untrusted()).id).toBe(fixtureDocument([]).id);
    // The message, not the class: the checks come in after this test's module registry (jest.isolateModules)
    // is gone, so their TableValidationError is the other registry's (a bundle has one registry).
    expect(() => engine.loadTable(invalid())).toThrow('$.coverage.from: "2026-02-30" is not a calendar date');
    expect(engine.loadTable(`${EMBEDDED}\n`).id).toBe("2026.12a");
    expect(engine.loadTable(FORMAT1).id).toBe("2026.11a");
  });

  test("waiting callers share one load, and a failed load is tried again on the next wait", async () => {
    let fail = true;
    let loads = 0;
    const { engine } = bundledEngine(() => {
      loads++;
      if (fail) throw new Error("chunk load failed: offline");
      return jest.requireActual("../../src/engine/table/validateDocument");
    });
    const waits = [engine.documentChecksReady(), engine.documentChecksReady()];
    for (const w of waits) await expect(w).rejects.toThrow(/offline/);
    expect(loads).toBe(1);
    expect(() => engine.loadTable(untrusted())).toThrow(/not loaded yet/);
    fail = false;
    await engine.documentChecksReady();
    expect(engine.loadTable(untrusted()).id).toBe(fixtureDocument([]).id);
  });
});
