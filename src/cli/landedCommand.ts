import { once } from "node:events";
import { closeSync, createReadStream, fstatSync, openSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import {
  DEFAULT_LANDED_OPTIONS,
  Day,
  LookupError,
  Outcome,
  RateTable,
  dayFromIso,
  easternDate,
  invalid,
  isoFromDay,
  ALLOCATION_RULE,
  LandedRequest,
  LandedTotals,
  centsText,
  centsTotals,
  decimalTotals,
  entryTotals,
  landedTotals,
  notAvailable,
  parseAmount,
  parseLandedOptions,
  parseRate,
  setCompositionKeeping,
  setLookupBudget,
} from "../engine";
import { CentsRequestSlot, centsRequestSlot, landedCentsQuestion, landedQuestion } from "../requests/landedQuestion";
import { clip } from "../engine/util/clip";
import { ParsedArgs, UsageError, flag, parseArgs } from "./args";
import { CsvLimitError, CsvReader, csvField, csvRecord } from "./csv";
import { embeddedTable, tableFromFile } from "./embeddedTable";
import { AtomicOutput, FileError, fileProblem, refuseOutputOverInput, shownPath } from "./files";
import { Io, ProgressSink, progressSinkOf } from "./io";
import { runOnBoundedHeap } from "./landedHeap";

/**
 * `dutydesk landed --in skus.csv --out result.csv`: landed cost for every row of a CSV, streamed.
 *
 * Columns are found by header name, case-insensitively: value, country, sector (required), date,
 * freight, insurance, quantity, importer, mode, and optionally currency_rate, metal_share and options
 * (the DUTY.LANDED options text, e.g. "duty=4%; vat=9%"). Every input column is written back unchanged,
 * then duty, fees, tax, landed and error. A row that cannot be computed gets its reason in `error` and
 * empty amounts; the run goes on. Amounts are exact decimal text with two decimals (no binary floats).
 *
 * - currency_rate is the importer-currency value of one invoice-currency unit (the fx= option);
 * - metal_share is the share of value that is the metal of the one Section 232 metal measure that applies
 *   (steel, aluminum or copper: the metal= option); a product under two metal measures needs the explicit
 *   `steel=`/`aluminum=`/`copper=` options instead;
 * - input columns named duty, fees, tax, landed or error are recomputed, not passed through, so a result
 *   file can be fed back in;
 * - entry (optional) names the customs entry a line belongs to. The lines of one entry share MPF (with its
 *   per-entry minimum and maximum) and HMF, computed on the entry's total value and allocated to its
 *   lines pro rata by value in whole cents, largest remainder, ties to the earlier row (ALLOCATION_RULE,
 *   engine/landed/entryFees.ts). Without the column, or with an empty cell, each line is its own entry,
 *   as before. The lines of one entry must be next to each other (an entry summary lists them together):
 *   the file is read once, so it streams from stdin too, and only one entry's rows are held at a time; an
 *   entry that appears again after another one is refused, since splitting it would charge its fees twice.
 *
 * Memory stays bounded whatever the row count: one input chunk, one output buffer (flushed at 64 KiB,
 * waiting on the writer's backpressure), and the engine's bounded lookup caches.
 */
export const LANDED_INPUT_COLUMNS = [
  "value",
  "country",
  "sector",
  "date",
  "freight",
  "insurance",
  "quantity",
  "importer",
  "mode",
  "currency_rate",
  "metal_share",
  "options",
  "entry",
] as const;
export const LANDED_OUTPUT_COLUMNS = ["duty", "fees", "tax", "landed", "error"] as const;
const REQUIRED = ["value", "country", "sector"] as const;

type Column = (typeof LANDED_INPUT_COLUMNS)[number];

export type LandedIo = Io;

export interface LandedBatchOptions {
  readonly table: RateTable;
  /** For empty dates: today, US Eastern. */
  readonly now: Date;
  /** Values for empty cells: --importer, --date, --options. */
  readonly defaults?: { readonly importer?: string; readonly date?: Day; readonly options?: string };
  /** Called every few thousand rows and at the end with rows done and input bytes read. */
  readonly onProgress?: (rows: number, bytes: number) => void;
  /** `--raw`: write fields exactly, without neutralising those a spreadsheet would run as formulas. */
  readonly raw?: boolean;
}

export interface LandedBatchSummary {
  readonly rows: number;
  readonly errors: number;
  /** Entries of two or more lines whose fees were allocated (0 without an entry column). */
  readonly entries?: number;
}

/** The most lines one entry may have in a batch: a bound on the rows held in memory at once. */
export const MAX_ENTRY_LINES = 10_000;

/** A problem with the file as a whole (no header, a missing required column): the run cannot start. */
export class LandedInputError extends Error {}

const FLUSH_AT = 64 * 1024;
const READ_BYTES = 64 * 1024;
const PROGRESS_EVERY = 4096;

/**
 * The streaming pipeline: CSV in, CSV out. Does not end `output` (stdout must stay open); the caller
 * ends a file stream. Resolves with the row count once everything is written to `output`.
 */
export async function landedBatch(input: Readable, output: Writable, opts: LandedBatchOptions): Promise<LandedBatchSummary> {
  let pending: string[] = [];
  let pendingLength = 0;
  let rows = 0;
  let errors = 0;
  let bytes = 0;
  let header: Header | null = null;
  let headerProblem: Error | null = null;
  const today = opts.defaults?.date ?? easternDate(opts.now);
  const raw = opts.raw === true;
  const context = new RowContext(opts.table, today, opts.defaults?.importer ?? null, opts.defaults?.options ?? null);

  // Entry mode (an `entry` column): the current entry's rows, and the entries already closed.
  let group: { id: string; firstRow: number; rows: { fields: string[]; problem: string | null }[] } | null = null;
  const closed = new Set<string>();
  let entries = 0;

  /**
   * csvRecord([...passed fields, ...result], raw), without the two arrays a row. The four amounts are written
   * as they are: centsText gives digits, a point and two digits, with a leading minus at most, which csvField
   * leaves unchanged (a plain number is not neutralised and needs no quotes; tests/cli/landedCents.test.ts);
   * an empty amount is empty either way. Only the error text goes through csvField, whose two regular
   * expressions on each of a row's 18 fields were 4 % of the batch's CPU (`node --cpu-prof`, 1M rows).
   */
  function write(h: Header, fields: readonly string[], result: RowResult): void {
    const error = result[4];
    if (error !== "") errors++;
    const pass = h.passIndexes;
    let out = "";
    for (let k = 0; k < pass.length; k++) {
      if (k > 0) out += ",";
      out += csvField(fields[pass[k]!] ?? "", raw);
    }
    if (pass.length > 0) out += ",";
    out += `${result[0]},${result[1]},${result[2]},${result[3]},${error === "" ? "" : csvField(error, raw)}\r\n`;
    queue(out);
  }

  function closeGroup(h: Header): void {
    if (group === null) return;
    const g = group;
    group = null;
    closed.add(g.id);
    if (g.rows.length > 1) entries++;
    const results = context.computeEntry(h, g.rows, g.id);
    g.rows.forEach((r, i) => write(h, r.fields, results[i]!));
  }

  const reader = new CsvReader((fields, problem) => {
    if (headerProblem) return;
    if (header === null) {
      try {
        header = readHeader(fields, problem);
        if (reader.bom) queue("\ufeff");
        queue(csvRecord([...header.passNames, ...LANDED_OUTPUT_COLUMNS], raw));
      } catch (e) {
        headerProblem = e as Error;
      }
      return;
    }
    rows++;
    const entryIndex = header.index.entry;
    const id = entryIndex === undefined || problem ? "" : (fields[entryIndex] ?? "").trim();
    if (id === "") {
      closeGroup(header);
      write(header, fields, problem ? failure(invalid(`malformed CSV row: ${problem}`)) : context.compute(header, fields));
      return;
    }
    if (group !== null && group.id === id) {
      if (group.rows.length >= MAX_ENTRY_LINES) {
        headerProblem = new LandedInputError(
          `entry "${clip(id, 40)}" has more than ${MAX_ENTRY_LINES} lines (from data row ${group.firstRow}): split it into entries of at most ${MAX_ENTRY_LINES} lines`,
        );
        return;
      }
      group.rows.push({ fields, problem });
      return;
    }
    closeGroup(header);
    if (closed.has(id)) {
      headerProblem = new LandedInputError(
        `entry "${clip(id, 40)}" appears again at data row ${rows}, after other entries: the lines of one entry must be next to each other (sort the file by entry); nothing was written`,
      );
      return;
    }
    group = { id, firstRow: rows, rows: [{ fields, problem }] };
  });

  function queue(text: string): void {
    pending.push(text);
    pendingLength += text.length;
  }

  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    pendingLength = 0;
    if (!output.write(text)) await once(output, "drain");
  }

  const decoder = new StringDecoder("utf8");
  let lastProgress = 0;
  for await (const chunk of input) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += buf.length;
    reader.push(decoder.write(buf));
    if (headerProblem) throw headerProblem;
    if (pendingLength >= FLUSH_AT) await flush();
    if (opts.onProgress && rows - lastProgress >= PROGRESS_EVERY) {
      lastProgress = rows;
      opts.onProgress(rows, bytes);
    }
  }
  reader.push(decoder.end());
  reader.end();
  if (headerProblem) throw headerProblem;
  // Assigned in the reader's callback, which TypeScript's narrowing does not see.
  const read = header as Header | null;
  if (read === null) throw new LandedInputError("the input is empty: expected a header row naming value, country, sector, …");
  closeGroup(read);
  if (headerProblem) throw headerProblem;
  await flush();
  opts.onProgress?.(rows, bytes);
  return read.index.entry === undefined ? { rows, errors } : { rows, errors, entries };
}

