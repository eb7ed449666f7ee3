#!/usr/bin/env node
/*
 * The analyst's alternative, measured once: a hand-kept rate sheet and VLOOKUP, evaluated by HyperFormula
 * (a real spreadsheet engine), against DutyDesk's TARIFF on the same cells. Not run in CI: HyperFormula is a
 * dev dependency of this script only, and the figure goes into the README by hand.
 *
 *   npm run build:table >/dev/null; node scripts/bench-vlookup.js [--cells=100000] [--json]
 *
 * The sheet an analyst keeps: one row per (HTS line, origin) with the total rate typed in for ONE date. The
 * model: one row per SKU with `=VLOOKUP(line&"|"&origin, Rates!A:B, 2, FALSE())`. DutyDesk answers the same
 * cells for that date from the embedded table, with citations and every date behind it. Both are timed on
 * the first calculation (open) and on a full recalculation. Median of 3 runs.
 */
"use strict";
const { readFileSync } = require("node:fs");
const { performance } = require("node:perf_hooks");
const { HyperFormula } = require("hyperformula");
const engine = require("../lib/engine");
const { newestRelease } = require("./releases");

const argv = process.argv.slice(2);
const CELLS = Number((argv.find((a) => a.startsWith("--cells=")) ?? "--cells=100000").slice(8));
const JSON_OUT = argv.includes("--json");
const COUNTRIES = ["CN", "VN", "MX", "CA", "DE", "FR", "IT", "JP", "KR", "IN", "BR", "GB", "CH", "TW", "TH", "ID", "MY", "PH", "BD", "KH"];

function prng(seed) {
  // mulberry32: a seeded, reproducible sequence.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function tariff(table, request) {
  const r = engine.lookupRate(table, request);
  if (!r.ok || r.value.composition.total === null) return null;
  return r.value.composition.total.toNumber();
}

function workload(text) {
  const table = engine.loadTable(text);
  const random = prng(20261201);
  const atoms = table.importers.get("US").atoms;
  const day = engine.dayFromIso("2026-06-15");
  const cells = [];
  const seen = new Set();
  while (cells.length < CELLS) {
    const product = engine.formatHts(atoms[Math.floor(random() * atoms.length)]);
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
    const key = `${product}|${country}`;
    if (seen.has(key)) continue;
    const rate = tariff(table, { country, product, day });
    if (rate === null) continue; // the hand-kept sheet only has numbers
    seen.add(key);
    cells.push({ product, country, key, rate });
  }
  return { cells, day };
}

function hyperformulaRun(cells) {
  // The rate sheet is sorted as analysts keep it; the model rows are in workbook order.
  const rates = [...cells].sort((a, b) => (a.key < b.key ? -1 : 1)).map((c) => [c.key, c.rate]);
  // A leading apostrophe keeps a code like 8471.30.01.00 text, as Excel's text-formatted column would.
  const model = cells.map((c, i) => [`'${c.product}`, c.country, `=VLOOKUP(A${i + 1}&"|"&B${i + 1},Rates!$A$1:$B$${rates.length},2,FALSE())`]);
  let t = performance.now();
  // maxRows: Excel's row limit (HyperFormula's default is 40,000).
  const hf = HyperFormula.buildFromSheets({ Rates: rates, Model: model }, { licenseKey: "gpl-v3", useColumnIndex: true, maxRows: 1_048_576 });
  const open = performance.now() - t;
  const sheet = hf.getSheetId("Model");
  let check = 0;
  for (let i = 0; i < cells.length; i++) check += Number(hf.getCellValue({ sheet, row: i, col: 2 })) === cells[i].rate ? 1 : 0;
  t = performance.now();
  hf.rebuildAndRecalculate();
  const recalc = performance.now() - t;
  hf.destroy();
  return { open, recalc, check };
}

function dutydeskRun(text, cells, day) {
  // Open: the table loaded and every cell computed for the first time; recalc: the same cells again.
  let t = performance.now();
  const table = engine.loadTable(text);
  let check = 0;
  for (const c of cells) check += tariff(table, { country: c.country, product: c.product, day }) === c.rate ? 1 : 0;
  const open = performance.now() - t;
  t = performance.now();
  for (const c of cells) check += tariff(table, { country: c.country, product: c.product, day }) === c.rate ? 0 : -1;
  const recalc = performance.now() - t;
  return { open, recalc, check };
}

const text = readFileSync(newestRelease().file, "utf8");
const { cells, day } = workload(text);
const hf = [];
const dd = [];
for (let run = 0; run < 3; run++) {
  hf.push(hyperformulaRun(cells));
  dd.push(dutydeskRun(text, cells, day));
}
for (const r of [...hf, ...dd]) if (r.check !== cells.length) throw new Error(`answers differ: ${r.check} of ${cells.length} cells agree`);
const result = {
  cells: cells.length,
  date: engine.isoFromDay(day),
  hyperformula_open_ms: Math.round(median(hf.map((r) => r.open))),
  hyperformula_recalc_ms: Math.round(median(hf.map((r) => r.recalc))),
  dutydesk_open_ms: Math.round(median(dd.map((r) => r.open))),
  dutydesk_recalc_ms: Math.round(median(dd.map((r) => r.recalc))),
};
result.open_ratio_vs_vlookup = Math.round((result.dutydesk_open_ms / result.hyperformula_open_ms) * 100) / 100;
result.recalc_ratio_vs_vlookup = Math.round((result.dutydesk_recalc_ms / result.hyperformula_recalc_ms) * 100) / 100;
if (JSON_OUT) console.log(JSON.stringify(result));
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(28)} ${v}`);
