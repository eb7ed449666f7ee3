import Decimal from "decimal.js";
import { specificText } from "../landed/dutyAmount";
import { canonicalUnit, quantityIn } from "../landed/quantity";
import { Composition, SpecificPart } from "../stacking/compose";
import { knownTotal, noTotalReason, unknownLayers } from "../stacking/knownLayers";
import { clip } from "../util/clip";
import { Outcome, invalid, notAvailable, ok } from "./outcome";

/**
 * The one rule for turning a composition into a single rate, shared by DUTY.TARIFF, the totals of
 * BREAKDOWN and HISTORY, and the CLI.
 *
 * An ad valorem answer is its total. A specific or compound duty (`4.4¢/kg + 6%`) has no rate of its own:
 * returning the ad valorem part as if it were the rate is a wrong number that looks right (0 for a pure
 * specific rate). So the answer is #N/A unless the caller says which number is wanted:
 * - `unit value=2.40/kg`: the ad valorem equivalent, specific duty ÷ unit value plus the ad valorem parts,
 *   the way CBP and note 52(k) compute it ("duty payable ÷ customs value");
 * - `ad valorem part`: the ad valorem duties alone, knowingly without the specific part.
 */
export interface RateChoice {
  /** US dollars per unit of the goods, each for one unit; converted within a dimension (lb → kg). */
  readonly unitValues: readonly UnitValue[];
  readonly adValoremPart: boolean;
  /**
   * "known layers": where a layer's rate is a gap stated as data (China's 2018-19 lists), the base plus
   * the known layers, a lower bound that the caller asked for knowingly (see stacking/knownLayers.ts).
   */
  readonly knownLayers?: boolean;
}

export interface UnitValue {
  readonly usd: Decimal;
  /** Canonical unit (kg, liter, each, doz., …). */
  readonly unit: string;
}

export const PLAIN_CHOICE: RateChoice = { unitValues: [], adValoremPart: false };

export interface TotalRate {
  readonly total: Decimal;
  /** How it was reached, for notes: the ad valorem total, an equivalent, the ad valorem part alone. */
  readonly method: "adValorem" | "equivalent" | "adValoremPart";
  /** Set when the total leaves out layers of unknown rate because "known layers" was asked for. */
  readonly knownLayersOnly: boolean;
  /** The specific parts with their ad valorem equivalents, when `method` is "equivalent". */
  readonly equivalents: readonly { readonly part: SpecificPart; readonly fraction: Decimal }[];
}

const ZERO = new Decimal(0);

export function totalRate(c: Composition, choice: RateChoice, product: string): Outcome<TotalRate> {
  let adValorem = c.total;
  let knownLayersOnly = false;
  if (adValorem === null) {
    const gaps = unknownLayers(c).length > 0;
    if (gaps && choice.knownLayers === true) {
      adValorem = knownTotal(c);
      knownLayersOnly = true;
    }
    if (adValorem === null) {
      const hint = gaps && choice.knownLayers !== true && c.baseFraction !== null ? '; give "known layers" in options for the known part' : "";
      return notAvailable(`no total: ${noTotalReason(c)}${hint}`);
    }
  }
  if (c.specific.length === 0) return ok({ total: adValorem, method: "adValorem", equivalents: [], knownLayersOnly });
  if (choice.unitValues.length > 0) {
    const e = equivalentRate(c, choice.unitValues);
    return e.ok ? ok({ ...e.value, knownLayersOnly }) : e;
  }
  if (choice.adValoremPart) return ok({ total: adValorem, method: "adValoremPart", equivalents: [], knownLayersOnly });
  return specificDutyError(product, c.specific);
}

/**
 * The answer for a specific duty when no unit value is given (and not "ad valorem part"): #N/A saying what
 * the duty is and how to get a rate. `specific` is the composition's per-unit parts, base first.
 */
