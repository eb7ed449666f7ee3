import Decimal from "decimal.js";
import { LandedCost, LandedPart } from "./landedCost";

/**
 * The full computation as rows, the way Zonos itemises a quote: every amount with the rate it came from,
 * what the rate was applied to, the formula, the rounding and the source. The same rows feed the
 * DUTY.LANDED.DETAIL spill and `dutydesk landed-detail`-style output, so both explain in the same words.
 */
export const LANDED_DETAIL_HEADER = ["Part", "Line", "Rate", "Applied to", "Amount", "Formula / explanation", "Rounding", "Source"] as const;

const PART_LABEL: Record<LandedPart, string> = {
  value: "Value",
  duty: "Duty",
  fee: "Fee",
  tax: "Tax",
  total: "Total",
  note: "Note",
};

export interface LandedDetailRow {
  readonly part: string;
  readonly item: string;
  readonly rate: string;
  readonly base: Decimal | null;
  readonly amount: Decimal | null;
  readonly formula: string;
  readonly rounding: string;
  readonly source: string;
}

export function landedDetailRows(cost: LandedCost): LandedDetailRow[] {
  return cost.lines.map((l) => ({
    part: PART_LABEL[l.part],
    item: l.item,
    rate: l.rate,
    base: l.base,
    amount: l.amount,
    formula: l.formula,
    rounding: l.rounding,
    source: l.source,
  }));
}
