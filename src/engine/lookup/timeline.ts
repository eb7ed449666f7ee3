import Decimal from "decimal.js";
import { CountryCode } from "../countries";
import { Day, isoFromDay } from "../dates";
import { Composition, compose } from "../stacking/compose";
import { EntryFacts, contentKey } from "../stacking/facts";
import { BaseRate, Column2Member, ImporterIndex, Measure, RateTable, Relation, appliesToPartner, baseOn } from "../table/compiledTable";
import { segmentIndex } from "../table/sortedSearch";
import { LineClass } from "./lineClasses";
import { ENTRY_BYTES, LookupCache, charge } from "./lookupCache";
import { Outcome, notAvailable, ok } from "./outcome";
import { ProductRef } from "./product";

/**
 * The answers for one line class, origin and set of options across the table's coverage. `starts` are
 * the dates on which any input of compose() can change (a measure begins or ends, is collected from, its
 * in-transit window closes, a relation between its measures begins or ends); between two of them the
 * answer is constant. A segment's composition is computed the first time a lookup lands in it: a cell asks
 * for one date, so composing every segment up front (tens of them) would be wasted work and memory.
 */
export interface Timeline {
  readonly starts: readonly Day[];
  /** The same starts as day numbers, for DUTY.TARIFF's numbers-only lines (tariffLine.ts). */
  readonly startDays: Int32Array;
  /**
   * By segment, the ad valorem total as a JS number once a TARIFF lookup has read it (NaN before, and for a
   * segment whose answer is not a plain ad valorem total). It does not depend on the product or the
   * options' unit values, so every line with this one timeline shares it.
   */
  readonly totals: Float64Array;
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
  readonly cache: LookupCache;
}

/**
 * Timelines are shared between classes (and products) whose key is the same, so they carry no line count:
 * the count is the product's own, passed in.
 */
