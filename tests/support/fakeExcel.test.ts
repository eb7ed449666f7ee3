/*
 * The in-memory Excel used by the browser tests, tested on its own. It must fail where Excel fails (a
 * property read before load + sync, a missing sheet, a wrong-sized array) and calculate the way Excel
 * calculates (dependents recalc on edit; custom functions only on a forced recalculation), or the task
 * pane tests would prove nothing. Its API surface is held to @types/office-js at compile time
 * (tests/support/fakeExcel/fakeShape.ts); these tests hold its behaviour.
 */
import { createFakeExcel } from "./fakeExcel";
import { FakeRequestContext } from "./fakeExcel/requestContext";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

function fake(seed: Parameters<typeof createFakeExcel>[0] = { sheets: [{ name: "Sheet1" }] }) {
  const f = createFakeExcel(seed);
  const run = f.Excel.run as unknown as Run;
  return { ...f, run };
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected a rejection");
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe("load / sync semantics", () => {
  it("reading a property before load + sync throws PropertyNotLoaded with Office's message", async () => {
    const { run } = fake();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(() => range.values).toThrow(/The property 'values' is not available\. Before reading the property's value, call the load method/);
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([["", ""]]);
    });
  });

  it("a value just set is readable without a sync (office.js keeps it), and reaches the document only at sync", async () => {
    const { run, harness } = fake();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.values = [[42]];
      expect(range.values).toEqual([[42]]);
      expect(harness.read("Sheet1!A1").values).toEqual([[""]]);
      await context.sync();
      expect(harness.read("Sheet1!A1").values).toEqual([[42]]);
    });
  });

  it("errors surface at sync: a missing sheet is ItemNotFound, and the rest of the batch is dropped", async () => {
    const { run, harness } = fake();
    const e = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").values = [[1]];
        context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[2]];
        await context.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    expect(harness.read("Sheet1!A1").values).toEqual([[""]]);
  });

  it("getItemOrNullObject: isNullObject only after a sync; a null object's properties read as undefined", async () => {
    const { run } = fake();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Nope");
      sheet.load("name");
      expect(() => sheet.isNullObject).toThrow(/isNullObject/);
      await context.sync();
      expect(sheet.isNullObject).toBe(true);
      expect(sheet.name).toBeUndefined();
    });
  });

  it("a wrong-sized array is InvalidArgument", async () => {
    const { run } = fake();
    const e = await rejection(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    );
    expect(e).toMatchObject({ code: "InvalidArgument", message: expect.stringMatching(/doesn't match the size/) });
  });

  it("Excel.run syncs what the batch left queued, and counts round trips", async () => {
    const { run, harness } = fake();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["left queued"]];
      expect((context as unknown as FakeRequestContext).pendingOperations).toBe(2);
    });
    expect(harness.read("Sheet1!C3").values).toEqual([["left queued"]]);
  });
});

describe("values and formulas", () => {
  it("round-trips numbers, text, booleans, formulas; coerces typed text like Excel unless the cell is Text", async () => {
    const { run, harness } = fake();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1:B2").numberFormat = [["@"], ["@"]];
      sheet.getRange("A1:A6").values = [[1.5], ["text"], [true], ["=A1*2"], ["'=not a formula"], ["2025-04-15"]];
      sheet.getRange("B1:B2").values = [["=HYPERLINK(1)"], ["0012"]];
      await context.sync();
      const r = sheet.getRange("A1:B6").load(["values", "formulas", "numberFormat", "address", "rowCount", "columnCount"]);
      await context.sync();
      expect(r.values.map((row) => row[0])).toEqual([1.5, "text", true, 3, "=not a formula", 45762]);
      expect(r.formulas.map((row) => row[0])).toEqual([1.5, "text", true, "=A1*2", "=not a formula", 45762]);
      expect(r.values[0]![1]).toBe("=HYPERLINK(1)");
      expect(r.values[1]![1]).toBe("0012");
      expect(r.address).toBe("Sheet1!A1:B6");
      expect([r.rowCount, r.columnCount]).toEqual([6, 2]);
      expect(r.numberFormat[5]![0]).toBe("yyyy-mm-dd");
    });
    expect(harness.read("Sheet1!A4").formulas).toEqual([["=A1*2"]]);
  });

  it("recalculates dependents when a precedent changes, across sheets", async () => {
    const { run, harness } = fake({
      sheets: [
        { name: "Data", cells: { A1: 2 } },
        { name: "Calc", cells: { A1: "=Data!A1*10", B1: "=A1+1" } },
      ],
    });
    expect(harness.read("Calc!A1:B1").values).toEqual([[20, 21]]);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("A1").values = [[3]];
      await context.sync();
    });
    expect(harness.read("Calc!A1:B1").values).toEqual([[30, 31]]);
  });

  it("clear removes contents; getUsedRange spans what is filled; OrNullObject is null on an empty sheet", async () => {
    const { run } = fake({ sheets: [{ name: "S", cells: { B2: 1, D5: "x" } }, { name: "Empty" }] });
    await run(async (context) => {
      const used = context.workbook.worksheets.getItem("S").getUsedRange().load("address");
      const none = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject().load("address");
      await context.sync();
      expect(used.address).toBe("S!B2:D5");
      expect(none.isNullObject).toBe(true);
      context.workbook.worksheets.getItem("S").getRange("D5").clear("Contents");
      const after = context.workbook.worksheets.getItem("S").getUsedRange().load("address");
      await context.sync();
      expect(after.address).toBe("S!B2");
    });
  });
});

