import { Outcome, ok } from "../lookup/outcome";
import { lookupRate } from "../lookup/rateLookup";
import { Composition } from "../stacking/compose";
import { unknownCaveats } from "../stacking/knownLayers";
import { RateTable } from "../table/compiledTable";
import { ScaledRate, centsOf, compareTimesRate, scaledRate, timesRateHalfUp } from "./cents";
import { Day } from "../dates";
import { usDeMinimisAppliesToCents } from "./deMinimis";
import { importerProfile, sameCustomsUnion } from "./importerProfile";
import { LandedCost, LandedRequest, MAX_AMOUNT, MAX_LANDED, landedCost, originOf, rateRequestOf } from "./landedCost";
import { LandedLaw, landedLaw, rowOn } from "./landedLaw";
import { DEFAULT_LANDED_OPTIONS, LandedOptions } from "./landedOptions";
import { Quantity } from "./quantity";
import { TransportMode } from "./transportMode";
import { sumLineRates } from "./sumLineDuty";

/**
 * The totals of a landed cost in integer cents, for batches (`dutydesk landed`): the same cents as
 * landedCost, computed on plain numbers where that is exact, and by landedCost (Decimal) otherwise.
 *
 * The fast path takes the common row and nothing else: a US import (MPF and HMF, no import tax), amounts
 * with at most two decimals, no fx, a table duty whose base and layers are all ad valorem (add and
 * all-in layers with their fraction known), a value above every de minimis threshold of the table, and
 * no option that changes those (duty=, vat=, ct=; metal= only where the origin view answers, sumLineDuty.ts).
 * Everything else — specific and compound
 * duties, other importers, de minimis candidates, any error — goes to landedCost, so every error message
 * and every unusual rule has one implementation. Within the fast path each line is computed as the
 * Decimal path does: full precision, then half-up to the cent (cents.ts says where exactness ends; past
 * it the row goes to Decimal too). tests/engine/landed/landedTotals.test.ts compares both on random rows.
 */
export interface LandedTotals {
  readonly duty: number;
  readonly fees: number;
  readonly taxes: number;
  readonly landed: number;
  /** Customs value, in cents: what an entry's MPF is computed on (cli entry-level fees). */
  readonly customsValue: number;
  /** Which arithmetic answered: "cents" (the fast path) or "decimal". For tests and the bench. */
  readonly path: "cents" | "decimal";
}

export function landedTotals(table: RateTable, req: LandedRequest): Outcome<LandedTotals> {
  const fast = fastTotals(table, req);
  if (fast !== null) return ok(fast);
  return decimalTotals(table, req);
}

/** The Decimal path's totals, in cents. */
export function decimalTotals(table: RateTable, req: LandedRequest): Outcome<LandedTotals> {
  const slow = landedCost(table, { ...req, explain: false });
  if (!slow.ok) return slow;
  return ok(totalsOf(slow.value));
}

export function totalsOf(c: LandedCost): LandedTotals {
  // The amounts are rounded to the cent already, so centsOf reads them exactly; toFixed is its fallback
  // (a negative amount, or one past 2^52 cents), and gives the same cents, through a string.
  const cents = (d: typeof c.duty) => centsOf(d) ?? Number(d.toFixed(2).replace(".", ""));
  return {
    duty: cents(c.duty),
    fees: cents(c.fees),
    taxes: cents(c.taxes),
    landed: cents(c.landed),
    customsValue: cents(c.customsValue),
    path: "decimal",
  };
}

/** The US fee rows in cents, per row object of the law (compiled once). */
interface FeeCents {
  readonly min: number;
  readonly max: number;
  readonly informal: number;
  readonly rate: ScaledRate;
}
const MPF_CENTS = new WeakMap<object, FeeCents | null>();
const HMF_CENTS = new WeakMap<object, { rate: ScaledRate; small: number } | null>();
const LIMIT_CENTS = new WeakMap<object, number | null>();
const DE_MINIMIS_MAX = new WeakMap<LandedLaw, number | null>();

