import { Day, dayFromIso } from "../dates";
import { CountryCode, countryName, parseCountry } from "../countries";
import { BASES, EntryFacts, contentKey } from "../stacking/facts";
import { ImporterIndex, RateTable } from "../table/compiledTable";
import { clip } from "../util/clip";
import { DEFAULT_IMPORTER } from "./defaultImporter";
import { LineClass, classesOf } from "./lineClasses";
import { ENTRY_BYTES, LookupCache, MAX_KEY_LENGTH, cacheOf, charge, remember } from "./lookupCache";
import { Outcome, invalid, notAvailable, ok } from "./outcome";
import { ProductRef, resolveProduct } from "./product";
import type { RateRequest } from "./rateLookup";
import { Timeline, timelineFor } from "./timeline";
import { detached } from "../util/detached";

/** A request resolved but for its date: the one thing that varies between the lookups of a cell range. */
export interface Prepared {
  readonly importer: ImporterIndex;
  readonly origin: CountryCode;
  /** countryName(origin), resolved once rather than on every lookup. */
  readonly originName: string;
  readonly product: ProductRef;
  readonly facts: EntryFacts;
  readonly timelines: readonly Timeline[];
  /** How many statistical lines the product covers (the sum over its line classes). */
  readonly lineCount: number;
}

export interface Origin {
  readonly code: CountryCode;
  /** The name parseCountry gives, for messages. */
  readonly name: string;
  /** countryName(code), as lookupRate reports it. */
  readonly displayName: string;
}

export interface ProductPart {
  readonly product: ProductRef;
  readonly classes: readonly LineClass[];
  readonly lineCount: number;
}

/**
 * The one path from a request to its timelines, in a fixed order of checks: importer, country, the
 * importing country as origin, a release that cannot price the origin, the options (basis, claims),
 * the product and its line classes.
 *
 * A sheet asks the same (country, product, options) for many dates and cells, so each part is resolved
 * once and kept by its own key: the country, the product, the entry facts per origin and options, and each
 * line class's timeline per origin and options. A sheet of 2 000 lines × 30 origins is then 30 country
 * entries, 2 000 product entries and a few thousand small class → timeline links, and a repeated lookup is
 * a handful of map accesses and one binary search. Nothing is kept per whole request.
 */
export function resolveRequest(table: RateTable, request: Omit<RateRequest, "day">): Outcome<Prepared> {
  const cache = cacheOf(table);
  const parts = resolveParts(cache, request);
  return parts.ok ? ok(prepare(cache, parts.value)) : parts;
}

/** A request resolved but for its date and its timelines: everything the checks need. */
export interface Parts {
  readonly importer: ImporterIndex;
  readonly origin: Origin;
  readonly facts: EntryFacts;
  readonly part: ProductPart;
  /** The key a line class keeps this origin and options' timeline under. */
  readonly link: string;
}

/**
 * The checks of resolveRequest, in its order, and the parts they resolve, without the timelines: DUTY.TARIFF's
 * numbers-only path (tariffLine.ts) needs no timeline for the common line, only these.
 */
export function resolveParts(cache: LookupCache, request: Omit<RateRequest, "day">): Outcome<Parts> {
  const importer = importerOf(cache.table, request.importer);
  if (!importer.ok) return importer;
  const optionsKey = optionsKeyOf(request);
  const at = originOf(cache, importer.value, request.country, optionsKey, request);
  if (!at.ok) return at;
  const { origin, facts } = at.value;
  const part = productOf(cache, importer.value, request.product);
  if (!part.ok) return part;
  const link = optionsKey === "" ? origin.code : `${origin.code}\u0000${optionsKey}`;
  return ok({ importer: importer.value, origin, facts, part: part.value, link });
}

/** The importer check of resolveParts: the schedule a request names (the default for none). */
export function importerOf(table: RateTable, raw: string | undefined): Outcome<ImporterIndex> {
  const code = importerCodeOf(raw);
  const importer = table.importers.get(code);
  if (!importer) return notAvailable(`no tariff schedule for importer "${clip(code, 20)}": this table has ${[...table.importers.keys()].join(", ")}`);
  return ok(importer);
}

/** An origin and the entry facts of a set of options, as resolveParts checks them. */
export interface OriginFacts {
  readonly origin: Origin;
  readonly facts: EntryFacts;
}

/**
 * The checks of resolveParts that concern the origin, in its order: the country, the importing country as
 * origin, a release that cannot price the origin, the options (basis, claims). `optionsKey` is
 * optionsKeyOf(options) ("" for none).
 */
export function originOf(
  cache: LookupCache,
  importer: ImporterIndex,
  country: string,
  optionsKey: string,
  options: LookupRequestOptions,
): Outcome<OriginFacts> {
  const found = countryOf(cache, country);
  if (!found.ok) return found;
  const origin = found.value;
  if (origin.code === importer.code) return invalid(`${origin.name} is the importing country; give the country of origin`);
  const legacy = importer.legacyColumn2.get(origin.code);
  if (legacy !== undefined) return notAvailable(legacy);
  const facts = factsOf(cache, origin, optionsKey, options);
  return facts.ok ? ok({ origin, facts: facts.value }) : facts;
}

