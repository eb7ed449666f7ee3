/**
 * Measures what the lookup caches really hold against their estimate (src/engine/lookup/lookupCache.ts,
 * ENTRY_BYTES): varied lookups on the embedded table with an unbounded budget, the heap delta after a full
 * garbage collection divided by the bytes the cache counted. A ratio at or under 1 means the budget is
 * conservative. Not run in CI.
 *
 * Measured on the 2026.12a embedded table (node 20): see ENTRY_BYTES for the figures and how they were fitted.
 *
 *   npx tsc -p bench/tsconfig.json && node --expose-gc lib-bench/bench/cacheBytes.js [lookups]
 */
import { embeddedTable } from "../src/cli/embeddedTable";
import { Day, formatHts, lookupRate, tariffAt } from "../src/engine";
import { cacheOf, setLookupBudget } from "../src/engine/lookup/lookupCache";
import { PLAIN_CHOICE } from "../src/engine/lookup/totalRate";
import { prng } from "./prng";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const n = Number(process.argv[2] ?? 20_000);
const table = embeddedTable();
const us = table.importers.get("US")!;
const origins = ["CN", "VN", "DE", "MX", "CA", "JP", "IN", "GB", "BR", "KR", "TW", "TH", "IT", "FR", "ES", "PL", "TR", "ID", "MY", "PH"];
const { from, to } = table.coverage;

function measure(name: string, ask: (i: number, rnd: () => number) => void): void {
  // A first pass builds what the table itself keeps lazily (candidate sets per atom, partner splits);
  // the caches are then started over and the same lookups measured again, so only the caches count.
  setLookupBudget(table, Number.MAX_SAFE_INTEGER);
  let rnd = prng(12);
  for (let i = 0; i < n; i++) ask(i, rnd);
  setLookupBudget(table, Number.MAX_SAFE_INTEGER);
  rnd = prng(12);
  gc!();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) ask(i, rnd);
  gc!();
  const delta = process.memoryUsage().heapUsed - before;
  const c = cacheOf(table);
  let compositions = 0;
  let starts = 0;
  for (const t of c.timelines.values()) {
    starts += t.starts.length;
    for (const x of t.compositions) if (x !== undefined) compositions++;
  }
  let products = 0;
  for (const m of c.products.values()) products += m.size;
  console.log(
    `  kept: ${compositions} compositions, ${c.timelines.size} timelines (${starts} starts), ${c.viewIds.size} views, ` +
      `${products} products, ${c.classes.size} class lists, ${c.lines.size} lines`,
  );
  console.log(
    `${name}: ${n} lookups, heap +${(delta / 1048576).toFixed(1)} MB, estimated ${(c.bytes / 1048576).toFixed(1)} MB, ` +
      `ratio ${(delta / c.bytes).toFixed(2)}, ${c.timelines.size} timelines, ${(delta / n).toFixed(0)} B/lookup`,
  );
}

const atom = (rnd: () => number) => formatHts(us.atoms[Math.floor(rnd() * us.atoms.length)]!);
const day = (rnd: () => number) => (from + Math.floor(rnd() * (to - from))) as Day;
const origin = (rnd: () => number) => origins[Math.floor(rnd() * origins.length)]!;
measure("lookupRate, varied line × origin × date", (_i, rnd) => {
  lookupRate(table, { country: origin(rnd), product: atom(rnd), day: day(rnd) });
});
measure("tariffAt, varied line × origin × date", (_i, rnd) => {
  tariffAt(table, { country: origin(rnd), product: atom(rnd) }, PLAIN_CHOICE, day(rnd));
});
