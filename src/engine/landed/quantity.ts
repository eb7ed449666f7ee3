import Decimal from "decimal.js";
import { textMemo } from "../util/textMemo";
import { Outcome, invalid, ok } from "../lookup/outcome";
import { clip } from "../util/clip";
import { formatQuantity, parseAmount } from "./money";

/**
 * The quantity a specific duty is charged on (4.4¢/kg, 3¢ each, $1.20/doz.).
 *
 * A quantity is a number in the unit of the specific rate, or text naming its unit ("100 kg",
 * "20,000 each"), or several for rates with more than one unit ("10 each; 170 jewel"). Units are the
 * HTS's own, with the common spellings analysts type; conversions are kept to exact factors within one
 * dimension (g/kg/t/lb, ml/liter/m3, each/doz./gross/thousand). A unit the rate does not use and cannot
 * be converted into is an error, never a guess.
 */
export interface Quantity {
  readonly amount: Decimal;
  /** Canonical unit, or null for a bare number: "in the unit of the specific rate". */
  readonly unit: string | null;
}

interface UnitInfo {
  readonly dimension: string;
  /** How many of the dimension's base unit one of this unit is. */
  readonly factor: Decimal;
}

const UNITS: Readonly<Record<string, UnitInfo>> = {
  kg: { dimension: "mass", factor: new Decimal(1) },
  g: { dimension: "mass", factor: new Decimal("0.001") },
  t: { dimension: "mass", factor: new Decimal(1000) },
  lb: { dimension: "mass", factor: new Decimal("0.45359237") }, // exact: the international pound
  liter: { dimension: "volume", factor: new Decimal(1) },
  ml: { dimension: "volume", factor: new Decimal("0.001") },
  m3: { dimension: "volume", factor: new Decimal(1000) },
  each: { dimension: "count", factor: new Decimal(1) },
  // Watts of rated power: the unit of the Section 232 polysilicon price floors for cells and modules.
  W: { dimension: "power", factor: new Decimal(1) },
  kW: { dimension: "power", factor: new Decimal(1000) },
  MW: { dimension: "power", factor: new Decimal(1000000) },
  "doz.": { dimension: "count", factor: new Decimal(12) },
  gross: { dimension: "count", factor: new Decimal(144) },
  thousand: { dimension: "count", factor: new Decimal(1000) },
};

const ALIASES: Readonly<Record<string, string>> = {
  kg: "kg",
  kgs: "kg",
  kilo: "kg",
  kilos: "kg",
  kilogram: "kg",
  kilograms: "kg",
  g: "g",
  gram: "g",
  grams: "g",
  t: "t",
  tonne: "t",
  tonnes: "t",
  "metric ton": "t",
  "metric tons": "t",
  lb: "lb",
  lbs: "lb",
  pound: "lb",
  pounds: "lb",
  l: "liter",
  liter: "liter",
  liters: "liter",
  litre: "liter",
  litres: "liter",
  ltr: "liter",
  ml: "ml",
  m3: "m3",
  "m³": "m3",
  cbm: "m3",
  m2: "m2",
  "m²": "m2",
  sqm: "m2",
  each: "each",
  ea: "each",
  pc: "each",
  pcs: "each",
  piece: "each",
  pieces: "each",
  unit: "each",
  units: "each",
  no: "each",
  "no.": "each",
  article: "each",
  articles: "each",
  item: "each",
  items: "each",
  doz: "doz.",
  "doz.": "doz.",
  dozen: "doz.",
  dozens: "doz.",
  gross: "gross",
  "1000": "thousand",
  thousand: "thousand",
  pr: "pr.",
  "pr.": "pr.",
  pair: "pr.",
  pairs: "pr.",
  prs: "pr.",
  bbl: "bbl",
  barrel: "bbl",
  barrels: "bbl",
  head: "head",
  jewel: "jewel",
  jewels: "jewel",
  "pf.liter": "pf.liter",
  "pf. liter": "pf.liter",
  "proof liter": "pf.liter",
  "proof liters": "pf.liter",
  pfl: "pf.liter",
  "clean kg": "clean kg",
  w: "W",
  watt: "W",
  watts: "W",
  wp: "W",
  kw: "kW",
  kilowatt: "kW",
  kilowatts: "kW",
  kwp: "kW",
  mw: "MW",
  megawatt: "MW",
  megawatts: "MW",
};

