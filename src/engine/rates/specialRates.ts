import { parseRateExpression } from "./rateExpression";
import type { SpecialRate } from "../table/compiledTable";

/**
 * The Column 1 Special text of a line: rates followed by the programs (Special Program Indicators) that
 * get them, e.g. "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) 2.1% (JP)". Text outside that
 * pattern (a cross-reference such as "See 9822.06.10") grants nothing we can compute, so it is skipped.
 */
export function parseSpecialRates(text: string): SpecialRate[] {
  const out: SpecialRate[] = [];
  for (const [rate, list] of rateGroups(text)) {
    const expr = parseRateExpression(rate.trim());
    if (expr.kind === "text") continue;
    const programs = new Set(
      list
        .split(",")
        .map((p) => p.trim())
        .filter((p) => /^[A-Z]{1,2}[+*]?$/.test(p)),
    );
    if (programs.size > 0) out.push({ expr, programs });
  }
  return out;
}

/**
 * The "rate (programs)" groups of a Special text: what `/([^()]+?)\s*\(([^()]*)\)/g` matches, found in
 * one pass. The regex itself backtracks from every position of a text without a matching ")", which is
 * quadratic: a release of 2 000-character Special texts would take minutes to load. Release files are
 * untrusted, so this is linear.
 */
export function rateGroups(text: string): [string, string][] {
  const groups: [string, string][] = [];
  // `runStart`: where the current run of characters other than ( and ) began.
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ")") {
      runStart = i + 1;
    } else if (ch === "(") {
      const close = nextParen(text, i + 1);
      if (i > runStart && close !== -1 && text[close] === ")") {
        groups.push([text.slice(runStart, i), text.slice(i + 1, close)]);
        i = close;
      }
      runStart = i + 1;
    }
  }
  return groups;
}

function nextParen(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === "(" || text[i] === ")") return i;
  return -1;
}