function mpfCents(row: LandedLaw["mpf"][number]): FeeCents | null {
  let hit = MPF_CENTS.get(row);
  if (hit === undefined) {
    const rate = scaledRate(row.rate);
    const [min, max, informal] = [centsOf(row.min), centsOf(row.max), centsOf(row.informal)];
    hit = rate && min !== null && max !== null && informal !== null ? { min, max, informal, rate } : null;
    MPF_CENTS.set(row, hit);
  }
  return hit;
}

function hmfCents(row: LandedLaw["hmf"][number]): { rate: ScaledRate; small: number } | null {
  let hit = HMF_CENTS.get(row);
  if (hit === undefined) {
    const rate = scaledRate(row.rate);
    const small = centsOf(row.small);
    hit = rate && small !== null ? { rate, small } : null;
    HMF_CENTS.set(row, hit);
  }
  return hit;
}

function limitCents(row: LandedLaw["informalEntry"][number]): number | null {
  let hit = LIMIT_CENTS.get(row);
  if (hit === undefined) LIMIT_CENTS.set(row, (hit = centsOf(row.limit)));
  return hit;
}

/** The highest de minimis threshold of the law, in cents: a value above it is never de minimis. */
function deMinimisMax(law: LandedLaw): number | null {
  let hit = DE_MINIMIS_MAX.get(law);
  if (hit === undefined) {
    let max = 0;
    for (const r of law.deMinimis) {
      const c = centsOf(r.threshold);
      if (c === null) {
        max = -1;
        break;
      }
      max = Math.max(max, c);
    }
    DE_MINIMIS_MAX.set(law, (hit = max < 0 ? null : max));
  }
  return hit;
}

/**
 * A composition's duty as scaled rates (the base line, then each layer), or null when it is not all ad
 * valorem. Kept per composition object, and by signature (equal signatures mean equal answers, so the
 * map holds one plan per distinct rate, a few thousand in a big batch).
 */
type Plan = readonly ScaledRate[] | null;
const PLANS = new WeakMap<Composition, Plan>();
const PLANS_BY_SIGNATURE = new Map<string, Plan>();
/** Bound on the signature map's keys, in UTF-16 characters (about 2 × this in bytes): cleared when passed. */
const PLAN_KEY_CHARS = 2_000_000;
let planKeyChars = 0;

function planFor(c: Composition, knownLayers: boolean): Plan {
  const hit = PLANS.get(c);
  if (hit !== undefined) return hit;
  const key = `${knownLayers ? "k" : "-"}${c.signature}`;
  let plan = PLANS_BY_SIGNATURE.get(key);
  if (plan === undefined) {
    plan = buildPlan(c, knownLayers);
    if (planKeyChars + key.length > PLAN_KEY_CHARS) {
      PLANS_BY_SIGNATURE.clear();
      planKeyChars = 0;
    }
    PLANS_BY_SIGNATURE.set(key, plan);
    planKeyChars += key.length;
  }
  PLANS.set(c, plan);
  return plan;
}

function buildPlan(c: Composition, knownLayers: boolean): Plan {
  const expr = c.base.expr;
  if (expr === null || (expr.kind !== "free" && expr.kind !== "adValorem")) return null;
  // Unknown layers make landedCost answer #N/A (or, with "known layers", add caveats): the Decimal path says so.
  if (unknownCaveats(c).length > 0 || knownLayers) return null;
  const base = c.baseFraction;
  if (base === null && expr.kind !== "free") return null;
  const rates: ScaledRate[] = [];
  const b = base === null ? { n: 0, k: 0, scale: 1 } : scaledRate(base);
  if (b === null) return null;
  rates.push(b);
  for (const layer of c.layers) {
    const kind = layer.measure.formula.kind;
    if ((kind !== "add" && kind !== "allIn") || layer.fraction === null) return null;
    const r = scaledRate(layer.fraction);
    if (r === null) return null;
    rates.push(r);
  }
  return rates;
}

/**
 * A landed-cost request with its three amounts in cents: what the fast path reads. A batch row whose amount
 * cells are plain text with at most two decimals is read straight into one (centsOfText, cents.ts), with no
 * Decimal; any other request is read off its Decimals by fastTotals. `centsTotals` keeps nothing of it, so a
 * caller may fill one object again for every row.
 */