interface Header {
  readonly index: Readonly<Partial<Record<Column, number>>>;
  /** Input columns written back, in input order (all but the output names). */
  readonly passIndexes: readonly number[];
  readonly passNames: readonly string[];
  readonly width: number;
  /** Each input column's index, −1 when absent: what the cents lane reads (RowContext.centsRow). */
  readonly cells: Readonly<Record<Column, number>>;
}

function readHeader(fields: readonly string[], problem: string | null): Header {
  if (problem) throw new LandedInputError(`the header row is malformed: ${problem}`);
  const index: Partial<Record<Column, number>> = {};
  const seen = new Map<string, number>();
  const passIndexes: number[] = [];
  const passNames: string[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name !== "" && seen.has(name))
      throw new LandedInputError(`the header names column "${clip(raw, 30)}" twice (columns ${seen.get(name)! + 1} and ${i + 1})`);
    seen.set(name, i);
    if ((LANDED_INPUT_COLUMNS as readonly string[]).includes(name)) index[name as Column] = i;
    if (!(LANDED_OUTPUT_COLUMNS as readonly string[]).includes(name)) {
      passIndexes.push(i);
      passNames.push(raw);
    }
  });
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    throw new LandedInputError(
      `the input has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""} (header: ${clip(fields.join(","), 120)}); columns are named by the header row`,
    );
  }
  const cells = {} as Record<Column, number>;
  for (const c of LANDED_INPUT_COLUMNS) cells[c] = index[c] ?? -1;
  return { index, passIndexes, passNames, width: fields.length, cells };
}

