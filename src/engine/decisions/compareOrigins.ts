import Decimal from "decimal.js";
import { CountryCode, countryName, parseCountry } from "../countries";
import { Day } from "../dates";
import { DEFAULT_LANDED_OPTIONS, LandedOptions } from "../landed/landedOptions";
import { landedCost } from "../landed/landedCost";
import { Outcome, notAvailable, ok } from "../lookup/outcome";
import { lookupRate } from "../lookup/rateLookup";
import { RateChoice, totalRate } from "../lookup/totalRate";
import { Basis, ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";
import { largestLayer, LargestLayer } from "./largestLayer";

/**
 * The same goods from several origins, side by side: which origin is cheapest to source from, by total
 * rate or (given a value) by landed cost. Each row is exactly what TARIFF (or LANDED) answers for that
 * origin; the comparison adds only the order and the difference to the cheapest.
 *
 * Claims are per origin where the table says so: a claim whose `origins` (in the table's claims) leave an
 * origin out is not made for it, and the row says so, rather than failing the whole comparison the way a
 * single TARIFF with that claim fails. No country is named in code.
 */
export interface CompareRequest {
  readonly importer?: string;
  readonly product: string | number;
  readonly day: Day;
  /** Origins as typed (codes or names), in the order given. */
  readonly origins: readonly string[];
  readonly basis: Basis;
  readonly claims: readonly string[];
  readonly loaded: Day | null;
  readonly content: ContentShares;
  readonly choice: RateChoice;
  /** Price of the goods: when given, rows are ranked by landed cost (with `landedOptions`). */
  readonly value: Decimal | null;
  readonly landedOptions?: LandedOptions;
}

export interface CompareRow {
  readonly origin: CountryCode;
  readonly originName: string;
  /** The total rate as TARIFF gives it; null when there is none (`error` says why). */
  readonly total: Decimal | null;
  readonly additional: Decimal | null;
  /** Landed cost for the request's value; null without a value, or when it cannot be computed. */
  readonly landed: Decimal | null;
  /** How far above the cheapest row (rate, or money when ranked by landed cost); null for an unknown row. */
  readonly difference: Decimal | null;
  readonly largest: LargestLayer | null;
  /** The claims made for this origin. */
  readonly claims: readonly string[];
  /** Claims asked for that the table does not offer this origin, one sentence; "" when none. */
  readonly claimNote: string;
  /** Why this origin has no total (or no landed cost); null when it has one. */
  readonly error: string | null;
}

export interface Comparison {
  readonly rankedBy: "total" | "landed";
  readonly rows: readonly CompareRow[];
}

export function compareOrigins(table: RateTable, req: CompareRequest): Outcome<Comparison> {
  const origins = resolveOrigins(table, req.origins);
  if (!origins.ok) return origins;
  const rankedBy = req.value === null ? "total" : "landed";
  const rows = origins.value.map((o) => originRow(table, req, o));
  const key = (r: CompareRow) => (rankedBy === "landed" ? r.landed : r.total);
  // Unknown rows last, never as 0; ties by origin code, so the order does not depend on how they were typed.
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else {
      const c = ka.comparedTo(kb);
      if (c !== 0) return c;
    }
    return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
  });
  const cheapest = sorted.length > 0 ? key(sorted[0]!) : null;
  return ok({
    rankedBy,
    rows: sorted.map((r) => {
      const k = key(r);
      return { ...r, difference: k === null || cheapest === null ? null : k.minus(cheapest) };
    }),
  });
}

interface Origin {
  readonly code: CountryCode;
  readonly typed: string;
}

/** Every origin must be known and given once: a silently dropped or doubled origin skews the ranking. */
function resolveOrigins(table: RateTable, typed: readonly string[]): Outcome<Origin[]> {
  if (typed.length === 0) return notAvailable("no origins given: list the countries to compare, e.g. CN, VN, MX");
  const unknown: string[] = [];
  const seen = new Map<CountryCode, string>();
  const duplicates: string[] = [];
  const out: Origin[] = [];
  for (const t of typed) {
    const p = parseCountry(t, table.groupNames);
    if (!p.ok) {
      unknown.push(`"${t}" (${p.reason})`);
      continue;
    }
    const first = seen.get(p.code);
    if (first !== undefined) {
      duplicates.push(first === t ? `"${t}"` : `"${first}" and "${t}" (both ${countryName(p.code)})`);
      continue;
    }
    seen.set(p.code, t);
    out.push({ code: p.code, typed: t });
  }
  if (unknown.length > 0) return notAvailable(`unknown origin${unknown.length > 1 ? "s" : ""}: ${unknown.join("; ")}`);
  if (duplicates.length > 0) return notAvailable(`origin given twice: ${duplicates.join("; ")}; give each origin once`);
  return ok(out);
}

/** The claims of the request split into those the table offers this origin and those it does not. */
export function claimsFor(table: RateTable, origin: CountryCode, claims: readonly string[]): { made: string[]; refused: string[] } {
  const made: string[] = [];
  const refused: string[] = [];
  for (const id of claims) {
    const claim = table.claims.get(id.trim().toLowerCase());
    // An unknown claim is not ours to drop: the lookup refuses it with its own message.
    if (claim === undefined || claim.origins === "all" || claim.origins.has(origin)) made.push(id);
    else refused.push(claim.id);
  }
  return { made, refused };
}

function originRow(table: RateTable, req: CompareRequest, o: Origin): CompareRow {
  const { made, refused } = claimsFor(table, o.code, req.claims);
  const claimNote =
    refused.length === 0 ? "" : `${refused.join(", ")} not claimed: the table offers ${refused.length > 1 ? "them" : "it"} only to other origins`;
  const empty = { origin: o.code, originName: countryName(o.code), total: null, additional: null, landed: null, difference: null, largest: null };
  const looked = lookupRate(table, {
    ...(req.importer === undefined ? {} : { importer: req.importer }),
    country: o.code,
    product: req.product,
    day: req.day,
    basis: req.basis,
    claims: made,
    loaded: req.loaded,
    content: req.content,
  });
  if (!looked.ok) return { ...empty, claims: made, claimNote, error: looked.error.message };
  const a = looked.value;
  const c = a.composition;
  const t = totalRate(c, req.choice, a.product.display);
  const base = {
    ...empty,
    total: t.ok ? t.value.total : null,
    additional: c.additional,
    largest: largestLayer(a, req.choice),
    claims: made,
    claimNote,
  };
  if (req.value === null) return { ...base, error: t.ok ? null : t.error.message };
  const landed = landedCost(table, {
    value: req.value,
    country: o.code,
    product: req.product,
    day: req.day,
    ...(req.importer === undefined ? {} : { importer: req.importer }),
    options: { ...(req.landedOptions ?? landedFrom(req)), claims: made },
    explain: false,
  });
  if (!landed.ok) return { ...base, error: landed.error.message };
  return { ...base, landed: landed.value.landed, error: null };
}

/** The landed options a comparison without landed words means: the lookup options, landed defaults. */
function landedFrom(req: CompareRequest): LandedOptions {
  const { basis, claims, loaded, content } = req;
  return { ...DEFAULT_LANDED_OPTIONS, basis, claims, loaded, content, knownLayers: req.choice.knownLayers === true };
}

/** The header row of DUTY.COMPARE. */
export const COMPARE_HEADER = ["Origin", "Total", "Additional", "Landed cost", "Difference", "Largest layer", "Authority", "Note"] as const;