export interface CentsRequest {
  /** The value of the goods, freight and insurance in cents (0 when not given), each at most MAX_AMOUNT. */
  readonly goods: number;
  readonly freight: number;
  readonly insurance: number;
  readonly country: string;
  readonly product: string | number;
  readonly day: Day;
  /** True when a quantity is over MAX_AMOUNT, which landedCost refuses (the Decimal path words it). */
  readonly quantityOverMax: boolean;
  readonly importer: string | null;
  readonly mode: TransportMode | null;
  readonly options: LandedOptions;
}

/** The fast path on a Decimal request; null means "ask the Decimal path" (which also gives every error). */
function fastTotals(table: RateTable, req: LandedRequest): LandedTotals | null {
  const goods = centsOf(req.value);
  const freight = req.freight ? centsOf(req.freight) : 0;
  const insurance = req.insurance ? centsOf(req.insurance) : 0;
  if (goods === null || freight === null || insurance === null) return null;
  return centsTotals(table, {
    goods,
    freight,
    insurance,
    country: req.country,
    product: req.product,
    day: req.day,
    quantityOverMax: quantityOverMax(req.quantity ?? null),
    importer: req.importer ?? null,
    mode: req.mode ?? null,
    options: req.options ?? DEFAULT_LANDED_OPTIONS,
  });
}

/**
 * The fast path on a request in cents: the totals, or null for "ask the Decimal path" (decimalTotals on the
 * same request as a LandedRequest, which gives the same cents wherever this answers, and every error).
 */
export function centsTotals(table: RateTable, req: CentsRequest): LandedTotals | null {
  const opts = req.options;
  if (opts.unitValues.length > 0 || opts.adValoremPart || opts.knownLayers || opts.entryValue !== null) return null;
  if (opts.duty !== null || opts.base !== null || opts.vat !== null || opts.ct !== null) return null;
  if (opts.fx !== null && !opts.fx.equals(1)) return null;
  const law = landedLaw(table);
  const found = importerProfile(law, req.importer);
  if (!found.ok) return null;
  const profile = found.value;
  if (!profile.usFees || profile.taxes !== "none") return null;
  const origin = originOf(table, req.country);
  if (!origin.ok || origin.code === profile.code || sameCustomsUnion(law, profile, origin.code)) return null;
  const { goods, freight, insurance } = req;
  const max = MAX_CENTS;
  if (goods > max || freight > max || insurance > max) return null;
  if (req.quantityOverMax) return null;
  const day = req.day;
  if (profile.currency(day) === null) return null;
  if (!table.importers.get(profile.code)) return null;

  // Transaction value (the US basis): the goods only.
  const cv = goods;
  // Section 321: only a value within the table's highest threshold can qualify; the rule itself (origin,
  // dates, suspension) is deMinimis.ts's, on the same value in cents.
  const deMin = deMinimisMax(law);
  if (deMin === null) return null;
  let deMinimis = false;
  if (cv <= deMin) {
    const applies = usDeMinimisAppliesToCents(law, cv, origin.code, day, opts.deMinimis);
    if (applies === null) return null;
    deMinimis = applies;
  }

  // The common line needs no composition (sumLineDuty.ts); any other is looked up and its composition planned.
  const rates = sumLineRates(table, profile.code, req.country, req.product, opts, day);
  // No plan can exist for a specific, compound or prose base; a de minimis entry is still looked up, since a
  // prohibition or an unknown product is an error even then.
  if (rates === "notAdValorem" && !deMinimis) return null;
  let plan: Plan = typeof rates === "string" ? null : rates;
  if (plan === null) {
    // metal= is read against the composition's layers (landedCost's metalCheck): the Decimal path does that.
    if (opts.metal !== null) return null;
    const looked = lookupRate(table, { ...rateRequestOf(table, profile.code, req.country, req.product, opts), day });
    if (!looked.ok) return null;
    plan = planFor(looked.value.composition, opts.knownLayers);
  }
  // De minimis: free of duty and fees (landedCost), once the table knows the product.
  if (deMinimis) return { duty: 0, fees: 0, taxes: 0, landed: goods + freight + insurance, customsValue: cv, path: "cents" };
  if (plan === null) return null;
  let duty = 0;
  for (const rate of plan) {
    const line = timesRateHalfUp(cv, rate);
    if (line === null) return null;
    duty += line;
  }

  // MPF and HMF (usFees.ts): the informal limit decides the entry type unless the caller chose it.
  const fees = feesOn(law, day);
  if (fees === null) return null;
  const { limit, mpf: mpfLaw, hmf: hmfLaw } = fees;
  const entry = opts.entry ?? (cv <= limit ? "informal" : "formal");
  if (entry === "informal" && cv > limit) return null;
  let mpf: number;
  if (opts.mpfExempt) mpf = 0;
  else if (entry === "informal") mpf = mpfLaw.informal;
  else {
    const belowMin = compareTimesRate(cv, mpfLaw.rate, mpfLaw.min);
    const aboveMax = compareTimesRate(cv, mpfLaw.rate, mpfLaw.max);
    if (belowMin === null || aboveMax === null) return null;
    if (belowMin < 0) mpf = mpfLaw.min;
    else if (aboveMax > 0) mpf = mpfLaw.max;
    else {
      const m = timesRateHalfUp(cv, mpfLaw.rate);
      if (m === null) return null;
      mpf = m;
    }
  }
  let hmf = 0;
  if (req.mode === "ocean") {
    const h = timesRateHalfUp(cv, hmfLaw.rate);
    if (h === null) return null;
    hmf = h <= hmfLaw.small && duty === 0 && mpf === 0 ? 0 : h;
  }
  const feeTotal = mpf + hmf;
  const landed = goods + freight + insurance + duty + feeTotal;
  if (landed > MAX_LANDED_CENTS) return null;
  return { duty, fees: feeTotal, taxes: 0, landed, customsValue: cv, path: "cents" };
}

