import { isoDay, lookupRate } from "../../src/engine";
import { rateQuestion } from "../../src/requests/rateQuestion";
import { landedQuestion } from "../../src/requests/landedQuestion";
import { readOptions } from "../../src/requests/options";
import { embedded } from "../support/embeddedTable";

/**
 * Every adapter (a DUTY cell, a CLI command line, the pane's form, a DUTY formula read back by the
 * cell-impact predictor, a CSV row) turns its arguments into an engine request here, so the same
 * arguments are the same question wherever they are typed.
 */
const NOW = new Date("2026-12-01T15:00:00Z");

describe("rateQuestion", () => {
  it("reads Excel values and text alike: a serial date and its ISO text, a number code and its text", () => {
    const fromExcel = rateQuestion({ country: "China", sector: 9503000000, date: 45762, importer: null, options: null }, embedded(), NOW);
    const fromText = rateQuestion({ country: "China", sector: "9503000000", date: "2025-04-15", importer: "", options: "" }, embedded(), NOW);
    expect(fromExcel.ok && fromText.ok).toBe(true);
    if (fromExcel.ok && fromText.ok) {
      expect(fromExcel.value.request.day).toBe(isoDay("2025-04-15"));
      expect(fromText.value.request.day).toBe(isoDay("2025-04-15"));
      expect(fromExcel.value.request.importer).toBe("US");
    }
  });

  it("defaults the importer to US, defined once (an empty cell, null, or nothing)", () => {
    for (const importer of [null, undefined, "", 0, "  "]) {
      const q = rateQuestion({ country: "CN", sector: "9503.00.00", date: "2025-04-15", importer }, embedded(), NOW);
      expect(q.ok && q.value.request.importer).toBe("US");
    }
  });

  it("refuses a loading date after the entry date, for every adapter", () => {
    const q = rateQuestion({ country: "CN", sector: "9503.00.00", date: "2025-04-15", options: "loaded=2025-05-01" }, embedded(), NOW);
    expect(q).toEqual({ ok: false, message: "loaded=2025-05-01 is after the entry date 2025-04-15: goods are loaded before they are entered" });
  });

  it("refuses a landed-cost word by name rather than ignoring it", () => {
    const q = rateQuestion({ country: "CN", sector: "9503.00.00", date: "2025-04-15", options: "final; duty=4%" }, embedded(), NOW);
    expect(q).toEqual({ ok: false, message: "duty=4%: landed-cost option(s), for DUTY.LANDED only" });
  });

  it("reads a keyword whatever separates its words: hot_rolled steel, hot-rolled steel, hot rolled steel", () => {
    const answers = ["hot_rolled steel", "hot-rolled steel", "Hot  Rolled Steel"].map((sector) => {
      const q = rateQuestion({ country: "DE", sector, date: "2025-07-01" }, embedded(), NOW);
      if (!q.ok) return q.message;
      const a = lookupRate(embedded(), q.value.request);
      return a.ok ? `${a.value.product.display} ${a.value.composition.total?.toString()}` : a.error.message;
    });
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^7208\.39\.00 0\.5$/);
  });

  it("keeps the parse of an options text a column repeats, and gives the same answer each time", () => {
    const a = readOptions("final; USMCA", embedded());
    const b = readOptions("final; USMCA", embedded());
    expect(a).toBe(b);
  });
});

describe("landedQuestion", () => {
  it("reads a CSV row's text cells and Excel values to the same request", () => {
    const cells = landedQuestion(["1,000.00", "CN", "9503.00.00", "2025-04-15", "", "", "", "", "ocean", ""], embedded(), NOW, false);
    const excel = landedQuestion([1000, "CN", 9503000000, 45762, null, null, null, null, "ocean", null], embedded(), NOW, false);
    expect(cells.ok && excel.ok).toBe(true);
    if (cells.ok && excel.ok) {
      expect(cells.value.value.toString()).toBe(excel.value.value.toString());
      expect(cells.value.day).toBe(excel.value.day);
      expect(cells.value.mode).toBe(excel.value.mode);
    }
  });

  it("names the argument that cannot be read", () => {
    expect(landedQuestion(["", "CN", "9503", "", "", "", "", "", "", ""], embedded(), NOW, false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^value is required/),
    });
    expect(landedQuestion([100, "CN", "9503", "", "", "", "", "", "by sea", ""], embedded(), NOW, false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/mode|transport/),
    });
  });
});
