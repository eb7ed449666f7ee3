/**
 * Benchmark of `dutydesk landed` (issue 12): the real CLI over a million varied rows, against the CSV floor.
 *
 *   npm run bench:landed -- --json                        3 runs, median; prints LAST one JSON object
 *   node lib-bench/bench/landed.js [--rows N] [--runs K] [--json] [--heap-mb N]   (passed to the CLI; 0: unbounded heap)
 *   node lib-bench/bench/landed.js --generate FILE [rows] only write the input file
 *
 * - Input: seeded (bench/prng.ts) and varied as a sourcing book is: thousands of distinct HTS lines of the
 *   embedded table × 40 origins × dates over two years × values, quantities, freight, insurance and modes;
 *   about 8% of rows for other importers (China with base=, the EU/UK/Canada with duty=), 0.5% row errors.
 *   Generated once to a temp file, removed afterwards.
 * - Measured: `node lib/cli/main.js landed --in FILE --out FILE` in a child process; its own CPU time
 *   (user + system, process.cpuUsage at exit) and peak RSS (resourceUsage().maxRSS), reported by a preload
 *   module (bench/rusage.ts) so nothing of this process is counted.
 * - The floor: the same child-process set-up reading and rewriting the same file with the CSV code the
 *   CLI uses (src/cli/csv.ts: CsvReader and csvRecord), streamed the same way (bench/csvFloor.ts).
 * - Goals (issue 12): CPU time ≤ 2 × the floor; peak RSS < 256 MB. Reported as met or missed, never enforced.
 *
 * `benchLanded(rows)` is kept for `bench/run.js --landed` (in-process, the earlier measure).
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { embeddedTable } from "../src/cli/embeddedTable";
import { landedBatch } from "../src/cli/landedCommand";
import { formatHts } from "../src/engine";
import { prng } from "./prng";

export interface LandedBenchResult {
  readonly rowsPerSecond: number;
  readonly peakRssBytes: number;
  readonly rows: number;
}

export const GOALS = { ratioVsCsvFloor: 2, peakRssMb: 256 } as const;
const SEED = 0x1a9d3d;
const LINES = 4000;

const HEADER = "sku,value,country,sector,date,freight,insurance,quantity,importer,mode,currency_rate,metal_share,options\r\n";

/** 40 origins, as run.ts's lookup bench uses, and the names analysts type for a few. */
const ORIGINS = [
  "CN",
  "VN",
  "MX",
  "CA",
  "DE",
  "FR",
  "IT",
  "JP",
  "KR",
  "IN",
  "BR",
  "GB",
  "CH",
  "TW",
  "TH",
  "ID",
  "MY",
  "BD",
  "PK",
  "TR",
  "AU",
  "SG",
  "IL",
  "ZA",
  "NG",
  "EG",
  "AR",
  "CL",
  "PE",
  "RU",
  "ES",
  "NL",
  "PL",
  "PH",
  "KH",
  "CO",
  "NZ",
  "IE",
  "China",
  "Viet Nam",
];
const MODES = ["ocean", "air", "truck", "rail", "ocean", "ocean", ""];
const FIRST_DAY = Date.UTC(2025, 0, 1);
const DAYS = 638; // 2025-01-01 .. 2026-09-30: fiscal years whose MPF limits are in the fee table

function linesOfTable(rnd: () => number): string[] {
  const atoms = embeddedTable().importers.get("US")!.atoms;
  const picked = new Set<string>();
  while (picked.size < Math.min(LINES, atoms.length)) picked.add(atoms[Math.floor(rnd() * atoms.length)]!);
  return [...picked].map(formatHts);
}

function rowMaker(lines: readonly string[], rnd: () => number): (i: number) => string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const money = (max: number) => (rnd() * max).toFixed(2);
  return (i) => {
    const date = new Date(FIRST_DAY + Math.floor(rnd() * DAYS) * 86_400_000).toISOString().slice(0, 10);
    // Log-uniform values from $20 to $2.5M: parcels, informal entries, MPF minimum and maximum all occur.
    const value = (20 * Math.exp(rnd() * Math.log(125_000))).toFixed(2);
    const freight = money(5000);
    const insurance = money(300);
    const quantity = rnd() < 0.5 ? String(1 + Math.floor(rnd() * 20_000)) : "";
    const sku = `SKU-${i}`;
    const r = rnd();
    if (r < 0.005) return `${sku},${value},CN,${pick(lines)},2025-13-01,${freight},${insurance},,US,ocean,,,\r\n`;
    if (r < 0.03)
      return `${sku},${value},${pick(ORIGINS)},${pick(lines)},${date},${freight},${insurance},,US,ocean,,${Math.floor(rnd() * 100)}%,\r\n`;
    if (r < 0.06) return `${sku},${value},US,${pick(lines)},${date},${freight},${insurance},,CN,ocean,7.1,,base=3%\r\n`;
    if (r < 0.09)
      return `${sku},${value},CN,${pick(lines)},${date},${freight},${insurance},,${pick(["DE", "FR", "GB", "CA"])},ocean,0.92,,"duty=4%, fx=0.92"\r\n`;
    return `${sku},${value},${pick(ORIGINS)},${pick(lines)},${date},${freight},${insurance},${quantity},US,${pick(MODES)},,,\r\n`;
  };
}

