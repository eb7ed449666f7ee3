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
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { performance } from "node:perf_hooks";
import { loadTable } from "../src/engine";
import { useSha256 } from "../src/engine/util/sha256";
import { nodeSha256 } from "../src/cli/nodeSha256";
import { newestRelease } from "../scripts/releases";
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
async function main(): Promise<void> {
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
