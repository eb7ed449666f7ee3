/** The first index of `sorted` whose string is not below `key` (sorted.length when none). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The index of the segment `x` falls in: the last index of `starts` (ascending, starts[0] <= x) whose value
 * is at most `x`. Segment starts are how the lookup keeps anything that changes on dates or along the
 * atom order (timelines, view sums, candidate runs).
 */
export function segmentIndex(starts: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
