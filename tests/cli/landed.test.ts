import { spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Readable, Writable } from "node:stream";
import Decimal from "decimal.js";
import fc from "fast-check";
import { benchLanded } from "../../bench/landed";
import { CsvLimitError, CsvReader, MAX_FIELD_CHARS, MAX_RECORD_CHARS, csvField, csvRecord, neutralizeFormula, parseCsv } from "../../src/cli/csv";
import { LandedInputError, landedBatch } from "../../src/cli/landedCommand";
import { run } from "../../src/cli/main";
import { RateTable } from "../../src/engine";
import { fixtureTable, measure } from "../support/tableFixture";

/** `dutydesk landed`: RFC 4180 CSV in and out, streamed, row errors reported in place. */

// ---------------------------------------------------------------- CSV

describe("CsvReader (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const { records, problems } = parseCsv('a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\nplain,,end\r\n');
    expect(records).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "line1\nline2"],
      ["plain", "", "end"],
    ]);
    expect(problems).toEqual([null, null, null]);
  });

  it("accepts LF, CRLF and lone CR line ends, a missing final line end, and skips blank lines", () => {
    expect(parseCsv("a,b\n1,2\r\n3,4\r5,6").records).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
    expect(parseCsv("a\n\n\nb\n").records).toEqual([["a"], ["b"]]);
    expect(parseCsv('a\n""\n').records).toEqual([["a"], [""]]); // a quoted empty field is a record
    expect(parseCsv("a,b,\n").records).toEqual([["a", "b", ""]]);
  });

  it("drops a UTF-8 byte-order mark and remembers it", () => {
    const records: string[][] = [];
    const reader = new CsvReader((f) => records.push(f));
    reader.push("\ufeffvalue,country\n1,CN\n");
    reader.end();
    expect(records[0]).toEqual(["value", "country"]);
    expect(reader.bom).toBe(true);
  });

  it("reports text after a closing quote and an unclosed quote, without throwing", () => {
    expect(parseCsv('"ab"c,d\n').problems[0]).toMatch(/after a closing quote/);
    expect(parseCsv('x,"open\n').problems[0]).toMatch(/not closed/);
  });

  it("keeps a quote inside an unquoted field as a character", () => {
    expect(parseCsv('5" pipe,x\n').records).toEqual([['5" pipe', "x"]]);
  });

  it("gives the same records however the input is split into chunks (property)", () => {
    const field = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(",", '"', "\r\n", "\n", "\r", '""', "a,b", 'x"y', "é😀"));
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 10 }), (rows, cuts) => {
        // a record of one empty field is a blank line when written unquoted: skip that shape
        const kept = rows.filter((r) => !(r.length === 1 && r[0] === ""));
        const text = kept.map((r) => csvRecord(r, true)).join(""); // raw: the round trip is exact
        const whole = parseCsv(text).records;
        expect(whole).toEqual(kept);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunked: string[][] = [];
        const reader = new CsvReader((f) => chunked.push(f));
        let at = 0;
        for (const p of [...points, text.length]) {
          reader.push(text.slice(at, p));
          at = p;
        }
        reader.end();
        expect(chunked).toEqual(kept);
      }),
    );
  });

  it("quotes only fields that need it", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvRecord(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });
});

// ---------------------------------------------------------------- the batch pipeline

const table: RateTable = fixtureTable([
  measure("us.vn.25", { partners: ["VN"], scope: { include: ["9503"] }, rate: { add: "25" }, heading: "9903.99.25", title: "Test 25% on Vietnam" }),
  measure("cn.us.10", {
    importer: "CN",
    authority: "Retaliation",
    partners: ["US"],
    scope: { include: ["*"] },
    rate: { add: "10" },
    heading: "CN test",
    title: "Test China 10%",
  }),
]);