/** The options part of a request: what the entry facts are made of. */
export type LookupRequestOptions = Pick<RateRequest, "basis" | "claims" | "loaded" | "content">;

/** The timelines of the parts' line classes, each kept by its class under the parts' link. */
export function prepare(cache: LookupCache, parts: Parts): Prepared {
  const { importer, origin, facts, part, link } = parts;
  const keep = link.length <= MAX_KEY_LENGTH;
  const timelines: Timeline[] = [];
  for (const cls of part.classes) {
    let t = cls.timelines.get(link);
    if (t === undefined) {
      t = timelineFor(cache, importer, cls, facts);
      if (keep) {
        cls.timelines.set(link, t);
        charge(cache, ENTRY_BYTES.link + link.length);
      }
    }
    timelines.push(t);
  }
  return { importer, origin: origin.code, originName: origin.displayName, product: part.product, facts, timelines, lineCount: part.lineCount };
}

function importerCodeOf(raw: string | undefined): string {
  if (raw === undefined || raw === DEFAULT_IMPORTER) return DEFAULT_IMPORTER;
  return raw.trim().toUpperCase() || DEFAULT_IMPORTER;
}

/** "" for a request without options, or with options that all mean their default. */
export function optionsKeyOf(request: LookupRequestOptions): string {
  const basis = request.basis === undefined || request.basis === "entry" ? "" : request.basis;
  const claims = (request.claims ?? []).join("+");
  const loaded = request.loaded === undefined || request.loaded === null ? "" : String(request.loaded);
  const content = contentKey(request.content);
  if (basis === "" && claims === "" && loaded === "" && content === "") return "";
  return [basis, claims, loaded, content].join("\u0000");
}

function countryOf(cache: LookupCache, input: string): Outcome<Origin> {
  const hit = cache.countries.get(input);
  if (hit) return hit;
  const parsed = parseCountry(input, cache.table.groupNames);
  const outcome: Outcome<Origin> = parsed.ok
    ? ok({ code: parsed.code, name: parsed.name, displayName: countryName(parsed.code) })
    : notAvailable(parsed.reason);
  return input.length > MAX_KEY_LENGTH ? outcome : remember(cache, cache.countries, detached(input), outcome, 0);
}

/** The entry facts but the day: the basis and claims checked against the table and the origin. */
function factsOf(cache: LookupCache, origin: Origin, optionsKey: string, request: LookupRequestOptions): Outcome<EntryFacts> {
  const key = `${origin.code}\u0000${optionsKey}`;
  const hit = cache.facts.get(key);
  if (hit) return hit;
  const table = cache.table;
  const outcome = ((): Outcome<EntryFacts> => {
    const basis = request.basis ?? "entry";
    if (!BASES.includes(basis)) return invalid(`unknown basis "${String(basis)}": use entry, final or net`);
    const claims = new Set<string>();
    for (const raw of request.claims ?? []) {
      const claim = table.claims.get(raw.trim().toLowerCase());
      if (!claim) return invalid(`unknown claim "${clip(raw, 30)}": this table knows ${[...table.claims.values()].map((c) => c.id).join(", ")}`);
      if (claim.origins !== "all" && !claim.origins.has(origin.code)) {
        return invalid(`claim ${claim.id} (${claim.title}) is not available for goods of ${origin.name}`);
      }
      claims.add(claim.id);
    }
    return ok({
      origin: origin.code,
      day: table.coverage.from,
      basis,
      claims,
      loaded: request.loaded ?? null,
      content: request.content ?? {},
      released: releasedDay(table),
    });
  })();
  return key.length > MAX_KEY_LENGTH ? outcome : remember(cache, cache.facts, key, outcome, 0);
}

export function productOf(cache: LookupCache, importer: ImporterIndex, input: string | number): Outcome<ProductPart> {
  let byInput = cache.products.get(importer.code);
  if (!byInput) {
    byInput = new Map();
    cache.products.set(importer.code, byInput);
  }
  const hit = byInput.get(input);
  if (hit) return hit;
  let outcome: Outcome<ProductPart>;
  const product = resolveProduct(cache.table, importer, input);
  if (!product.ok) outcome = product;
  else {
    const classes = classesOf(cache, importer, product.value);
    outcome = classes.ok
      ? ok({ product: product.value, classes: classes.value, lineCount: classes.value.reduce((n, c) => n + c.lines, 0) })
      : classes;
  }
  return typeof input === "string" && input.length > MAX_KEY_LENGTH
    ? outcome
    : remember(cache, byInput, typeof input === "string" ? detached(input) : input, outcome, outcome.ok ? outcome.value.classes.length * 8 : 0);
}

/** The release date as a day, or undefined if the table's date does not parse (then nothing is marked). */
function releasedDay(table: RateTable): Day | undefined {
  return dayFromIso(table.released) ?? undefined;
}