/** True when a quantity of the list is over MAX_AMOUNT (CentsRequest.quantityOverMax). */
export function quantityOverMax(quantity: readonly Quantity[] | null): boolean {
  if (quantity === null) return false;
  for (const q of quantity) if (q.amount.greaterThan(MAX_AMOUNT)) return true;
  return false;
}

/** The informal-entry limit, MPF and HMF rows of a day, in cents; null when one is missing or not exact. */
interface DayFees {
  readonly limit: number;
  readonly mpf: FeeCents;
  readonly hmf: { rate: ScaledRate; small: number };
}

/**
 * Kept per law and day: three row searches and three compiled-row reads a row became one map read (a batch
 * has a few hundred distinct days). Bounded like the other per-text caches: cleared past MAX_FEE_DAYS.
 */
const FEES_BY_DAY = new WeakMap<LandedLaw, Map<Day, DayFees | null>>();
const MAX_FEE_DAYS = 20_000;

function feesOn(law: LandedLaw, day: Day): DayFees | null {
  let byDay = FEES_BY_DAY.get(law);
  if (byDay === undefined) FEES_BY_DAY.set(law, (byDay = new Map()));
  let hit = byDay.get(day);
  if (hit === undefined) {
    const limitRow = rowOn(law.informalEntry, day);
    const mpfRow = rowOn(law.mpf, day);
    const hmfRow = rowOn(law.hmf, day);
    const limit = limitRow ? limitCents(limitRow) : null;
    const mpf = mpfRow ? mpfCents(mpfRow) : null;
    const hmf = hmfRow ? hmfCents(hmfRow) : null;
    hit = limit === null || mpf === null || hmf === null ? null : { limit, mpf, hmf };
    if (byDay.size >= MAX_FEE_DAYS) byDay.clear();
    byDay.set(day, hit);
  }
  return hit;
}

const MAX_CENTS = MAX_AMOUNT.times(100).toNumber();
const MAX_LANDED_CENTS = MAX_LANDED.times(100).toNumber();
