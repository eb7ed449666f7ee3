import Decimal from "decimal.js";
import { Day, dayFromIso, isoFromDay } from "../dates";
import { CountryCode, countryName, parseCountry } from "../countries";
import { formatHts } from "../hts";
import { Composition, compose } from "../stacking/compose";
import { Basis, BASES, ContentShares, EntryFacts, contentKey } from "../stacking/facts";
import {
  BaseRate,
  Column2Member,
  ImporterIndex,
  Measure,
  RateTable,
  Relation,
  SpecialRate,
  appliesToPartner,
  baseOn,
  coversAtom,
} from "../table/compiledTable";
import { Outcome, invalid, notAvailable, ok } from "./outcome";
import { DEFAULT_IMPORTER } from "./defaultImporter";
import { ProductRef, resolveProduct } from "./product";
import { clip } from "../util/clip";

export interface RateRequest {
  /** Importing country; default US. */
  readonly importer?: string;
  readonly country: string;
  /** HTS code (text or number) or a sector keyword. */
  readonly product: string | number;
  readonly day: Day;
  readonly basis?: Basis;
  readonly claims?: readonly string[];
  readonly loaded?: Day | null;
  readonly content?: ContentShares;
}

export interface RateAnswer {
  readonly table: RateTable;
  readonly importer: ImporterIndex;
  readonly origin: CountryCode;
  readonly originName: string;
  readonly product: ProductRef;
  readonly facts: EntryFacts;
  readonly composition: Composition;
  /** How many statistical lines the product covers (all with this same answer). */
  readonly lineCount: number;
  /**
   * Set when the entry date is after the table's release date: the answer projects the law as known at
   * release. The same sentence is the last of the composition's notes.
   */
  readonly projection?: string;
}

export interface HistoryRow {
  readonly from: Day;
  /** Exclusive end, or null when the rate holds to the end of the requested period. */
  readonly to: Day | null;
  readonly composition: Composition;
}

export function lookupRate(table: RateTable, request: RateRequest): Outcome<RateAnswer> {
  const prepared = prepareCached(table, request);
  if (!prepared.ok) return prepared;
  const p = prepared.value;
  const day = request.day;
  if (day < table.coverage.from || day >= table.coverage.to) {
    return notAvailable(
      `no data for ${isoFromDay(day)}: table ${table.id} covers entries from ${isoFromDay(table.coverage.from)} to ${isoFromDay((table.coverage.to - 1) as Day)}`,
    );
  }
  const answer = compositionAt(p.timelines, day, p.product, p.lineCount);
  if (!answer.ok) return answer;
  // Per day, not per timeline segment: a segment can straddle the release date.
  const projection = p.facts.released !== undefined && day > p.facts.released ? projectionNote(table) : undefined;
  return ok({
    table,
    importer: p.importer,
    origin: p.origin,
    originName: p.originName,
    product: p.product,
    facts: { ...p.facts, day },
    composition: projection === undefined ? answer.value : { ...answer.value, notes: [...answer.value.notes, projection] },
    lineCount: p.lineCount,
    ...(projection === undefined ? {} : { projection }),
  });
}

/** What an answer for an entry date after the release says about itself. */
export function projectionNote(table: RateTable): string {
  return `projection: the law as known at release ${table.id} (${table.released}); later changes are not in this table`;
}

/** The release date as a day, or undefined if the table's date does not parse (then nothing is marked). */
function releasedDay(table: RateTable): Day | undefined {
  return dayFromIso(table.released) ?? undefined;
}

