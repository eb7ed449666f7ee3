import Decimal from "decimal.js";
import { BookLine, BookOptions, Day, RateTable } from "../engine";
import { readCountry, readDate, readImporter, readMoney, readProduct } from "./arguments";
import { readOptions } from "./options";
import { Read, fail, isEmpty, value } from "./read";

/**
 * The arguments of DUTY.ETR (three ranges of equal shape, a date, an importer, options) and the rows of
 * `dutydesk etr --in book.csv`: the one place they become a book of lines and its options.
 */
export interface EtrArguments {
  readonly values: unknown;
  readonly countries: unknown;
  readonly sectors: unknown;
  readonly date?: unknown;
  readonly importer?: unknown;
  readonly options?: unknown;
}

export interface EtrQuestion {
  readonly book: BookLine[];
  readonly day: Day;
  readonly options: BookOptions;
}

/** The largest book read from a sheet or a file. */
export const MAX_BOOK_LINES = 100_000;

export function etrQuestion(args: EtrArguments, table: RateTable, now: Date): Read<EtrQuestion> {
  const opts = etrOptions(args.options ?? null, table);
  if (!opts.ok) return opts;
  const importer = readImporter(args.importer ?? null);
  if (!importer.ok) return importer;
  const values = grid(args.values);
  const countries = grid(args.countries);
  const sectors = grid(args.sectors);
  const shape = (g: unknown[][]) => `${g.length}×${g[0]?.length ?? 0}`;
  if (shape(values) !== shape(countries) || shape(values) !== shape(sectors)) {
    return fail(`values (${shape(values)}), countries (${shape(countries)}) and sectors (${shape(sectors)}) must be ranges of the same shape`);
  }
  const book: BookLine[] = [];
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r]!.length; c++) {
      const label = values[r]!.length === 1 ? `row ${r + 1}` : `row ${r + 1}, column ${c + 1}`;
      const line = readBookLine(values[r]![c], countries[r]![c], sectors[r]![c], importer.value, label);
      if (!line.ok) return line;
      if (line.value !== null) book.push(line.value);
      if (book.length > MAX_BOOK_LINES) return fail(`more than ${MAX_BOOK_LINES} lines: split the book`);
    }
  }
  const day = readDate(args.date ?? null, now);
  if (!day.ok) return day;
  return value({ book, day: day.value, options: opts.value });
}

/** The rate options of a book, read by the rate functions' grammar. */
export function etrOptions(v: unknown, table: RateTable): Read<BookOptions> {
  const o = readOptions(v, table);
  if (!o.ok) return o;
  const { basis, claims, loaded, content, choice } = o.value;
  return value({ basis, claims, loaded, content, choice });
}

/**
 * One line of a book, or null for a blank line (value, country and sector all empty). A line that is
 * only partly filled is an error naming it: skipping it would change the book's rate unseen.
 */
export function readBookLine(valueCell: unknown, country: unknown, sector: unknown, importer: string, label: string): Read<BookLine | null> {
  if (isEmpty(valueCell) && isEmpty(country) && isEmpty(sector)) return value(null);
  // A value of 0 with a country and sector is a line that weighs nothing (Excel's empty cell is 0 too).
  const v = valueCell === 0 ? value<Decimal | null>(new Decimal(0)) : readMoney(valueCell, "value", false);
  if (!v.ok) return fail(`${label}: ${v.message}`);
  if (v.value === null) return fail(`${label}: value is required (the line's import value)`);
  const c = readCountry(country);
  if (!c.ok) return fail(`${label}: ${c.message}`);
  const p = readProduct(sector);
  if (!p.ok) return fail(`${label}: ${p.message}`);
  return value({ label, country: c.value, product: p.value, importer, value: v.value });
}

/** A range as rows of cells; a single value is a 1×1 range. */
function grid(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  return (v as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
}

/**
 * A book from a block of cells (the pane's selection): three columns, value, country and HTS code or
 * sector, in that order; a first row whose value cell is text that is not an amount is a header.
 */
export function bookFromCells(cells: readonly (readonly unknown[])[], importer: string): Read<{ book: BookLine[]; header: boolean }> {
  if (cells.length === 0 || (cells[0]?.length ?? 0) < 3) {
    return fail("select three columns: value, country of origin, HTS code or sector (one row per SKU; a header row is fine)");
  }
  const first = cells[0]![0];
  const header = typeof first === "string" && first.trim() !== "" && !readMoney(first, "value", false).ok;
  const book: BookLine[] = [];
  for (let r = header ? 1 : 0; r < cells.length; r++) {
    const row = cells[r]!;
    const line = readBookLine(row[0], row[1], row[2], importer, `row ${r + 1}`);
    if (!line.ok) return line;
    if (line.value !== null) book.push(line.value);
    if (book.length > MAX_BOOK_LINES) return fail(`more than ${MAX_BOOK_LINES} lines: split the book`);
  }
  return value({ book, header });
}
