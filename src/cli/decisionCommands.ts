import Decimal from "decimal.js";
import { BookLine, BookReport, Comparison, Day, RateTable, bookReport, compareOrigins, isoFromDay, maxPrice, monthlyDays } from "../engine";
import { compareQuestion } from "../requests/compareQuestion";
import { etrOptions, readBookLine } from "../requests/etrQuestion";
import { maxPriceQuestion } from "../requests/maxPriceQuestion";
import { readDate, readImporter } from "../requests/arguments";
import { clip } from "../engine/util/clip";
import { ParsedArgs, UsageError, flag, parseArgs, refuseExtraPositionals } from "./args";
import { parseCsv } from "./csv";
import { embeddedTable, tableFromFile } from "./embeddedTable";
import { readBoundedText } from "./files";
import type { Io } from "./io";
import { LookupFailed, NO_TOTAL, RATE_FLAGS, optionsText, pct } from "./rateCommands";

/*
 * The CLI twins of DUTY.COMPARE, DUTY.MAXPRICE and DUTY.ETR: the same request layer (src/requests) and
 * the same engine functions (src/engine/decisions), so a command line checks a cell and batches it.
 */

function tableFor(args: ParsedArgs): RateTable {
  const file = flag(args, "table");
  return file === undefined ? embeddedTable() : tableFromFile(file);
}

const dateArg = (text: string | undefined) => (text === "today" ? undefined : text);

// ------------------------------------------------------------------------------------------- compare

export const COMPARE_FLAGS = { boolean: RATE_FLAGS.boolean, value: [...RATE_FLAGS.value, "origins", "value"] };

/** `dutydesk compare <hts|sector> [date] --origins CN,VN,MX [--value V] [--json]`. */
export function compareCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, COMPARE_FLAGS);
  refuseExtraPositionals(args, "compare", ["product", "date"]);
  const [product, date] = args.positional;
  if (product === undefined) throw new UsageError("compare needs an HTS code or sector");
  const origins = args.flags.get("origins");
  if (origins === undefined) throw new UsageError("compare needs --origins, e.g. --origins CN,VN,MX");
  const table = tableFor(args);
  const q = compareQuestion(
    {
      sector: product,
      origins: origins.join(","),
      date: dateArg(date),
      value: flag(args, "value"),
      importer: flag(args, "importer"),
      options: optionsText(args),
    },
    table,
    io.now,
  );
  if (!q.ok) throw new UsageError(q.message);
  const c = compareOrigins(table, q.value);
  if (!c.ok) throw new LookupFailed(c.error.message);
  io.out(flag(args, "json") ? JSON.stringify(compareJson(c.value), null, 2) : compareText(c.value));
  return c.value.rows.some((r) => r.error !== null) ? NO_TOTAL : 0;
}

const num = (d: Decimal | null) => (d === null ? null : d.toNumber());

export function compareJson(c: Comparison): object[] {
  return c.rows.map((r) => ({
    origin: r.origin,
    originName: r.originName,
    total: num(r.total),
    additional: num(r.additional),
    landed: num(r.landed),
    difference: num(r.difference),
    rankedBy: c.rankedBy,
    largestLayer: r.largest === null ? null : { heading: r.largest.heading, authority: r.largest.authority, rate: r.largest.rate.toNumber() },
    claims: r.claims,
    claimNote: r.claimNote || null,
    error: r.error,
  }));
}

function compareText(c: Comparison): string {
  const money = (d: Decimal | null) => (d === null ? "" : d.toFixed(2));
  const head = ["origin", "total", "additional", ...(c.rankedBy === "landed" ? ["landed"] : []), "difference", "largest layer"].join("\t");
  return [
    head,
    ...c.rows.map((r) =>
      [
        r.origin,
        r.total === null ? "none" : pct(r.total.toNumber()),
        pct(num(r.additional)),
        ...(c.rankedBy === "landed" ? [money(r.landed)] : []),
        r.difference === null ? "" : c.rankedBy === "landed" ? money(r.difference) : pct(r.difference.toNumber()),
        r.largest === null ? "" : `${r.largest.heading} (${r.largest.authority})`,
        [r.error, r.claimNote].filter((t) => t !== null && t !== "").join("; "),
      ].join("\t"),
    ),
  ].join("\n");
}

// ------------------------------------------------------------------------------------------ maxprice

export const MAXPRICE_FLAGS = { boolean: ["json"], value: ["mode", "freight", "insurance", "quantity", "importer", "options", "table"] };

/** `dutydesk maxprice <target> <country> <hts> [date] [--mode M] [--freight F] … [--json]`. */
export function maxPriceCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, MAXPRICE_FLAGS);
  refuseExtraPositionals(args, "maxprice", ["target", "country", "product", "date"]);
  const [target, country, product, date] = args.positional;
  if (target === undefined || country === undefined || product === undefined)
    throw new UsageError("maxprice needs a target, a country and an HTS code");
  const table = tableFor(args);
  const f = (name: string) => flag(args, name);
  const q = maxPriceQuestion(
    [target, country, product, dateArg(date), f("freight"), f("insurance"), f("quantity"), f("importer"), f("mode"), f("options")],
    table,
    io.now,
  );
  if (!q.ok) throw new UsageError(q.message);
  const m = maxPrice(table, q.value.request, q.value.target);
  if (!m.ok) throw new LookupFailed(m.error.message);
  const r = m.value;
  io.out(
    flag(args, "json")
      ? JSON.stringify(
          { price: r.price.toNumber(), landed: r.landed.toNumber(), landed_next_cent: r.landedNextCent.toNumber(), evaluations: r.evaluations },
          null,
          2,
        )
      : `highest price ${r.price.toFixed(2)}: landed ${r.landed.toFixed(2)} ≤ target ${q.value.target.toFixed(2)} < ${r.landedNextCent.toFixed(2)} at ${r.price.plus("0.01").toFixed(2)}`,
  );
  return 0;
}

