import { applyScenario, dayFromIso, excelSerialFromDay, lookupRate } from "../../src/engine";
import { CellImpact, assessCell, tariffWith } from "../../src/formula/cellImpact";
import { parseDutyFormula } from "../../src/formula/dutyFormula";
import { parseCellRef } from "../../src/formula/a1";
import { embedded } from "../support/embeddedTable";
import { reratedMeasure } from "../support/feedFixtures";

describe("parsing DUTY formulas", () => {
  it("reads literals, cell references (with sheets and $) and omitted arguments", () => {
    expect(parseDutyFormula('=DUTY.TARIFF("CN", $B$2, \'My sheet\'!C3, , "final; USMCA")')).toEqual({
      ok: true,
      fn: "TARIFF",
      args: [
        { kind: "literal", value: "CN" },
        { kind: "ref", ref: { sheet: null, row: 1, column: 1 }, text: "$B$2" },
        { kind: "ref", ref: { sheet: "My sheet", row: 2, column: 2 }, text: "'My sheet'!C3" },
        { kind: "omitted" },
        { kind: "literal", value: "final; USMCA" },
      ],
    });
    expect(parseDutyFormula("=duty.version()")).toEqual({ ok: true, fn: "VERSION", args: [] });
    expect(parseDutyFormula('=DUTY.TARIFF("say ""hi""", 9503, -1.5e2, TRUE)')).toMatchObject({
      ok: true,
      args: [{ value: 'say "hi"' }, { value: 9503 }, { value: -150 }, { value: true }],
    });
  });

  it.each([
    ["=A1*DUTY.TARIFF(B1,C1)", /part of a larger formula/],
    ["=DUTY.TARIFF(UPPER(B1),C1)", /nested calls/],
    ["=DUTY.TARIFF(B1:B3,C1)", /is an expression/],
    ["=DUTY.TARIFF(B1+1,C1)", /is an expression/],
  ])("says why %s cannot be predicted", (formula, reason) => {
    const r = parseDutyFormula(formula);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it("parses A1 references within Excel's grid only", () => {
    expect(parseCellRef("XFD1048576")).toEqual({ sheet: null, row: 1_048_575, column: 16_383 });
    expect(parseCellRef("XFE1")).toBeNull();
    expect(parseCellRef("A0")).toBeNull();
  });
});

describe("assessing cells against a candidate table", () => {
  const table = embedded();
  const measure = reratedMeasure(table);
  const r = applyScenario(table, [{ measure: measure.id, ratePercent: "0" }]);
  if (!r.ok) throw new Error(r.problems.join("; "));
  const candidate = r.table;
  const serial = excelSerialFromDay(dayFromIso("2025-04-15")!);
  const values: Record<string, unknown> = { "Costs!A2": "CN", "Costs!B2": "9503.00.00", "Costs!C2": serial, "Costs!D9": "#N/A" };
  const resolve = (sheet: string, ref: { row: number; column: number }) =>
    values[`${sheet}!${String.fromCharCode(65 + ref.column)}${ref.row + 1}`] ?? "";
  const now = new Date(Date.UTC(2025, 5, 1));
  const assess = (formula: string, value: unknown): CellImpact =>
    assessCell({ sheet: "Costs", address: "Costs!D2", formula, value }, candidate, resolve, { now });

  it("computes the new value with the engine and the functions' own argument readers", () => {
    const before = lookupRate(table, { country: "CN", product: "9503.00.00", day: dayFromIso("2025-04-15")! });
    const old = before.ok ? before.value.composition.total!.toNumber() : NaN;
    const impact = assess("=DUTY.TARIFF(A2,B2,C2)", old);
    expect(impact.kind).toBe("changes");
    if (impact.kind === "changes") {
      expect(impact.after).toBe(tariffWith(candidate, ["CN", "9503.00.00", serial], now));
      expect(impact.delta).toBeCloseTo((impact.after as number) - old, 12);
    }
    expect(assess("=DUTY.TARIFF(A2,B2,C2)", tariffWith(candidate, ["CN", "9503.00.00", serial], now)).kind).toBe("same");
  });

  it("predicts errors as Excel shows them, and says when it cannot predict", () => {
    expect(assess('=DUTY.TARIFF("Atlantis","9503","2025-04-15")', 0.1)).toMatchObject({ kind: "changes", after: "#N/A" });
    expect(assess('=DUTY.TARIFF("CN","95O3","2025-04-15")', "#VALUE!")).toMatchObject({ kind: "same" });
    expect(assess("=DUTY.TARIFF(A2,B2,D9)", 0.1)).toMatchObject({ kind: "unknown", reason: "D9 holds the error #N/A" });
    expect(assess("=DUTY.BREAKDOWN(A2,B2,C2)", "Layer")).toMatchObject({ kind: "unknown", reason: expect.stringMatching(/recalculated on accept/) });
    expect(
      assessCell({ sheet: "Costs", address: "Costs!D2", formula: "=DUTY.TARIFF(A2,B2,E2)", value: 1 }, candidate, resolve, {
        now,
        isDutyCell: (_, ref) => ref.column === 4,
      }),
    ).toMatchObject({
      kind: "unknown",
      reason: "E2 is itself a DUTY cell",
    });
  });
});
