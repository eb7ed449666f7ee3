import { parseRateExpression } from "./rateExpression";
import type { SpecialRate } from "../table/compiledTable";

/**
 * The Column 1 Special text of a line: rates followed by the programs (Special Program Indicators) that
 * get them, e.g. "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) 2.1% (JP)". Text outside that
 * pattern (a cross-reference such as "See 9822.06.10") grants nothing we can compute, so it is skipped.
 */
export function parseSpecialRates(text: string): SpecialRate[] {
  const out: SpecialRate[] = [];
  for (const m of text.matchAll(/([^()]+?)\s*\(([^()]*)\)/g)) {
    const expr = parseRateExpression(m[1]!.trim());
    if (expr.kind === "text") continue;
    const programs = new Set(
      m[2]!
        .split(",")
        .map((p) => p.trim())
        .filter((p) => /^[A-Z]{1,2}[+*]?$/.test(p)),
    );
    if (programs.size > 0) out.push({ expr, programs });
  }
  return out;
}
