/*
 * The release copy and the pin, written the one way a workbook allows to be atomic (src/office/releaseSheet.ts),
 * against the fake Excel: a failure injected at every sync of the write in turn must leave a pin whose
 * copy reads back with the pin's hash (the old pin until the switch, the new one after it), and two
 * co-authors who pin the same release at the same moment must converge.
 */
import { sha256Hex } from "../../src/engine";
import { isReleaseSheet, readReleaseCopy, releaseSheetName, writeRelease } from "../../src/office/releaseSheet";
import { readSettings } from "../../src/office/workbookSettings";
import { WorkbookPin, pinFor } from "../../src/workbook/workbookPin";
import { createFakeExcel } from "../support/fakeExcel";
import { Release, embeddedRelease, newerRelease } from "../support/feedFixtures";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

let embedded: Release;
let newer: Release;

beforeAll(() => {
  embedded = embeddedRelease();
  newer = newerRelease(embedded);
});

function workbook(idPrefix: string) {
  const f = createFakeExcel({ idPrefix, sheets: [{ name: "Costs", cells: { A1: 1 } }] });
  return { ...f, run: f.Excel.run as unknown as Run };
}

const pinOf = (r: Release, at = "2026-12-01T00:00:00.000Z"): WorkbookPin => pinFor(r.table, null, new Date(at));

/** The stored pin, and whether its copy reads back as exactly the pinned bytes. */
async function state(run: Run): Promise<{ pin: string | null; copyIntact: boolean; copies: number }> {
  return run(async (context) => {
    const { pin } = await readSettings(context);
    const copy = pin === null ? null : await readReleaseCopy(context, pin.sha256);
    const sheets = context.workbook.worksheets.load("items/name,items/visibility");
    await context.sync();
    return {
      pin: pin?.sha256 ?? null,
      copyIntact: copy?.text != null && sha256Hex(copy.text) === pin?.sha256,
      copies: sheets.items.filter((s) => isReleaseSheet(s.name, s.visibility)).length,
    };
  });
}

describe("an atomic release write", () => {
  it("survives a failure at each of its syncs: the old pin and its copy until the switch, the new pin and its copy after", async () => {
    const outcomes: string[] = [];
    for (let skip = 0; ; skip++) {
      const { run, harness } = workbook("w");
      await run((context) => writeRelease(context, embedded.table, embedded.text, pinOf(embedded)));
      const before = harness.syncsStarted();
      harness.failSync(skip);
      const failed = await run((context) => writeRelease(context, newer.table, newer.text, pinOf(newer))).then(
        () => false,
        () => true,
      );
      if (!failed) {
        // Past the last sync of the write: every sync of it has had its failure.
        expect(skip).toBeGreaterThan(5);
        expect(harness.syncsStarted() - before).toBe(skip);
        break;
      }
      const after = await state(run);
      expect(after.copyIntact).toBe(true);
      expect([embedded.sha256, newer.sha256]).toContain(after.pin);
      outcomes.push(after.pin === embedded.sha256 ? "old" : "new");
      // A retry completes the write and tidies up: one copy, the new one.
      await run((context) => writeRelease(context, newer.table, newer.text, pinOf(newer)));
      expect(await state(run)).toEqual({ pin: newer.sha256, copyIntact: true, copies: 1 });
    }
    // Failures before the switch keep the old pin; the first failure after it finds the new pin in place. Never mixed up.
    const firstNew = outcomes.indexOf("new");
    expect(firstNew).toBeGreaterThan(3);
    expect(outcomes.slice(0, firstNew).every((o) => o === "old")).toBe(true);
    expect(outcomes.slice(firstNew).every((o) => o === "new")).toBe(true);
  });

  it("never deletes a visible sheet that merely has a release-like name", async () => {
    const { run, harness } = workbook("w");
    harness.type("Costs!A2", [["keep"]]);
    await run(async (context) => {
      context.workbook.worksheets.add("DutyDesk release notes");
      await context.sync();
    });
    await run((context) => writeRelease(context, embedded.table, embedded.text, pinOf(embedded)));
    await run((context) => writeRelease(context, newer.table, newer.text, pinOf(newer)));
    expect(harness.sheets().map((s) => s.name)).toEqual(["Costs", "DutyDesk release notes", releaseSheetName(newer.sha256)]);
  });
});

describe("two co-authors pinning at the same moment", () => {
  it("converge: both sheets arrive (one renamed by the merge), both pins name the same bytes, the next pin removes both copies", async () => {
    const a = workbook("a");
    const b = workbook("b");
    // Both open the unpinned file and pin before either sees the other's edit (two automatic pins).
    await a.run((context) => writeRelease(context, embedded.table, embedded.text, pinOf(embedded, "2026-12-01T10:00:00.000Z")));
    await b.run((context) => writeRelease(context, embedded.table, embedded.text, pinOf(embedded, "2026-12-01T10:00:00.001Z")));
    const fromA = a.harness.journal();
    const fromB = b.harness.journal();
    a.harness.applyRemote(fromB);
    b.harness.applyRemote(fromA);
    for (const side of [a, b]) {
      const s = await state(side.run);
      expect(s).toEqual({ pin: embedded.sha256, copyIntact: true, copies: 2 });
      expect(
        side.harness
          .sheets()
          .filter((x) => x.name.startsWith("DutyDesk release"))
          .map((x) => x.name),
      ).toEqual([releaseSheetName(embedded.sha256), `${releaseSheetName(embedded.sha256).slice(0, 27)} (2)`]);
    }
    // A pins again on the file with both copies: the same-hash sheet is kept as it is (no rewrite), the pin moves.
    const mark = a.harness.journalLength();
    await a.run((context) => writeRelease(context, embedded.table, embedded.text, pinOf(embedded, "2026-12-01T10:00:01.000Z")));
    expect(a.harness.journal(mark).filter((e) => e.op === "cells")).toEqual([]);
    expect(await state(a.run)).toEqual({ pin: embedded.sha256, copyIntact: true, copies: 1 });
    await a.run((context) => writeRelease(context, newer.table, newer.text, pinOf(newer)));
    expect(await state(a.run)).toEqual({ pin: newer.sha256, copyIntact: true, copies: 1 });
  });
});