export function specificDutyError(product: string, specific: readonly SpecificPart[]): Outcome<never> {
  // The example is in the duty's own unit, so it can be typed as it stands.
  const unit = specific[0]!.unit;
  const example = unit === "each" ? "0.50/each" : `2.40/${unit}`;
  return notAvailable(
    `${product} carries a specific duty (${describeParts(specific)}): no rate without a unit value. Add "unit value=${example}" ` +
      `to options for the ad valorem equivalent, or "ad valorem part" for the ad valorem duties alone`,
  );
}

/** "13.2¢/kg", "$1.10/kg on drained weight + MIP $0.38/W": what the specific duty is, for messages. */
export function describeSpecific(c: Composition): string {
  return describeParts(c.specific);
}

function describeParts(specific: readonly SpecificPart[]): string {
  return specific.map((p) => `${p.measure ? `${p.measure.heading} ` : ""}${specificText(p)}`).join(" + ");
}

function equivalentRate(c: Composition, unitValues: readonly UnitValue[]): Outcome<TotalRate> {
  const equivalents: { part: SpecificPart; fraction: Decimal }[] = [];
  for (const part of c.specific) {
    const f = partEquivalent(part, unitValues);
    if (!f.ok) return f;
    equivalents.push({ part, fraction: f.value });
  }
  // An all-in layer tops the base up to its floor; for a specific base the base's weight is its ad
  // valorem equivalent (note 52(k)), not its ad valorem part, so those layers are recomputed with it.
  const baseFraction = c.baseFraction ?? ZERO;
  const baseEquivalent = equivalents.filter((e) => e.part.measure === null).reduce((s, e) => s.plus(e.fraction), baseFraction);
  let total = baseEquivalent;
  for (const layer of c.layers) {
    const f = layer.measure.formula;
    if (f.kind === "allIn") total = total.plus(Decimal.max(ZERO, f.fraction.minus(baseEquivalent)).times(layer.share));
    // A layer of unknown rate reaches here only when "known layers" was asked for: it adds nothing known.
    else total = total.plus(layer.fraction ?? ZERO);
  }
  for (const e of equivalents) if (e.part.measure !== null) total = total.plus(e.fraction);
  return ok({ total, method: "equivalent", equivalents, knownLayersOnly: false });
}

function partEquivalent(part: SpecificPart, unitValues: readonly UnitValue[]): Outcome<Decimal> {
  if (part.qualifier !== undefined) {
    return notAvailable(
      `the specific duty ${specificText(part)} is charged on a quantity a unit value cannot give: use DUTY.LANDED with the quantity`,
    );
  }
  // How many of the rate's units one given unit is: 1 lb = 0.45359237 kg. The value per rate unit is the
  // unit value divided by that.
  for (const uv of unitValues) {
    const found = quantityIn([{ amount: new Decimal(1), unit: uv.unit }], part.unit, new Set([part.unit]));
    if (found.kind === "found") return ok(part.usd.times(part.share).times(found.amount).div(uv.usd));
  }
  const given = unitValues.map((u) => `per ${u.unit}`).join(", ");
  return notAvailable(`the specific duty ${specificText(part)} needs a unit value per ${part.unit}; the options give one ${given}`);
}

const UNIT_VALUE = /^\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(?:\/|per\s+)\s*(.+)$/i;

/** Reads "2.40/kg", "$2.40 per kg", "0.05/each". The amount is US dollars, positive. */
export function parseUnitValue(text: string): Outcome<UnitValue> {
  const m = UNIT_VALUE.exec(text.trim());
  const unit = m ? canonicalUnit(m[2]!) : null;
  if (!m || unit === null) return invalid(`unit value=${clip(text, 30)}: give dollars per unit, such as unit value=2.40/kg`);
  const usd = new Decimal(m[1]!.replace(/,/g, ""));
  if (usd.isZero()) return invalid(`unit value=${clip(text, 30)} must be above zero`);
  return ok({ usd, unit });
}