describe("custom functions and calculation", () => {
  it("a custom function is not recalculated when its data changes outside the grid; Full and sheet.calculate(true) are", async () => {
    let rate = 0.1;
    const { run, harness } = fake({ sheets: [{ name: "S" }] });
    harness.setFunctionResolver((name) => (name === "DUTY.TARIFF" ? (country: unknown) => (country === "CN" ? rate : 0) : undefined));
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:B1").formulas = [['=DUTY.TARIFF("CN")', "=A1*100"]];
      await context.sync();
    });
    expect(harness.read("S!A1:B1").values).toEqual([[0.1, 10]]);
    rate = 0.25;
    await run(async (context) => {
      context.workbook.application.calculate("Recalculate");
      await context.sync();
    });
    expect(harness.read("S!A1").values).toEqual([[0.1]]); // stale, as in Excel
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").calculate(true);
      await context.sync();
    });
    expect(harness.read("S!A1:B1").values).toEqual([[0.25, 25]]);
    rate = 0.5;
    await run(async (context) => {
      context.workbook.application.calculate("Full");
      await context.sync();
    });
    expect(harness.read("S!A1:B1").values).toEqual([[0.5, 50]]);
    expect(harness.calculationLog()).toEqual([["Recalculate"], ["sheet", "S", "true"], ["Full"]]);
  });

  it("errors from custom functions show as Excel errors; unknown functions as #NAME?; arrays spill or #SPILL!", async () => {
    const { run, harness } = fake({ sheets: [{ name: "S", cells: { D2: "taken" } }] });
    harness.setFunctionResolver((name) => {
      if (name === "DUTY.FAIL") return () => Object.assign(new Error("no"), { code: "#N/A" });
      if (name === "DUTY.THROW")
        return () => {
          throw Object.assign(new Error("no data"), { code: "#N/A" });
        };
      if (name === "DUTY.GRID")
        return () => [
          ["a", "b"],
          [1, 2],
        ];
      return undefined;
    });
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A3").formulas = [["=DUTY.THROW()"], ["=NOPE.X()"], ["=DUTY.FAIL()"]];
      context.workbook.worksheets.getItem("S").getRange("C5").formulas = [["=DUTY.GRID()"]];
      context.workbook.worksheets.getItem("S").getRange("C1").formulas = [["=DUTY.GRID()"]];
      await context.sync();
    });
    expect(harness.read("S!A1:A2").values).toEqual([["#N/A"], ["#NAME?"]]);
    expect(harness.read("S!C5:D6").values).toEqual([
      ["a", "b"],
      [1, 2],
    ]);
    expect(harness.read("S!C5:D6").formulas).toEqual([
      ["=DUTY.GRID()", "b"],
      [1, 2],
    ]);
    expect(harness.read("S!C1").values).toEqual([["#SPILL!"]]);
  });
});

describe("worksheets", () => {
  it("adds sheets, hides one VeryHidden, lists them, and refuses duplicates and hiding the last visible sheet", async () => {
    const { run, harness } = fake();
    await run(async (context) => {
      const added = context.workbook.worksheets.add("Store");
      added.visibility = "VeryHidden";
      await context.sync();
      const sheets = context.workbook.worksheets.load("items/name,items/visibility");
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ["Sheet1", "Visible"],
        ["Store", "VeryHidden"],
      ]);
    });
    expect(harness.sheets().map((s) => s.visibility)).toEqual(["Visible", "VeryHidden"]);
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.worksheets.add("store");
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "ItemAlreadyExists" });
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "InvalidOperation" });
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.worksheets.getItem("Store").activate();
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "InvalidOperation" });
  });
});

