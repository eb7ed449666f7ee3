import Decimal from "decimal.js";
import { Day } from "../dates";
import { Outcome, invalid, ok } from "../lookup/outcome";
import { LandedLaw } from "./landedLaw";
import { ZERO, formatMoney, formatQuantity } from "./money";
import { TransportMode } from "./transportMode";
import { EntryType, FeeResult, harborMaintenanceFee, informalEntryLimit, merchandiseProcessingFee } from "./usFees";

/*
 * Entry-level US fees. MPF's minimum and maximum apply per entry (19 CFR 24.23(b)(1)), not per line, and
 * HMF is charged on the entry's cargo: so for a multi-line entry both are computed once, on the entry's
 * total customs value, with the same fee law as a single line (the table's landed section, usFees.ts),
 * and then allocated back to the lines.
 *
 * The allocation rule (ALLOCATION_RULE, stated in the CLI output and the README): pro rata by customs
 * value, in whole cents, by largest remainder. Each line first gets floor(fee × value / total) cents; the
 * cents left over go one each to the lines with the largest remainders, ties to the earlier line (row
 * order). So the shares sum to the entry fee exactly and each is within one cent of the exact share. When
 * every line is valued at zero, the lines count equally.
 */
export const ALLOCATION_RULE =
  "entry fees (MPF, HMF) computed on the entry's total customs value, then allocated to its lines pro rata by customs value in whole cents: each line gets the floor of its exact share, and the remaining cents go one each to the largest remainders, ties to the earlier row";

/** Whole cents of `total` shared by `weights` (cents), largest remainder, ties by order. Exact (BigInt). */
export function allocateCents(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  if (total < 0n || weights.some((w) => w < 0n)) throw new RangeError("allocateCents: negative amount");
  const sum = weights.reduce((s, w) => s + w, 0n);
  const w = sum === 0n ? weights.map(() => 1n) : weights;
  const denominator = sum === 0n ? BigInt(weights.length) : sum;
  const shares = w.map((x) => (total * x) / denominator);
  const remainders = w.map((x, i) => ({ i, r: (total * x) % denominator }));
  let left = total - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) shares[remainders[k]!.i]! += 1n;
  return shares;
}

/** Decimal amounts (cents exact) shared by Decimal weights: allocateCents on their cents. */
export function allocateMoney(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const cents = (d: Decimal) => BigInt(d.times(100).toFixed(0));
  return allocateCents(cents(total), weights.map(cents)).map((c) => new Decimal(c.toString()).div(100));
}

export interface EntryFeeLine {
  /** The line's customs value in US dollars (after conversion), to the cent. */
  readonly customsValue: Decimal;
  /** mpf=exempt on this line: its value is outside the entry's MPF base, and it gets no MPF share. */
  readonly mpfExempt: boolean;
  /** The line's duty, for HMF's "no other charges" rule. */
  readonly duty: Decimal;
}

export interface EntryFeeRequest {
  readonly day: Day;
  readonly mode: TransportMode | null;
  /** formal/informal, when the caller chose; otherwise decided on the entry's total value. */
  readonly entry: EntryType | null;
  readonly lines: readonly EntryFeeLine[];
}

export interface EntryFees {
  readonly entryType: EntryType;
  readonly totalValue: Decimal;
  readonly mpfBase: Decimal;
  readonly mpf: FeeResult;
  readonly hmf: FeeResult;
  /** Per line, in the lines' order; each sums to its fee. */
  readonly mpfShares: readonly Decimal[];
  readonly hmfShares: readonly Decimal[];
}

const NOT_CHARGED = (formula: string): FeeResult => ({
  amount: ZERO,
  clamp: null,
  describe: () => ({ rate: "", formula, rounding: "", source: "" }),
});

export function entryFees(law: LandedLaw, req: EntryFeeRequest): Outcome<EntryFees> {
  const total = req.lines.reduce((s, l) => s.plus(l.customsValue), ZERO);
  const mpfLines = req.lines.map((l) => (l.mpfExempt ? ZERO : l.customsValue));
  const mpfBase = mpfLines.reduce((s, v) => s.plus(v), ZERO);
  const informal = informalEntryLimit(law, req.day);
  if (!informal.ok) return informal;
  const limit = informal.value.limit;
  const entryType: EntryType = req.entry ?? (total.lessThanOrEqualTo(limit) ? "informal" : "formal");
  if (entryType === "informal" && total.greaterThan(limit)) {
    return invalid(
      `an informal entry is for shipments valued up to $${formatQuantity(limit)} (${informal.value.source}); this entry's lines total ${formatMoney(total)}`,
    );
  }
  const allExempt = req.lines.every((l) => l.mpfExempt);
  let mpf: FeeResult;
  if (allExempt) mpf = NOT_CHARGED("exempt (mpf=exempt on every line of the entry)");
  else {
    const computed = merchandiseProcessingFee(law, mpfBase, req.day, entryType, limit);
    if (!computed.ok) return computed;
    mpf = computed.value;
  }
  let hmf: FeeResult;
  if (req.mode === null) hmf = NOT_CHARGED("not charged: mode not given (HMF is charged on ocean shipments only: give mode ocean)");
  else {
    const duty = req.lines.reduce((s, l) => s.plus(l.duty), ZERO);
    const mpfAmount = mpf.amount;
    const computed = harborMaintenanceFee(law, total, req.day, req.mode === "ocean", () => duty.isZero() && mpfAmount.isZero());
    if (!computed.ok) return computed;
    hmf = computed.value;
  }
  // Exempt lines carry no MPF share; when the MPF base is zero the non-exempt lines count equally.
  const mpfWeights = mpfBase.isZero() ? req.lines.map((l) => new Decimal(l.mpfExempt ? 0 : 0.01)) : mpfLines;
  const mpfShares = allExempt ? req.lines.map(() => ZERO) : allocateMoney(mpf.amount, mpfWeights);
  const hmfShares = allocateMoney(
    hmf.amount,
    req.lines.map((l) => l.customsValue),
  );
  return ok({ entryType, totalValue: total, mpfBase, mpf, hmf, mpfShares, hmfShares });
}
