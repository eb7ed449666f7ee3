/**
 * CSV as RFC 4180 writes it, read and written a chunk at a time so that a file of any length streams
 * through in bounded memory.
 *
 * Reading: fields separated by commas, records by CRLF or LF (a lone CR too); a field in double quotes
 * may hold commas, quotes (doubled) and line breaks, and may span chunk boundaries. A UTF-8 byte-order
 * mark at the very start is dropped (and reported, so a writer can put it back). Lenient where RFC 4180
 * is silent or strict and the intent is plain: a quote inside an unquoted field is kept as a character;
 * text after a closing quote is a problem reported with the record, not a crash. Blank lines are skipped.
 *
 * Bounded: a record or a field over its limit (below) stops the read with a CsvLimitError naming the
 * line, before the text is accumulated, so a file with no line breaks (a 2 GB sparse file, a binary, a
 * quote that is never closed) costs one chunk of memory, not the file.
 *
 * Writing: a field is quoted only when it holds a comma, a quote, CR or LF; quotes are doubled; records
 * end with CRLF. A field that a spreadsheet would run as a formula is neutralised (see csvField).
 *
 * Hand-written on purpose: csv-parse/csv-stringify were measured slower (README, "Libraries") and give no
 * field limit, no record start line, and no per-row problem for a stray or unclosed quote.
 */
export type RecordHandler = (fields: string[], problem: string | null) => void;

/**
 * The longest record (one line, or several when a quoted field holds line breaks) the reader accepts, in
 * UTF-16 characters. A landed-cost row is a few hundred characters; 1 MiB leaves room for any real sheet
 * with long notes, while keeping one record (and its fields) at a few MB of memory however big the file.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;
/**
 * The longest field. Excel itself holds at most 32,767 characters in a cell, so a longer field cannot
 * have come from a spreadsheet; 64 KiB is twice that.
 */
export const MAX_FIELD_CHARS = 64 * 1024;

export interface CsvLimits {
  readonly maxRecordChars: number;
  readonly maxFieldChars: number;
}

const DEFAULT_LIMITS: CsvLimits = { maxRecordChars: MAX_RECORD_CHARS, maxFieldChars: MAX_FIELD_CHARS };

/** A record or field over its limit: the input cannot be read safely, so the whole run stops. */
export class CsvLimitError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvLimitError";
  }
}

