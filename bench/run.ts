/*
 * `npm run bench`: how fast DutyDesk is at workbook scale, in one run, on the shipped artefacts.
 *
 *   node lib-bench/bench/run.js                 readable table
 *   node lib-bench/bench/run.js --json          one JSON object on stdout
 *   node lib-bench/bench/run.js --landed        also the landed-cost batch (bench/landed.ts, if present), 1 000 000 rows
 *   node lib-bench/bench/run.js --full          everything, including --landed
 *   node lib-bench/bench/run.js --only=lookup   one part (lookup | adapter | load | bundle | landed), e.g. under node --cpu-prof
 *
 * Measures: TARIFF lookups on the full embedded table against a Map.get baseline over the same keys; the
 * built functions bundle (dist/functions.js) called the way Excel calls 100 000 cells; table load time and
 * time to first answer; the bundle's size against its budget; peak memory. Exits 1 when the bundle is over
 * budget or when a call gives something Excel could not show. Timing goals are reported, never enforced:
 * shared CI machines are too noisy for that.
 *
 * Node only; no dependencies beyond the engine.
 */
import { spawnSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { existsSync, readFileSync } from "node:fs";
import { cpus, platform, arch, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import * as vm from "node:vm";
import { gzipSync } from "node:zlib";
import {
  Day,
  RateRequest,
  RateTable,
  compileTable,
  excelSerialFromDay,
  formatHts,
  isoFromDay,
  loadTable,
  lookupRate,
  sha256Hex,
  validateDocument,
} from "../src/engine";
// The same CustomFunctions runtime double the tests use (type-checked against @types/custom-functions-runtime).
import { CustomFunctionError, installCustomFunctionsRuntime } from "../tests/support/customFunctionsRuntime";
import { prng } from "./prng";
import { newestRelease } from "../scripts/releases";

const ROOT = resolve(__dirname, "..", "..");
/** The embedded table: the newest release in data/releases (scripts/releases.js decides, as for the bundle). */
const TABLE_FILE = newestRelease().file;
const DIST = join(ROOT, "dist");

/**
 * The functions bundle budget: dist/functions.js + dist/runtime.js, the embedded table included (it is most
 * of the bundle). Excel on the web cannot run a DUTY cell before this has been downloaded, parsed and the
 * table loaded, on every cold start of the add-in.
 * - 300 KiB gzip: the transfer. About 1.5 s on a slow 1.6 Mbit/s link, 0.1 s on 20 Mbit/s office
 *   networks, and within the ~300-350 KiB of compressed script a whole page can afford on median devices
 *   (Alex Russell, "The Performance Inequality Gap"). office.js comes from Microsoft's CDN, cached across add-ins.
 * - 1.5 MiB raw: the start-up work. Loading the table costs roughly 0.3 s per MB of table here (hash,
 *   parse, validate, index), so 1.5 MiB keeps the time to the first answer around half a second.
 * A release that outgrows this should be fetched (the feed already can) rather than embedded.
 */
export const BUDGET = { gzipBytes: 300 * 1024, rawBytes: 1.5 * 1024 * 1024 } as const;
/** Goals from the issue: reported as met or missed, never enforced. */
export const GOALS = { lookupRatioVsMap: 10, adapter100kMs: 1000 } as const;

export const COUNTRIES = [
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
] as const;

const SEED = 0x0d0e5eed;
const LINES = 2000;
const DATES_PER_PAIR = 4;
const WARM_PASSES = 5;
const ADAPTER_CELLS = 100_000;
const LOAD_RUNS = 7;
const LANDED_ROWS = 1_000_000;

// ---------------------------------------------------------------- helpers

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Keeps results alive so the JIT cannot drop the work being timed. */
let sink = 0;

/** TARIFF's engine work: the lookup and the total as a number (NaN where TARIFF gives an error). */
function tariffNumber(table: RateTable, request: RateRequest): number {
  const r = lookupRate(table, request);
  if (!r.ok) return NaN;
  const total = r.value.composition.total;
  return total === null ? NaN : total.toNumber();
}

/** A full collection between timed sections (V8's gc, exposed without a command-line flag). */
const collect: () => void = (() => {
  setFlagsFromString("--expose-gc");
  const fn = vm.runInNewContext("gc") as unknown;
  return typeof fn === "function" ? (fn as () => void) : () => undefined;
})();

function gc(): void {
  collect();
}

// ---------------------------------------------------------------- workload

interface Workload {
  readonly lines: string[];
  /** One request per (line, country) pair, shuffled: every one a first touch on a fresh table. */
  readonly firstTouch: RateRequest[];
  /** DATES_PER_PAIR requests per pair, shuffled: the warm stream. */
  readonly stream: RateRequest[];
  /** Map baseline keys, aligned with `stream`. */
  readonly keys: string[];
}

export function makeWorkload(table: RateTable): Workload {
  const random = prng(SEED);
  const atoms = table.importers.get("US")!.atoms;
  const picked = new Set<string>();
  while (picked.size < Math.min(LINES, atoms.length)) picked.add(atoms[Math.floor(random() * atoms.length)]!);
  // As analysts type them: 8471.30.01.00.
  const lines = [...picked].map(formatHts);
  const { from, to } = table.coverage;
  const day = () => (from + Math.floor(random() * (to - from))) as Day;
  const firstTouch: RateRequest[] = [];
  const stream: RateRequest[] = [];
  for (const product of lines) {
    for (const country of COUNTRIES) {
      firstTouch.push({ country, product, day: day() });
      for (let k = 0; k < DATES_PER_PAIR; k++) stream.push({ country, product, day: day() });
    }
  }
  shuffle(firstTouch, random);
  shuffle(stream, random);
  const keys = stream.map((r) => `${r.country}\u0000${String(r.product)}\u0000${r.day}`);
  return { lines, firstTouch, stream, keys };
}

// ---------------------------------------------------------------- 1. lookups vs Map.get

export interface LookupResult {
  lines: number;
  countries: number;
  distinct_pairs: number;
  stream_lookups: number;
  lookup_cold_ops_per_s: number;
  lookup_warm_ops_per_s: number;
  map_ops_per_s: number;
  lookup_ratio_vs_map: number;
  cold_ratio_vs_map: number;
  lookup_errors: number;
  warm_table_heap_bytes: number;
}

function benchLookups(text: string): LookupResult {
  const probe = loadTable(text);
  const w = makeWorkload(probe);

  // Cold: a fresh table, every (country, product) asked for the first time.
  const expected = new Float64Array(w.stream.length);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const table = loadTable(text);
  let t0 = performance.now();
  for (const r of w.firstTouch) sink += tariffNumber(table, r) || 0;
  const coldMs = performance.now() - t0;

  // One untimed pass over the stream, then the timed passes (the "after one pass" warm state).
  for (let i = 0; i < w.stream.length; i++) expected[i] = tariffNumber(table, w.stream[i]!);
  const errors = expected.filter((x) => Number.isNaN(x)).length;
  gc();
  // The table and everything its caches hold after 240 000 lookups of 60 000 (line, origin) pairs.
  const warmTableHeap = process.memoryUsage().heapUsed - heapBefore;

  // The baseline: the same keys in a Map to precomputed numbers.
  const map = new Map<string, number>();
  for (let i = 0; i < w.keys.length; i++) map.set(w.keys[i]!, expected[i]!);
  for (const k of w.keys) sink += map.get(k) || 0; // warm the map (and the keys' hashes) too

  // Passes alternate lookups and Map.get, and the ratio is the median of the per-pass ratios, so that a
  // neighbour process slowing the machine for a moment shifts both sides of a ratio alike.
  const lookupMs: number[] = [];
  const mapMs: number[] = [];
  const ratios: number[] = [];
  let mismatches = 0;
  for (let pass = 0; pass < WARM_PASSES; pass++) {
    gc();
    t0 = performance.now();
    let sum = 0;
    for (const r of w.stream) sum += tariffNumber(table, r) || 0;
    lookupMs.push(performance.now() - t0);
    gc();
    t0 = performance.now();
    let mapSum = 0;
    for (const k of w.keys) mapSum += map.get(k) || 0;
    mapMs.push(performance.now() - t0);
    ratios.push(lookupMs[pass]! / mapMs[pass]!);
    if (Math.abs(sum - mapSum) > 1e-6 * Math.max(1, Math.abs(sum))) mismatches++;
    sink += sum + mapSum;
  }
  if (mismatches > 0) throw new Error("the lookups and the Map baseline disagree: the benchmark is broken");
  const warm = w.stream.length / (median(lookupMs) / 1000);
  const cold = w.firstTouch.length / (coldMs / 1000);
  const mapOps = w.keys.length / (median(mapMs) / 1000);
  return {
    lines: w.lines.length,
    countries: COUNTRIES.length,
    distinct_pairs: w.firstTouch.length,
    stream_lookups: w.stream.length,
    lookup_cold_ops_per_s: Math.round(cold),
    lookup_warm_ops_per_s: Math.round(warm),
    map_ops_per_s: Math.round(mapOps),
    lookup_ratio_vs_map: round(median(ratios), 2),
    cold_ratio_vs_map: round(mapOps / cold, 1),
    lookup_errors: errors,
    warm_table_heap_bytes: warmTableHeap,
  };
}

// ---------------------------------------------------------------- 2. table load

export interface LoadResult {
  table_load_ms: number;
  table_load_runs: number;
  table_read_ms: number;
  table_hash_ms: number;
  table_parse_ms: number;
  table_validate_ms: number;
  table_index_ms: number;
  first_lookup_ms: number;
}

function benchLoad(): LoadResult {
  const total: number[] = [];
  const read: number[] = [];
  const hash: number[] = [];
  const parse: number[] = [];
  const validate: number[] = [];
  const index: number[] = [];
  const first: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    gc();
    const t0 = performance.now();
    const text = readFileSync(TABLE_FILE, "utf8");
    const t1 = performance.now();
    const table = loadTable(text);
    const t2 = performance.now();
    sink += tariffNumber(table, { country: "CN", product: "9503.00.00", day: (table.coverage.from + 100) as Day }) || 0;
    const t3 = performance.now();
    read.push(t1 - t0);
    total.push(t2 - t0);
    first.push(t3 - t2);
    // The same steps one by one, for where the time goes (loadTable does exactly these).
    const h0 = performance.now();
    const sha = sha256Hex(text);
    const h1 = performance.now();
    const parsed: unknown = JSON.parse(text);
    const h2 = performance.now();
    const doc = validateDocument(parsed);
    const h3 = performance.now();
    sink += compileTable(doc, sha).measures.length;
    const h4 = performance.now();
    hash.push(h1 - h0);
    parse.push(h2 - h1);
    validate.push(h3 - h2);
    index.push(h4 - h3);
  }
  return {
    table_load_ms: round(median(total)),
    table_load_runs: LOAD_RUNS,
    table_read_ms: round(median(read)),
    table_hash_ms: round(median(hash)),
    table_parse_ms: round(median(parse)),
    table_validate_ms: round(median(validate)),
    table_index_ms: round(median(index)),
    first_lookup_ms: round(median(first), 2),
  };
}

// ---------------------------------------------------------------- 3. the functions bundle as Excel runs it

interface LoadedBundle {
  readonly call: (id: string, args: readonly unknown[]) => { kind: "value" | "error" | "unexpected"; value?: unknown };
  readonly evalMs: number;
}

/** Runs dist/runtime.js and dist/functions.js in a fresh realm with a fake CustomFunctions global, as Excel's page does. */
export function loadBundle(): LoadedBundle {
  const registry = installCustomFunctionsRuntime();
  const runtime = (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions;
  const sandbox: Record<string, unknown> = { CustomFunctions: runtime, TextEncoder, console };
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  const context = vm.createContext(sandbox);
  const t0 = performance.now();
  for (const file of ["runtime.js", "functions.js"]) {
    vm.runInContext(readFileSync(join(DIST, file), "utf8"), context, { filename: join(DIST, file) });
  }
  const evalMs = performance.now() - t0;
  const call: LoadedBundle["call"] = (id, args) => {
    const fn = registry.functions.get(id.toUpperCase());
    if (!fn) throw new Error(`dist/functions.js registered no ${id}`);
    try {
      const value = fn(...args);
      if (typeof value === "number" && !Number.isFinite(value)) return { kind: "unexpected", value };
      return { kind: "value", value };
    } catch (e) {
      return { kind: e instanceof CustomFunctionError ? "error" : "unexpected", value: e };
    }
  };
  return { call, evalMs };
}

interface Cell {
  readonly country: string;
  readonly sector: string | number;
  readonly date: number;
}

/**
 * A sheet of 100 000 TARIFF cells: 5 000 SKUs (line, origin) from the same 2 000 lines and 30 origins, the
 * popular ones repeated far more often, on 24 entry dates as Excel serials. Codes are typed three ways
 * (dotted text, plain digits, and numbers that lost their leading zero); origins as ISO-2, ISO-3 or a name.
 */
export function makeSheet(table: RateTable, lines: readonly string[]): Cell[] {
  const random = prng(SEED ^ 0x5eed);
  const names: Record<string, [string, string]> = {
    CN: ["CHN", "China"],
    VN: ["VNM", "Vietnam"],
    MX: ["MEX", "Mexico"],
    CA: ["CAN", "Canada"],
    DE: ["DEU", "Germany"],
    FR: ["FRA", "France"],
    IT: ["ITA", "Italy"],
    JP: ["JPN", "Japan"],
    KR: ["KOR", "South Korea"],
    IN: ["IND", "India"],
    BR: ["BRA", "Brazil"],
    GB: ["GBR", "United Kingdom"],
    CH: ["CHE", "Switzerland"],
    TW: ["TWN", "Taiwan"],
    TH: ["THA", "Thailand"],
    ID: ["IDN", "Indonesia"],
    MY: ["MYS", "Malaysia"],
    BD: ["BGD", "Bangladesh"],
    PK: ["PAK", "Pakistan"],
    TR: ["TUR", "Turkey"],
    AU: ["AUS", "Australia"],
    SG: ["SGP", "Singapore"],
    IL: ["ISR", "Israel"],
    ZA: ["ZAF", "South Africa"],
    NG: ["NGA", "Nigeria"],
    EG: ["EGY", "Egypt"],
    AR: ["ARG", "Argentina"],
    CL: ["CHL", "Chile"],
    PE: ["PER", "Peru"],
    RU: ["RUS", "Russia"],
  };
  const skus = Array.from({ length: 5000 }, () => {
    const dotted = lines[Math.floor(random() * lines.length)]!;
    const digits = dotted.replace(/\./g, "");
    const code = COUNTRIES[Math.floor(random() * COUNTRIES.length)]!;
    const form = random();
    const sector = form < 0.5 ? dotted : form < 0.8 ? digits : Number(digits);
    const spelling = random();
    const country = spelling < 0.7 ? code : spelling < 0.85 ? names[code]![0] : names[code]![1];
    return { country, sector };
  });
  const { from, to } = table.coverage;
  const dates = Array.from({ length: 24 }, (_, i) => excelSerialFromDay((from + Math.floor(((to - from) * (i + 0.5)) / 24)) as Day));
  const cells: Cell[] = [];
  for (let i = 0; i < ADAPTER_CELLS; i++) {
    // Skewed: a fifth of the SKUs make up most of the rows, as in a real order book.
    const r = random();
    const sku = skus[Math.floor((r < 0.8 ? random() * 0.2 : random()) * skus.length)]!;
    cells.push({ ...sku, date: dates[Math.floor(random() * dates.length)]! });
  }
  return cells;
}

export interface AdapterResult {
  adapter_100k_ms: number;
  adapter_100k_recalc_ms: number;
  adapter_cells: number;
  adapter_values: number;
  adapter_errors: number;
  adapter_unexpected: number;
  bundle_eval_ms: number;
  first_answer_ms: number;
  time_to_first_answer_ms: number;
}

function benchAdapter(text: string): AdapterResult {
  const table = loadTable(text);
  const sheet = makeSheet(table, makeWorkload(table).lines);

  // Opening a workbook: evaluate the bundle, then the first cell (which loads the embedded table).
  const bundle = loadBundle();
  const t0 = performance.now();
  const first = bundle.call("TARIFF", ["CN", "9503.00.00", excelSerialFromDay((table.coverage.from + 100) as Day), null, null]);
  const firstMs = performance.now() - t0;
  if (first.kind !== "value") throw new Error(`the first TARIFF call failed: ${String(first.value)}`);
  const version = bundle.call("VERSION", []).value as unknown[][] | undefined;
  const bundled = version?.[1]?.[2];
  if (bundled !== table.sha256) {
    throw new Error(
      `dist/functions.js embeds table ${String(bundled)}, not the newest release ${table.id} in data/releases (${table.sha256}): run npm run build`,
    );
  }

  const run = () => {
    const counts = { value: 0, error: 0, unexpected: 0 };
    const start = performance.now();
    for (const c of sheet) {
      // Excel passes one argument per parameter: null for the omitted importer and options.
      const r = bundle.call("TARIFF", [c.country, c.sector, c.date, null, null]);
      counts[r.kind]++;
    }
    return { ms: performance.now() - start, counts };
  };
  const open = run(); // the first calculation after opening: request caches empty
  gc();
  const recalc = run(); // a full recalculation
  return {
    adapter_100k_ms: round(open.ms),
    adapter_100k_recalc_ms: round(recalc.ms),
    adapter_cells: sheet.length,
    adapter_values: open.counts.value,
    adapter_errors: open.counts.error,
    adapter_unexpected: open.counts.unexpected + recalc.counts.unexpected,
    bundle_eval_ms: round(bundle.evalMs),
    first_answer_ms: round(firstMs),
    time_to_first_answer_ms: round(bundle.evalMs + firstMs),
  };
}

// ---------------------------------------------------------------- 4. bundle size

export interface BundleResult {
  functions_bundle_bytes: number;
  functions_bundle_gzip_bytes: number;
  functions_bundle_budget_bytes: number;
  functions_bundle_gzip_budget_bytes: number;
  table_bytes: number;
  table_gzip_bytes: number;
  within_budget: boolean;
}

function benchBundle(): BundleResult {
  const files = ["functions.js", "runtime.js"].map((f) => join(DIST, f));
  for (const f of files) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build first (npm run bench does)`);
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  const gzip = gzipSync(bytes).length;
  const table = readFileSync(TABLE_FILE);
  return {
    functions_bundle_bytes: bytes.length,
    functions_bundle_gzip_bytes: gzip,
    functions_bundle_budget_bytes: BUDGET.rawBytes,
    functions_bundle_gzip_budget_bytes: BUDGET.gzipBytes,
    table_bytes: table.length,
    table_gzip_bytes: gzipSync(table).length,
    within_budget: bytes.length <= BUDGET.rawBytes && gzip <= BUDGET.gzipBytes,
  };
}

// ---------------------------------------------------------------- 5. landed cost (another module, optional)

interface LandedResult {
  landed_rows: number;
  landed_ms: number;
  landed_rows_per_s: number;
  landed_peak_rss_bytes: number;
}

const LANDED_MODULE = join(__dirname, "landed.js");

/** Runs benchLanded in a child process so that its peak RSS is its own. Null when there is no landed module. */
function benchLandedInChild(): LandedResult | null {
  if (!existsSync(LANDED_MODULE)) return null;
  const child = spawnSync(process.execPath, [__filename, "--landed-child"], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`the landed-cost benchmark failed (exit ${String(child.status)}): ${child.stderr.trim().slice(-2000)}`);
  const last = child.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as LandedResult;
}

async function landedChild(): Promise<void> {
  // A child process loads the built module by path at run time, so a static import cannot name it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(LANDED_MODULE) as { benchLanded?: (rows: number) => unknown };
  if (typeof mod.benchLanded !== "function") throw new Error(`${LANDED_MODULE} exports no benchLanded(rows)`);
  const t0 = performance.now();
  const own = (await mod.benchLanded(LANDED_ROWS)) as { rowsPerSecond?: unknown; peakRssBytes?: unknown } | undefined;
  const ms = performance.now() - t0;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const result: LandedResult = {
    landed_rows: LANDED_ROWS,
    // benchLanded times the batch itself (its input file is generated before its clock starts); the
    // wall time here includes that generation.
    landed_ms: round(ms),
    landed_rows_per_s: typeof own?.rowsPerSecond === "number" ? own.rowsPerSecond : Math.round(LANDED_ROWS / (ms / 1000)),
    landed_peak_rss_bytes: typeof own?.peakRssBytes === "number" ? Math.max(own.peakRssBytes, maxRss) : maxRss,
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- report

function machine() {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpus: cpu.length,
    cpu_model: cpu[0]?.model.trim() ?? "unknown",
    total_memory_bytes: totalmem(),
  };
}

function printTable(result: Record<string, unknown>): void {
  const n = (key: string) => result[key] as number;
  const has = (key: string) => typeof result[key] === "number";
  const int = (x: number) => Math.round(x).toLocaleString("en-US");
  const kb = (x: number) => `${(x / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} KiB`;
  const mb = (x: number) => `${(x / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} MiB`;
  const rows: [string, string, string][] = [];
  const status = (ok: boolean) => (ok ? "met" : "MISSED");
  if (has("lookup_warm_ops_per_s")) {
    rows.push([
      "TARIFF lookups, warm (ops/s)",
      int(n("lookup_warm_ops_per_s")),
      `${int(n("stream_lookups"))} lookups: ${n("lines")} lines x ${n("countries")} origins x ${DATES_PER_PAIR} dates`,
    ]);
    rows.push([
      "TARIFF lookups, first touch (ops/s)",
      int(n("lookup_cold_ops_per_s")),
      `${int(n("distinct_pairs"))} distinct (line, origin) on a fresh table`,
    ]);
    rows.push(["Map.get baseline (ops/s)", int(n("map_ops_per_s")), "same keys, precomputed numbers"]);
    rows.push([
      "lookup_ratio_vs_map (warm)",
      String(n("lookup_ratio_vs_map")),
      `goal <= ${GOALS.lookupRatioVsMap}: ${status(n("lookup_ratio_vs_map") <= GOALS.lookupRatioVsMap)}`,
    ]);
    rows.push(["cold ratio vs map", String(n("cold_ratio_vs_map")), "first touch, for information"]);
    rows.push(["warm table + caches (heap)", mb(n("warm_table_heap_bytes")), "the loaded table and its lookup caches after the warm pass"]);
  }
  if (has("adapter_100k_ms")) {
    rows.push([
      "adapter_100k_ms (open)",
      String(n("adapter_100k_ms")),
      `goal < ${GOALS.adapter100kMs} ms: ${status(n("adapter_100k_ms") < GOALS.adapter100kMs)}; ${int(n("adapter_values"))} values, ${int(n("adapter_errors"))} errors`,
    ]);
    rows.push(["adapter 100k, recalc (ms)", String(n("adapter_100k_recalc_ms")), "same cells again"]);
    rows.push([
      "time to first answer (ms)",
      String(n("time_to_first_answer_ms")),
      `bundle eval ${n("bundle_eval_ms")} + first TARIFF ${n("first_answer_ms")} (loads the table)`,
    ]);
  }
  if (has("table_load_ms")) {
    rows.push([
      "table_load_ms (median)",
      String(n("table_load_ms")),
      `of ${n("table_load_runs")}: read ${n("table_read_ms")}, hash ${n("table_hash_ms")}, parse ${n("table_parse_ms")}, validate ${n("table_validate_ms")}, index ${n("table_index_ms")}`,
    ]);
    rows.push(["first lookup after load (ms)", String(n("first_lookup_ms")), ""]);
  }
  if (has("functions_bundle_bytes")) {
    rows.push([
      "functions bundle, raw",
      kb(n("functions_bundle_bytes")),
      `budget ${kb(BUDGET.rawBytes)}: ${status(n("functions_bundle_bytes") <= BUDGET.rawBytes)}`,
    ]);
    rows.push([
      "functions bundle, gzip",
      kb(n("functions_bundle_gzip_bytes")),
      `budget ${kb(BUDGET.gzipBytes)}: ${status(n("functions_bundle_gzip_bytes") <= BUDGET.gzipBytes)}`,
    ]);
    rows.push(["  of which the table (raw / gzip)", `${kb(n("table_bytes"))} / ${kb(n("table_gzip_bytes"))}`, ""]);
  }
  if (has("landed_rows_per_s")) {
    rows.push(["landed cost (rows/s)", int(n("landed_rows_per_s")), `${int(n("landed_rows"))} rows in ${n("landed_ms")} ms`]);
    rows.push(["landed cost peak RSS", mb(n("landed_peak_rss_bytes")), "own process"]);
  }
  rows.push(["peak RSS", mb(n("peak_rss_bytes")), "whole run"]);
  rows.push(["heap used after the runs", mb(n("heap_used_bytes")), ""]);
  const m = result.machine as ReturnType<typeof machine>;
  const table = result.table as { id: string; sha256: string };
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const out = [
    `DutyDesk benchmark: table ${table.id} (sha256 ${table.sha256.slice(0, 12)}), Node ${m.node}, ${m.platform}, ${m.cpus} x ${m.cpu_model}`,
    "",
    ...rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd()),
    "",
    `${round(n("total_s"), 1)} s in all.`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--landed-child")) {
    await landedChild();
    return 0;
  }
  const json = argv.includes("--json");
  const full = argv.includes("--full");
  const landed = full || argv.includes("--landed");
  const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const part = (name: string) => only === undefined || only === name;
  const started = performance.now();
  const text = readFileSync(TABLE_FILE, "utf8");
  const probe = loadTable(text);

  const result: Record<string, unknown> = {};
  const problems: string[] = [];
  // The bundle first: time to first answer is measured before anything else has warmed the process up.
  if (part("bundle")) {
    const b = benchBundle();
    Object.assign(result, b);
    if (!b.within_budget) {
      problems.push(
        `functions bundle over budget: ${b.functions_bundle_bytes} bytes raw (budget ${BUDGET.rawBytes}), ${b.functions_bundle_gzip_bytes} gzip (budget ${BUDGET.gzipBytes})`,
      );
    }
  }
  if (part("adapter")) {
    const a = benchAdapter(text);
    Object.assign(result, a);
    if (a.adapter_unexpected > 0) problems.push(`${a.adapter_unexpected} TARIFF calls threw something other than a CustomFunctions.Error`);
  }
  if (part("load")) Object.assign(result, benchLoad());
  if (part("lookup")) Object.assign(result, benchLookups(text));
  if ((landed && only === undefined) || only === "landed") {
    const l = benchLandedInChild();
    if (l) Object.assign(result, l);
  }
  gc();
  Object.assign(result, {
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    heap_used_bytes: process.memoryUsage().heapUsed,
    total_s: round((performance.now() - started) / 1000, 2),
    table: { id: probe.id, sha256: probe.sha256, coverage: [isoFromDay(probe.coverage.from), isoFromDay((probe.coverage.to - 1) as Day)] },
    machine: machine(),
    budget: { functions_bundle_bytes: BUDGET.rawBytes, functions_bundle_gzip_bytes: BUDGET.gzipBytes },
    goals: { lookup_ratio_vs_map: GOALS.lookupRatioVsMap, adapter_100k_ms: GOALS.adapter100kMs },
    problems,
    seed: SEED,
  });
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printTable(result);
  for (const p of problems) process.stderr.write(`bench: ${p}\n`);
  if (sink === 0.123456789) process.stderr.write("\n"); // keeps `sink` observable
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
