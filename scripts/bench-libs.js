#!/usr/bin/env node
// Measures each hand-written piece against the well-kept library that could replace it (README, "Libraries").
//
//   npm run prepare && npx tsc -p bench/tsconfig.json && node scripts/bench-libs.js [rows=200000]
//
// - SHA-256 of the embedded release: the hand-written code (from git, commit ae7d078), @noble/hashes, node:crypto;
// - CSV floor, a landed-cost file parsed and written again: src/cli/csv.ts against csv-parse -> csv-stringify
//   (streaming API, with the options the CLI would need); the writer alone;
// - `dutydesk landed` end to end, with src/cli/csv.ts and with csv-parse as its reader.
// Each timing is the median of several runs; the file is the benchmark's own generator (lib-bench/bench/landed.js).
"use strict";

const { execFileSync, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pipeline } = require("stream/promises");

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");
const HAND_SHA256_COMMIT = "ae7d078";

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function ms(f) {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
async function msAsync(f) {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function sha256Bench() {
  const { newestRelease } = require("./releases");
  const bytes = new Uint8Array(fs.readFileSync(newestRelease().file));
  const ts = require("typescript");
  const source = execFileSync("git", ["show", `${HAND_SHA256_COMMIT}:src/engine/util/sha256.ts`], { cwd: ROOT, encoding: "utf8" });
  const hand = { exports: {} };
  new Function(
    "exports",
    "module",
    ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText,
  )(hand.exports, hand);
  const { nobleSha256 } = require(path.join(LIB, "engine", "util", "sha256.js"));
  const node = (b) => crypto.createHash("sha256").update(b).digest("hex");
  const impls = { hand: (b) => hand.exports.sha256Bytes(b), "@noble/hashes": nobleSha256, "node:crypto": node };
  const expected = node(bytes);
  const out = { release_bytes: bytes.length };
  for (const [name, f] of Object.entries(impls)) {
    if (f(bytes) !== expected) throw new Error(`${name} disagrees with node:crypto`);
    out[`${name} ms`] = +median(Array.from({ length: 15 }, () => ms(() => f(bytes)))).toFixed(2);
  }
  return out;
}

const CSV_PARSE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  bom: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  max_record_size: 1024 * 1024,
};

async function csvFloor(file) {
  const { CsvReader, csvRecord, neutralizeFormula } = require(path.join(LIB, "cli", "csv.js"));
  const { parse } = require("csv-parse");
  const { stringify } = require("csv-stringify");
  const out = path.join(path.dirname(file), "floor.csv");
  const hand = async () => {
    const w = fs.createWriteStream(out);
    let pending = [];
    let length = 0;
    const reader = new CsvReader((fields) => {
      const text = csvRecord(fields);
      pending.push(text);
      length += text.length;
    });
    const { StringDecoder } = require("string_decoder");
    const decoder = new StringDecoder("utf8");
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      reader.push(decoder.write(chunk));
      if (length >= 1 << 16) {
        const text = pending.join("");
        pending = [];
        length = 0;
        if (!w.write(text)) await new Promise((r) => w.once("drain", r));
      }
    }
    reader.push(decoder.end());
    reader.end();
    w.end(pending.join(""));
    await new Promise((r) => w.once("finish", r));
  };
  const library = () =>
    pipeline(
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      parse(CSV_PARSE_OPTIONS),
      stringify({ record_delimiter: "windows", cast: { string: (s) => neutralizeFormula(s) } }),
      fs.createWriteStream(out),
    );
  const result = {};
  for (const [name, f] of [
    ["hand", hand],
    ["csv-parse/csv-stringify", library],
  ]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await msAsync(f));
    result[`${name} ms`] = Math.round(median(runs));
    result[`${name} bytes`] = fs.statSync(out).size;
  }
  // The writer alone, on the parsed records.
  const { parseCsv } = require(path.join(LIB, "cli", "csv.js"));
  const { stringify: stringifySync } = require("csv-stringify/sync");
  const records = parseCsv(fs.readFileSync(file, "utf8")).records;
  const options = { record_delimiter: "windows", cast: { string: (s) => neutralizeFormula(s) } };
  result["writer hand ms"] = Math.round(median([0, 1, 2].map(() => ms(() => records.forEach((r) => csvRecord(r))))));
  result["writer csv-stringify ms"] = Math.round(median([0, 1, 2].map(() => ms(() => records.forEach((r) => stringifySync([r], options))))));
  return result;
}

// `dutydesk landed` with csv-parse as the reader: CsvReader's interface over the parser csv-parse's stream
// drives (its synchronous `api`, so the stream's own overhead is not counted: the library's best case).
const ADAPTER = `
const { Parser } = require(${JSON.stringify(require.resolve("csv-parse"))});
const csv = require(${JSON.stringify(path.join(LIB, "cli", "csv.js"))});
csv.CsvReader = class {
  constructor(onRecord) {
    this.bom = false;
    this.started = false;
    this.api = new Parser(${JSON.stringify(CSV_PARSE_OPTIONS)}).api;
    this.sink = (record) => onRecord(record, null);
  }
  push(text) {
    if (!this.started && text.length > 0) { this.started = true; this.bom = text.charCodeAt(0) === 0xfeff; }
    const err = this.api.parse(Buffer.from(text), false, this.sink, () => undefined);
    if (err) throw err;
  }
  end() { const err = this.api.parse(undefined, true, this.sink, () => undefined); if (err) throw err; }
};
`;

function landedEndToEnd(file) {
  const dir = path.dirname(file);
  const adapter = path.join(dir, "csv-parse-reader.js");
  fs.writeFileSync(adapter, ADAPTER);
  const bin = path.join(ROOT, "bin", "dutydesk.js");
  const result = {};
  const outputs = {};
  for (const [name, pre] of [
    ["hand", []],
    ["csv-parse", ["-r", adapter]],
  ]) {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const out = path.join(dir, `landed-${name}.csv`);
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [...pre, bin, "landed", "--in", file, "--out", out], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`landed (${name}) failed: ${r.stderr}`);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      outputs[name] = fs.readFileSync(out);
    }
    result[`${name} s`] = +(median(runs) / 1000).toFixed(2);
  }
  result["same output"] = outputs.hand.equals(outputs["csv-parse"]);
  return result;
}

async function main() {
  const rows = Number(process.argv[2] || 200000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dutydesk-libs-"));
  try {
    console.log("SHA-256 of the embedded release:", JSON.stringify(sha256Bench()));
    const file = path.join(dir, "skus.csv");
    await require(path.join(LIB, "bench", "landed.js")).generateLandedCsv(file, rows);
    console.log(`CSV floor, ${rows} rows (${fs.statSync(file).size} bytes):`, JSON.stringify(await csvFloor(file)));
    console.log(`dutydesk landed, ${rows} rows:`, JSON.stringify(landedEndToEnd(file)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
