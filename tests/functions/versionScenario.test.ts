// DUTY.VERSION while a scenario is on: it names the pinned release (not the derived table) and says that
// a scenario is active, with the derived table's hash; with the scenario off it says "none" again.
import { applyScenario, dayFromIso, excelSerialFromDay } from "../../src/engine";
import { installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { embedded } from "../support/embeddedTable";
import * as fns from "../../src/functions/functions";
import { peekTable, useTable } from "../../src/runtime/tableStore";

installCustomFunctionsRuntime();

describe("VERSION and scenarios", () => {
  const release = embedded();
  afterEach(() => useTable(release));

  it("shows the release and 'none' without a scenario", () => {
    useTable(release);
    expect(fns.version()).toEqual([
      ["Table", "Released", "SHA-256", "Scenario", "Coverage"],
      [
        release.id,
        excelSerialFromDay(dayFromIso(release.released)!),
        release.sha256,
        "none",
        `entries 2025-01-01 to 2027-12-31; dates after ${release.released} project the law as known at release`,
      ],
    ]);
  });

  it("shows the release it was derived from, and the scenario's label, when a scenario is in use", () => {
    const measure = release.doc.measures.find((m) => "add" in m.rate)!;
    const r = applyScenario(release, [{ measure: measure.id, ratePercent: "0" }]);
    if (!r.ok) throw new Error(r.problems.join("; "));
    useTable(r.table);
    expect(peekTable()).toBe(r.table);
    const [header, row] = fns.version() as [unknown[], unknown[]];
    expect(header).toEqual(["Table", "Released", "SHA-256", "Scenario", "Coverage"]);
    expect(row.slice(0, 3)).toEqual([release.id, excelSerialFromDay(dayFromIso(release.released)!), release.sha256]);
    expect(row[3]).toBe(`on: 1 override, ${r.table.sha256.slice(0, 12)}`);
  });
});
