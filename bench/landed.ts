/**
 * Benchmark of `dutydesk landed`: generates a CSV of N rows in a temp directory, streams it through the
 * same pipeline the CLI runs (landedBatch), and reports rows per second and peak RSS. Nothing is kept.
 *
 *   node lib-bench/bench/landed.js [rows]                 run and print JSON (default 1 000 000 rows)
 *   node lib-bench/bench/landed.js --generate FILE [rows] only write the input file (for /usr/bin/time -v runs)
 *
 * The rows mix what a sourcing workbook holds: US imports from eight origins across 2025, ocean/air/truck,
 * compound rates with quantities, steel derivatives with a metal share, China as importer with a base rate,
 * EU/UK/Canada imports with a given duty rate, and about 0.5% rows that fail (bad date, missing quantity).
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { embeddedTable } from "../src/cli/embeddedTable";
import { landedBatch } from "../src/cli/landedCommand";
import { prng } from "./prng";

export interface LandedBenchResult {
  readonly rowsPerSecond: number;
  readonly peakRssBytes: number;
  readonly rows: number;
}

const HEADER = "sku,value,country,sector,date,freight,insurance,quantity,importer,mode,currency_rate,metal_share,options\r\n";

const US_ORIGINS = ["CN", "DE", "JP", "VN", "MX", "IN", "GB", "KR", "China", "Viet Nam"];
const US_PRODUCTS = ["9503.00.00", "8471.30.01.00", "6109.10.00.12", "8703.23.01", "furniture", "8517.13.00", "7326.90.86.88"];
const MODES = ["ocean", "air", "truck", "rail", "ocean", "ocean"];

function row(i: number, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const date = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const value = (100 + rnd() * 250_000).toFixed(2);
  const freight = (rnd() * 3000).toFixed(2);
  const insurance = (rnd() * 200).toFixed(2);
  const sku = `SKU-${i}`;
  const r = rnd();
  if (r < 0.005) return `${sku},${value},CN,9503.00.00,2025-13-01,${freight},${insurance},,US,ocean,,,\r\n`; // a row error
  if (r < 0.1) return `${sku},${value},JP,8211.93.00.35,${date},${freight},${insurance},${1 + Math.floor(rnd() * 50000)},US,${pick(MODES)},,,\r\n`;
  if (r < 0.15) return `${sku},${value},DE,7326.90.86.88,${date},${freight},${insurance},,US,ocean,,${Math.floor(rnd() * 100)}%,\r\n`;
  if (r < 0.2) return `${sku},${value},US,soybeans,${date},${freight},${insurance},,CN,ocean,7.1,,base=3%\r\n`;
  if (r < 0.25)
    return `${sku},${value},CN,9503.00.00,${date},${freight},${insurance},,${pick(["DE", "FR", "GB", "CA"])},ocean,0.92,,"duty=4%, fx=0.92"\r\n`;
  return `${sku},${value},${pick(US_ORIGINS)},${pick(US_PRODUCTS)},${date},${freight},${insurance},,US,${pick(MODES)},,,\r\n`;
}

/** Writes a header and `rows` generated rows to `path`, honouring the file stream's backpressure. */
export async function generateLandedCsv(path: string, rows: number, seed = 0x1a9d3d): Promise<void> {
  const out = createWriteStream(path);
  const rnd = prng(seed);
  let buf = HEADER;
  for (let i = 1; i <= rows; i++) {
    buf += row(i, rnd);
    if (buf.length >= 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

export async function benchLanded(rows: number): Promise<LandedBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-landed-"));
  try {
    const inPath = join(dir, "skus.csv");
    const outPath = join(dir, "result.csv");
    await generateLandedCsv(inPath, rows);
    const table = embeddedTable(); // loaded before the clock starts: this measures rows, not start-up

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    const input = createReadStream(inPath, { highWaterMark: 1 << 20 });
    const output = createWriteStream(outPath);
    const summary = await landedBatch(input, output, { table, now: new Date("2025-06-02T16:00:00Z") });
    output.end();
    await once(output, "finish");
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (summary.rows !== rows) throw new Error(`benchLanded: wrote ${summary.rows} rows, expected ${rows}`);
    return { rowsPerSecond: Math.round(rows / seconds), peakRssBytes: peak, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cli(argv: readonly string[]): Promise<void> {
  if (argv[0] === "--generate") {
    const file = argv[1];
    if (file === undefined) throw new Error("usage: node lib-bench/bench/landed.js --generate FILE [rows]");
    const rows = Number(argv[2] ?? 1_000_000);
    await generateLandedCsv(file, rows);
    process.stdout.write(`wrote ${rows} rows to ${file}\n`);
    return;
  }
  const rows = Number(argv[0] ?? 1_000_000);
  const result = await benchLanded(rows);
  process.stdout.write(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + "\n");
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
