import Decimal from "decimal.js";
import { LandedRequest, MAX_AMOUNT, landedCost } from "../landed/landedCost";
import { formatMoney } from "../landed/money";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { RateTable } from "../table/compiledTable";

/**
 * The break-even supplier price: the highest price, to the cent, whose landed cost is at most a target.
 *
 *   landed(price) ≤ target < landed(price + 0.01)
 *
 * Landed cost is piecewise in the price (MPF's minimum and maximum, the informal-entry limit, de minimis,
 * floors and specific duties, rounding to the cent), so no closed form inverts it. But prices are whole
 * cents, and landed cost does not fall as the price rises, so the answer is found exactly by search over
 * integer cents: double the price until the target is passed, then bisect the bracket down to two
 * neighbouring cents. That is exact, not an approximation: it ends when the bracket is one cent wide, in
 * at most about 2 × log2(10^14) ≈ 94 evaluations of the same landedCost that DUTY.LANDED uses.
 *
 * Monotonicity is what makes the search exact, so it is checked, not assumed: every price evaluated is
 * kept, and if a higher price ever gave a lower landed cost the answer is refused with the two prices.
 * (A jump up, such as leaving de minimis or passing the informal-entry limit, is monotonic and fine.)
 */
export type MaxPriceRequest = Omit<LandedRequest, "value" | "explain">;

export interface MaxPrice {
  readonly price: Decimal;
  readonly landed: Decimal;
  readonly landedNextCent: Decimal;
  /** How many landed costs were computed to find it. */
  readonly evaluations: number;
}

const CENT = new Decimal("0.01");
/** The largest price tried, in cents: LANDED's own limit on an amount. */
const MAX_CENTS = MAX_AMOUNT.times(100).toNumber();

export function maxPrice(table: RateTable, req: MaxPriceRequest, target: Decimal): Outcome<MaxPrice> {
  if (!target.isFinite() || target.isNegative()) return invalid("target must be a non-negative amount");
  const seen = new Map<number, Decimal>();
  let failure: Outcome<never> | null = null;
  const landedAt = (cents: number): Decimal | null => {
    const hit = seen.get(cents);
    if (hit !== undefined) return hit;
    const r = landedCost(table, { ...req, value: new Decimal(cents).times(CENT), explain: false });
    if (!r.ok) {
      failure = r;
      return null;
    }
    seen.set(cents, r.value.landed);
    return r.value.landed;
  };

  const atZero = landedAt(0);
  if (atZero === null) return failure!;
  if (atZero.greaterThan(target)) {
    return notAvailable(
      `no price meets the target ${formatMoney(target)}: even at a price of 0.00 the landed cost is ${formatMoney(atZero)} (freight, insurance, fees and duty on them)`,
    );
  }
  // Bracket: lo always meets the target, hi never does.
  let lo = 0;
  let hi = 1;
  for (;;) {
    const l = landedAt(hi);
    if (l === null) return failure!;
    if (l.greaterThan(target)) break;
    lo = hi;
    if (hi >= MAX_CENTS) {
      return notAvailable(
        `every price up to ${formatMoney(MAX_AMOUNT)} lands at or below the target ${formatMoney(target)}: no highest price within LANDED's limits`,
      );
    }
    hi = Math.min(hi * 2, MAX_CENTS);
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const l = landedAt(mid);
    if (l === null) return failure!;
    if (l.greaterThan(target)) hi = mid;
    else lo = mid;
  }
  const fall = firstFall(seen);
  if (fall !== null) {
    return notAvailable(
      `landed cost is not monotonic in the price here (${formatMoney(centsToMoney(fall.at))} lands at ${formatMoney(fall.before)}, ` +
        `${formatMoney(centsToMoney(fall.next))} at ${formatMoney(fall.after)}): the highest price under the target is not unique`,
    );
  }
  return ok({ price: centsToMoney(lo), landed: seen.get(lo)!, landedNextCent: seen.get(hi)!, evaluations: seen.size });
}

const centsToMoney = (cents: number) => new Decimal(cents).times(CENT);

/** The first pair of evaluated prices where the higher price lands lower, if any. */
export function firstFall(seen: ReadonlyMap<number, Decimal>): { at: number; next: number; before: Decimal; after: Decimal } | null {
  const prices = [...seen.keys()].sort((a, b) => a - b);
  for (let i = 1; i < prices.length; i++) {
    const before = seen.get(prices[i - 1]!)!;
    const after = seen.get(prices[i]!)!;
    if (after.lessThan(before)) return { at: prices[i - 1]!, next: prices[i]!, before, after };
  }
  return null;
}
