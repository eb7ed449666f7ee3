import { lowerBound } from "./sortedSearch";

/*
 * The atom index range of an HTS prefix, found by integer comparisons.
 *
 * A measure's scope names prefixes (2 to 10 digits) and every atom (statistical line) that starts with one
 * is covered; atoms are sorted, so the covered ones are one contiguous range. Loading a release finds the
 * range of some 20 000 prefixes; comparing strings for that was a fifth of the load. Here each atom of
 * up to 10 digits has an integer key that sorts exactly as its text does: its digits padded with zeros to
 * 10, times 16, plus its length. (Where one text is a prefix of the other, the padded values are equal or
 * the shorter one's is smaller, and the length breaks the tie; elsewhere the first differing digit decides
 * both.) The atoms starting with prefix p of k digits are those with keys in
 * [pad(p) * 16 + k, (pad(p) + 10^(10 - k)) * 16). Keys stay below 2^38, exact in a double.
 * Atoms or prefixes that are not plain digits (none in a valid table) fall back to string search.
 */
const DIGITS = 10;
const POW10 = Array.from({ length: DIGITS + 1 }, (_, i) => 10 ** i);

export class PrefixIndex {
  /** The atoms' integer keys, or null when some atom is not 1 to 10 plain digits. */
  private readonly keys: Float64Array | null;

  constructor(private readonly atoms: readonly string[]) {
    const keys = new Float64Array(atoms.length);
    for (let i = 0; i < atoms.length; i++) {
      const key = keyOf(atoms[i]!);
      if (key < 0) {
        this.keys = null;
        return;
      }
      keys[i] = key;
    }
    this.keys = keys;
  }

  /**
   * [start, end) of the atoms starting with `prefix`; start === end when there are none. `after` is a
   * position the start is known not to precede (the start of an earlier prefix in sorted order), or 0: the
   * search then gallops forward from it, since sorted prefixes mostly land a few atoms apart.
   */
  range(prefix: string, after = 0): [number, number] {
    const padded = this.keys === null ? -1 : padded10(prefix);
    if (padded < 0) return [lowerBound(this.atoms, prefix), lowerBound(this.atoms, prefix + "\uffff")];
    const keys = this.keys!;
    const start = lowerBoundFrom(keys, padded * 16 + prefix.length, after);
    const end = lowerBoundFrom(keys, (padded + POW10[DIGITS - prefix.length]!) * 16, start);
    return [start, end];
  }
}

/**
 * The merged ranges of the atoms starting with any of `prefixes`, sorted, in one pass when the prefixes
 * come in order (product lists are sorted); null when they do not, for the caller to sort and merge.
 */
export function orderedRanges(index: PrefixIndex, prefixes: readonly string[]): [number, number][] | null {
  const out: [number, number][] = [];
  let last: [number, number] | null = null;
  let after = 0;
  for (const p of prefixes) {
    const [start, end] = index.range(p, after);
    after = start;
    if (end <= start) continue;
    if (last !== null && start < last[0]) return null;
    if (last !== null && start <= last[1]) {
      if (end > last[1]) last[1] = end;
    } else {
      last = [start, end];
      out.push(last);
    }
  }
  return out;
}

/** The key of an atom (see above), or -1 when it is not 1 to 10 plain digits. */
function keyOf(atom: string): number {
  const padded = padded10(atom);
  return padded < 0 || atom.length === 0 ? -1 : padded * 16 + atom.length;
}

/** The digits as a number padded with zeros to 10 digits, or -1 when not at most 10 plain digits. */
function padded10(text: string): number {
  const n = text.length;
  if (n > DIGITS) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value * POW10[DIGITS - n]!;
}

/**
 * The first position at or after `from` whose key is not below `key`, galloping (1, 2, 4… ahead) before the
 * binary search. Where `from` is not a valid bound (the key before it is not below `key`), the whole array
 * is searched, so a wrong hint costs time, never a wrong range.
 */
function lowerBoundFrom(sorted: Float64Array, key: number, from: number): number {
  if (from <= 0 || from > sorted.length || !(sorted[from - 1]! < key)) return lowerBoundNumber(sorted, key, 0, sorted.length);
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < sorted.length && sorted[hi]! < key) {
    lo = hi + 1;
    hi = from + step;
    step *= 2;
  }
  return lowerBoundNumber(sorted, key, lo, Math.min(hi, sorted.length));
}

function lowerBoundNumber(sorted: Float64Array, key: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