type RowResult = [duty: string, fees: string, tax: string, landed: string, error: string];

/** The error column uses Excel's words: #VALUE! for a cell that cannot be read, #N/A for no answer. */
function failure(outcome: Outcome<unknown>): RowResult {
  const error: LookupError = outcome.ok ? { kind: "invalid", message: "internal error: not a failure" } : outcome.error;
  return ["", "", "", "", `${error.kind === "invalid" ? "#VALUE!" : "#N/A"} ${error.message}`];
}

/**
 * A row's cells become a landed-cost request through the same request layer as DUTY.LANDED's arguments
 * (src/requests/landedQuestion.ts); the options text a column repeats is parsed once there. Two columns
 * exist only here: currency_rate (the fx= option) and metal_share (the metal= option).
 */
class RowContext {
  private readonly now: Date;
  /** The request of the row being read, in cents (landedCentsQuestion); filled again for every row. */
  private readonly slot: CentsRequestSlot = centsRequestSlot();

  constructor(
    private readonly table: RateTable,
    today: Day,
    private readonly defaultImporter: string | null,
    private readonly defaultOptions: string | null,
  ) {
    // An empty date cell is the run's date (--date, or today), read as the request layer reads "today".
    this.now = new Date(`${isoFromDay(today)}T12:00:00Z`);
  }

