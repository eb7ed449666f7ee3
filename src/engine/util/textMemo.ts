import { detached } from "./detached";

/**
 * A pure function of short text, remembered: a CSV column repeats the same few hundred dates, modes and
 * quantities down a million rows, and reading each again (regular expressions, Decimal) cost more than the
 * row's duty. Only short texts are kept, and at most `max` of them: past it the memory starts over, which
 * changes no answer, since `read` gives the same result for the same text. Results are shared between
 * callers, so they must be treated as immutable (they are: readonly types throughout).
 */
export function textMemo<T>(read: (text: string) => T, max = 20_000, longest = 64): (text: string) => T {
  let kept = new Map<string, T>();
  return (text) => {
    const hit = kept.get(text);
    if (hit !== undefined) return hit;
    const result = read(text);
    if (text.length <= longest) {
      if (kept.size >= max) kept = new Map();
      kept.set(detached(text), result);
    }
    return result;
  };
}
