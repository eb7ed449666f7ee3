import Decimal from "decimal.js";
import { Day, LookupError, RateRequest, RateTable, tariffAt, tariffLineOf } from "../../../src/engine";
import { PLAIN_CHOICE } from "../../../src/engine/lookup/totalRate";
import { COMPOSE, UNITS, baseUnitsOf, layersOn } from "../../../src/engine/lookup/viewSums";
import { cacheOf } from "../../../src/engine/lookup/lookupCache";
import { resolveParts } from "../../../src/engine/lookup/resolveRequest";
import { sumPartsOf } from "../../../src/engine/lookup/tariffLine";
import { BaseRate } from "../../../src/engine/table/compiledTable";
import { embedded } from "../../support/embeddedTable";
import { generalTariff } from "../../support/generalTariff";

/**
 * A TARIFF total taken as "base + what the origin's view adds" (viewSums.ts) is the number compose() gives,
 * bit for bit, for every kind of line and origin: plain ad valorem bases, all-in deals (EU, Japan, Korea,
 * Switzerland), specific and compound bases, Column 2 origins, sector keywords; on every segment a sheet of
 * many lines and origins lands on.
 */

const table = embedded();
const fresh = (): RateTable => ({ ...table });
const us = table.importers.get("US")!;
const { from, to } = table.coverage;

const general = (t: RateTable, r: RateRequest) => generalTariff(t, r, PLAIN_CHOICE);

const same = (a: number | LookupError) => (typeof a === "number" ? { n: Object.is(a, -0) ? "-0" : String(a) } : { kind: a.kind, message: a.message });