/** The canonical form of a unit as the HTS or an analyst writes it; null when unknown. */
export function canonicalUnit(text: string): string | null {
  const key = text.trim().toLowerCase().replace(/\s+/g, " ");
  // Own keys only: "constructor" is not a unit.
  return Object.prototype.hasOwnProperty.call(ALIASES, key) ? ALIASES[key]! : null;
}

const QUANTITY_TERM = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(.*)$/;

/** Reads "100", "100 kg", "20,000 each", "10 each; 170 jewel". Quantities must be positive. */
export function parseQuantity(input: string | number): Outcome<readonly Quantity[]> {
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input <= 0) return invalid(`quantity ${input} must be a positive number`);
    return ok([{ amount: new Decimal(String(input)), unit: null }]);
  }
  return quantityText(input);
}

/** A batch's quantity column repeats its texts: each is read once (the answers are immutable). */
const quantityText = textMemo(readQuantityText);

function readQuantityText(input: string): Outcome<readonly Quantity[]> {
  const terms = input
    .split(";")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (terms.length === 0) return invalid("quantity is empty");
  const out: Quantity[] = [];
  for (const term of terms) {
    const m = QUANTITY_TERM.exec(term);
    const amount = m ? parseAmount(m[1]!) : null;
    if (!m || amount === null) return invalid(`quantity "${clip(term, 30)}" is not a number with an optional unit, such as 100 kg or 20000 each`);
    if (amount.isZero()) return invalid(`quantity "${clip(term, 30)}" must be positive`);
    const unitText = m[2]!.trim();
    if (unitText === "") {
      out.push({ amount, unit: null });
      continue;
    }
    const unit = canonicalUnit(unitText);
    if (unit === null) return invalid(`unknown unit "${clip(unitText, 20)}" in quantity: use kg, g, t, lb, liter, each, doz., pr., m2, m3, bbl, …`);
    if (out.some((q) => q.unit === unit)) return invalid(`quantity gives ${unit} twice`);
    out.push({ amount, unit });
  }
  if (out.length > 1 && out.some((q) => q.unit === null)) {
    return invalid("a quantity with several terms needs a unit on each, such as 10 each; 170 jewel");
  }
  return ok(out);
}

export function describeQuantity(q: Quantity): string {
  return q.unit === null ? formatQuantity(q.amount) : `${formatQuantity(q.amount)} ${q.unit}`;
}

export type QuantityMatch =
  | { readonly kind: "found"; readonly amount: Decimal; readonly note: string | null }
  | { readonly kind: "missing" }
  | { readonly kind: "mismatch"; readonly given: string };

/**
 * The quantity in `unit` (a rate's unit, canonical). `rateUnits` are all the units of the specific
 * parts being charged: a bare number only answers when they are all one unit.
 */
export function quantityIn(quantities: readonly Quantity[] | null, unit: string, rateUnits: ReadonlySet<string>): QuantityMatch {
  if (quantities === null || quantities.length === 0) return { kind: "missing" };
  const exact = quantities.find((q) => q.unit === unit);
  if (exact) return { kind: "found", amount: exact.amount, note: null };
  const bare = quantities.find((q) => q.unit === null);
  if (bare) return rateUnits.size === 1 ? { kind: "found", amount: bare.amount, note: null } : { kind: "missing" };
  const target = UNITS[unit];
  if (target) {
    for (const q of quantities) {
      const from = UNITS[q.unit!];
      if (from && from.dimension === target.dimension) {
        const amount = q.amount.times(from.factor).div(target.factor);
        return { kind: "found", amount, note: `${describeQuantity(q)} = ${formatQuantity(amount.toDecimalPlaces(6))} ${unit}` };
      }
    }
  }
  // Every given quantity is for another unit of the rate: this unit is just not given.
  if (quantities.every((q) => q.unit !== null && rateUnits.has(q.unit))) return { kind: "missing" };
  return { kind: "mismatch", given: quantities.map(describeQuantity).join("; ") };
}
