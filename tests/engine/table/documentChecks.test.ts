import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureDocument, measure } from "../../support/tableFixture";

/*
 * loadTable reaches the checks of an untrusted table through documentChecks. In Node (the CLI, the library,
 * the tests) they are part of the engine and always ready; the Excel bundle's lazy variant is
 * src/runtime/lazyDocumentChecks.ts (tests/runtime/lazyDocumentChecks.test.ts).
 */

type Engine = typeof import("../../../src/engine");

const untrusted = () => JSON.stringify(fixtureDocument([measure("m", {})]));
const invalid = () => JSON.stringify({ ...fixtureDocument([measure("m", {})]), coverage: { from: "2026-02-30", to: "2027-01-01" } });
/** A published format-1 release: trusted by its hash, but read with the frozen format-1 law. */
const FORMAT1 = readFileSync(join(__dirname, "../../../data/releases/2026.11a.dutytable"), "utf8");

describe("documentChecks in Node", () => {
  test("are ready at once: an untrusted table loads, and an invalid one is refused with its problems", async () => {
    const engine = jest.requireActual<Engine>("../../../src/engine");
    await expect(engine.documentChecksReady()).resolves.toBeUndefined();
    expect(engine.loadTable(untrusted()).id).toBe(fixtureDocument([]).id);
    expect(() => engine.loadTable(invalid())).toThrow(engine.TableValidationError);
    expect(() => engine.loadTable(invalid())).toThrow('$.coverage.from: "2026-02-30" is not a calendar date');
    expect(engine.loadTable(FORMAT1).id).toBe("2026.11a");
  });
});
