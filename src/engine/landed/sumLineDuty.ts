import { Day } from "../dates";
import { ENTRY_BYTES, LookupCache, cacheOf, charge } from "../lookup/lookupCache";
import { NOT_PLAIN, PlainUnits, plainIndexOf, plainSums } from "../lookup/plainLookup";
import { optionsKeyOf, resolveParts } from "../lookup/resolveRequest";
import { baseNeverAdValorem, sumPartsOf } from "../lookup/tariffLine";
import { UNITS, ViewSums, basesOn, layersOn } from "../lookup/viewSums";
import { RateTable } from "../table/compiledTable";
import { segmentIndex } from "../table/sortedSearch";
import { ScaledRate } from "./cents";
import { rateRequestOf } from "./landedCost";
import { LandedOptions } from "./landedOptions";

/*
 * The duty rates of a batch row, layer by layer, without composing: DUTY.TARIFF's view sums
 * (lookup/tariffLine.ts, viewSums.ts) know, for a line with a plain ad valorem base and an origin view that
 * adds ad valorem layers, each layer's fraction on each segment of dates. A batch of a million rows asks a
 * few hundred thousand (line, origin) pairs but only a few thousand (base, segment) plans, so a row's duty
 * is a few map reads, a binary search and one multiplication per layer, with no Decimal.
 *
 * Only what the view answers is answered here; "compose" sends the row to the general path (lookupRate and
 * its composition), which also words every error. The fractions are compose()'s own, so the cents are the
 * Decimal path's (tests/engine/landed/sumLineDuty.test.ts compares them on random rows).
 */

/**
 * The rates of each duty line (the base, then each layer that adds a fraction) for `importer` (a profile
 * code the table has a schedule for), `country`, `product` and the lookup options in `opts`, on `day`; or
 * "compose" when this path cannot say (the row is then looked up and composed in full), or "notAdValorem"
 * when no day's base is a plain ad valorem rate (a specific or compound duty, prose, unknown: only the
 * Decimal path prices or words those). Nothing is kept per row, and per (line, origin) pair only the plain
 * index's array slot (a pointer to shared sums): the parts it reads (countries, products, entry facts,
 * origin views, their sums and plans) are the lookup cache's, a few thousand entries for a million rows.
 */
export function sumLineRates(
  table: RateTable,
  importer: string,
  country: string,
  product: string | number,
  opts: LandedOptions,
  day: Day,
): readonly ScaledRate[] | "compose" | "notAdValorem" {
  const { from, to } = table.coverage;
  if (day < from || day >= to) return "compose";
  const found = sumsFor(table, importer, country, product, opts);
  if (typeof found === "string") return found;
  const { cache, sums } = found;
  const index = segmentIndex(sums.starts, day);
  const units = layersOn(cache, sums, index, found.units);
  if (units === null) return "compose";
  // metal=X% stands for one metal measure at most: where two apply, landedCost says which options to give.
  if (opts.metal !== null && metalsStoodFor(table, basesOn(sums, index), opts) > 1) return "compose";
  let rates = scaled.get(units);
  if (rates === undefined) {
    scaled.set(units, (rates = scaledRates(units)));
    // Kept as long as the plan it is keyed by, which is the cache's: charged to the same budget.
    charge(cache, ENTRY_BYTES.scaledRates);
  }
  return rates ?? "compose";
}

interface FoundSums {
  readonly cache: LookupCache;
  readonly sums: ViewSums;
  readonly units: number;
}

/**
 * The origin view sums of the row's line and its base's units, or why there are none. Most rows of a batch
 * are a product and a country on the default importer with no option that changes the lookup: those are
 * the plain index's pairs (lookup/plainLookup.ts), two map reads and an array read, where resolving the
 * request (importer, options key, country, entry facts, product, view) took several times that per row.
 * Any other row is resolved in full; both give the same sums, and both leave every error to the general path.
 */
function sumsFor(
  table: RateTable,
  importer: string,
  country: string,
  product: string | number,
  opts: LandedOptions,
): FoundSums | "compose" | "notAdValorem" {
  if (changesNoLookup(opts)) {
    const index = plainIndexOf(table);
    if (index.importer !== null && index.importer.code === importer) {
      const sums = plainSums(index, country, product, PLAIN_UNITS);
      if (sums !== NOT_PLAIN) return sums === "notAdValorem" ? sums : { cache: index.cache, sums, units: PLAIN_UNITS.units };
    }
  }
  const cache = cacheOf(table);
  const parts = resolveParts(cache, rateRequestOf(table, importer, country, product, opts));
  if (!parts.ok) return "compose";
  const sum = sumPartsOf(cache, parts.value);
  if (sum === null) return baseNeverAdValorem(cache, parts.value) ? "notAdValorem" : "compose";
  return { cache, sums: sum.sums, units: sum.units };
}

const PLAIN_UNITS: PlainUnits = { units: 0 };

/** Options that leave the rate request as one without options (optionsKeyOf ""): read once per options object. */
function changesNoLookup(opts: LandedOptions): boolean {
  let hit = noLookupChange.get(opts);
  if (hit === undefined) {
    hit = opts.metal === null && optionsKeyOf({ basis: opts.basis, claims: opts.claims, loaded: opts.loaded, content: opts.content }) === "";
    noLookupChange.set(opts, hit);
  }
  return hit;
}

const noLookupChange = new WeakMap<LandedOptions, boolean>();

/** How many metals of the segment's layers metal= stands for (those without a share of their own). */
function metalsStoodFor(table: RateTable, bases: readonly string[], opts: LandedOptions): number {
  let n = 0;
  for (const b of bases) if (table.valueBases.includes(b) && opts.content[b] === undefined) n++;
  return n;
}

const scaled = new WeakMap<readonly number[], readonly ScaledRate[] | null>();

/** Fractions in UNITS (10^-12) as n / 10^k with the fewest decimals, zero layers left out; null when one is not safe. */
function scaledRates(units: readonly number[]): readonly ScaledRate[] | null {
  const rates: ScaledRate[] = [];
  for (const u of units) {
    if (u === 0) continue;
    if (!Number.isSafeInteger(u) || u < 0) return null;
    let n = u;
    let scale = UNITS;
    let k = 12;
    while (k > 0 && n % 10 === 0) {
      n /= 10;
      scale /= 10;
      k--;
    }
    rates.push({ n, k, scale });
  }
  return rates;
}