describe("tables", () => {
  it("adds a table with headers, reads header and body, names it, and grows when a row is typed below", async () => {
    const { run, harness } = fake({ sheets: [{ name: "S", cells: { A1: "Measure", B1: "Rate", A2: "m1", B2: 0.1 } }] });
    await run(async (context) => {
      const t = context.workbook.worksheets.getItem("S").tables.add("A1:B2", true);
      t.name = "Overrides";
      await context.sync();
      context.workbook.worksheets.getItem("S").getRange("A3:B3").values = [["m2", 0.2]];
      const found = context.workbook.tables.getItemOrNullObject("overrides");
      const missing = context.workbook.tables.getItemOrNullObject("Nope");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      const header = found.getHeaderRowRange().load("values");
      const body = found.getDataBodyRange().load("values");
      const count = found.rows.getCount();
      await context.sync();
      expect(header.values).toEqual([["Measure", "Rate"]]);
      expect(body.values).toEqual([
        ["m1", 0.1],
        ["m2", 0.2],
      ]);
      expect(count.value).toBe(2);
    });
    expect(harness.tables()).toEqual([{ name: "Overrides", sheet: "S", address: "A1:B3" }]);
  });

  it("refuses overlapping tables and bad names", async () => {
    const { run } = fake({ sheets: [{ name: "S", cells: { A1: "h", A2: 1 } }] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").tables.add("A1:A2", true);
      await context.sync();
    });
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.worksheets.getItem("S").tables.add("A1:B3", true);
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "InvalidArgument" });
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.tables.getItem("Table1").name = "A1";
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "InvalidArgument" });
  });
});

describe("settings", () => {
  it("add / getItem / getItemOrNullObject / delete, with values round-tripped through JSON", async () => {
    const { run, harness } = fake();
    await run(async (context) => {
      const s = context.workbook.settings;
      const added = s.add("DutyDesk.pin", { release: "2026.11a", when: new Date(Date.UTC(2026, 0, 2)) });
      expect(added.value).toEqual({ release: "2026.11a", when: "2026-01-02T00:00:00.000Z" });
      await context.sync();
      const got = s.getItem("DutyDesk.pin").load("value");
      const none = s.getItemOrNullObject("nothing").load("value");
      await context.sync();
      expect(got.value).toEqual({ release: "2026.11a", when: "2026-01-02T00:00:00.000Z" });
      expect(none.isNullObject).toBe(true);
      got.delete();
      await context.sync();
    });
    expect(harness.settings()).toEqual({});
    expect(
      await rejection(
        run(async (context) => {
          context.workbook.settings.getItem("gone");
          await context.sync();
        }),
      ),
    ).toMatchObject({ code: "ItemNotFound" });
  });

  it("onSettingsChanged fires after the change, for local and remote changes, once registered at sync", async () => {
    const a = fake();
    const b = fake();
    const seen: string[] = [];
    await b.run(async (context) => {
      context.workbook.settings.onSettingsChanged.add(async (args) => {
        const item = args.settings.getItemOrNullObject("k").load("value");
        await args.settings.context.sync();
        seen.push(JSON.stringify(item.value));
      });
      expect(b.runtime.events.counts.settings).toBe(0); // not before the sync
      await context.sync();
    });
    expect(b.runtime.events.counts.settings).toBe(1);
    const start = a.harness.journalLength();
    await a.run(async (context) => {
      context.workbook.settings.add("k", { v: 1 });
      await context.sync();
    });
    b.harness.applyRemote(a.harness.journal(start));
    await settle();
    await settle();
    expect(seen).toEqual(['{"v":1}']);
    expect(b.harness.delivered()).toEqual([["settings", "Remote"]]);
    expect(b.harness.handlerErrors()).toEqual([]);
  });
});

describe("co-authoring: journal replay and change events", () => {
  it("replays one document's edits into another as Remote changes, with the same sheet ids, raising onChanged", async () => {
    const a = fake({ idPrefix: "a", sheets: [{ name: "Sheet1" }] });
    const b = fake({ idPrefix: "b", sheets: [{ name: "Sheet1" }] });
    const events: Array<[string, string]> = [];
    await b.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => {
        events.push([e.source, e.address]);
      });
      await context.sync();
    });
    await a.run(async (context) => {
      const s = context.workbook.worksheets.add("Hidden store");
      s.visibility = "VeryHidden";
      s.getRange("A1:A2").values = [["|chunk 1"], ["|chunk 2"]];
      await context.sync();
    });
    b.harness.applyRemote(a.harness.journal());
    await settle();
    expect(b.harness.sheets().find((s) => s.name === "Hidden store")).toMatchObject({ id: a.harness.sheets()[1]!.id, visibility: "VeryHidden" });
    expect(b.harness.read("'Hidden store'!A1:A2").values).toEqual([["|chunk 1"], ["|chunk 2"]]);
    expect(events).toEqual([["Remote", "A1:A2"]]);
  });

  it("a worksheet's onChanged hears that sheet only, with source Local for the add-in's own edits", async () => {
    const { run, harness } = fake({ sheets: [{ name: "A" }, { name: "B" }] });
    const events: string[] = [];
    await run(async (context) => {
      context.workbook.worksheets.getItem("B").onChanged.add(async (e) => {
        events.push(`${e.source} ${e.address} ${e.worksheetId === harness.sheets()[1]!.id}`);
      });
      await context.sync();
      context.workbook.worksheets.getItem("A").getRange("A1").values = [[1]];
      context.workbook.worksheets.getItem("B").getRange("C3").values = [[2]];
      await context.sync();
    });
    await settle();
    expect(events).toEqual(["Local C3 true"]);
  });
});