class Sink extends Writable {
  text = "";
  writes = 0;
  constructor(highWaterMark = 16 * 1024) {
    super({ highWaterMark, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    this.writes++;
    setImmediate(done); // an asynchronous writer, so that backpressure is real
  }
}

async function batch(csv: string | string[], defaults = {}) {
  const sink = new Sink();
  const chunks = Array.isArray(csv) ? csv : [csv];
  const summary = await landedBatch(Readable.from(chunks.map((c) => Buffer.from(c))), sink, {
    table,
    now: new Date("2025-10-15T16:00:00Z"),
    defaults,
  });
  return { summary, records: parseCsv(sink.text).records, text: sink.text, sink };
}

const E1_ROW = "10000,VN,9503.00.00,2025-10-15,1200,120,,US,ocean";
const HEADER = "value,country,sector,date,freight,insurance,quantity,importer,mode";

describe("landedBatch", () => {
  it("E1, E13, E14 and E15 to the cent, with duty, fees, tax, landed and error appended", async () => {
    const csv = [
      `${HEADER},currency_rate,options`,
      `${E1_ROW},,`,
      "100,US,8471,2025-06-02,,,,CA,air,1.15,duty=4%",
      "9000,US,8471,2025-12-01,800,200,,CN,ocean,,duty=10%",
      '10000,US,8471,2025-12-01,,,,CN,ocean,,"duty=14%, ct=10%"',
    ].join("\n");
    const { records, summary } = await batch(csv);
    expect(records[0]).toEqual([...HEADER.split(","), "currency_rate", "options", "duty", "fees", "tax", "landed", "error"]);
    expect(records.slice(1).map((r) => r.slice(-5))).toEqual([
      ["2500.00", "47.14", "0.00", "13867.14", ""],
      ["4.60", "0.00", "5.98", "125.58", ""],
      ["1000.00", "0.00", "1430.00", "12430.00", ""],
      ["1400.00", "0.00", "2913.34", "14313.34", ""],
    ]);
    expect(summary).toEqual({ rows: 4, errors: 0 });
  });

  it("finds columns by header name in any order and case, and passes every other column through, quoted as needed", async () => {
    const csv =
      'SKU,Country,Note,Value,Sector,Date,Mode\nA-1,VN,"fragile, glass",10000,9503,2025-10-15,ocean\nA-2,VN,"two\nlines",10000,9503,2025-10-15,ocean\n';
    const { records, text } = await batch(csv);
    expect(records[0]).toEqual(["SKU", "Country", "Note", "Value", "Sector", "Date", "Mode", "duty", "fees", "tax", "landed", "error"]);
    expect(records[1]).toEqual(["A-1", "VN", "fragile, glass", "10000", "9503", "2025-10-15", "ocean", "2500.00", "47.14", "0.00", "12547.14", ""]);
    expect(records[2]![2]).toBe("two\nlines");
    expect(text).toContain('"fragile, glass"');
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("reports a row error in the error column and goes on", async () => {
    const csv = [
      HEADER,
      "10000,VN,9503,2025-13-01,,,,US,ocean", // bad date
      "10000,JP,0201.30.00,2025-06-02,,,,US,air", // specific duty, no quantity
      "abc,VN,9503,2025-10-15,,,,US,ocean", // bad value
      "10000,VN,9503,2025-10-15,,,,GB,ocean", // no duty data for GB
      "10000,VN,9503", // wrong field count
      E1_ROW,
    ].join("\r\n");
    const { records, summary } = await batch(csv);
    const errors = records.slice(1).map((r) => r[r.length - 1]);
    expect(errors[0]).toMatch(/^#VALUE! date "2025-13-01" is not a date/);
    expect(errors[1]).toBe("#N/A quantity needed for the specific duty 26.4¢/kg (in kg)");
    expect(errors[2]).toMatch(/^#VALUE! value "abc" is not an amount/);
    expect(errors[3]).toMatch(/^#N\/A no duty rates for imports into United Kingdom.*duty=4%/);
    expect(errors[4]).toMatch(/^#VALUE! the row has 3 fields; the header has 9/);
    expect(errors[5]).toBe("");
    expect(records[6]!.slice(-5, -1)).toEqual(["2500.00", "47.14", "0.00", "13867.14"]);
    for (const r of records.slice(1, 6)) expect(r.slice(-5, -1)).toEqual(["", "", "", ""]);
    expect(records[5]).toHaveLength(records[0]!.length); // a short row is padded to the header's width
    expect(summary).toEqual({ rows: 6, errors: 5 });
  });

  it("metal_share and currency_rate columns; the options column; defaults for empty cells", async () => {
    const steel = fixtureTable([measure("s232", { authority: "Section 232", scope: { include: ["7208"] }, rate: { add: "50" }, basis: "steel" })]);
    const sink = new Sink();
    const csv =
      "value,country,sector,date,metal_share,currency_rate,importer\n10000,JP,7208.39.00,2025-10-15,40%,,\n10000,JP,7208.39.00,2025-10-15,,2,\n";
    await landedBatch(Readable.from([csv]), sink, { table: steel, now: new Date("2025-10-15T16:00:00Z") });
    const rows = parseCsv(sink.text).records;
    expect(rows[1]!.slice(-5, -4)).toEqual(["2000.00"]); // 50% × 40% steel
    expect(rows[2]!.slice(-5, -4)).toEqual(["10000.00"]); // 50% of 20,000 (fx 2), no share declared
  });

  it("empty dates are today (or --date), empty importers US (or --importer)", async () => {
    const csv = "value,country,sector,date,importer\n10000,VN,9503,,\n";
    expect((await batch(csv)).records[1]!.slice(-5)).toEqual(["2500.00", "34.64", "0.00", "12534.64", ""]);
    const r = await batch(csv, { importer: "DE", options: "duty=10%" });
    expect(r.records[1]!.slice(-5)).toEqual(["1000.00", "0.00", "2090.00", "13090.00", ""]);
  });

  it("recomputes output columns found in the input instead of passing them through", async () => {
    const first = await batch(`${HEADER}\n${E1_ROW}\n`);
    const again = await batch(first.text);
    expect(again.records).toEqual(first.records);
  });

  it("keeps a byte-order mark", async () => {
    const { text } = await batch(`\ufeff${HEADER}\n${E1_ROW}\n`);
    expect(text.startsWith("\ufeffvalue,")).toBe(true);
  });

  it("reads input split anywhere, even inside a multi-byte character", async () => {
    const csv = Buffer.from(`note,${HEADER}\n"é😀, ok",${E1_ROW}\n`);
    const pieces: Buffer[] = [];
    for (let i = 0; i < csv.length; i += 3) pieces.push(csv.subarray(i, i + 3));
    const sink = new Sink();
    await landedBatch(Readable.from(pieces), sink, { table, now: new Date() });
    expect(parseCsv(sink.text).records[1]!.slice(0, 1)).toEqual(["é😀, ok"]);
  });

  it("refuses a file without the required columns, or without a header", async () => {
    await expect(batch("sku,price\n1,2\n")).rejects.toThrow(LandedInputError);
    await expect(batch("sku,price\n1,2\n")).rejects.toThrow(/no value, country, sector columns/);
    await expect(batch("")).rejects.toThrow(/empty/);
    await expect(batch("value,value,country,sector\n")).rejects.toThrow(/twice/);
  });

  it("streams: output is written while input is still being read, through a slow writer", async () => {
    const rows = 20_000;
    let produced = 0;
    let writesBeforeEnd = 0;
    const sink = new Sink(1024);
    const input = new Readable({
      read() {
        if (produced === 0) this.push(`${HEADER}\n`);
        if (produced >= rows) {
          writesBeforeEnd = sink.writes;
          this.push(null);
          return;
        }
        let chunk = "";
        for (let i = 0; i < 500; i++) chunk += `${E1_ROW}\n`;
        produced += 500;
        this.push(chunk);
      },
    });
    const progress: number[] = [];
    const summary = await landedBatch(input, sink, { table, now: new Date(), onProgress: (n) => progress.push(n) });
    expect(summary.rows).toBe(rows);
    expect(writesBeforeEnd).toBeGreaterThan(5);
    expect(progress[progress.length - 1]).toBe(rows);
    expect(parseCsv(sink.text).records).toHaveLength(rows + 1);
  });

  it("every figure is the engine's, as exact decimal text", async () => {
    fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e9 }), async (centsValue) => {
        const value = new Decimal(centsValue).div(100).toFixed(2);
        const { records } = await batch(`value,country,sector,date,importer,options\n${value},US,8471,2025-10-15,DE,duty=3.7%\n`);
        const [duty, fees, tax, landed, error] = records[1]!.slice(-5);
        expect(error).toBe("");
        for (const x of [duty, fees, tax, landed]) expect(x).toMatch(/^\d+\.\d\d$/);
        expect(new Decimal(landed!).equals(new Decimal(value).plus(duty!).plus(fees!).plus(tax!))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------- the command

describe("dutydesk landed", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dutydesk-landed-test-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leftovers = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), now: new Date("2025-06-02T16:00:00Z") } };
  }

  it("reads --in, writes --out, exits 0 and prints a one-line summary on stderr", async () => {
    const input = join(dir, "skus.csv");
    const output = join(dir, "result.csv");
    writeFileSync(
      input,
      "sku,value,country,sector,date,quantity,mode\nK-1,24000,JP,8211.93.00.35,2025-01-15,20000,air\nK-2,24000,JP,8211.93.00.35,2025-01-15,,air\n",
    );
    const r = io();
    const code = await run(["landed", "--in", input, "--out", output], r.io);
    expect(code).toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^dutydesk: 2 rows, 1 with errors, .* rows\/s\) -> /);
    const rows = parseCsv(readFileSync(output, "utf8")).records;
    expect(rows[1]!.slice(-5)).toEqual(["1896.00", "83.14", "0.00", "25979.14", ""]);
    expect(rows[2]!.slice(-1)[0]).toBe("#N/A quantity needed for the specific duty 3¢ each (in each)");
  });

  it.each([
    [["landed"], /needs --in/],
    [["landed", "--in", "x.csv", "--date", "June"], /not a date/],
    [["landed", "--in", "x.csv", "--options", "bogus"], /--options: unknown option/],
    [["landed", "--in", "x.csv", "--frobnicate"], /unknown option --frobnicate/],
    [["landed", "--in", "x.csv", "--cache-mb", "lots"], /--cache-mb "lots" is not a whole number of megabytes/],
  ])("%j is a usage error: exit 2, one line on stderr", async (argv, message) => {
    const r = io();
    expect(await run(argv as string[], r.io)).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(message)]);
  });

  it("writes the same file whatever the lookup cache budget, down to one that starts over on every row", async () => {
    const input = join(dir, "budget.csv");
    const rows = ["9503.00.00", "8471.30.01", "7208.39.00", "8211.93.00.35", "1201.90.00"].flatMap((s, i) =>
      ["CN", "VN", "DE", "MX", "JP"].map((c, j) => `${1000 + 37 * i + j},${c},${s},2025-0${1 + ((i + j) % 9)}-15,10,5,,US,ocean`),
    );
    writeFileSync(input, `${HEADER}\n${rows.join("\n")}\n`);
    const outputs = [];
    for (const mb of [undefined, "0", "1", "1000"]) {
      const output = join(dir, `budget-${mb ?? "default"}.csv`);
      const r = io();
      expect(await run(["landed", "--in", input, "--out", output, ...(mb === undefined ? [] : ["--cache-mb", mb])], r.io)).toBe(0);
      outputs.push(readFileSync(output, "utf8"));
    }
    expect(outputs[0]!.split("\n")).toHaveLength(rows.length + 2);
    expect(new Set(outputs).size).toBe(1);
  });

  it("a missing input file, or a directory: exit 2, one line naming it, no output created", async () => {
    const r = io();
    const out = join(dir, "o.csv");
    expect(await run(["landed", "--in", join(dir, "nope.csv"), "--out", out], r.io)).toBe(2);
    expect(r.err).toEqual([`dutydesk: cannot read ${join(dir, "nope.csv")}: no such file`]);
    const d = io();
    expect(await run(["landed", "--in", dir, "--out", out], d.io)).toBe(2);
    expect(d.err).toEqual([`dutydesk: cannot read ${dir}: is a directory`]);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("an output in a directory that does not exist: exit 2, one line", async () => {
    const input = join(dir, "in-ok.csv");
    writeFileSync(input, `${HEADER}\n${E1_ROW}\n`);
    const r = io();
    expect(await run(["landed", "--in", input, "--out", join(dir, "no-such-dir", "o.csv")], r.io)).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^dutydesk: cannot write .*no-such-dir\/o\.csv: no such file$/)]);
  });

  it("a file without the required columns: exit 2", async () => {
    const input = join(dir, "bad.csv");
    writeFileSync(input, "sku,price\n1,2\n");
    const r = io();
    expect(await run(["landed", "--in", input, "--out", join(dir, "bad-out.csv")], r.io)).toBe(2);
    expect(r.err[0]).toMatch(/no value, country, sector columns/);
  });

  it("the installed bin writes CSV to stdout with --out - (or no --out)", () => {
    const input = join(dir, "bin.csv");
    writeFileSync(input, `${HEADER},options\n10000,DE,9503,2025-10-15,1200,120,,US,ocean,duty=25%\n`);
    const bin = join(__dirname, "..", "..", "bin", "dutydesk.js");
    const r = spawnSync(process.execPath, [bin, "landed", "--in", input], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout).records;
    expect(rows[1]!.slice(-5)).toEqual(["2500.00", "47.14", "0.00", "13867.14", ""]);
    expect(r.stderr).toMatch(/1 rows, 0 with errors/);
    expect(r.stderr).not.toContain("\r"); // no progress bar when stderr is not a terminal
  });
});

// ---------------------------------------------------------------- nothing is lost

describe("dutydesk landed never loses the user's files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dutydesk-landed-safe-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const INPUT = `sku,${HEADER}\nA-1,${E1_ROW}\n`;
  function cli(...argv: string[]) {
    const err: string[] = [];
    const code = run(["landed", ...argv], { out: () => undefined, err: (t) => err.push(t), now: new Date("2025-06-02T16:00:00Z") });
    return Promise.resolve(code).then((c) => ({ code: c, err }));
  }
  const files = () => readdirSync(dir).sort();

  it.each([
    ["the same path", (f: string) => f],
    ["the same file by another spelling", (f: string) => join(dirname(f), ".", "..", basename(dirname(f)), basename(f))],
    ["a symbolic link to it", (f: string) => (symlinkSync(f, join(dirname(f), "link.csv")), join(dirname(f), "link.csv"))],
    ["a hard link to it", (f: string) => (linkSync(f, join(dirname(f), "hard.csv")), join(dirname(f), "hard.csv"))],
  ])("refuses an output that is the input: %s (exit 2, the input unchanged)", async (_, outFor) => {
    const input = join(dir, "skus.csv");
    writeFileSync(input, INPUT);
    const out = outFor(input);
    const r = await cli("--in", input, "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^dutydesk: --out .* is the input file: refusing to overwrite it/)]);
    expect(readFileSync(input, "utf8")).toBe(INPUT);
    expect(files().filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses an output that is the file given on standard input (--in - < F --out F)", () => {
    const input = join(dir, "skus.csv");
    writeFileSync(input, INPUT);
    const bin = join(__dirname, "..", "..", "bin", "dutydesk.js");
    const fd = openSync(input, "r");
    try {
      const r = spawnSync(process.execPath, [bin, "landed", "--in", "-", "--out", input], { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/is the input file: refusing to overwrite it/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(input, "utf8")).toBe(INPUT);
  });

  it("writes a new output through a temporary file beside it, and leaves no temporary file", async () => {
    const input = join(dir, "skus.csv");
    writeFileSync(input, INPUT);
    expect((await cli("--in", input, "--out", join(dir, "out.csv"))).code).toBe(0);
    expect(files()).toEqual(["out.csv", "skus.csv"]);
    const rows = parseCsv(readFileSync(join(dir, "out.csv"), "utf8")).records;
    expect(rows[1]!.slice(0, 2)).toEqual(["A-1", "10000"]);
    expect(rows[1]!.slice(-5)).toEqual([expect.stringMatching(/^\d+\.\d\d$/), "47.14", "0.00", expect.stringMatching(/^\d+\.\d\d$/), ""]);
  });

  it("replaces an existing output only on success, keeping its permissions, and writes through a symbolic link", async () => {
    const input = join(dir, "skus.csv");
    writeFileSync(input, INPUT);
    const target = join(dir, "target.csv");
    writeFileSync(target, "old\n");
    chmodSync(target, 0o640);
    symlinkSync(target, join(dir, "out.csv"));
    expect((await cli("--in", input, "--out", join(dir, "out.csv"))).code).toBe(0);
    expect(lstatSync(join(dir, "out.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toMatch(/^sku,value,/);
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it.each([
    ["a missing required column", "sku,price\n1,2\n", /^dutydesk: the input has no value, country, sector columns/],
    ["an empty file", "", /^dutydesk: the input is empty/],
    [
      "a line past the length limit, after good rows",
      `${HEADER}\n${E1_ROW}\n${E1_ROW}\n10000,"${"x".repeat(70_000)}",9503\n`,
      /^dutydesk: line 4 has a field longer than 64 KiB/,
    ],
  ])("a run that fails (%s) leaves an existing output untouched and no partial file", async (_, csv, message) => {
    const input = join(dir, "bad.csv");
    writeFileSync(input, csv);
    const out = join(dir, "out.csv");
    writeFileSync(out, "the previous result\n");
    const r = await cli("--in", input, "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(message)]);
    expect(r.err[0]).toMatch(/out\.csv was not written$/);
    expect(readFileSync(out, "utf8")).toBe("the previous result\n");
    expect(files()).toEqual(["bad.csv", "out.csv"]);
  });

  it("an unexpected exception mid-run also leaves the output untouched (the temporary file is removed)", async () => {
    const input = join(dir, "skus.csv");
    writeFileSync(input, INPUT);
    const out = join(dir, "out.csv");
    writeFileSync(out, "the previous result\n");
    // A row with plain amounts is computed through centsTotals first (integer cents; landedCost where not exact).
    const engine = jest.requireActual("../../src/engine/landed/landedTotals") as { centsTotals: unknown };
    const spy = jest.spyOn(engine as { centsTotals: () => never }, "centsTotals").mockImplementation(() => {
      throw new Error("boom");
    });
    try {
      await expect(cli("--in", input, "--out", out)).rejects.toThrow("boom");
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(out, "utf8")).toBe("the previous result\n");
    expect(files()).toEqual(["out.csv", "skus.csv"]);
  });
});

describe("CSV formula injection (OWASP): cells a spreadsheet would run are neutralised", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["-", "'-"],
  ])("%j is written as %j", (cell, written) => {
    expect(neutralizeFormula(cell)).toBe(written);
  });

  it.each(["-12.5", "-0.01", "+3", "42", "1e5", "-1.5E-3", ".5", "plain", "a=b", "", "'quoted"])("%j stays as it is", (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });

  it("applies to every column written, the echoed input ones and the header included; --raw turns it off", async () => {
    const csv = `=HEADER,${HEADER}\n"=cmd|'/c calc'!A1",${E1_ROW}\n@x,-5,VN,9503\n`;
    const { records, text } = await batch(csv);
    expect(records[0]![0]).toBe("'=HEADER");
    expect(records[1]![0]).toBe("'=cmd|'/c calc'!A1");
    expect(records[1]!.slice(-5)).toEqual(["2500.00", "47.14", "0.00", "13867.14", ""]);
    expect(records[2]![0]).toBe("'@x");
    expect(records[2]![1]).toBe("-5"); // a negative number stays a number
    expect(text).not.toMatch(/(^|,|\r\n)[=+@]/);
    const sink = new Sink();
    await landedBatch(Readable.from([csv]), sink, { table, now: new Date("2025-10-15T16:00:00Z"), raw: true });
    expect(parseCsv(sink.text).records[1]![0]).toBe("=cmd|'/c calc'!A1");
  });

  it("a negative amount the tool writes stays a number", () => {
    expect(csvRecord(["-12.50", "-0.01", "=1"])).toBe("-12.50,-0.01,'=1\r\n");
  });
});

describe("CSV input is bounded: a huge line or field is refused at once, in bounded memory", () => {
  it("the limits are documented constants", () => {
    expect(MAX_RECORD_CHARS).toBe(1024 * 1024);
    expect(MAX_FIELD_CHARS).toBe(64 * 1024);
  });

  it.each([
    ["a field over the field limit", `a,b\n1,${"x".repeat(MAX_FIELD_CHARS + 1)}\n`, "line 2 has a field longer than 64 KiB"],
    ["a quoted field over the field limit, across lines", `a,b\n\n1,"${"x\n".repeat(MAX_FIELD_CHARS)}"\n`, "line 3 has a field longer than 64 KiB"],
    ["a quote never closed", `a,b\n1,"${"y".repeat(MAX_FIELD_CHARS + 1)}`, "line 2 has a field longer than 64 KiB"],
    ["a line of many short fields", `a\r\n${"1,".repeat(MAX_RECORD_CHARS)}\r\n`, "line 2 is longer than 1 MiB"],
  ])("%s", (_, text, message) => {
    const reader = new CsvReader(() => undefined);
    let error: unknown;
    try {
      for (let i = 0; i < text.length; i += 4096) reader.push(text.slice(i, i + 4096));
      reader.end();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvLimitError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it("a record just under the limits is read", () => {
    const field = "x".repeat(MAX_FIELD_CHARS);
    expect(parseCsv(`a,b\n${field},${field}\n`).records[1]).toEqual([field, field]);
  });

  it("limits can be set per reader", () => {
    const reader = new CsvReader(() => undefined, { maxRecordChars: 20, maxFieldChars: 10 });
    expect(() => reader.push("short,row\n12345678901\n")).toThrow("line 2 has a field longer than 10 characters");
  });

  function spawnLanded(input: string, out: string) {
    const bin = join(__dirname, "..", "..", "bin", "dutydesk.js");
    return spawnSync(process.execPath, [bin, "landed", "--in", input, "--out", out], { encoding: "utf8" });
  }

  it("a 2 GB sparse file (no line break at all) is refused in one line, exit 2, the output not written", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-sparse-"));
    try {
      const input = join(dir, "sparse.csv");
      writeFileSync(input, "");
      truncateSync(input, 2 * 1024 ** 3);
      const r = spawnLanded(input, join(dir, "out.csv"));
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        expect.stringMatching(/^dutydesk: line 1 has a field longer than 64 KiB, the limit for one CSV field .*; .*out\.csv was not written$/),
      ]);
      expect(readdirSync(dir)).toEqual(["sparse.csv"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a 300 MB field after a good header is refused in one line, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-field-"));
    try {
      const input = join(dir, "field.csv");
      writeFileSync(input, `${HEADER}\n${E1_ROW}\n10000,VN,"`);
      truncateSync(input, 300 * 1024 * 1024); // the rest is one quoted field of NULs
      const r = spawnLanded(input, join(dir, "out.csv"));
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^dutydesk: line 3 has a field longer than 64 KiB/)]);
      expect(readdirSync(dir)).toEqual(["field.csv"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("benchLanded", () => {
  it("generates, streams and measures (small run)", async () => {
    const result = await benchLanded(2000);
    expect(result.rows).toBe(2000);
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    expect(result.peakRssBytes).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------- entry-level fees (issue 14 item 4)

describe("landedBatch with an entry column", () => {
  const H = "sku,entry,value,country,sector,date,mode\n";
  const ROWS = [
    "A,E1,1000.00,CN,9503.00.00,2025-06-02,ocean",
    "B,E1,2000.00,CN,9503.00.00,2025-06-02,ocean",
    "C,E1,3000.01,VN,9503.00.00,2025-06-02,ocean",
    "D,,5000,DE,9503.00.00,2025-06-02,ocean",
    "E,E2,150000,JP,9503.00.00,2025-06-02,air",
    "F,E2,50000,JP,9503.00.00,2025-06-02,air",
  ];
  const fees = (records: string[][]) => records.slice(1).map((r) => r[r.length - 4]);

  test("worked: MPF and HMF per entry, allocated by value, the cents summing to the entry's fees", async () => {
    const { summary, records } = await batch(H + ROWS.join("\n") + "\n");
    expect(summary).toEqual({ rows: 6, errors: 0, entries: 2 });
    // E1 (FY2025): total 6,000.01; MPF 20.78 → minimum 32.71, shared 5.45 + 10.90 + 16.36 (largest remainder);
    // HMF 7.50, shared 1.25 + 2.50 + 3.75. D is its own entry: MPF minimum 32.71 + HMF 6.25 = 38.96.
    // E2: MPF 692.80 → maximum 634.62, shared 475.97 + 158.65 (the tie of .5 goes to the earlier row); air: no HMF.
    expect(fees(records)).toEqual(["6.70", "13.40", "20.11", "38.96", "475.97", "158.65"]);
    const [duty, , , landed] = records[1]!.slice(-5);
    expect(landed).toBe((1000 + Number(duty) + 6.7).toFixed(2)); // value + duty + the line's share of the fees
  });

  test("without the column, each line is its own entry, as before", async () => {
    const plain = "sku,value,country,sector,date,mode\n" + ROWS.map((r) => r.replace(/^(\w),E?\d?,/, "$1,")).join("\n") + "\n";
    const { summary, records } = await batch(plain);
    expect(summary).toEqual({ rows: 6, errors: 0 });
    // Line by line: $1,000 and $2,000 are informal entries ($2.62 flat MPF), each charged on its own.
    expect(fees(records)[0]).toBe("3.87"); // 2.62 + HMF 1.25
  });

  test("an entry whose lines are not next to each other is refused, naming it", async () => {
    await expect(batch(H + [ROWS[0], ROWS[3], ROWS[1]].join("\n") + "\n")).rejects.toThrow(
      new LandedInputError(
        'entry "E1" appears again at data row 3, after other entries: the lines of one entry must be next to each other (sort the file by entry); nothing was written',
      ),
    );
  });

  test("one bad line makes the other lines of its entry #N/A, and leaves other entries alone", async () => {
    const { records } = await batch(H + [ROWS[0], "B,E1,2000,CN,not a product,2025-06-02,ocean", ROWS[3]].join("\n") + "\n");
    const errors = records.slice(1).map((r) => r[r.length - 1]);
    expect(errors[0]).toMatch(/^#N\/A entry "E1": line 2 of this entry has an error/);
    expect(errors[1]).toMatch(/^#/);
    expect(errors[2]).toBe("");
  });
});