/** Writes a header and `rows` generated rows to `path`, honouring the file stream's backpressure. */
export async function generateLandedCsv(path: string, rows: number, seed = SEED): Promise<void> {
  const rnd = prng(seed);
  const row = rowMaker(linesOfTable(rnd), rnd);
  const out = createWriteStream(path);
  let buf = HEADER;
  for (let i = 1; i <= rows; i++) {
    buf += row(i);
    if (buf.length >= 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

/** In-process run of the pipeline (bench/run.js --landed). */
export async function benchLanded(rows: number): Promise<LandedBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-landed-"));
  try {
    const inPath = join(dir, "skus.csv");
    const outPath = join(dir, "result.csv");
    await generateLandedCsv(inPath, rows);
    const table = embeddedTable();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const output = createWriteStream(outPath);
    const summary = await landedBatch(createReadStream(inPath, { highWaterMark: 1 << 20 }), output, { table, now: new Date("2025-06-02T16:00:00Z") });
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

interface ChildFigures {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly maxRssBytes: number;
}

const ROOT = resolve(__dirname, "..", "..");
const RUSAGE = join(__dirname, "rusage.js");

/** Runs `node <args>` with the rusage preload; the child's own CPU time and peak RSS. */
function measureChild(args: readonly string[], dir: string, env: Record<string, string> = {}): ChildFigures {
  const report = join(dir, `rusage-${process.hrtime.bigint()}.json`);
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ["-r", RUSAGE, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env, DUTYDESK_RUSAGE_FILE: report },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`${args.join(" ")} failed (exit ${String(child.status)}): ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(readFileSync(report, "utf8")) as { cpuMs: number; maxRssBytes: number };
  return { cpuMs: r.cpuMs, maxRssBytes: r.maxRssBytes, wallMs };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function benchLandedCli(rows: number, runs: number, extraArgs: readonly string[] = []): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-landed-"));
  try {
    const inPath = join(dir, "skus.csv");
    const outPath = join(dir, "result.csv");
    const floorPath = join(dir, "floor.csv");
    await generateLandedCsv(inPath, rows);
    const floor: ChildFigures[] = [];
    const landed: ChildFigures[] = [];
    for (let k = 0; k < runs; k++) {
      // Interleaved, so a slow moment of the machine touches both.
      floor.push(measureChild([join(__dirname, "csvFloor.js"), inPath, floorPath], dir));
      landed.push(
        measureChild(
          [join(ROOT, "lib", "cli", "main.js"), "landed", "--in", inPath, "--out", outPath, "--date", "2025-06-02", "--no-progress", ...extraArgs],
          dir,
        ),
      );
    }
    const floorCpu = median(floor.map((f) => f.cpuMs));
    const landedCpu = median(landed.map((f) => f.cpuMs));
    const rss = median(landed.map((f) => f.maxRssBytes));
    const ratio = Math.round((landedCpu / floorCpu) * 100) / 100;
    const rssMb = round1(rss / (1024 * 1024));
    return {
      landed_rows: rows,
      landed_runs: runs,
      landed_input_bytes: readFileSync(inPath).length,
      landed_1m_ratio_vs_csv_floor: ratio,
      landed_1m_peak_rss_mb: rssMb,
      landed_cpu_ms: Math.round(landedCpu),
      landed_wall_ms: Math.round(median(landed.map((f) => f.wallMs))),
      csv_floor_cpu_ms: Math.round(floorCpu),
      csv_floor_wall_ms: Math.round(median(floor.map((f) => f.wallMs))),
      csv_floor_peak_rss_mb: round1(median(floor.map((f) => f.maxRssBytes)) / (1024 * 1024)),
      landed_cpu_ms_runs: landed.map((f) => Math.round(f.cpuMs)),
      csv_floor_cpu_ms_runs: floor.map((f) => Math.round(f.cpuMs)),
      landed_peak_rss_mb_runs: landed.map((f) => round1(f.maxRssBytes / (1024 * 1024))),
      landed_args: extraArgs,
      goals: { landed_1m_ratio_vs_csv_floor: GOALS.ratioVsCsvFloor, landed_1m_peak_rss_mb: GOALS.peakRssMb },
      met: { ratio: ratio <= GOALS.ratioVsCsvFloor, rss: rssMb < GOALS.peakRssMb },
      seed: SEED,
      node: process.version,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
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
  const rows = Number(option(argv, "--rows") ?? 1_000_000);
  const runs = Number(option(argv, "--runs") ?? 3);
  // The CLI's own flag, to compare its bounded heap (the default) with `--heap-mb 0` in one hour.
  const heapMb = option(argv, "--heap-mb");
  const result = await benchLandedCli(rows, runs, heapMb === undefined ? [] : ["--heap-mb", heapMb]);
  if (!argv.includes("--json")) {
    process.stdout.write(
      `landed ${rows} rows: CPU ${String(result.landed_cpu_ms)} ms vs CSV floor ${String(result.csv_floor_cpu_ms)} ms = ` +
        `${String(result.landed_1m_ratio_vs_csv_floor)}× (goal ≤ ${GOALS.ratioVsCsvFloor}×), peak RSS ${String(result.landed_1m_peak_rss_mb)} MB (goal < ${GOALS.peakRssMb} MB)\n`,
    );
  }
  const met = result.met as { ratio: boolean; rss: boolean };
  process.stdout.write(
    `${met.ratio ? "PASS" : "FAIL"} landed CPU vs CSV floor ${String(result.landed_1m_ratio_vs_csv_floor)}× (goal ≤ ${GOALS.ratioVsCsvFloor}×)\n`,
  );
  process.stdout.write(`${met.rss ? "PASS" : "FAIL"} landed peak RSS ${String(result.landed_1m_peak_rss_mb)} MB (goal < ${GOALS.peakRssMb} MB)\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