/** Every date in [start, end] on which the answer changes, STOCKHISTORY style, starting with the rate at `start`. */
export function rateHistory(table: RateTable, request: RateRequest, end: Day): Outcome<HistoryRow[]> {
  const prepared = prepareCached(table, request);
  if (!prepared.ok) return prepared;
  const { product, timelines, lineCount } = prepared.value;
  const start = request.day;
  if (end < start) return invalid(`the end date ${isoFromDay(end)} is before the start date ${isoFromDay(start)}`);
  if (start < table.coverage.from || start >= table.coverage.to) {
    return notAvailable(`no data for ${isoFromDay(start)}: table ${table.id} starts at ${isoFromDay(table.coverage.from)}`);
  }
  const last = Math.min(end, table.coverage.to - 1) as Day;
  const days = new Set<Day>([start]);
  for (const t of timelines) {
    for (const d of t.starts) if (d > start && d <= last) days.add(d);
  }
  const rows: HistoryRow[] = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const c = compositionAt(timelines, d, product, lineCount);
    if (!c.ok) return c;
    const previous = rows[rows.length - 1];
    if (previous && previous.composition.signature === c.value.signature) continue;
    if (previous) rows[rows.length - 1] = { ...previous, to: d };
    rows.push({ from: d, to: null, composition: c.value });
  }
  return ok(rows);
}

interface Prepared {
  readonly importer: ImporterIndex;
  readonly origin: CountryCode;
  /** countryName(origin), resolved once rather than on every lookup. */
  readonly originName: string;
  readonly product: ProductRef;
  /** The entry facts except the day, which is the one thing that varies between lookups of a cell range. */
  readonly facts: EntryFacts;
  readonly timelines: readonly Timeline[];
  /** How many statistical lines the product covers (the sum over its line classes). */
  readonly lineCount: number;
}

/**
 * A sheet asks the same (country, product, options) for many dates and many cells; everything but the
 * date is resolved once and kept.
 *
 * Requests without options (what DUTY.TARIFF sends for a plain cell: no basis but entry, no claims, no
 * loading date, no metal shares) take a path that keeps nothing per (country, product) pair: the country
 * and the product are each resolved once, and each line class remembers its timeline per origin. A sheet
 * of 2 000 lines x 30 origins is then 30 country entries, 2 000 product entries and a few thousand small
 * class/origin links, not 60 000 prepared requests, and a repeated lookup is four map accesses and one
 * binary search. Requests with options keep one entry per distinct request, as before.
 */
function prepareCached(table: RateTable, request: RateRequest): Outcome<Prepared> {
  const cache = cacheOf(table);
  if (isPlain(request)) return preparePlain(table, cache, request);
  const c = request.content;
  const key = [
    request.importer ?? "",
    request.country,
    typeof request.product,
    request.product,
    request.basis ?? "",
    (request.claims ?? []).join("+"),
    request.loaded ?? "",
    contentKey(c),
  ].join("\u0000");
  const hit = cache.requests.get(key);
  if (hit) return hit;
  const prepared = prepare(table, request);
  // Over-long keys (pasted text, hostile input) are answered but not kept: the bound on entries would
  // not bound memory otherwise.
  return key.length > MAX_KEY_LENGTH ? prepared : remember(cache.requests, key, prepared);
}

/** No options, or options that all mean their default: what prepare() would treat as a plain lookup. */
function isPlain(request: RateRequest): boolean {
  const c = request.content;
  return (
    (request.basis === undefined || request.basis === "entry") &&
    (request.claims === undefined || request.claims.length === 0) &&
    (request.loaded === undefined || request.loaded === null) &&
    contentKey(c) === ""
  );
}

function importerCodeOf(request: RateRequest): string {
  const raw = request.importer;
  if (raw === undefined || raw === DEFAULT_IMPORTER) return DEFAULT_IMPORTER;
  return (raw ?? "").trim().toUpperCase() || DEFAULT_IMPORTER;
}

/** The same checks, in the same order, as prepare() for a request without options. */
function preparePlain(table: RateTable, cache: Cache, request: RateRequest): Outcome<Prepared> {
  const importerCode = importerCodeOf(request);
  const importer = table.importers.get(importerCode);
  if (!importer) return prepare(table, request);
  const country = countryOf(table, cache, request.country);
  if (!country.ok) return country;
  const origin = country.value;
  if (origin.code === importer.code) return invalid(`${origin.name} is the importing country; give the country of origin`);
  const legacy = importer.legacyColumn2.get(origin.code);
  if (legacy !== undefined) return notAvailable(legacy);
  const part = productOf(table, cache, importer, request.product);
  if (!part.ok) return part;
  const { product, classes, lineCount } = part.value;
  const facts = plainFacts(table, cache, origin.code);
  const timelines: Timeline[] = [];
  for (const cls of classes) {
    let t = cls.plainTimelines.get(origin.code);
    if (t === undefined) {
      t = timelineFor(table, importer, cls, facts);
      cls.plainTimelines.set(origin.code, t);
      // Links are a few words each, but each keeps its timeline alive; past the bound the cache starts over.
      if (++cache.links > MAX_LINKS) dropCache(cache);
    }
    timelines.push(t);
  }
  return ok({ importer, origin: origin.code, originName: origin.displayName, product, facts, timelines, lineCount });
}

