import { RateTable, lookupRate, totalRate, releaseOf } from "../engine";
import { rateQuestion } from "../requests/rateQuestion";
import { CellRef } from "./a1";
import { FormulaArg, parseDutyFormula } from "./dutyFormula";

/**
 * Which cells of the workbook would show another value under a candidate table, old → new.
 *
 * The new value of a simple DUTY.TARIFF cell is computed here with the candidate table and the very
 * argument readers the custom function uses (src/functions/excelArguments), so the pane predicts what
 * Excel will show after the recalculation. DUTY.VERSION is predicted too. Other DUTY cells are listed as
 * "recalculated, not predicted", with the reason.
 */
export interface DutyCell {
  /** Sheet-qualified address, e.g. Model!G7. */
  readonly address: string;
  readonly sheet: string;
  readonly formula: string;
  /** What the cell shows now (a number, text, or an error such as "#N/A"). */
  readonly value: unknown;
}

export type CellImpact =
  | { readonly kind: "changes"; readonly cell: DutyCell; readonly before: unknown; readonly after: number | string; readonly delta: number | null }
  | { readonly kind: "same"; readonly cell: DutyCell }
  | { readonly kind: "unknown"; readonly cell: DutyCell; readonly reason: string };

export type ResolveRef = (sheet: string, ref: CellRef) => unknown;

export interface ImpactOptions {
  readonly now: Date;
  /** Cells whose values the recalculation itself may change (other DUTY cells): a reference to one is not predictable. */
  readonly isDutyCell?: (sheet: string, ref: CellRef) => boolean;
}

export function assessCell(cell: DutyCell, candidate: RateTable, resolve: ResolveRef, o: ImpactOptions): CellImpact {
  const parsed = parseDutyFormula(cell.formula);
  if (!parsed.ok) return { kind: "unknown", cell, reason: parsed.reason };
  if (parsed.fn === "VERSION") return { kind: "unknown", cell, reason: `DUTY.VERSION will name ${releaseOf(candidate).id}` };
  if (parsed.fn !== "TARIFF")
    return { kind: "unknown", cell, reason: `DUTY.${parsed.fn} is recalculated on accept; the pane predicts DUTY.TARIFF only` };

  const values: unknown[] = [];
  for (const arg of parsed.args) {
    const v = argValue(arg, cell.sheet, resolve, o);
    if (v.unknown !== undefined) return { kind: "unknown", cell, reason: v.unknown };
    values.push(v.value);
  }
  const after = tariffWith(candidate, values, o.now);
  return compare(cell, after);
}

function argValue(arg: FormulaArg, sheet: string, resolve: ResolveRef, o: ImpactOptions): { value?: unknown; unknown?: string } {
  if (arg.kind === "omitted") return { value: null };
  if (arg.kind === "literal") return { value: arg.value };
  const target = arg.ref.sheet ?? sheet;
  if (o.isDutyCell?.(target, arg.ref)) return { unknown: `${arg.text} is itself a DUTY cell` };
  const v = resolve(target, arg.ref);
  if (typeof v === "string" && /^#[A-Z0-9/!?]+[!?A]?$/.test(v)) return { unknown: `${arg.text} holds the error ${v}` };
  // An empty cell reaches a custom function as null on the web (0 on desktop); both mean "empty" to DUTY.
  return { value: v === "" || v === undefined ? null : v };
}

/** DUTY.TARIFF's answer for these argument values, as Excel would show it: a number or "#VALUE!"/"#N/A". */
export function tariffWith(table: RateTable, args: readonly unknown[], now: Date): number | string {
  const [country, sector, date, importer, options] = args;
  // The same request layer, so the same readers in the same order, as DUTY.TARIFF.
  const q = rateQuestion({ country, sector, date, importer, options }, table, now);
  if (!q.ok) return "#VALUE!";
  const outcome = lookupRate(table, q.value.request);
  if (!outcome.ok) return outcome.error.kind === "invalid" ? "#VALUE!" : "#N/A";
  const total = totalRate(outcome.value.composition, q.value.choice, outcome.value.product.display);
  return total.ok ? total.value.total.toNumber() : "#N/A";
}

function compare(cell: DutyCell, after: number | string): CellImpact {
  const before = cell.value;
  if (typeof before === "number" && typeof after === "number") {
    return Math.abs(before - after) < 1e-12 ? { kind: "same", cell } : { kind: "changes", cell, before, after, delta: after - before };
  }
  if (before === after) return { kind: "same", cell };
  return { kind: "changes", cell, before, after, delta: null };
}