  compute(header: Header, fields: readonly string[]): RowResult {
    // Integer cents where exact, Decimal otherwise (engine/landed/landedTotals.ts): the same cents either way.
    // Most rows are read straight into cents (landedCentsQuestion) and answered by centsTotals, with no Decimal
    // made: 817,756 of the bench's 1M rows (a temporary tally), where reading three amounts into Decimals
    // was 9 % of the CPU. A row the cents path declines after that is asked of the Decimal path directly,
    // since landedTotals would only decline it again (its fast path is centsTotals on the same request).
    const lane = this.centsRow(header, fields);
    if (lane !== null) {
      const fast = centsTotals(this.table, this.slot);
      if (fast !== null) return [centsText(fast.duty), centsText(fast.fees), centsText(fast.taxes), centsText(fast.landed), ""];
    }
    const req = this.request(header, fields);
    if ("error" in req) return req.error;
    return resultOf(lane !== null ? decimalTotals(this.table, req.value) : landedTotals(this.table, req.value));
  }

  /**
   * Reads the row into `slot` when it can be read without Decimal (landedCentsQuestion: plain amounts, no
   * currency_rate or metal_share cell); null when it must be read by request(), which also words errors.
   */
  private centsRow(header: Header, fields: readonly string[]): CentsRequestSlot | null {
    if (fields.length !== header.width) return null;
    const c = header.cells;
    if (c.currency_rate >= 0 && fields[c.currency_rate]!.trim() !== "") return null;
    if (c.metal_share >= 0 && fields[c.metal_share]!.trim() !== "") return null;
    const cell = (i: number): string => (i < 0 ? "" : fields[i]!.trim());
    const importer = cell(c.importer);
    const options = cell(c.options);
    const read = landedCentsQuestion(
      cell(c.value),
      cell(c.country),
      cell(c.sector),
      cell(c.date),
      cell(c.freight),
      cell(c.insurance),
      cell(c.quantity),
      importer === "" ? (this.defaultImporter ?? "") : importer,
      cell(c.mode),
      options === "" ? (this.defaultOptions ?? "") : options,
      this.table,
      this.now,
      this.slot,
    );
    return read ? this.slot : null;
  }

  /** The rows of one entry (two or more lines share MPF and HMF: engine/landed/entryTotals.ts). */
  computeEntry(header: Header, rows: readonly { fields: readonly string[]; problem: string | null }[], id: string): RowResult[] {
    if (rows.length === 1) {
      const only = rows[0]!;
      return [only.problem ? failure(invalid(`malformed CSV row: ${only.problem}`)) : this.compute(header, only.fields)];
    }
    const reqs = rows.map((r) => (r.problem ? { error: failure(invalid(`malformed CSV row: ${r.problem}`)) } : this.request(header, r.fields)));
    const bad = reqs.findIndex((r) => "error" in r);
    if (bad !== -1) {
      return reqs.map((r) =>
        "error" in r
          ? r.error
          : failure(
              notAvailable(
                `entry "${clip(id, 40)}": line ${bad + 1} of the entry has an error, so the entry's MPF and HMF cannot be computed or allocated`,
              ),
            ),
      );
    }
    const totals = entryTotals(
      this.table,
      reqs.map((r) => (r as { value: LandedRequest }).value),
    );
    return totals.map((t) =>
      t.ok ? resultOf(t) : failure({ ok: false, error: { ...t.error, message: `entry "${clip(id, 40)}": ${t.error.message}` } }),
    );
  }

