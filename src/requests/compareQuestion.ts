import { CompareRequest, RateTable, isoFromDay } from "../engine";
import { readDate, readImporter, readMoney, readProduct } from "./arguments";
import { readOptions } from "./options";
import { Read, describe, fail, isEmpty, value } from "./read";

/**
 * The arguments of DUTY.COMPARE and `dutydesk compare`: the one place they become a comparison request.
 * Read in a fixed order (options, importer, sector, origins, date, value), like every rate question.
 */
export interface CompareArguments {
  readonly sector: unknown;
  /** A range of cells (each one origin, or a comma list) or one text "CN, VN, MX". */
  readonly origins: unknown;
  readonly date?: unknown;
  readonly value?: unknown;
  readonly importer?: unknown;
  readonly options?: unknown;
}

/** The longest list compared: a row per origin, and every ISO country fits. */
export const MAX_ORIGINS = 250;

export function compareQuestion(args: CompareArguments, table: RateTable, now: Date): Read<CompareRequest> {
  const opts = readOptions(args.options ?? null, table);
  if (!opts.ok) return opts;
  const importer = readImporter(args.importer ?? null);
  if (!importer.ok) return importer;
  const product = readProduct(args.sector);
  if (!product.ok) return product;
  const origins = readOrigins(args.origins);
  if (!origins.ok) return origins;
  const day = readDate(args.date ?? null, now);
  if (!day.ok) return day;
  const v = readMoney(args.value ?? null, "value", false);
  if (!v.ok) return v;
  const o = opts.value;
  if (o.loaded !== null && o.loaded > day.value) {
    return fail(`loaded=${isoFromDay(o.loaded)} is after the entry date ${isoFromDay(day.value)}: goods are loaded before they are entered`);
  }
  return value({
    importer: importer.value,
    product: product.value,
    day: day.value,
    origins: origins.value,
    basis: o.basis,
    claims: o.claims,
    loaded: o.loaded,
    content: o.content,
    choice: o.choice,
    value: v.value,
  });
}

/** Origins from a range (empty cells skipped) or a list separated by commas or semicolons. */
export function readOrigins(v: unknown): Read<string[]> {
  const cells: unknown[] = Array.isArray(v) ? (v as unknown[]).flat(2) : [v];
  const out: string[] = [];
  for (const cell of cells) {
    if (isEmpty(cell)) continue;
    if (typeof cell !== "string") return fail(`origins must be country codes or names, not ${describe(cell)}`);
    for (const part of cell.split(/[;,]/)) {
      const t = part.trim();
      if (t !== "") out.push(t);
    }
  }
  if (out.length === 0) return fail('origins are required: a range of countries or a list such as "CN, VN, MX"');
  if (out.length > MAX_ORIGINS) return fail(`${out.length} origins: compare at most ${MAX_ORIGINS}`);
  return value(out);
}
