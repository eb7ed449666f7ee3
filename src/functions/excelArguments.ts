import Decimal from "decimal.js";
import { BASES, Basis, ContentShares, Day, RateTable, dayFromExcelSerial, dayFromIso, easternDate } from "../engine";
import { clip } from "../engine/util/clip";

/**
 * Excel arguments in, engine inputs out. Excel passes an omitted optional argument as null, an empty
 * cell as 0 on desktop and null on the web, a date as its serial number, and anything the user typed
 * in any argument. Nothing here guesses: what cannot be read is a #VALUE! with the reason.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): Read<never> => ({ ok: false, message });

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === 0 || (typeof value === "string" && value.trim() === "");
}

function describe(value: unknown): string {
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
}

/**
 * The optional last argument: words separated by commas or semicolons. A basis (entry, final, net),
 * claims the table knows (USMCA), `loaded=DATE` for in-transit rules, and `steel=40%`-style metal shares.
 * One text argument keeps the signature stable as options grow: a function id's parameters, once in a
 * saved workbook, should only ever be appended to.
 */
export function readOptions(value: unknown, table: RateTable): Read<LookupOptions> {
  const options = { basis: "entry" as Basis, claims: [] as string[], loaded: null as Day | null, content: {} as Record<string, Decimal> };
  if (isEmpty(value)) return { ok: true, value: options };
  if (typeof value !== "string") return fail(`options must be text such as "final; USMCA", not ${describe(value)}`);
  let basisGiven = false;
  for (const raw of value.split(/[;,]/)) {
    const token = raw.trim();
    if (token === "") continue;
    const [key, ...rest] = token.split("=");
    const word = key!.trim().toLowerCase();
    const arg = rest.join("=").trim();
    if (rest.length === 0 && (BASES as readonly string[]).includes(word)) {
      if (basisGiven && options.basis !== word) return fail(`two bases given (${options.basis} and ${word}): choose one of entry, final, net`);
      basisGiven = true;
      options.basis = word as Basis;
    } else if (rest.length === 0 && table.doc.claims.some((c) => c.id.toLowerCase() === word)) {
      options.claims.push(token);
    } else if (word === "loaded") {
      const serial = Number(arg);
      const day = /^\d+(\.\d+)?$/.test(arg) ? dayFromExcelSerial(serial) : null;
      const parsed = day?.ok ? day.day : dayFromIso(arg);
      if (parsed === null) return fail(`loaded=${arg} is not a date`);
      options.loaded = parsed;
    } else if (word === "steel" || word === "aluminum" || word === "copper") {
      const share = /^\d+(\.\d+)?%$/.test(arg) ? new Decimal(arg.slice(0, -1)).div(100) : /^\d+(\.\d+)?$/.test(arg) ? new Decimal(arg) : null;
      if (share === null || share.greaterThan(1)) return fail(`${word}=${arg}: give the ${word} share of value, e.g. ${word}=40%`);
      options.content[word] = share;
    } else {
      // The claim list is long (one per program and condition); name the common ones and the count.
      const claims = table.doc.claims.map((c) => c.id);
      const examples = ["USMCA", "KORUS"].filter((c) => claims.includes(c));
      return fail(
        `unknown option "${clip(token, 30)}": use entry, final or net; a claim such as ${examples.join(" or ")} (${claims.length} in table ${table.id}); loaded=DATE; steel=40%`,
      );
    }
  }
  return { ok: true, value: options };
}
