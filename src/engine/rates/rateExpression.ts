import Decimal from "decimal.js";

/**
 * A Column 1 rate as the HTS writes it, in structured form.
 *
 * The General column mixes five shapes: "Free", an ad valorem percentage, a specific amount per unit,
 * a compound of both, and prose that no formula captures ("The rate applicable to the natural juice in
 * heading 2009"). Prose is kept verbatim so that nobody mistakes it for zero.
 */
export type RateExpr =
  | { readonly kind: "free"; readonly text: string }
  | { readonly kind: "adValorem"; readonly text: string; readonly fraction: Decimal }
  | { readonly kind: "specific"; readonly text: string; readonly amounts: readonly SpecificAmount[] }
  | { readonly kind: "compound"; readonly text: string; readonly fraction: Decimal; readonly amounts: readonly SpecificAmount[] }
  | { readonly kind: "text"; readonly text: string };

export type RateForm = RateExpr["kind"];

/** US dollars per unit; `qualifier` says what quantity is measured ("on drained weight", "of total sugars"). */
export interface SpecificAmount {
  readonly usd: Decimal;
  readonly unit: string;
  readonly qualifier?: string;
}

const PERCENT = /^(\d+(?:\.\d+)?)%$/;
// 46.3¢/kg, $1.104/kg, 0.9¢ each, 90¢/pr., 23.7¢/pf.liter, 18.7¢/clean kg, 3.7¢/kg on drained weight
const SPECIFIC = /^(\$)?(\d+(?:\.\d+)?)(¢)?\s*(?:\/\s*([a-z0-9. ]+?)|\s+(each))(?:\s+((?:on|of)\s.+))?$/i;

// A Map, not an object literal: a unit read from a table ("5¢/constructor") must never find Object.prototype.
const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["pf. liter", "pf.liter"],
  ["clean kg", "clean kg"],
]);

export function parseRateExpression(raw: string): RateExpr {
  const text = raw.replace(/\s+/g, " ").trim();
  if (/^free$/i.test(text)) return { kind: "free", text };
  const terms = text.split(/\s*\+\s*/);
  let fraction: Decimal | null = null;
  const amounts: SpecificAmount[] = [];
  for (const term of terms) {
    const pct = PERCENT.exec(term);
    if (pct) {
      if (fraction !== null) return { kind: "text", text }; // two ad valorem parts apply to different bases
      fraction = new Decimal(pct[1]!).div(100);
      continue;
    }
    const spec = SPECIFIC.exec(term);
    if (!spec) return { kind: "text", text };
    const [, dollar, amount, cent, perUnit, each, qualifier] = spec;
    if (Boolean(dollar) === Boolean(cent)) return { kind: "text", text };
    const usd = cent ? new Decimal(amount!).div(100) : new Decimal(amount!);
    const unitText = (perUnit ?? each!).trim().toLowerCase();
    const unit = UNIT_ALIASES.get(unitText) ?? unitText;
    amounts.push(qualifier ? { usd, unit, qualifier: qualifier.trim() } : { usd, unit });
  }
  if (fraction !== null && amounts.length === 0) return { kind: "adValorem", text, fraction };
  if (fraction === null) return { kind: "specific", text, amounts };
  return { kind: "compound", text, fraction, amounts };
}

/** The ad valorem part of a rate as a fraction: 0 for Free and purely specific rates, null for prose. */
export function adValoremPart(expr: RateExpr): Decimal | null {
  switch (expr.kind) {
    case "free":
    case "specific":
      return new Decimal(0);
    case "adValorem":
    case "compound":
      return expr.fraction;
    case "text":
      return null;
  }
}

export function hasSpecificPart(expr: RateExpr): boolean {
  return expr.kind === "specific" || expr.kind === "compound";
}