export function compositionAt(timelines: readonly Timeline[], day: Day, product: ProductRef, lines: number): Outcome<Composition> {
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

/**
 * What of a candidate set concerns one origin and set of options: the measures for the origin (applied or
 * left out for want of a claim), the origin's Column 2 memberships, the relations among those measures and
 * the dates any of them changes on. It does not depend on the line's base, so it is worked out once per
 * (candidate set, entry facts) and shared by every class with that set: a first lookup of a (line, origin)
 * pair then costs the same however many measures the table has. Views with the same content have the same
 * id, so timelines are shared across origins that compose alike.
 */
export interface OriginView {
  readonly id: number;
  readonly partners: readonly Measure[];
  readonly unclaimed: readonly Measure[];
  readonly column2: readonly Column2Member[];
  readonly relations: readonly Relation[];
  /** The days inside the coverage (after its first) on which one of the above changes. */
  readonly points: readonly Day[];
}

export function viewOf(cache: LookupCache, importer: ImporterIndex, candidates: readonly Measure[], facts: EntryFacts): OriginView {
  let bySet = cache.views.get(facts);
  if (bySet === undefined) {
    bySet = new Map();
    cache.views.set(facts, bySet);
  }
  const hit = bySet.get(candidates);
  if (hit !== undefined) return hit;
  const made = makeView(cache, importer, candidates, facts);
  bySet.set(candidates, made.view);
  if (made.shared) charge(cache, ENTRY_BYTES.entry);
  else {
    const view = made.view;
    const items = view.partners.length + view.unclaimed.length + view.column2.length + view.relations.length + view.points.length;
    charge(cache, ENTRY_BYTES.view + items * ENTRY_BYTES.viewItem);
  }
  return made.view;
}

/**
 * The view, and whether it is one already made for another origin or candidate set. Views of the same
 * content are one object where the origin is outside Column 2: the content key then fixes every field (the
 * relations and dates are those of its measures), and origins and candidate sets mostly meet the same
 * measures. On the bench's 1M landed rows origin views were the largest part of the live heap (a sampling
 * heap profile, `node --heap-prof`). A Column 2 view keeps its own object, since its memberships name the
 * origin.
 */
function makeView(
  cache: LookupCache,
  importer: ImporterIndex,
  candidates: readonly Measure[],
  facts: EntryFacts,
): { readonly view: OriginView; readonly shared: boolean } {
  const table = cache.table;
  // A measure that needs a claim not made never applies (compose checks it before anything it reports,
  // unless the measure was made retroactive); leaving it out changes no number and saves composing at its
  // dates. About one US measure in six needs a claim. BREAKDOWN still lists those in force as "not
  // applied, claim X", so they are kept apart rather than dropped.
  const partners: Measure[] = [];
  const unclaimed: Measure[] = [];
  const claims = facts.claims;
  for (const m of forOrigin(importer, candidates, facts.origin)) {
    let claimed = m.collectedFrom !== null;
    if (!claimed) {
      claimed = true;
      for (const c of m.requires) if (!claims.has(c)) claimed = false;
    }
    (claimed ? partners : unclaimed).push(m);
  }
  const column2: Column2Member[] = [];
  for (const m of importer.column2) if (m.country === facts.origin) column2.push(m);
  // Views are shared across origins with the same measures; Column 2 membership is not a measure.
  let key = "";
  for (const m of partners) key += `${m.index},`;
  key += "|";
  for (const m of unclaimed) key += `${m.index},`;
  key += "|";
  for (const m of column2) key += `${m.from ?? ""}-${m.to ?? ""},`;
  key += factsKey(facts);
  let id = cache.viewIds.get(key);
  if (id === undefined) {
    id = cache.viewIds.size;
    cache.viewIds.set(key, id);
    // Ids stay unique while the cache lives (the map only grows); the budget bounds how long that is.
    charge(cache, ENTRY_BYTES.entry + key.length);
  }
  if (column2.length === 0) {
    const shared = cache.sharedViews.get(id);
    if (shared !== undefined) return { view: shared, shared: true };
  }
  const { from, to } = table.coverage;
  const points = new Set<number>();
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
  const relations = partners.length === 0 ? [] : relationsAmong(table, partners);
  for (const r of relations) {
    add(r.from);
    add(r.to);
  }
  const view: OriginView = { id, partners, unclaimed, column2, relations, points: [...points] as Day[] };
  if (column2.length === 0) cache.sharedViews.set(id, view);
  return { view, shared: false };
}

/** The options part of a view's key, once per entry facts object. */
const factsKeys = new WeakMap<EntryFacts, string>();

function factsKey(facts: EntryFacts): string {
  let key = factsKeys.get(facts);
  if (key === undefined) {
    key = ["", facts.basis, [...facts.claims].sort().join("+"), facts.loaded ?? "", contentKey(facts.content)].join("|");
    factsKeys.set(facts, key);
  }
  return key;
}

/** By measure index, the positions in table.relations of the relations that name it (a winner or a loser). */
const relationsByMeasure = new WeakMap<RateTable, ReadonlyMap<number, readonly number[]>>();

/** The table's relations that name one of `measures`, in table order. */
function relationsAmong(table: RateTable, measures: readonly Measure[]): Relation[] {
  let index = relationsByMeasure.get(table);
  if (index === undefined) {
    const built = new Map<number, number[]>();
    table.relations.forEach((r, position) => {
      for (const m of new Set([...r.winners, ...r.losers])) {
        const list = built.get(m);
        if (list === undefined) built.set(m, [position]);
        else list.push(position);
      }
    });
    index = built;
    relationsByMeasure.set(table, index);
  }
  let positions: number[] | null = null;
  for (const m of measures) {
    const list = index.get(m.index);
    if (list !== undefined) (positions ??= []).push(...list);
  }
  if (positions === null) return [];
  return [...new Set(positions)].sort((a, b) => a - b).map((p) => table.relations[p]!);
}

/**
 * The measures for one origin are found without looking at the ones for other origins: a candidate set's
 * measures for every origin (kept per set), merged with the schedule's measures naming the origin (kept per
 * origin) that are in the set. So a schedule with ten times the country-specific measures costs a first
 * lookup no more. (Splitting each set's measures by every origin they name, as this did before, was the
 * largest part of making an origin view: US candidate sets hold about 200 measures, 190 of them naming
 * origins, and a sheet touches hundreds of sets.)
 */
const forAll = new WeakMap<readonly Measure[], readonly Measure[]>();
const naming = new WeakMap<ImporterIndex, ReadonlyMap<string, readonly Measure[]>>();
const NO_MEASURES: readonly Measure[] = [];

/** The candidates that apply to goods of `origin` (appliesToPartner), in the candidates' (index) order. */
export function forOrigin(importer: ImporterIndex, candidates: readonly Measure[], origin: CountryCode): Measure[] {
  let a = forAll.get(candidates);
  if (a === undefined) {
    a = candidates.filter((m) => m.partners === "all");
    forAll.set(candidates, a);
  }
  const b = namingOrigin(importer, origin);
  // Both lists are in ascending index, as the candidates are: merged, they are in that order again.
  const out: Measure[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const m = j >= b.length || (i < a.length && a[i]!.index < b[j]!.index) ? a[i++]! : b[j++]!;
    if (appliesToPartner(m, origin) && (m.partners === "all" || holds(candidates, m.index))) out.push(m);
  }
  return out;
}

/** The schedule's measures that name `origin` as a partner, in ascending index. */
function namingOrigin(importer: ImporterIndex, origin: string): readonly Measure[] {
  let byOrigin = naming.get(importer);
  if (byOrigin === undefined) {
    const built = new Map<string, Measure[]>();
    for (const m of importer.measures) {
      if (m.partners === "all") continue;
      for (const o of m.partners) {
        const list = built.get(o);
        if (list === undefined) built.set(o, [m]);
        else list.push(m);
      }
    }
    for (const list of built.values()) list.sort((x, y) => x.index - y.index);
    byOrigin = built;
    naming.set(importer, byOrigin);
  }
  return byOrigin.get(origin) ?? NO_MEASURES;
}

/** Whether the candidates (ascending index) hold the measure of `index`: a binary search. */
function holds(candidates: readonly Measure[], index: number): boolean {
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = candidates[mid]!.index;
    if (at === index) return true;
    if (at < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function timelineFor(cache: LookupCache, importer: ImporterIndex, cls: LineClass, facts: EntryFacts): Timeline {
  const table = cache.table;
  const view = viewOf(cache, importer, cls.candidates, facts);
  // Equal view ids mean equal measures, memberships and options; the class key names the base and the set.
  const key = `${cls.key}|${view.id}`;
  const hit = cache.timelines.get(key);
  if (hit) return hit;

  const { from, to } = table.coverage;
  let starts: Day[];
  const editions = cls.base.editions;
  if (editions === undefined || editions.length === 0) starts = [from, ...view.points].sort((a, b) => a - b) as Day[];
  else {
    const points = new Set<number>([from, ...view.points]);
    // A dated base (an importer's linesFrom, a line's baseChanges) changes the answer on its dates too.
    for (const e of editions) if (e.from > from && e.from < to) points.add(e.from);
    starts = [...points].sort((a, b) => a - b) as Day[];
  }
  const timeline: Timeline = {
    starts,
    startDays: Int32Array.from(starts),
    totals: new Float64Array(starts.length).fill(NaN),
    compositions: new Array<Composition | undefined>(starts.length),
    base: cls.base.editions === undefined ? claimedBase(table, cls.base, facts.claims) : cls.base,
    column2Base: view.column2.length === 0 ? null : column2BaseOf(cls.base),
    column2: view.column2,
    partners: view.partners,
    unclaimed: view.unclaimed,
    relations: view.relations,
    facts,
    cache,
  };
  cache.timelines.set(key, timeline);
  charge(cache, ENTRY_BYTES.entry + key.length + ENTRY_BYTES.timeline + starts.length * ENTRY_BYTES.timelineStart);
  return timeline;
}

/** A claimed preference program replaces the General rate where the line's Special column grants it one. */
export function claimedBase(table: RateTable, base: BaseRate, claims: ReadonlySet<string>): BaseRate {
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
  const lo = segmentIndex(t.starts, day);
  let c = t.compositions[lo];
  if (c === undefined) {
    const start = t.starts[lo]!;
    const made = compose(segmentBase(t, start), t.partners, t.relations, { ...t.facts, day: start }, t.unclaimed);
    if (t.cache.compositions === "discard") return made;
    c = withMemoTotal(made);
    t.compositions[lo] = c;
    // Compositions, not entries, are most of the memory; past the budget this table's caches start over.
    charge(t.cache, ENTRY_BYTES.composition);
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
