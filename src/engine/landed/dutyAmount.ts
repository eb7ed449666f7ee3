import Decimal from "decimal.js";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { SpecificAmount } from "../rates";
import { Composition, Layer } from "../stacking/compose";
import { knownAdditional, unknownCaveats, unknownLayers } from "../stacking/knownLayers";
import { HALF_UP_CENT, ONE, ZERO, formatMoney, formatPercent, formatQuantity, formatUnitPrice, roundCents } from "./money";
import { Quantity, QuantityMatch, canonicalUnit, quantityIn } from "./quantity";

/**
 * Duty in money from a rate answer: one line per tariff number, as an entry summary reports it (the
 * base rate of the HTS line, then each Chapter 99 layer).
 *
 * - ad valorem part: customs value × the layer's fraction (which already carries its share of value:
 *   a 232 metal layer on 40% steel content is 50% × 0.4);
 * - specific parts: quantity × amount per unit, for the base rate's specific terms and for `perUnit`
 *   measures (times the measure's share of the goods);
 * - each line is computed at full precision and rounded half-up to the cent; the duty is the sum of the
 *   rounded lines, so the detail adds up to the total exactly.
 *
 * A specific part with no quantity is #N/A, never 0.
 */
export interface DutyLine {
  readonly item: string;
  readonly heading: string;
  readonly rate: string;
  readonly amount: Decimal;
  readonly formula: string;
  readonly rounding: string;
  readonly source: string;
}

export interface DutyInput {
  readonly composition: Composition;
  /** e.g. "HTS Column 1 General (MFN)"; names the base line. */
  readonly baseAuthority: string;
  readonly baseSource: string;
  readonly productDisplay: string;
  readonly customsValue: Decimal;
  readonly quantities: readonly Quantity[] | null;
  /** A base (MFN) rate given by the caller instead of the table's. */
  readonly baseOverride: Decimal | null;
  readonly explain: boolean;
  /** The "known layers" option: leave out layers whose rate the table does not have, and say so. */
  readonly knownLayers?: boolean;
}

export interface DutyResult {
  readonly amount: Decimal;
  readonly lines: readonly DutyLine[];
  /** The specific terms charged, with the quantity used ("20,000 each"), for the detail. */
  readonly quantityUsed: boolean;
  /** What the duty leaves out ("known layers"): layers of unknown rate, each with its citation. */
  readonly caveats?: readonly string[];
}

interface SpecificTerm {
  readonly text: string;
  readonly usd: Decimal;
  readonly unit: string;
  readonly qualifier?: string;
  /** Fraction of the goods the term applies to (a measure's share; 1 for the base rate). */
  readonly share: Decimal;
}

export function specificText(a: Pick<SpecificAmount, "usd" | "unit" | "qualifier">): string {
  const unit = a.unit === "each" ? " each" : `/${a.unit}`;
  return `${formatUnitPrice(a.usd)}${unit}${a.qualifier ? ` ${a.qualifier}` : ""}`;
}