interface Origin {
  readonly code: CountryCode;
  /** The name parseCountry gives, for messages. */
  readonly name: string;
  /** countryName(code), as lookupRate has always reported it. */
  readonly displayName: string;
}

function countryOf(table: RateTable, cache: Cache, input: string): Outcome<Origin> {
  const hit = cache.countries.get(input);
  if (hit) return hit;
  const parsed = parseCountry(input, table.groupNames);
  const outcome: Outcome<Origin> = parsed.ok
    ? ok({ code: parsed.code, name: parsed.name, displayName: countryName(parsed.code) })
    : notAvailable(parsed.reason);
  return input.length > MAX_KEY_LENGTH ? outcome : remember(cache.countries, input, outcome);
}

interface ProductPart {
  readonly product: ProductRef;
  readonly classes: readonly LineClass[];
  readonly lineCount: number;
}

function productOf(table: RateTable, cache: Cache, importer: ImporterIndex, input: string | number): Outcome<ProductPart> {
  let byInput = cache.products.get(importer.code);
  if (!byInput) {
    byInput = new Map();
    cache.products.set(importer.code, byInput);
  }
  const hit = byInput.get(input);
  if (hit) return hit;
  let outcome: Outcome<ProductPart>;
  const product = resolveProduct(table, importer, input);
  if (!product.ok) outcome = product;
  else {
    const classes = classesOf(table, importer, product.value);
    outcome = classes.ok
      ? ok({ product: product.value, classes: classes.value, lineCount: classes.value.reduce((n, c) => n + c.lines, 0) })
      : classes;
  }
  return typeof input === "string" && input.length > MAX_KEY_LENGTH ? outcome : remember(byInput, input, outcome);
}

function plainFacts(table: RateTable, cache: Cache, origin: CountryCode): EntryFacts {
  let facts = cache.plainFacts.get(origin);
  if (!facts) {
    facts = { origin, day: table.coverage.from, basis: "entry", claims: new Set<string>(), loaded: null, content: {}, released: releasedDay(table) };
    cache.plainFacts.set(origin, facts);
  }
  return facts;
}

function prepare(table: RateTable, request: RateRequest): Outcome<Prepared> {
  const importerCode = (request.importer ?? "").trim().toUpperCase() || DEFAULT_IMPORTER;
  const importer = table.importers.get(importerCode);
  if (!importer) return notAvailable(`no tariff schedule for importer "${clip(importerCode, 20)}": this table has ${[...table.importers.keys()].join(", ")}`);
  const country = parseCountry(request.country, table.groupNames);
  if (!country.ok) return notAvailable(country.reason);
  if (country.code === importer.code) return invalid(`${country.name} is the importing country; give the country of origin`);
  const legacy = importer.legacyColumn2.get(country.code);
  if (legacy !== undefined) return notAvailable(legacy);
  const basis = request.basis ?? "entry";
  if (!BASES.includes(basis)) return invalid(`unknown basis "${String(basis)}": use entry, final or net`);
  const claims = new Set<string>();
  for (const raw of request.claims ?? []) {
    const claim = table.claims.get(raw.trim().toLowerCase());
    if (!claim) return invalid(`unknown claim "${clip(raw, 30)}": this table knows ${[...table.claims.values()].map((c) => c.id).join(", ")}`);
    if (claim.origins !== "all" && !claim.origins.has(country.code)) {
      return invalid(`claim ${claim.id} (${claim.title}) is not available for goods of ${country.name}`);
    }
    claims.add(claim.id);
  }
  const product = resolveProduct(table, importer, request.product);
  if (!product.ok) return product;
  const classes = classesOf(table, importer, product.value);
  if (!classes.ok) return classes;
  const facts: EntryFacts = {
    origin: country.code,
    day: table.coverage.from,
    basis,
    claims,
    loaded: request.loaded ?? null,
    content: request.content ?? {},
    released: releasedDay(table),
  };
  const timelines = classes.value.map((cls) => timelineFor(table, importer, cls, facts));
  return ok({
    importer,
    origin: country.code,
    originName: countryName(country.code),
    product: product.value,
    facts,
    timelines,
    lineCount: classes.value.reduce((n, c) => n + c.lines, 0),
  });
}

