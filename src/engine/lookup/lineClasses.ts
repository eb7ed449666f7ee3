import { ImporterIndex, Measure, BaseRate, SpecialRate } from "../table/compiledTable";
import { AtomCandidates, atomCandidates, candidateSetOf } from "./atomCandidates";
import { Outcome, notAvailable, ok } from "./outcome";
import { ProductRef } from "./product";
import { ENTRY_BYTES, LookupCache, remember } from "./lookupCache";
import type { Timeline } from "./timeline";

/**
 * Lines that share a base rate (General and Special columns) and the same candidate measures get the same
 * answer on every date; a code or prefix is evaluated once per class, and is ambiguous only if its classes
 * disagree.
 */
export interface LineClass {
  readonly key: string;
  readonly base: BaseRate;
  readonly candidates: readonly Measure[];
  readonly lines: number;
  /** The class's timelines by origin and options key: one map access for a repeated lookup. */
  readonly timelines: Map<string, Timeline>;
}

/** A product that is only partly covered by more measures than this is refused: 2^n cases to compose. */
const MAX_PARTIAL = 4;

export function classesOf(cache: LookupCache, importer: ImporterIndex, product: ProductRef): Outcome<LineClass[]> {
  const key = `${importer.code}|${product.digits}`;
  const hit = cache.classes.get(key);
  if (hit) return hit;
  const classes = computeClasses(importer, product);
  return remember(cache, cache.classes, key, classes, classes.ok ? classes.value.length * ENTRY_BYTES.lineClass : 0);
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
      classes.push({ key: candidates.map((m) => m.index).join(","), base, candidates, lines: 1, timelines: new Map() });
    }
    return ok(classes);
  }
  const [start, end] = product.atoms;
  const ids = classIds(importer);
  const index = atomCandidates(importer);
  // A product's classes in the order of their first atoms, with the count of lines in each.
  // A class's base is its first line's own (a base names its line), as equal as the key says to the others'.
  const found: number[] = [];
  const first: number[] = [];
  const lines: number[] = [];
  for (let atom = start; atom < end; atom++) {
    let id = ids.ofAtom[atom]!;
    if (id === -1) id = internAtom(ids, importer, index, atom);
    const at = found.indexOf(id);
    if (at === -1) {
      found.push(id);
      first.push(atom);
      lines.push(1);
    } else lines[at]!++;
  }
  return ok(
    found.map((id, i) => {
      const { key, candidates } = ids.classes[id]!;
      return { key, base: importer.bases.at(first[i]!), candidates, lines: lines[i]!, timelines: new Map<string, Timeline>() };
    }),
  );
}

/**
 * The line class of each atom of a closed schedule, by integer id: a class is named by a key (the base's
 * columns, the candidate set, the dated editions) made once per atom of the schedule, not once per product
 * and atom, and products that share a class share its key and parts.
 */
interface ClassIds {
  /** By atom: its class id, -1 until asked. */
  readonly ofAtom: Int32Array;
  /** By id: the key and the candidates the id stands for. */
  readonly classes: { readonly key: string; readonly candidates: readonly Measure[] }[];
  readonly byKey: Map<string, number>;
}

const classIdsOf = new WeakMap<ImporterIndex, ClassIds>();

function classIds(importer: ImporterIndex): ClassIds {
  let ids = classIdsOf.get(importer);
  if (ids === undefined) {
    ids = { ofAtom: new Int32Array(importer.atoms.length).fill(-1), classes: [], byKey: new Map() };
    classIdsOf.set(importer, ids);
  }
  return ids;
}

function internAtom(ids: ClassIds, importer: ImporterIndex, index: AtomCandidates, atom: number): number {
  const set = candidateSetOf(index, atom);
  const base = importer.bases.at(atom);
  // The Column 2 text is part of the class: two lines with one General rate can differ in Column 2.
  // Candidate sets are named by their id in the importer's index: equal ids, equal sets.
  const key = `${importer.code}#${base.expr?.text ?? "?"}#${specialKey(base.special)}#${base.column2?.text ?? ""}#${set}${editionsKey(base)}`;
  let id = ids.byKey.get(key);
  if (id === undefined) {
    id = ids.classes.length;
    ids.classes.push({ key, candidates: index.sets[set]! });
    ids.byKey.set(key, id);
  }
  ids.ofAtom[atom] = id;
  return id;
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