  request(header: Header, fields: readonly string[]): { value: LandedRequest } | { error: RowResult } {
    const fail = (o: Outcome<unknown>) => ({ error: failure(o) });
    if (fields.length !== header.width) {
      return fail(invalid(`the row has ${fields.length} fields; the header has ${header.width}`));
    }
    const cell = (c: Column): string => {
      const i = header.index[c];
      return i === undefined ? "" : fields[i]!.trim();
    };
    const asked = landedQuestion(
      [
        cell("value"),
        cell("country"),
        cell("sector"),
        cell("date"),
        cell("freight"),
        cell("insurance"),
        cell("quantity"),
        cell("importer") === "" ? (this.defaultImporter ?? "") : cell("importer"),
        cell("mode"),
        cell("options") === "" ? (this.defaultOptions ?? "") : cell("options"),
      ],
      this.table,
      this.now,
      false,
    );
    if (!asked.ok) return fail(invalid(asked.message));
    let opts = asked.value.options ?? DEFAULT_LANDED_OPTIONS;
    const fxText = cell("currency_rate");
    if (fxText !== "") {
      const fx = parseAmount(fxText);
      if (fx === null || fx.isZero()) return fail(invalid(`currency_rate "${clip(fxText, 20)}" is not a positive number`));
      if (opts.fx !== null && !opts.fx.equals(fx)) return fail(invalid("currency_rate and the fx= option disagree: give one"));
      opts = { ...opts, fx };
    }
    const metalText = cell("metal_share");
    if (metalText !== "") {
      const share = parseRate(metalText);
      if (share === null || share.greaterThan(1))
        return fail(invalid(`metal_share "${clip(metalText, 20)}" is not a share of value: use 40% or 0.4`));
      opts = { ...opts, metal: share };
    }
    return { value: { ...asked.value, options: opts } };
  }
}

function resultOf(result: Outcome<LandedTotals>): RowResult {
  if (!result.ok) return failure(result);
  const c = result.value;
  return [centsText(c.duty), centsText(c.fees), centsText(c.taxes), centsText(c.landed), ""];
}

// ---------------------------------------------------------------------------------------------- command

export const LANDED_FLAGS = {
  boolean: ["progress", "no-progress", "raw"],
  value: ["in", "out", "table", "importer", "date", "options", "cache-mb", "heap-mb"],
};

/**
 * The rate lookup's cache budget for a batch, in MB (engine/lookup/lookupCache.ts; --cache-mb). A batch
 * keeps no composed segments (setCompositionKeeping), which were most of the estimate. On the bench's 1M
 * varied rows (bench/landed.ts) everything the run keeps peaks at an estimated 52.6 MB (3,834 entry facts,
 * 14,740 timelines, 13,571 view ids, 12,789 sums, 4,000 products' classes and their plans; a temporary
 * tally of `charge` at --cache-mb 2000, 2026-12-03), so at this budget the caches are built once and never
 * start over (the same tally at 64). Past the budget they start over, which changes no answer: the outputs
 * are identical at every budget. It was 128 MB when the same rows needed an estimated 115 MB.
 */
export const LANDED_CACHE_MB = 64;

/**
 * What a file-to-file batch's worker thread may keep beyond its cache budget (--heap-mb's default is the
 * budget plus this; landedHeap.ts): the table and the engine's own objects (at the end of the bench's 1M
 * rows a heap snapshot after a full collection had 117 MB live, of which the caches estimate 52.6 MB), one
 * entry's rows, the read and write buffers, and room for V8 to collect without thrashing. On those rows
 * (`/usr/bin/time node bin/dutydesk.js landed … --heap-mb N`, 2026-12-03) an unbounded heap peaked at
 * 265–284 MB of RSS; 192 MB at 255–256; 160 MB at 244 with 13–16 % more CPU; 144 MB at 240 with 35 % more,
 * since V8 then collects almost all the time; 128 MB ran out and the batch ran again unbounded.
 */
