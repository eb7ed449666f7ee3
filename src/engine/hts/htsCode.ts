import { clip } from "../util/clip";

/**
 * HTS codes as users type them, and as Excel mangles them.
 *
 * A code is 2, 4, 6, 8 or 10 digits (chapter, heading, subheading, tariff line, statistical suffix).
 * Excel turns the text `0901210020` into the number 901210020 and `8471.30` into 8471.3, so a number, or
 * digit text of odd length, has lost zeros that we can put back: a leading zero on the chapter (every
 * chapter is two digits) and a trailing zero on a two-digit group after a dot.
 */
export type HtsDigits = string & { readonly __brand: "HtsDigits" };

export type HtsParse = { ok: true; digits: HtsDigits } | { ok: false; reason: string };

const VALID_LENGTHS = new Set([2, 4, 6, 8, 10]);

export function parseHtsCode(input: string | number): HtsParse {
  if (typeof input === "number") return parseHtsNumber(input);
  const text = input.trim();
  if (text === "") return { ok: false, reason: "the HTS code is empty" };
  if (!/^[0-9. ]+$/.test(text)) {
    return { ok: false, reason: `"${clip(text)}" is not an HTS code: use digits, optionally with dots (e.g. 8471.30.01)` };
  }
  const groups = text.split(/[. ]+/).filter((g) => g !== "");
  if (groups.length === 1) return finish(groups[0]!, text);
  // With dots the grouping is explicit: a heading of up to 4 digits, then pairs. The last group may be a
  // single digit that lost its trailing zero (8471.3) or a run of four (8471.30.0100).
  const [head, ...rest] = groups as [string, ...string[]];
  const last = rest.length - 1;
  const pairsOk = rest.every((g, i) => g.length === 2 || (i === last && (g.length === 1 || g.length === 4)));
  if (head.length > 4 || !pairsOk) return malformed(text);
  const digits = padStart(head, head.length <= 2 ? 2 : 4) + rest.map((g) => (g.length === 1 ? g + "0" : g)).join("");
  return finish(digits, text);
}

function parseHtsNumber(value: number): HtsParse {
  if (!Number.isFinite(value) || value <= 0) return { ok: false, reason: `${value} is not an HTS code` };
  const text = String(value);
  if (/e/i.test(text)) return { ok: false, reason: value < 1 ? `${value} is not an HTS code` : `${value} is too large to be an HTS code` };
  const [whole, fraction] = text.split(".") as [string, string | undefined];
  if (fraction === undefined) return finish(whole, text);
  // 8471.3 was typed as 8471.30; 901.21 as 0901.21.
  if (whole.length > 4 || fraction.length > 6) return malformed(text);
  const head = padStart(whole, whole.length <= 2 ? 2 : 4);
  const tail = fraction.length % 2 === 1 ? fraction + "0" : fraction;
  return finish(head + tail, text);
}

function restoreLeadingZero(digits: string): string {
  return digits.length % 2 === 1 ? "0" + digits : digits;
}

function finish(digits: string, original: string): HtsParse {
  const restored = restoreLeadingZero(digits);
  if (!VALID_LENGTHS.has(restored.length)) {
    return { ok: false, reason: `"${clip(original)}" has ${digits.length} digits; an HTS code has 2 to 10` };
  }
  if (restored.startsWith("00")) return { ok: false, reason: `"${clip(original)}" is not an HTS code: there is no chapter 00` };
  return { ok: true, digits: restored as HtsDigits };
}

function malformed(text: string): HtsParse {
  return { ok: false, reason: `"${clip(text)}" is not an HTS code: expected the form 8471.30.01.00` };
}

function padStart(s: string, width: number): string {
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

/** `0901210020` → `0901.21.00.20`; `8471` → `8471`; `09` → `09`. */
export function formatHts(digits: string): string {
  if (digits.length <= 4) return digits;
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join(".");
}
