import { Day, RateChoice, RateRequest, RateTable, isoFromDay } from "../engine";
import { readCountry, readDate, readImporter, readProduct } from "./arguments";
import { readOptions } from "./options";
import { Read, value } from "./read";

/**
 * The arguments of every rate question, as the adapters receive them: Excel values (DUTY.TARIFF,
 * BREAKDOWN, HISTORY), CLI text, task-pane form fields, or the arguments of a DUTY formula read back from
 * a cell (the cell-impact predictor). This is the one place they become an engine request.
 */
export interface RateArguments {
  readonly country: unknown;
  readonly sector: unknown;
  readonly date: unknown;
  readonly importer?: unknown;
  readonly options?: unknown;
}

export interface RateQuestion {
  readonly request: RateRequest;
  /** How the total is read off the answer (specific duties, known layers); not what applies. */
  readonly choice: RateChoice;
}

/** A rate question but for its entry date: what a sheet repeats down a column of dates. */
export interface DaylessQuestion {
  readonly request: Omit<RateRequest, "day">;
  readonly choice: RateChoice;
}

/**
 * Reads the arguments in a fixed order (options, importer, country, sector, date), so that the first
 * problem reported is the same whichever adapter asks. `dateName` names the date in messages ("start").
 */
export function rateQuestion(args: RateArguments, table: RateTable, now: Date, dateName = "date"): Read<RateQuestion> {
  const q = daylessQuestion(args, table);
  if (!q.ok) return q;
  const day = readDate(args.date ?? null, now, dateName);
  if (!day.ok) return day;
  const loaded = loadedAfterEntry(q.value, day.value);
  if (loaded !== null) return loaded;
  return value({ request: { ...q.value.request, day: day.value }, choice: q.value.choice });
}

/** The arguments but the date, read in rateQuestion's order: options, importer, country, sector. */
export function daylessQuestion(args: Omit<RateArguments, "date">, table: RateTable): Read<DaylessQuestion> {
  const opts = readOptions(args.options ?? null, table);
  if (!opts.ok) return opts;
  const importer = readImporter(args.importer ?? null);
  if (!importer.ok) return importer;
  const country = readCountry(args.country);
  if (!country.ok) return country;
  const product = readProduct(args.sector);
  if (!product.ok) return product;
  const o = opts.value;
  return value({
    request: {
      importer: importer.value,
      country: country.value,
      product: product.value,
      basis: o.basis,
      claims: o.claims,
      loaded: o.loaded,
      content: o.content,
    },
    choice: o.choice,
  });
}

/**
 * Goods are loaded before they are entered: a later loading date is a typo, and the in-transit rules
 * (which compare the two) would answer a question that cannot arise. Null when the dates are in order.
 */
export function loadedAfterEntry(q: DaylessQuestion, day: Day): { ok: false; message: string } | null {
  const loaded = q.request.loaded;
  if (loaded === undefined || loaded === null || loaded <= day) return null;
  return { ok: false, message: `loaded=${isoFromDay(loaded)} is after the entry date ${isoFromDay(day)}: goods are loaded before they are entered` };
}