export const LANDED_HEAP_HEADROOM_MB = 96;

export const LANDED_USAGE =
  "dutydesk landed --in FILE.csv [--out FILE.csv] [--date YYYY-MM-DD] [--importer US] [--options TEXT] [--table FILE] [--raw] [--cache-mb N] [--heap-mb N]";

/**
 * Parses the command line synchronously (a usage error is thrown, for `run` to report), then streams.
 * The promise resolves with the exit code: 0 when every row was written (row errors included), 2 when
 * the input or output could not be read or written, or the input is not a CSV the command can read.
 */
export function landedCommand(argv: readonly string[], io: LandedIo): Promise<number> {
  const args = parseArgs(argv, LANDED_FLAGS);
  if (args.positional.length > 0)
    throw new UsageError(`landed takes no positional arguments (got "${clip(args.positional[0]!, 100)}"): use --in FILE`);
  const inPath = flag(args, "in");
  if (inPath === undefined) throw new UsageError(`landed needs --in FILE (or --in - for standard input): ${LANDED_USAGE}`);
  const outPath = flag(args, "out") ?? "-";
  const dateText = flag(args, "date");
  const date = dateText === undefined ? undefined : dayFromIso(dateText);
  if (date === null) throw new UsageError(`--date "${clip(dateText!, 100)}" is not a date: use YYYY-MM-DD`);
  const cacheMb = megabytes(args, "cache-mb", LANDED_CACHE_MB);
  const heapMb = megabytes(args, "heap-mb", cacheMb + LANDED_HEAP_HEADROOM_MB);
  // A file-to-file batch from the installed CLI runs on a worker thread whose heap is bounded (landedHeap.ts):
  // that thread loads the table and does everything below. Standard input or output stays on this thread,
  // since a stream of the process cannot be handed to a thread, nor read again if the thread had to stop.
  if (io.landedWorker !== undefined && heapMb > 0 && inPath !== "-" && outPath !== "-") {
    return runOnBoundedHeap(argv, heapMb, outPath, io, io.landedWorker, () => landedCommand(argv, { ...io, landedWorker: undefined }));
  }
  const tableFile = flag(args, "table");
  const table = tableFile === undefined ? embeddedTable() : tableFromFile(tableFile);
  setLookupBudget(table, cacheMb * 1024 * 1024);
  // Varied rows read a composed segment again 1.6 times on average (the bench's 1M rows), and those segments
  // were most of the caches: compose them again when asked instead (engine/lookup/lookupCache.ts).
  setCompositionKeeping(table, "discard");
  const defaultOptions = flag(args, "options");
  if (defaultOptions !== undefined) {
    const parsed = parseLandedOptions(defaultOptions, table);
    if (!parsed.ok) throw new UsageError(`--options: ${parsed.error.message}`);
  }
  const sink: ProgressSink = progressSinkOf(io);
  const wantProgress = flag(args, "no-progress") === undefined && (flag(args, "progress") !== undefined || sink.isTTY);
  return runStreams(
    inPath,
    outPath,
    io,
    {
      table,
      now: io.now,
      defaults: { importer: flag(args, "importer"), date, options: defaultOptions },
      raw: flag(args, "raw") !== undefined,
    },
    wantProgress ? sink : null,
  );
}

/** A whole number of megabytes from a flag, or the default. */
function megabytes(args: ParsedArgs, name: "cache-mb" | "heap-mb", fallback: number): number {
  const text = flag(args, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,6}$/.test(text.trim())) throw new UsageError(`--${name} "${clip(text, 20)}" is not a whole number of megabytes`);
  return Number(text.trim());
}

/**
 * The input is opened and the output's temporary file created before any row is read, so a missing file,
 * a directory, a permission problem or an output that is the input is refused at once. The output file
 * is replaced only when every row was written; on any failure it is left as it was.
 */
