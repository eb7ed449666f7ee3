/*
 * A profiling driver for the sheet's open pass on the unminified engine (not part of `npm run bench`):
 *
 *   tsc -p bench/tsconfig.json && node bench/prepare.js
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof lib-bench/bench/profileOpen.js [open|warm]
 *
 * The same 100 000 cells as the bench's sheet, through the same request rule and engine path as DUTY.TARIFF
 * (bench/tariffEntry.ts), on a freshly loaded table: "open" times the first pass only, "warm" runs the
 * first pass and then five timed passes; "warm-only" does the same but profiles only the warm passes (itself,
 * through node:inspector, writing /tmp/profileOpen-warm.cpuprofile; run it without --cpu-prof).
 *
 * "floor" (`node --expose-gc lib-bench/bench/profileOpen.js floor`) measures what a first calculation costs
 * the request layer alone: after a first pass has filled the engine's caches, the kept arguments are
 * forgotten (forgetTariffQuestions) and the sheet calculated again, so every cell makes its slot anew but
 * finds its country, product and segment row kept; each such pass against a Map.get pass over the bench's
 * keys, as `npm run bench` times them (a full collection and a 50 ms wait before each), median of 5.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { performance } from "node:perf_hooks";
import { loadTable } from "../src/engine";
import { useSha256 } from "../src/engine/util/sha256";
import { nodeSha256 } from "../src/cli/nodeSha256";
import { newestRelease } from "../scripts/releases";
import { forgetTariffQuestions } from "../src/requests/tariffQuestion";
import { makeSheet } from "./run";
import { tariffNumberOf } from "./tariffEntry";

const mode = process.argv[2] ?? "open";
useSha256(nodeSha256);
const text = readFileSync(newestRelease().file, "utf8");
const probe = loadTable(text);
const cells = makeSheet(probe);
const table = loadTable(text);
const out = new Float64Array(cells.length);
const pass = () => {
  const t0 = performance.now();
  for (let i = 0; i < cells.length; i++) out[i] = tariffNumberOf(table, cells[i]!);
  return performance.now() - t0;
};
const first = pass();
const timings = [first];
const session = new Session();
const post = (method: string, params?: object) =>
  new Promise<unknown>((done, fail) => session.post(method, params ?? {}, (e, r) => (e ? fail(e) : done(r))));
/** Cells made slots anew, on an engine whose caches the first pass filled, against Map.get (see "floor" above). */
function floor(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error("floor needs node --expose-gc");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const settle = () => {
    collect();
    Atomics.wait(pause, 0, 0, 50);
  };
  const keys = cells.map((c) => `${c.country}\u0000${String(c.sector)}\u0000${c.date}`);
  const map = new Map(keys.map((key, i) => [key, i]));
  const mapPass = () => {
    let s = 0;
    const t0 = performance.now();
    for (let i = 0; i < keys.length; i++) s += map.get(keys[i]!)!;
    const ms = performance.now() - t0;
    mapSum += s;
    return ms;
  };
  mapPass();
  const fresh: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < 5; k++) {
    forgetTariffQuestions(table);
    settle();
    const f = pass();
    settle();
    const m = mapPass();
    fresh.push(f);
    ratios.push(f / m);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  process.stdout.write(
    `floor: first pass ${first.toFixed(1)} ms; slots anew ${fresh.map((t) => t.toFixed(1)).join(" ")} ms, ` +
      `median ${median(ratios).toFixed(2)}x Map.get (${ratios.map((r) => r.toFixed(2)).join(" ")}); checksum ${mapSum}\n`,
  );
}
/** What the Map.get passes read, printed so that no pass can be left out. */
let mapSum = 0;

async function main(): Promise<void> {
  if (mode === "floor") return floor();
  if (mode === "warm-only") {
    session.connect();
    await post("Profiler.enable");
    await post("Profiler.start");
  }
  if (mode !== "open") for (let k = 0; k < 5; k++) timings.push(pass());
  if (mode === "warm-only") {
    const { profile } = (await post("Profiler.stop")) as { profile: unknown };
    writeFileSync("/tmp/profileOpen-warm.cpuprofile", JSON.stringify(profile));
  }
  let sum = 0;
  for (const v of out) if (v === v) sum += v;
  process.stdout.write(`${mode}: ${timings.map((t) => t.toFixed(1)).join(" ")} ms; checksum ${sum}\n`);
}
void main();