export function dutyFromComposition(input: DutyInput): Outcome<DutyResult> {
  const c = input.composition;
  const cv = input.customsValue;
  const explain = input.explain;

  // The base line: the table's expression, or the caller's ad valorem rate.
  let baseFraction: Decimal;
  let baseTerms: SpecificTerm[] = [];
  let baseRateText: string;
  if (input.baseOverride !== null) {
    baseFraction = input.baseOverride;
    baseRateText = `${formatPercent(baseFraction)} (given)`;
  } else {
    const expr = c.base.expr;
    if (expr === null) {
      const known = knownAdditional(c);
      const gaps =
        unknownLayers(c).length > 0
          ? ` known${unknownCaveats(c)
              .map((t) => `; ${t}`)
              .join("")}`
          : "";
      const extra = known === null ? "" : `; the additional duties are ${formatPercent(known)}${gaps}`;
      return notAvailable(
        `the base (MFN) rate of ${input.productDisplay} is not in this table (unknown, not zero): give it as base=X% in options${extra}`,
      );
    }
    if (expr.kind === "text")
      return notAvailable(`the base rate of ${input.productDisplay} is not a formula ("${expr.text}"): give it as base=X% in options`);
    baseFraction = c.baseFraction ?? ZERO;
    baseTerms =
      expr.kind === "specific" || expr.kind === "compound"
        ? expr.amounts.map((a) => ({ text: specificText(a), usd: a.usd, unit: a.unit, qualifier: a.qualifier, share: ONE }))
        : [];
    baseRateText = expr.text;
  }

  // A layer the table knows of but has no rate for: the duty is unknown unless the caller asked for the
  // known layers only, and then the detail says what was left out.
  const caveats = unknownCaveats(c);
  if (caveats.length > 0 && !input.knownLayers) {
    const known = knownAdditional(c);
    return notAvailable(
      `the duty of ${input.productDisplay} is not known in full: ${caveats.join("; ")}` +
        `${known === null ? "" : `; the known layers are base ${baseRateText} + ${formatPercent(known)}`}; give "known layers" in options for the known part only`,
    );
  }

  // Every specific term of the entry, to decide what a bare quantity means and what is missing.
  const layerTerms = new Map<Layer, SpecificTerm>();
  for (const layer of c.layers) {
    const f = layer.measure.formula;
    if (f.kind === "perUnit") layerTerms.set(layer, { text: specificText(f), usd: f.usd, unit: f.unit, share: layer.share });
  }
  const allTerms = [...baseTerms, ...layerTerms.values()];
  const units = new Set(allTerms.map((t) => canonicalUnit(t.unit) ?? t.unit));
  const quantities = new Map<SpecificTerm, Decimal>();
  const conversions: string[] = [];
  const missing: string[] = [];
  for (const term of allTerms) {
    const unit = canonicalUnit(term.unit) ?? term.unit;
    const match: QuantityMatch = quantityIn(input.quantities, unit, units);
    if (match.kind === "found") {
      quantities.set(term, match.amount);
      if (match.note) conversions.push(match.note);
    } else if (match.kind === "missing") {
      missing.push(`${term.text} (in ${unit})`);
    } else {
      return invalid(`quantity ${match.given} cannot be used for the specific duty ${term.text}: give it in ${unit}`);
    }
  }
  if (missing.length > 0) return notAvailable(`quantity needed for the specific duty ${missing.join(" and ")}`);

  const termAmount = (t: SpecificTerm) => quantities.get(t)!.times(t.usd).times(t.share);
  const termFormula = (t: SpecificTerm) =>
    `${formatQuantity(quantities.get(t)!)} ${canonicalUnit(t.unit) ?? t.unit} × ${formatUnitPrice(t.usd)}${t.share.equals(1) ? "" : ` × ${formatPercent(t.share)} of the goods`} = ${formatQuantity(termAmount(t))}`;

  const lines: DutyLine[] = [];
  let total = ZERO;

  // Base line.
  {
    const adValorem = cv.times(baseFraction);
    const raw = baseTerms.reduce((sum, t) => sum.plus(termAmount(t)), adValorem);
    const amount = roundCents(raw);
    total = total.plus(amount);
    if (explain) {
      const parts = [
        ...baseTerms.map(termFormula),
        ...(baseTerms.length === 0 || !baseFraction.isZero()
          ? [`${formatPercent(baseFraction)} × ${formatMoney(cv)} = ${formatQuantity(adValorem)}`]
          : []),
      ];
      const qualifiers = baseTerms.filter((t) => t.qualifier).map((t) => `quantity counted in ${t.unit} ${t.qualifier}`);
      lines.push({
        item: `Base rate (${input.baseOverride !== null ? "given in options" : input.baseAuthority})`,
        heading: input.productDisplay,
        rate: baseRateText,
        amount,
        formula: [parts.join(" + ") + (parts.length > 1 ? ` = ${formatQuantity(raw)}` : ""), ...conversions, ...qualifiers].join("; "),
        rounding: HALF_UP_CENT,
        source: input.baseOverride !== null ? "rate given by the caller" : input.baseSource,
      });
    }
  }

  // Layer lines.
  for (const layer of c.layers) {
    const m = layer.measure;
    const f = m.formula;
    let raw: Decimal;
    let formula = "";
    let rate: string;
    switch (f.kind) {
      case "add": {
        const fraction = layer.fraction!;
        raw = cv.times(fraction);
        rate = formatPercent(f.fraction);
        if (explain)
          formula = `${formatPercent(fraction)} × ${formatMoney(cv)} = ${formatQuantity(raw)}${layer.share.equals(1) ? "" : ` (${formatPercent(f.fraction)} on ${formatPercent(layer.share)} of value)`}`;
        break;
      }
      case "allIn": {
        // Re-derived when the caller replaced the base: the floor tops the base up to f.
        const fraction = input.baseOverride !== null ? Decimal.max(ZERO, f.fraction.minus(baseFraction)).times(layer.share) : layer.fraction;
        if (fraction === null) return notAvailable(`${m.heading} (all-in ${formatPercent(f.fraction)}) needs the base rate: give base=X% in options`);
        raw = cv.times(fraction);
        rate = `all-in ${formatPercent(f.fraction)}`;
        if (explain)
          formula = `max(0, ${formatPercent(f.fraction)} − base ${formatPercent(baseFraction)}) = ${formatPercent(fraction)}; × ${formatMoney(cv)} = ${formatQuantity(raw)}`;
        break;
      }
      case "perUnit": {
        const term = layerTerms.get(layer)!;
        raw = termAmount(term);
        rate = term.text;
        if (explain) formula = termFormula(term);
        break;
      }
      case "prohibited":
        return notAvailable(`entry prohibited: ${m.doc.title} (${m.heading})`);
      case "unknown":
        continue; // only reached with knownLayers: reported in caveats
    }
    const amount = roundCents(raw);
    total = total.plus(amount);
    if (explain) {
      const notes = layer.notes.filter((n) => !n.startsWith("specific duty"));
      lines.push({
        item: `${m.authority}: ${m.doc.title}`,
        heading: m.heading,
        rate,
        amount,
        formula: notes.length ? `${formula}; ${notes.join("; ")}` : formula,
        rounding: HALF_UP_CENT,
        source: [...m.doc.documents, ...m.doc.citations].join("; "),
      });
    }
  }
  return ok({ amount: total, lines, quantityUsed: allTerms.length > 0, ...(caveats.length > 0 ? { caveats } : {}) });
}

/** Duty from a rate the caller gives (duty=4%): the table is not consulted. */
export function dutyFromRate(customsValue: Decimal, fraction: Decimal, explain: boolean): DutyResult {
  const raw = customsValue.times(fraction);
  const amount = roundCents(raw);
  const lines: DutyLine[] = explain
    ? [
        {
          item: "Duty (rate given in options; the rate table is not consulted)",
          heading: "",
          rate: formatPercent(fraction),
          amount,
          formula: `${formatPercent(fraction)} × ${formatMoney(customsValue)} = ${formatQuantity(raw)}`,
          rounding: HALF_UP_CENT,
          source: "rate given by the caller",
        },
      ]
    : [];
  return { amount, lines, quantityUsed: false };
}