/**
 * Lines that share a base rate (General and Special columns) and the same candidate measures get the same
 * answer on every date; a code or prefix is evaluated once per class, and is ambiguous only if its classes
 * disagree.
 */
interface LineClass {
  readonly key: string;
  readonly base: BaseRate;
  readonly candidates: readonly Measure[];
  readonly lines: number;
  /** The class's timeline for a request without options, by origin. */
  readonly plainTimelines: Map<string, Timeline>;
}

/**
 * The answers for one line class, origin and set of options across the table's coverage. `starts` are
 * the dates on which any input of compose() can change (a measure begins or ends, is collected from, its
 * in-transit window closes, a relation between its measures begins or ends); between two of them the
 * answer is constant. A segment's composition is computed the first time a lookup lands in it: a cell asks
 * for one date, so composing every segment up front (tens of them) would be wasted work and memory.
 */
interface Timeline {
  readonly starts: readonly Day[];
  /** By segment; undefined until asked for. */
  readonly compositions: (Composition | undefined)[];
  /** The base for an origin outside Column 2: the General rate, or the Special rate a claim invokes. */
  readonly base: BaseRate;
  /** The line's base when the origin is in Column 2; null when it never is during coverage. */
  readonly column2Base: ((member: Column2Member) => BaseRate) | null;
  /** The origin's Column 2 memberships (dated), from the importer's schedule. */
  readonly column2: readonly Column2Member[];
  readonly partners: readonly Measure[];
  /** Conditional measures for this origin left out because their claim was not made (for BREAKDOWN). */
  readonly unclaimed: readonly Measure[];
  readonly relations: readonly Relation[];
  /** The options the timeline is for (its key); the day is each segment's start. */
  readonly facts: EntryFacts;
  /** The cache that counts its compositions. */
  readonly cache: Cache;
}

interface Cache {
  readonly table: RateTable;
  readonly requests: Map<string, Outcome<Prepared>>;
  readonly classes: Map<string, Outcome<LineClass[]>>;
  readonly timelines: Map<string, Timeline>;
  readonly countries: Map<string, Outcome<Origin>>;
  /** By importer code, then by the product argument as given (a number and its text are different keys). */
  readonly products: Map<string, Map<string | number, Outcome<ProductPart>>>;
  readonly plainFacts: Map<string, EntryFacts>;
  /** How many class/origin timeline links exist (see preparePlain). */
  links: number;
  /** How many compositions the timelines built for this cache hold: they, not entries, are the memory. */
  compositions: number;
}

const MAX_CACHED = 50_000;
const MAX_PARTIAL = 4;
const MAX_LINKS = 500_000;
/**
 * A composition is about 1.6 KB on the 2026.11a table (layers, exclusions, notes, signatures, Decimals),
 * so this keeps one table's caches under roughly 330 MB however many distinct lookups a workbook makes.
 * Only the segments lookups land in are composed: a sheet needs at most one per distinct (line class,
 * origin, options, segment of dates). Past the bound the caches start over.
 */
const MAX_COMPOSITIONS = 200_000;
const MAX_KEY_LENGTH = 1_000;
const caches = new WeakMap<RateTable, Cache>();

function cacheOf(table: RateTable): Cache {
  let cache = caches.get(table);
  if (!cache) {
    cache = {
      table,
      requests: new Map(),
      classes: new Map(),
      timelines: new Map(),
      countries: new Map(),
      products: new Map(),
      plainFacts: new Map(),
      links: 0,
      compositions: 0,
    };
    caches.set(table, cache);
  }
  return cache;
}