// ----------------------------------------------------------------------------------------------- etr

export const ETR_FLAGS = { boolean: RATE_FLAGS.boolean, value: [...RATE_FLAGS.value, "in", "from", "to", "step", "date", "top"] };

/** A book file is a small sheet, read whole: 64 MB is about a million lines. */
const MAX_BOOK_BYTES = 64 * 1024 * 1024;

/** `dutydesk etr --in book.csv [--from D --to D] [--step month] [--json]`. Columns: value, country, hts (or sector), importer. */
export function etrCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, ETR_FLAGS);
  refuseExtraPositionals(args, "etr", []);
  const file = flag(args, "in");
  if (file === undefined) throw new UsageError("etr needs --in book.csv (columns value, country, hts[, importer])");
  const table = tableFor(args);
  const days = etrDays(args, io.now);
  const opts = etrOptions(optionsText(args), table);
  if (!opts.ok) throw new UsageError(opts.message);
  const importer = readImporter(flag(args, "importer"));
  if (!importer.ok) throw new UsageError(importer.message);
  const book = readBook(readBoundedText(file, MAX_BOOK_BYTES, "book"), importer.value);
  const top = Number(flag(args, "top") ?? "5");
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top must be a whole number, not "${clip(flag(args, "top")!, 20)}"`);
  const report = bookReport(table, book, days, opts.value, top);
  if (!report.ok) throw new LookupFailed(report.error.message);
  io.out(flag(args, "json") ? JSON.stringify(etrJson(report.value), null, 2) : etrText(report.value));
  return report.value.series.some((r) => r.etr === null) ? NO_TOTAL : 0;
}

function etrDays(args: ParsedArgs, now: Date): Day[] {
  const step = flag(args, "step") ?? "month";
  if (step !== "month") throw new UsageError(`--step must be month (got "${clip(step, 20)}")`);
  const from = flag(args, "from");
  const to = flag(args, "to");
  const single = flag(args, "date");
  if (single !== undefined && (from !== undefined || to !== undefined)) throw new UsageError("give --date, or --from and --to, not both");
  const read = (text: string | undefined, name: string): Day => {
    const d = readDate(dateArg(text), now, name);
    if (!d.ok) throw new UsageError(d.message);
    return d.value;
  };
  if (from === undefined && to === undefined) return [read(single, "date")];
  const start = read(from, "from");
  const end = to === undefined ? start : read(to, "to");
  const days = monthlyDays(start, end);
  if (!days.ok) throw new UsageError(days.error.message);
  return days.value;
}

/** The book's lines, by header name (case-insensitive); `hts` and `sector` name the same column. */
export function readBook(text: string, importer: string): BookLine[] {
  const { records, problems } = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const [v, c, s, imp] = [col("value"), col("country"), col("hts", "sector"), col("importer")];
  if (v < 0 || c < 0 || s < 0) throw new UsageError("the book needs columns value, country and hts (or sector)");
  const book: BookLine[] = [];
  for (let i = 1; i < records.length; i++) {
    const label = `line ${i + 1}`;
    if (problems[i]) throw new UsageError(`${label}: ${problems[i]}`);
    const r = records[i]!;
    const lineImporter = imp >= 0 && (r[imp] ?? "").trim() !== "" ? readImporter(r[imp]) : { ok: true as const, value: importer };
    if (!lineImporter.ok) throw new UsageError(`${label}: ${lineImporter.message}`);
    const line = readBookLine(r[v] ?? "", r[c] ?? "", r[s] ?? "", lineImporter.value, label);
    if (!line.ok) throw new UsageError(line.message);
    if (line.value !== null) book.push(line.value);
  }
  return book;
}

export function etrJson(report: BookReport): object {
  const { series } = report;
  return {
    dates: series.map((r) => ({
      date: isoFromDay(r.day),
      etr: num(r.etr),
      value: r.value.toNumber(),
      duty: r.duty.toNumber(),
      byAuthority: Object.fromEntries(r.byAuthority.map((a) => [a.authority, num(a.rate)])),
    })),
    // The lines that pay the most duty on the last date of the series.
    top: report.top.map((t) => ({
      line: t.line.label,
      country: t.line.country,
      product: String(t.line.product),
      value: t.line.value.toNumber(),
      total: t.total.toNumber(),
      duty: t.duty.toNumber(),
      share: num(t.share),
    })),
  };
}

function etrText(report: BookReport): string {
  const { series, authorities: names } = report;
  return [
    ["date", "etr", ...names].join("\t"),
    ...series.map((r) =>
      [
        isoFromDay(r.day),
        r.etr === null ? "#DIV/0! (zero value)" : pct(r.etr.toNumber()),
        ...names.map((n) => pct(num(r.byAuthority.find((a) => a.authority === n)?.rate ?? null) ?? 0)),
      ].join("\t"),
    ),
  ].join("\n");
}
