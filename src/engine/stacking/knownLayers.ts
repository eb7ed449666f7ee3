import Decimal from "decimal.js";
import { Composition, Layer } from "./compose";

/**
 * A layer of rate `unknown` is a gap the table states as data (China's 2018-19 retaliation lists: the
 * lines and rates are not in the inputs, but the duty exists). It makes the total unknown. A caller may
 * ask explicitly for the known layers ("known layers"): the base plus every layer whose rate is known,
 * which is a lower bound, always shown with the caveat of what it leaves out.
 */
export function unknownLayers(c: Composition): Layer[] {
  return c.layers.filter((l) => l.measure.formula.kind === "unknown");
}

/** The sum of the layers whose rate is known; null if any other layer is not computable. */
export function knownAdditional(c: Composition): Decimal | null {
  let sum = new Decimal(0);
  for (const l of c.layers) {
    if (l.measure.formula.kind === "unknown") continue;
    if (l.fraction === null) return null;
    sum = sum.plus(l.fraction);
  }
  return sum;
}

/** Base plus the known layers; null when the base itself is unknown or another layer is not computable. */
export function knownTotal(c: Composition): Decimal | null {
  const additional = knownAdditional(c);
  return c.baseFraction === null || additional === null ? null : c.baseFraction.plus(additional);
}

/** What the known-layers total leaves out, one phrase per unknown layer. */
export function unknownCaveats(c: Composition): string[] {
  return unknownLayers(c).map((l) => {
    const f = l.measure.formula;
    return `${f.kind === "unknown" ? f.text : "rate unknown"} (${l.measure.heading}; ${l.measure.doc.citations.join("; ")})`;
  });
}

const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(4).toString()}%`;

/**
 * Why a composition has no total, with the parts that are known: "base 3% + 10% known; lines on China's
 * 2018-19 lists pay 5-25% more". Used by TARIFF's #N/A message and the CLI.
 */
export function noTotalReason(c: Composition): string {
  const gaps = unknownLayers(c);
  const baseText = c.base.expr === null ? null : c.base.expr.text;
  const known = knownAdditional(c);
  if (gaps.length === 0) {
    const why = c.notes[0] ?? "the base rate is unknown";
    return `${why}${c.additional === null ? "" : `; additional duties ${c.additional.times(100).toString()}%`}`;
  }
  const what = gaps.map((l) => (l.measure.formula.kind === "unknown" ? l.measure.formula.text : l.measure.id)).join("; ");
  const head =
    c.baseFraction !== null && known !== null
      ? `base ${baseText} + ${pct(known)} known`
      : c.base.expr === null
        ? `base unknown (${c.notes[0] ?? "not in this table"})${known === null ? "" : `; additional duties ${pct(known)} known`}`
        : `base ${baseText} (not an ad valorem rate)${known === null ? "" : `; additional duties ${pct(known)} known`}`;
  return `${head}; ${what}`;
}