/** A small deterministic generator, so a failure names a case that can be run again. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  "CH",
  "TW",
  "IN",
  "BR",
  "GB",
  "RU",
  "KP",
  "CU",
  "BY",
  "AU",
  "ZA",
  "IL",
  "SG",
  "TR",
  "KH",
];

describe("TARIFF's base-plus-view totals", () => {
  test("equal compose + toNumber on 6 000 (line, origin, date) cells of varied lines and origins", () => {
    const random = seeded(0x5eed1);
    const t = fresh();
    const oracle = fresh();
    const mismatches: string[] = [];
    let sums = 0;
    for (let i = 0; i < 6000; i++) {
      const line = us.atoms[Math.floor(random() * us.atoms.length)]!;
      const country = ORIGINS[Math.floor(random() * ORIGINS.length)]!;
      const day = (from + Math.floor(random() * (to - from))) as Day;
      const request = { country, product: line };
      if (tariffLineOf(t, request, PLAIN_CHOICE).kind === "sum") sums++;
      const a = same(tariffAt(t, request, PLAIN_CHOICE, day));
      const b = same(general(oracle, { ...request, day }));
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${country} ${line} day ${day}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Most lines take the sum path; the test would prove nothing if none did.
    expect(sums).toBeGreaterThan(3000);
  });

  test("the same on every segment start and the day before it, for lines of every base kind", () => {
    const t = fresh();
    const oracle = fresh();
    const kinds = new Map<string, string>();
    us.atoms.forEach((atom, i) => {
      const kind = us.bases.at(i).expr?.kind ?? "none";
      if (!kinds.has(kind)) kinds.set(kind, atom);
    });
    const lines = [...kinds.values(), "9503.00.00.00", "7208.39.00", "8703.23.01", "0406.90.38.00", "steel", "toys"];
    const days = new Set<number>([from, to - 1]);
    for (const m of table.measures) for (const d of [m.from, m.to]) if (d !== null && d > from && d < to) days.add(d).add(d - 1);
    const mismatches: string[] = [];
    for (const product of lines) {
      for (const country of ["DE", "JP", "CN", "RU", "CA", "CH"]) {
        for (const day of days) {
          const a = same(tariffAt(t, { country, product }, PLAIN_CHOICE, day as Day));
          const b = same(general(oracle, { country, product, day: day as Day }));
          if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${country} ${product} day ${day}`);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  test("the same with declared metal content, claims and bases: all-in deals on a share of the value", () => {
    const random = seeded(0x5eed2);
    const t = fresh();
    const oracle = fresh();
    // Steel, aluminum and copper articles and vehicles, where metal-content layers and all-in deals meet.
    const metal = us.atoms.filter((a) => /^(72|73|74|76|84|85|87)/.test(a));
    const contents = [
      {},
      { steel: new Decimal("0.4") },
      { aluminum: new Decimal("0.25"), steel: new Decimal("0.3") },
      { copper: new Decimal("0.333") },
    ];
    const claims = [[], ...table.doc.claims.slice(0, 4).map((c) => [c.id])];
    const bases = ["entry", "final", "net"] as const;
    const mismatches: string[] = [];
    let sums = 0;
    for (let i = 0; i < 4000; i++) {
      const product = metal[Math.floor(random() * metal.length)]!;
      const country = ["DE", "JP", "KR", "CH", "TW", "FR", "CN", "MX", "GB"][Math.floor(random() * 9)]!;
      const content = contents[Math.floor(random() * contents.length)]!;
      const claim = claims[Math.floor(random() * claims.length)]!;
      const basis = bases[Math.floor(random() * bases.length)]!;
      const day = (from + Math.floor(random() * (to - from))) as Day;
      const request = { country, product, content, claims: claim, basis };
      if (tariffLineOf(t, request, PLAIN_CHOICE).kind === "sum") sums++;
      const a = same(tariffAt(t, request, PLAIN_CHOICE, day));
      const b = same(general(oracle, { ...request, day }));
      if (JSON.stringify(a) !== JSON.stringify(b))
        mismatches.push(`${country} ${product} ${JSON.stringify(request)} day ${day}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(sums).toBeGreaterThan(500);
  });

  test("a base is an exact integer of units, or COMPOSE when it is not a plain ad valorem rate", () => {
    const base = (expr: BaseRate["expr"]): BaseRate => ({ line: "x", expr, special: [], column2: null });
    expect(baseUnitsOf(base({ kind: "adValorem", text: "6.5%", fraction: new Decimal("0.065") }))).toBe(0.065 * UNITS);
    expect(baseUnitsOf(base({ kind: "free", text: "Free" }))).toBe(0);
    expect(baseUnitsOf(base(null))).toBe(COMPOSE);
    expect(baseUnitsOf(base({ kind: "text", text: "See note" }))).toBe(COMPOSE);
    // More decimals than the units hold: not a plain sum, so composed (never a rounded number).
    expect(baseUnitsOf(base({ kind: "adValorem", text: "x", fraction: new Decimal("0.1234567890123456") }))).toBe(COMPOSE);
  });
});

describe("layer plans", () => {
  // A batch asks a plan per (view, base, segment), and most of them pay the same layers: each distinct
  // plan is one array, so what is kept beside a plan (the batch's scaled rates) is kept once.
  test("of equal content are one array, across views, bases and segments", () => {
    const t = fresh();
    const cache = cacheOf(t);
    const byContent = new Map<string, readonly number[]>();
    let plans = 0;
    let repeats = 0;
    for (const country of ["FR", "DE", "IT", "JP", "VN", "MX", "BR", "IN"]) {
      for (const line of us.atoms.filter((_, i) => i % 211 === 0)) {
        const parts = resolveParts(cache, { importer: "US", country, product: line });
        if (!parts.ok) continue;
        const sum = sumPartsOf(cache, parts.value);
        if (sum === null) continue;
        for (let index = 0; index < sum.sums.starts.length; index++) {
          const plan = layersOn(cache, sum.sums, index, sum.units);
          if (plan === null) continue;
          plans++;
          const key = plan.join(",");
          const seen = byContent.get(key);
          if (seen === undefined) byContent.set(key, plan);
          else {
            repeats++;
            expect(plan).toBe(seen);
          }
        }
      }
    }
    // Enough plans, and enough of them repeated, for the test to mean something.
    expect(plans).toBeGreaterThan(200);
    expect(repeats).toBeGreaterThan(plans / 2);
  });
});
