import {
  Basis,
  ContentShares,
  DEFAULT_LANDED_OPTIONS,
  Day,
  LandedOptions,
  PLAIN_CHOICE,
  RateChoice,
  RateTable,
  dayFromExcelSerial,
  dayFromIso,
  easternDate,
  parseLandedOptions,
} from "../engine";
import { clip } from "../engine/util/clip";

/**
 * Excel arguments in, engine inputs out. Excel passes an omitted optional argument as null, an empty
 * cell as 0 on desktop and null on the web, a date as its serial number, and anything the user typed
 * in any argument. Nothing here guesses: what cannot be read is a #VALUE! with the reason.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export const fail = (message: string): Read<never> => ({ ok: false, message });

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === 0 || (typeof value === "string" && value.trim() === "");
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a range";
  if (typeof value === "string") return `"${clip(value, 30)}"`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

export function readCountry(value: unknown): Read<string> {
  if (isEmpty(value)) return fail("country is required: an ISO code (CN) or a name (China)");
  if (typeof value !== "string") return fail(`country must be text, not ${describe(value)}`);
  return { ok: true, value };
}

export function readProduct(value: unknown): Read<string | number> {
  if (isEmpty(value)) return fail("sector is required: an HTS code (9503.00.00) or a sector keyword (steel)");
  if (typeof value === "number" || typeof value === "string") return { ok: true, value };
  return fail(`sector must be an HTS code or a keyword, not ${describe(value)}`);
}

/** An entry date: an Excel serial, ISO text, or empty for today (US Eastern). */
export function readDate(value: unknown, now: Date, name = "date"): Read<Day> {
  if (isEmpty(value)) return { ok: true, value: easternDate(now) };
  if (typeof value === "number") {
    const r = dayFromExcelSerial(value);
    return r.ok ? { ok: true, value: r.day } : fail(`${name}: ${r.reason}`);
  }
  if (typeof value === "string") {
    const day = dayFromIso(value);
    return day === null ? fail(`${name} ${describe(value)} is not a date: use an Excel date or YYYY-MM-DD`) : { ok: true, value: day };
  }
  return fail(`${name} must be a date, not ${describe(value)}`);
}

export function readImporter(value: unknown): Read<string> {
  if (isEmpty(value)) return { ok: true, value: "US" };
  if (typeof value !== "string") return fail(`importer must be text (US or CN), not ${describe(value)}`);
  return { ok: true, value: value.trim().toUpperCase() };
}

export interface LookupOptions {
  readonly basis: Basis;
  readonly claims: readonly string[];
  readonly loaded: Day | null;
  readonly content: ContentShares;
  /** Which rate a specific or compound duty gives: its equivalent at a unit value, or the ad valorem part; and "known layers". */
  readonly choice: RateChoice;
}

/** Landed-cost options that mean nothing to a rate lookup, by the name a user types. */
const LANDED_ONLY: readonly [keyof LandedOptions, string][] = [
  ["metal", "metal="],
  ["fx", "fx="],
  ["duty", "duty="],
  ["base", "base="],
  ["vat", "vat="],
  ["ct", "ct="],
  ["entry", "formal/informal"],
  ["mpfExempt", "mpf=exempt"],
  ["deMinimis", "nodeminimis"],
];

/**
 * The optional last argument: words separated by commas or semicolons. A basis (entry, final, net),
 * claims the table knows (USMCA), `loaded=DATE` for in-transit rules, and `steel=40%`-style metal shares.
 * One text argument keeps the signature stable as options grow: a function id's parameters, once in a
 * saved workbook, should only ever be appended to. The grammar is the engine's, shared with DUTY.LANDED
 * and the CLI's options column; the landed-cost words are refused here rather than ignored.
 */
export function readOptions(value: unknown, table: RateTable): Read<LookupOptions> {
  if (isEmpty(value)) return { ok: true, value: PLAIN_OPTIONS };
  if (typeof value !== "string") return fail(`options must be text such as "final; USMCA", not ${describe(value)}`);
  const parsed = parseLandedOptions(value, table);
  if (!parsed.ok) return fail(parsed.error.message);
  const o = parsed.value;
  const landedOnly = LANDED_ONLY.filter(([key]) => o[key] !== DEFAULT_LANDED_OPTIONS[key]).map(([, word]) => word);
  if (landedOnly.length > 0) return fail(`${landedOnly.join(", ")}: landed-cost option(s), for DUTY.LANDED only`);
  const plain = o.unitValues.length === 0 && !o.adValoremPart && !o.knownLayers;
  const choice = plain ? PLAIN_CHOICE : { unitValues: o.unitValues, adValoremPart: o.adValoremPart, knownLayers: o.knownLayers };
  return { ok: true, value: { basis: o.basis, claims: o.claims, loaded: o.loaded, content: o.content, choice } };
}

const PLAIN_OPTIONS: LookupOptions = { basis: "entry", claims: [], loaded: null, content: {}, choice: PLAIN_CHOICE };
