import Decimal from "decimal.js";

/**
 * Money in the landed-cost engine: decimal.js values end to end. A binary float appears only when an
 * adapter hands the final figure to Excel (`toNumber()` of an amount already rounded to the cent).
 *
 * The one rounding rule used anywhere: to the cent (or fen, or penny), half up, i.e. 0.005 → 0.01.
 * Where a line rounds differently, or at a different moment, its module says so beside it.
 */
export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

export const HALF_UP_CENT = "half-up to the cent";

export function roundCents(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** 12345.6 → "12,345.60": two decimals, comma thousands, as an analyst reads an entry summary. */
export function formatMoney(amount: Decimal): string {
  const fixed = amount.toFixed(2, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith("-");
  const [whole, cents] = (negative ? fixed.slice(1) : fixed).split(".") as [string, string];
  return `${negative ? "-" : ""}${groupThousands(whole)}.${cents}`;
}

/** "1234567" → "1,234,567", in linear time (a lookahead regex is quadratic on hostile 100 000-digit input). */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
  return out;
}

/** 0.003464 → "0.3464%"; 0.25 → "25%". */
export function formatPercent(fraction: Decimal): string {
  return `${fraction.times(HUNDRED).toDecimalPlaces(6).toFixed()}%`;
}

/** A plain number as text without exponent: 20000 → "20,000", 0.5 → "0.5". */
export function formatQuantity(amount: Decimal): string {
  const [whole, frac] = amount.toFixed().split(".") as [string, string | undefined];
  const grouped = groupThousands(whole);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** US dollars per unit as the HTS writes them: 0.044 → "4.4¢", 1.104 → "$1.104". */
export function formatUnitPrice(usd: Decimal): string {
  return usd.lessThan(ONE) ? `${usd.times(HUNDRED).toFixed()}¢` : `$${usd.toFixed()}`;
}

const DECIMAL_TEXT = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_TEXT = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * A non-negative amount written as text: "1234.5", "1,234.50", "1e5". Anything else (a currency sign,
 * a comma decimal, a minus sign) is null: the caller says why it cannot be read.
 */
export function parseAmount(text: string): Decimal | null {
  const t = text.trim();
  if (DECIMAL_TEXT.test(t)) return new Decimal(t);
  if (GROUPED_TEXT.test(t)) return new Decimal(t.replace(/,/g, ""));
  return null;
}

/**
 * A number as Excel passes it (a binary double) to a Decimal, through its shortest round-trip decimal
 * text: the value the analyst typed (0.1 stays 0.1), never the binary expansion 0.1000000000000000055….
 */
export function decimalFromNumber(n: number): Decimal {
  return new Decimal(String(n));
}
