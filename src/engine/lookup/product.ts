import { formatHts, parseHtsCode } from "../hts";
import { ImporterIndex, RateTable, Sector } from "../table/compiledTable";
import { lowerBound, normalizeSectorKey } from "../table/loadTable";
import { Outcome, invalid, notAvailable, ok } from "./outcome";
import { clip } from "../util/clip";

/** What a product argument resolved to: a run of statistical lines, or (open schedules) a code as given. */
export interface ProductRef {
  readonly digits: string;
  readonly display: string;
  /** [start, end) into the importer's atoms; empty for open schedules. */
  readonly atoms: readonly [number, number];
  readonly sector: Sector | null;
}

/** Accepts an HTS code (text or number, dots optional, 2–10 digits) or a sector keyword from the table. */
export function resolveProduct(table: RateTable, importer: ImporterIndex, input: string | number): Outcome<ProductRef> {
  let sector: Sector | null = null;
  let code: string | number = input;
  // Only words are keywords; text mixing digits and letters ("95O3") is a mistyped code, not a sector.
  if (typeof input === "string" && /^\s*[a-z][a-z .&'_-]*$/i.test(input)) {
    sector = table.sectors.get(`${importer.code}|${normalizeSectorKey(input)}`) ?? null;
    if (!sector) {
      const known = [...new Set([...table.sectors.values()].filter((s) => s.importer === importer.code).map((s) => s.keyword))];
      return notAvailable(`unknown sector "${clip(input)}": use an HTS code or one of ${known.join(", ")}`);
    }
    code = sector.line;
  }
  const parsed = parseHtsCode(code);
  if (!parsed.ok) return invalid(parsed.reason);
  const digits = parsed.digits;
  if (importer.lineMode === "open") return ok({ digits, display: formatHts(digits), atoms: [0, 0], sector });
  const start = lowerBound(importer.atoms, digits);
  const end = lowerBound(importer.atoms, digits + "\uffff");
  if (start === end) {
    if (importer.linesName !== undefined) return notAvailable(`${formatHts(digits)} is not a line of ${importer.linesName}`);
    return notAvailable(`HTS ${formatHts(digits)} is not a line of the ${importer.name} schedule (${shortSource(importer.baseSource)})`);
  }
  return ok({ digits, display: formatHts(digits), atoms: [start, end], sector });
}

/**
 * The schedule's edition for an error message: the base source up to its first comma or parenthesis
 * ("USITC HTS 2026 Revision 10"). The whole provenance is long and belongs in BREAKDOWN's base row,
 * not in every "not a line" error.
 */
function shortSource(baseSource: string): string {
  const cut = baseSource.search(/[,(;:]/);
  return clip((cut === -1 ? baseSource : baseSource.slice(0, cut)).trim(), 60);
}
