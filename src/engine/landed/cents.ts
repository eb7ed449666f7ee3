import Decimal from "decimal.js";

/*
 * Exact money in integer cents on plain numbers, for the batch fast path (landedTotals.ts): no Decimal
 * objects, no garbage. Every operation here is exact or returns null, and a null sends the row to the
 * Decimal path, which gives the same cents by construction.
 *
 * The boundary: a number is exact while it is a safe integer (|n| ≤ 2^53 − 1 = 9,007,199,254,740,991).
 * A rate is kept as n / 10^k (n a safe integer, k ≤ 15 decimals); cents × n must stay safe, so a 25%
 * rate (n = 25) is exact up to 3.6e14 cents, beyond MAX_AMOUNT, while a rate written with 12 decimals
 * (n ≈ 3e11) is exact only up to about $300: those rows are computed with Decimal instead.
 */

/** A non-negative rate fraction as an integer over a power of ten: 0.003464 → { n: 3464, k: 6 }. */
export interface ScaledRate {
  readonly n: number;
  readonly k: number;
  /** 10^k, exact (k ≤ 15). */
  readonly scale: number;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** The rate as n / 10^k, or null when it cannot be (negative, more than 15 decimals, n not safe). */
export function scaledRate(fraction: Decimal): ScaledRate | null {
  if (fraction.isNegative() || !fraction.isFinite()) return null;
  const k = fraction.decimalPlaces();
  if (k > 15) return null;
  const n = fraction.times(POW10[k]!).toNumber();
  if (!Number.isSafeInteger(n)) return null;
  return { n, k, scale: POW10[k]! };
}

/** floor(p / d) for safe non-negative integers, corrected by its remainder (a float quotient can be 1 off). */
function floorDiv(p: number, d: number): { q: number; r: number } {
  let q = Math.floor(p / d);
  let r = p - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return { q, r };
}

/**
 * cents × rate, rounded half-up to the cent (the law's rounding, money.ts roundCents), or null when the
 * product is not a safe integer. Non-negative inputs only.
 */
export function timesRateHalfUp(cents: number, rate: ScaledRate): number | null {
  const p = cents * rate.n;
  if (!Number.isSafeInteger(p)) return null;
  if (rate.k === 0) return p;
  const { q, r } = floorDiv(p, rate.scale);
  return 2 * r >= rate.scale ? q + 1 : q;
}

/** Compares cents × rate (unrounded) with `limit` cents: −1, 0 or 1; null when not exact. */
export function compareTimesRate(cents: number, rate: ScaledRate, limitCents: number): -1 | 0 | 1 | null {
  const p = cents * rate.n;
  const l = limitCents * rate.scale;
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(l)) return null;
  return p < l ? -1 : p > l ? 1 : 0;
}

/** An amount with at most two decimals, as cents; null when it has more or is not a safe amount. */
export function centsOf(amount: Decimal): number | null {
  // Read off decimal.js's documented representation (d: base-10^7 words, the first with 1 to 7 digits;
  // e: the decimal exponent of the first digit; s: the sign): amount × 100 = Σ d[i] × 10^(e − k + 3 − 7i),
  // k the first word's digit count. toNumber() would format and parse a string, a microsecond a row.
  const d = amount.d as readonly number[] | null;
  if (d === null || amount.s < 0) return null;
  const first = d[0]!;
  const k = first < 10 ? 1 : first < 100 ? 2 : first < 1e3 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7;
  let cents = 0;
  for (let i = 0; i < d.length; i++) {
    const p = amount.e - k + 3 - 7 * i;
    const word = d[i]!;
    if (p >= 0) {
      if (p > 15) return null;
      cents += word * POW10[p]!;
    } else {
      // A word past the cent: it must be zeros there (more than two decimals go to the Decimal path).
      if (p < -7 || word % POW10[-p]! !== 0) return null;
      cents += word / POW10[-p]!;
    }
  }
  return Number.isSafeInteger(cents) && cents < 2 ** 52 ? cents : null;
}

/** 1234567 → "12345.67", -5 → "-0.05": the text toFixed(2) gives for the same amount. */
export function centsText(cents: number): string {
  const negative = cents < 0;
  const a = negative ? -cents : cents;
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  return `${negative ? "-" : ""}${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

/** Cents back to a Decimal (exact). */
export function decimalOfCents(cents: number): Decimal {
  return new Decimal(cents).div(100);
}

/**
 * The cents of an amount written as plain text with at most two decimals and at most 13 integer digits
 * ("1234.5", "0.07", "0012.50"): the cents `centsOf(parseAmount(text))` gives, read off the characters with
 * no Decimal. Anything else (a thousands separator, an exponent, a third decimal, a sign, a space, a
 * trailing dot, more digits) is null, and the caller reads the text the general way (parseAmount), which
 * also words its errors. 13 digits keep the cents below 10^15, so every step is an exact integer. A batch
 * reads three amounts a row: parsing them into Decimals was 9 % of the CPU of the bench's 1M rows
 * (`node --cpu-prof`, readMoney, 2026-12-04).
 */
export function centsOfText(text: string): number | null {
  const n = text.length;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === 0 || i > 13) return null;
  if (i === n) return whole * 100;
  if (text.charCodeAt(i) !== 46 /* . */ || n - i < 2 || n - i > 3) return null;
  const d1 = text.charCodeAt(i + 1) - 48;
  const d2 = n - i === 3 ? text.charCodeAt(i + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  return whole * 100 + d1 * 10 + d2;
}
