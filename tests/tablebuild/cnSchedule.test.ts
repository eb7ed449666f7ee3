import { existsSync } from "node:fs";
import { join } from "node:path";
import { CN_RULES, readCnSchedule, ruleFor } from "../../src/tablebuild/cnSchedule";

/**
 * China's 2026 schedule as base lines: one rule per defect of the transcription that ../shared/data/cn/README.md
 * states, each decided by the row alone, and the counts the data report prints.
 */
const file = join(__dirname, "..", "..", "..", "shared", "data", "cn", "tariff_full_cn_2026.json");
const row = (r: { ex?: boolean; mfn: number | null; general?: number | null; prov?: number }) => ({ ex: false, name: "", general: 50, ...r });

describe("the rule for one row", () => {
  it.each([
    ["no MFN parsed (specific or compound duty): unknown", row({ mfn: null, general: 0 }), "null-mfn"],
    ["general below MFN (74031111: 30 / 5): columns misread, unknown", row({ ex: true, mfn: 30, general: 5, prov: 0 }), "columns-misread"],
    ["provisional above an MFN of 0 (59119000: prov 3): unknown", row({ ex: true, mfn: 0, general: 35, prov: 3 }), "prov-above-mfn"],
    ["ex-item row without a provisional rate (84141000, an ITA 0%): unknown", row({ ex: true, mfn: 0, general: 30 }), "ex-item-only"],
    ["ex-item row with MFN 0 and a provisional rate: unknown", row({ ex: true, mfn: 0, general: 30, prov: 0 }), "ex-item-only"],
    ["ex-item row with a provisional rate (03035990: MFN 7, prov 5): MFN", row({ ex: true, mfn: 7, general: 40, prov: 5 }), "ex-provisional"],
    ["a provisional rate for the whole line: provisional", row({ mfn: 6, general: 20, prov: 3 }), "provisional"],
    ["soybeans 12019011 (MFN 3, general 180): MFN", row({ mfn: 3, general: 180 }), "mfn"],
  ])("%s", (_, r, rule) => {
    expect(ruleFor(r)).toBe(rule);
  });

  it("every rule that leaves the base unknown says so in its note", () => {
    for (const r of CN_RULES.filter((x) => x.base === "unknown")) expect(r.note).toMatch(/base unknown/);
  });
});

const describeWithInput = existsSync(file) ? describe : describe.skip;

describeWithInput("China's 2026 transcription", () => {
  const cn = readCnSchedule(file, "9192296c6a2efd163cf3fdc035b8b83b81924c7320764da3d2422d6547073df7");
  const line = (code: string) => cn.lines.find((l) => l[0] === code);
  const noteOf = (code: string) => cn.lineNotes.find((n) => n.lines.includes(code));

  it("has 8,972 eight-digit lines, one rule each; 101 of them with an unknown base", () => {
    expect(cn.counts.lines).toBe(8972);
    expect(cn.counts.byRule).toEqual({
      "null-mfn": 30,
      "columns-misread": 13,
      "prov-above-mfn": 9,
      "ex-item-only": 49,
      "ex-provisional": 238,
      provisional: 594,
      mfn: 8039,
    });
    expect(cn.lines.filter((l) => l[1] === "")).toHaveLength(101);
  });

  it("soybeans 1201.90.11: MFN 3% (README spot check), no note", () => {
    expect(line("12019011")).toEqual(["12019011", "3%", "", null, null]);
    expect(noteOf("12019011")).toBeUndefined();
  });

  it("a null-MFN line (3702.31.90 film) has no rate and a base-unknown note, never 0", () => {
    expect(line("37023190")).toEqual(["37023190", "", "", null, null]);
    expect(noteOf("37023190")).toMatchObject({ id: "cn-2026.null-mfn", base: "unknown" });
  });

  it("an ex-row with a provisional rate (0303.59.90, capelin at 5%) keeps the line's MFN 7% and says why", () => {
    expect(line("03035990")).toEqual(["03035990", "7%", "", null, null]);
    expect(noteOf("03035990")).toMatchObject({ id: "cn-2026.ex-provisional" });
    expect(noteOf("03035990")!.base).toBeUndefined();
  });

  it("the column misreads the README lists are unknown (74031111 MFN 30, 02071200 general 0)", () => {
    for (const code of ["74031111", "76011010", "28442000", "02071200", "02071419", "05040021", "70060000", "84082010"]) {
      expect([code, noteOf(code)?.id]).toEqual([code, "cn-2026.columns-misread"]);
    }
  });
});