async function runStreams(inPath: string, outPath: string, io: LandedIo, opts: LandedBatchOptions, sink: ProgressSink | null): Promise<number> {
  const started = process.hrtime.bigint();
  let total = 0;
  let input: Readable;
  let file: AtomicOutput | null = null;
  try {
    if (inPath === "-") {
      input = process.stdin;
    } else {
      const fd = openInput(inPath);
      total = fstatSync(fd).size;
      // 64 KiB reads: the output is flushed between reads, so a read's rows are held until then. With 1 MiB
      // reads, 13 000 rows' strings outlived two scavenges each and were promoted: 2 KB of old-space garbage a
      // row, and 650 MB of RSS on 300 000 rows, against 310 MB with these
      // (`/usr/bin/time node lib/cli/main.js landed` on 300 000 of the bench's rows, one run each).
      input = createReadStream("", { fd, highWaterMark: READ_BYTES });
    }
    if (outPath !== "-") {
      try {
        refuseOutputOverInput(inPath, outPath);
        file = AtomicOutput.open(outPath);
      } catch (e) {
        if (input !== process.stdin) input.destroy();
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof FileError) {
      io.err(`dutydesk: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const output: Writable = file?.stream ?? process.stdout;
  const bar = sink === null ? undefined : progressBar(total, started, sink);
  const outputError = new Promise<never>((_, reject) => output.once("error", (e) => reject(fileProblem("write", outPath, e))));
  outputError.catch(() => undefined);
  const inputError = new Promise<never>((_, reject) => input.once("error", (e) => reject(fileProblem("read", inPath, e))));
  inputError.catch(() => undefined);
  let committed = false;
  try {
    const summary = await Promise.race([landedBatch(input, output, { ...opts, onProgress: bar }), outputError, inputError]);
    if (file !== null) {
      await file.commit();
      committed = true;
    }
    if (bar) sink!.write("\n");
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = seconds > 0 ? Math.round(summary.rows / seconds) : summary.rows;
    if (summary.entries !== undefined) io.err(`dutydesk: ${summary.entries} entries of two or more lines; ${ALLOCATION_RULE}`);
    io.err(
      `dutydesk: ${summary.rows} rows, ${summary.errors} with errors, ${seconds.toFixed(1)} s (${rate} rows/s)${outPath === "-" ? "" : ` -> ${shownPath(outPath)}`}`,
    );
    return 0;
  } catch (e) {
    if (bar) sink!.write("\n");
    if (e instanceof LandedInputError || e instanceof CsvLimitError || e instanceof FileError) {
      io.err(`dutydesk: ${e.message}${file !== null && !committed ? `; ${shownPath(outPath)} was not written` : ""}`);
      return 2;
    }
    if (isSystemError(e)) {
      io.err(`dutydesk: ${fileProblem("read", inPath, e).message}`);
      return 2;
    }
    throw e;
  } finally {
    if (input !== process.stdin) input.destroy();
    if (file !== null && !committed) await file.abort();
  }
}

/** Opens the input now, so that "no such file", "is a directory" and "permission denied" come first. */
function openInput(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw fileProblem("read", path, e);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new FileError(`cannot read ${shownPath(path)}: is a directory`);
  }
  return fd;
}

function isSystemError(e: unknown): e is { code: string; message: string } {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

/** A one-line progress bar on stderr, redrawn at most ten times a second; only used on a TTY. */
function progressBar(totalBytes: number, started: bigint, sink: ProgressSink): (rows: number, bytes: number) => void {
  let last = 0;
  return (rows, bytes) => {
    const now = Date.now();
    if (now - last < 100 && bytes < totalBytes) return;
    last = now;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const width = 30;
    const frac = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
    const filled = Math.round(frac * width);
    const bar = totalBytes > 0 ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.floor(frac * 100)}% ` : "";
    sink.write(`\r${bar}${rows.toLocaleString("en-US")} rows, ${rate.toLocaleString("en-US")} rows/s`);
  };
}