function describeChars(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} characters`;
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

// Reader states (plain numbers: this loop runs over every character of a million-row file).
const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** Just read a quote inside a quoted field: either an escaped quote or the closing one. */
  QuoteInQuoted: 3,
  /** After a closing quote, until the separator. */
  AfterQuoted: 4,
} as const;
type State = (typeof State)[keyof typeof State];

export class CsvReader {
  private state: State = State.FieldStart;
  private field = "";
  private record: string[] = [];
  private problem: string | null = null;
  private skipLf = false;
  private started = false;
  private anyQuoted = false;
  /** Characters of the current record so far, separators included (the field being read is not yet counted). */
  private recordChars = 0;
  /** Line breaks read so far; the current record starts on line `recordLine`. */
  private lineBreaks = 0;
  private recordLine = 1;
  /** True when the input began with a UTF-8 byte-order mark. */
  bom = false;

  constructor(
    private readonly onRecord: RecordHandler,
    private readonly limits: CsvLimits = DEFAULT_LIMITS,
  ) {}

  /** Appends chunk[from, to) to the field, refusing it first if a limit would be passed. */
  private append(chunk: string, from: number, to: number): void {
    const length = this.field.length + (to - from);
    if (this.recordChars + length > this.limits.maxRecordChars) this.recordTooLong();
    if (length > this.limits.maxFieldChars) {
      throw new CsvLimitError(
        this.recordLine,
        `line ${this.recordLine} has a field longer than ${describeChars(this.limits.maxFieldChars)}, the limit for one CSV field (an Excel cell holds 32,767 characters)`,
      );
    }
    this.field += chunk.slice(from, to);
  }

  private recordTooLong(): never {
    throw new CsvLimitError(
      this.recordLine,
      `line ${this.recordLine} is longer than ${describeChars(this.limits.maxRecordChars)}, the limit for one CSV record: is this a CSV file?`,
    );
  }

  push(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) {
        this.bom = true;
        i = 1;
      }
    }
    if (this.skipLf && i < n) {
      if (chunk.charCodeAt(i) === LF) i++;
      this.skipLf = false;
    }
    while (i < n) {
      const state = this.state;
      if (state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        const to = q === -1 ? n : q;
        this.append(chunk, i, to);
        for (let b = chunk.indexOf("\n", i); b !== -1 && b < to; b = chunk.indexOf("\n", b + 1)) this.lineBreaks++;
        if (q === -1) {
          i = n;
        } else {
          i = q + 1;
          this.state = State.QuoteInQuoted;
        }
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.append('"', 0, 1);
          i++;
          this.state = State.Quoted;
        } else {
          this.state = State.AfterQuoted;
        }
        continue;
      }
      if (state === State.FieldStart) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.state = State.Quoted;
          this.anyQuoted = true;
          i++;
          continue;
        }
        this.state = State.Unquoted;
      }
      // Unquoted, or after a closing quote: scan to the next separator.
      let j = i;
      let c = 0;
      while (j < n) {
        c = chunk.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        j++;
      }
      if (j > i) {
        if (this.state === State.AfterQuoted) this.problem ??= "text after a closing quote";
        this.append(chunk, i, j);
      }
      if (j === n) break;
      i = j + 1;
      this.recordChars += this.field.length + 1;
      if (this.recordChars > this.limits.maxRecordChars) this.recordTooLong(); // many short fields
      this.record.push(this.field);
      this.field = "";
      this.state = State.FieldStart;
      if (c !== COMMA) {
        this.emit();
        this.lineBreaks++;
        this.recordLine = this.lineBreaks + 1;
        if (c === CR) {
          if (i < n) {
            if (chunk.charCodeAt(i) === LF) i++;
          } else {
            this.skipLf = true;
          }
        }
      }
    }
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): void {
    if (this.state === State.Quoted) this.problem ??= "a quoted field is not closed before the end of the file";
    if (this.state !== State.FieldStart || this.record.length > 0) {
      this.record.push(this.field);
      this.field = "";
      this.emit();
    }
    this.state = State.FieldStart;
  }

  private emit(): void {
    const record = this.record;
    const blank = record.length === 1 && record[0] === "" && !this.anyQuoted;
    if (!blank) this.onRecord(record, this.problem);
    this.record = [];
    this.problem = null;
    this.anyQuoted = false;
    this.recordChars = 0;
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * CSV formula injection (OWASP): Excel, LibreOffice and Google Sheets run a cell that starts with `=`,
 * `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`), and a leading tab or carriage
 * return can hide such a start. An echoed SKU or note must stay text, so such a field gets a leading `'`,
 * which spreadsheets read as "this is text" and do not show. A plain number ("-12.5", "+3") is left alone:
 * it is not a formula, and the amounts this tool writes must stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One field as written: neutralised unless `raw` (the `--raw` flag), then quoted if it needs it. */
export function csvField(text: string, raw = false): string {
  const safe = raw ? text : neutralizeFormula(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(fields: readonly string[], raw = false): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ",";
    out += csvField(fields[i]!, raw);
  }
  return out + "\r\n";
}

/** Parses a whole CSV text (tests and small inputs). */
export function parseCsv(text: string): { records: string[][]; problems: (string | null)[] } {
  const records: string[][] = [];
  const problems: (string | null)[] = [];
  const reader = new CsvReader((fields, problem) => {
    records.push(fields);
    problems.push(problem);
  });
  reader.push(text);
  reader.end();
  return { records, problems };
}