/** Starts the table's caches over (only if `cache` is still the current one). */
function dropCache(cache: Cache): void {
  if (caches.get(cache.table) === cache) caches.delete(cache.table);
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  // Bounded so a workbook of a million distinct lookups cannot exhaust memory; oldest entries go first.
  if (map.size >= MAX_CACHED) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

function classesOf(table: RateTable, importer: ImporterIndex, product: ProductRef): Outcome<LineClass[]> {
  const cache = cacheOf(table);
  const key = `${importer.code}|${product.digits}`;
  const hit = cache.classes.get(key);
  if (hit) return hit;
  return remember(cache.classes, key, computeClasses(importer, product));
}

/** The Special column of a line as a key: lines that differ in it differ as soon as a program is claimed. */
const specialKeys = new WeakMap<readonly SpecialRate[], string>();
function specialKey(special: readonly SpecialRate[]): string {
  if (special.length === 0) return "";
  let key = specialKeys.get(special);
  if (key === undefined) {
    key = special.map((s) => `${s.expr.text}(${[...s.programs].sort().join(",")})`).join(" ");
    specialKeys.set(special, key);
  }
  return key;
}

/** A line's dated editions and notes as a key ("" for lines without: every US key is as it was). */
const editionKeys = new WeakMap<BaseRate, string>();
function editionsKey(base: BaseRate): string {
  if (base.editions === undefined && base.note === undefined) return "";
  let key = editionKeys.get(base);
  if (key === undefined) {
    const one = (b: BaseRate) => `${b.expr?.text ?? "?"}~${b.note ?? ""}~${b.source ?? ""}`;
    key = `#${one(base)}${(base.editions ?? []).map((e) => `@${e.from}:${one(e.rate)}`).join("")}`;
    editionKeys.set(base, key);
  }
  return key;
}

function computeClasses(importer: ImporterIndex, product: ProductRef): Outcome<LineClass[]> {
  if (importer.lineMode === "open") {
    // Without a list of lines, a code that a measure covers only in part ("1201.90" when the measure
    // lists 1201.90.11 and .19) stands for both cases: one class with the measure, one without. The
    // lookup is then ambiguous only on dates when the two answers differ.
    const sure: Measure[] = [];
    const partial: Measure[] = [];
    for (const m of importer.measures) {
      const coverage = openCoverage(m, product.digits);
      if (coverage === "all") sure.push(m);
      else if (coverage === "partial") partial.push(m);
    }
    if (partial.length > MAX_PARTIAL) {
      return notAvailable(`${product.display} is only partly covered by ${partial.length} measures: give a longer code`);
    }
    const base: BaseRate = { line: product.digits, expr: null, special: [], column2: null };
    const classes: LineClass[] = [];
    for (let mask = 0; mask < 1 << partial.length; mask++) {
      const candidates = [...sure, ...partial.filter((_, i) => mask & (1 << i))].sort((a, b) => a.index - b.index);
      classes.push({ key: candidates.map((m) => m.index).join(","), base, candidates, lines: 1, plainTimelines: new Map() });
    }
    return ok(classes);
  }
  const byKey = new Map<string, { key: string; base: BaseRate; candidates: Measure[]; lines: number }>();
  const [start, end] = product.atoms;
  for (let atom = start; atom < end; atom++) {
    const candidates = importer.measures.filter((m) => coversAtom(m, atom));
    const base = importer.atomBase[atom]!;
    // The Column 2 text is part of the class: two lines with one General rate can differ in Column 2.
    const key = `${base.expr?.text ?? "?"}#${specialKey(base.special)}#${base.column2?.text ?? ""}#${candidates.map((m) => m.index).join(",")}${editionsKey(base)}`;
    const existing = byKey.get(key);
    if (existing) existing.lines++;
    else byKey.set(key, { key, base, candidates, lines: 1 });
  }
  return ok([...byKey.values()].map((c) => ({ ...c, plainTimelines: new Map<string, Timeline>() })));
}

function openCoverage(m: Measure, digits: string): "all" | "none" | "partial" {
  const has = (set: ReadonlySet<string> | "all", partialToo: boolean): "all" | "none" | "partial" => {
    if (set === "all") return "all";
    for (let k = 2; k <= digits.length; k += 2) if (set.has(digits.slice(0, k))) return "all";
    if (partialToo) for (const p of set) if (p.length > digits.length && p.startsWith(digits)) return "partial";
    return "none";
  };
  const included = has(m.scopePrefixes.include, true);
  if (included === "none") return "none";
  const excluded = has(m.scopePrefixes.exclude, true);
  if (excluded === "all") return "none";
  if (excluded === "partial" || included === "partial") return "partial";
  return "all";
}

/**
 * Timelines are shared between classes (and products) whose key is the same, so they carry no line count:
 * the count is the product's own, passed in.
 */
function compositionAt(timelines: readonly Timeline[], day: Day, product: ProductRef, lines: number): Outcome<Composition> {
  const first = lookupTimeline(timelines[0]!, day);
  if (timelines.length > 1 && timelines.some((t) => lookupTimeline(t, day).signature !== first.signature)) {
    const rates = [...new Set(timelines.map((t) => describeTotal(lookupTimeline(t, day))))].slice(0, 6);
    return notAvailable(
      `${product.display} is ambiguous: its ${lines} lines carry different rates on ${isoFromDay(day)} (${rates.join(", ")}); give a longer HTS code`,
    );
  }
  if (first.prohibitedBy) {
    const m = first.prohibitedBy;
    return notAvailable(`entry prohibited: ${m.doc.title} (${m.heading}; ${m.doc.citations.join("; ")})`);
  }
  return ok(first);
}

function describeTotal(c: Composition): string {
  if (c.prohibitedBy) return "prohibited";
  if (c.total !== null) return `${c.total.times(100).toDecimalPlaces(4).toString()}%`;
  return c.additional === null ? "unknown" : `base + ${c.additional.times(100).toDecimalPlaces(4).toString()}%`;
}

function timelineFor(table: RateTable, importer: ImporterIndex, cls: LineClass, facts: EntryFacts): Timeline {
  // A measure that needs a claim not made never applies (compose checks it before anything it reports,
  // unless the measure was made retroactive); leaving it out changes no number and saves composing at its
  // dates. About one US measure in six needs a claim. BREAKDOWN still lists those in force as "not
  // applied, claim X", so they are kept apart rather than dropped.
  const partners: Measure[] = [];
  const unclaimed: Measure[] = [];
  for (const m of cls.candidates) {
    if (!appliesToPartner(m, facts.origin)) continue;
    if (m.collectedFrom !== null || m.requires.every((c) => facts.claims.has(c))) partners.push(m);
    else unclaimed.push(m);
  }
  const column2 = importer.column2.filter((m) => m.country === facts.origin);
  const content = facts.content;
  const key = [
    cls.key,
    partners.map((m) => m.index).join(","),
    unclaimed.map((m) => m.index).join(","),
    // Timelines are shared across origins with the same measures; Column 2 membership is not a measure.
    column2.map((m) => `${m.from ?? ""}-${m.to ?? ""}`).join(","),
    facts.basis,
    [...facts.claims].sort().join("+"),
    facts.loaded ?? "",
    contentKey(content),
  ].join("|");
  const cache = cacheOf(table);
  const hit = cache.timelines.get(key);
  if (hit) return hit;

  const { from, to } = table.coverage;
  const points = new Set<number>([from]);
  const add = (d: Day | null | undefined) => {
    if (d !== null && d !== undefined && d > from && d < to) points.add(d);
  };
  for (const m of partners) {
    add(m.from);
    add(m.to);
    add(m.collectedFrom);
    add(m.inTransit?.enteredBefore);
  }
  for (const m of unclaimed) {
    add(m.from);
    add(m.to);
  }
  for (const m of column2) {
    add(m.from);
    add(m.to);
  }
  // Only relations between these measures can change the answer; the others' dates are not change points.
  const relations = table.relations.filter((r) => partners.some((m) => r.winners.has(m.index) || r.losers.has(m.index)));
  for (const r of relations) {
    add(r.from);
    add(r.to);
  }
  // A dated base (an importer's linesFrom, a line's baseChanges) changes the answer on its dates too.
  for (const e of cls.base.editions ?? []) add(e.from);
  const starts = [...points].sort((a, b) => a - b) as Day[];
  const timeline: Timeline = {
    starts,
    compositions: new Array<Composition | undefined>(starts.length),
    base: cls.base.editions === undefined ? claimedBase(table, cls.base, facts.claims) : cls.base,
    column2Base: column2.length === 0 ? null : column2BaseOf(cls.base),
    column2,
    partners,
    unclaimed,
    relations,
    facts,
    cache,
  };
  return remember(cache.timelines, key, timeline);
}

/** A claimed preference program replaces the General rate where the line's Special column grants it one. */
function claimedBase(table: RateTable, base: BaseRate, claims: ReadonlySet<string>): BaseRate {
  if (claims.size === 0 || base.special.length === 0) return base;
  const programs = [...claims].flatMap((id) => table.claims.get(id.toLowerCase())?.programs ?? []);
  for (const entry of base.special) {
    const program = programs.find((p) => entry.programs.has(p));
    if (program !== undefined) return { ...base, expr: entry.expr, program };
  }
  return base;
}

/**
 * Goods of a Column 2 origin pay the line's Column 2 rate (HTS general note 3(b)) and no Special rate,
 * whatever is claimed: the preference programs exclude them.
 */
function column2BaseOf(line: BaseRate): (member: Column2Member) => BaseRate {
  const bases = new Map<Column2Member, BaseRate>();
  return (member) => {
    let b = bases.get(member);
    if (b === undefined) {
      b = { line: line.line, expr: line.column2, special: [], column2: line.column2, column2Member: member };
      bases.set(member, b);
    }
    return b;
  };
}

/**
 * The base a segment composes with: the Column 2 rate when the origin is in Column 2 on the segment's first
 * day; otherwise the line's edition in force that day (every date an edition or a membership starts is a
 * segment start), then any claimed program. Lines without editions keep the base the timeline was built with.
 */
function segmentBase(t: Timeline, day: Day): BaseRate {
  if (t.column2Base !== null) {
    const member = t.column2.find((m) => (m.from === null || day >= m.from) && (m.to === null || day < m.to));
    if (member !== undefined) return t.column2Base(member);
  }
  if (t.base.editions === undefined) return t.base;
  return claimedBase(t.cache.table, baseOn(t.base, day), t.facts.claims);
}

function lookupTimeline(t: Timeline, day: Day): Composition {
  let lo = 0;
  let hi = t.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.starts[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  let c = t.compositions[lo];
  if (c === undefined) {
    const start = t.starts[lo]!;
    c = withMemoTotal(compose(segmentBase(t, start), t.partners, t.relations, { ...t.facts, day: start }, t.unclaimed));
    t.compositions[lo] = c;
    // Compositions, not entries, are the memory; past the bound this table's caches start over.
    if (++t.cache.compositions > MAX_COMPOSITIONS) dropCache(t.cache);
  }
  return c;
}

/**
 * A cached composition is read by every cell that lands on it, and DUTY.TARIFF turns its total into a JS
 * number each time: decimal.js does that through a decimal string, which cost as much as the whole lookup.
 * Decimals are immutable, so the number is computed once. Everything else is the Decimal it extends.
 */
const NUMBER = Symbol("number");

class MemoNumberDecimal extends Decimal {
  constructor(value: Decimal) {
    super(value);
    // Non-enumerable: the object looks like any other Decimal to Object.keys, JSON and deep equality.
    Object.defineProperty(this, NUMBER, { value: super.toNumber(), enumerable: false });
  }

  override toNumber(): number {
    return (this as unknown as { [NUMBER]: number })[NUMBER];
  }
}

function withMemoTotal(c: Composition): Composition {
  return c.total === null ? c : { ...c, total: new MemoNumberDecimal(c.total) };
}

export { formatHts };
