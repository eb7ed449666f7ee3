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
 * Writing: a field is quoted only when it holds a comma, a quote, CR or LF; quotes are doubled; records
 * end with CRLF.
 */
export type RecordHandler = (fields: string[], problem: string | null) => void;

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
  /** True when the input began with a UTF-8 byte-order mark. */
  bom = false;

  constructor(private readonly onRecord: RecordHandler) {}

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
        if (q === -1) {
          this.field += chunk.slice(i);
          i = n;
        } else {
          this.field += chunk.slice(i, q);
          i = q + 1;
          this.state = State.QuoteInQuoted;
        }
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.field += '"';
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
        this.field += chunk.slice(i, j);
      }
      if (j === n) break;
      i = j + 1;
      this.record.push(this.field);
      this.field = "";
      this.state = State.FieldStart;
      if (c !== COMMA) {
        this.emit();
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
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly string[]): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ",";
    out += csvField(fields[i]!);
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
