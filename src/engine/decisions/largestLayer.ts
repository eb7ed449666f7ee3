import Decimal from "decimal.js";
import { RateAnswer } from "../lookup/rateLookup";
import { RateChoice } from "../lookup/totalRate";
import { breakdownRows } from "../report/breakdown";

/** The layer (base rate included) that adds the most to an answer's ad valorem total. */
export interface LargestLayer {
  readonly heading: string;
  readonly authority: string;
  readonly rate: Decimal;
}

/** Read off BREAKDOWN's own rows, so that the largest layer is named as BREAKDOWN names it; ties: the first. */
export function largestLayer(answer: RateAnswer, choice: RateChoice): LargestLayer | null {
  let best: LargestLayer | null = null;
  for (const r of breakdownRows(answer, choice)) {
    if ((r.kind !== "base" && r.kind !== "layer" && r.kind !== "specific") || r.rate === null) continue;
    const rate = new Decimal(r.rate);
    if (best === null || rate.greaterThan(best.rate)) best = { heading: r.heading, authority: r.authority, rate };
  }
  return best;
}
