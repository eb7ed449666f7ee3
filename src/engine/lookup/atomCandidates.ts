import { ImporterIndex, Measure } from "../table/compiledTable";
import { segmentIndex } from "../table/sortedSearch";

/*
 * The candidate measures of every atom (statistical line), built once per importer by one sweep over the
 * measures' atom ranges. Finding an atom's candidates by testing every measure made a first lookup cost
 * grow with the number of measures; here it is a binary search over the run boundaries, and each distinct
 * candidate set has a small integer id (equal ids, equal sets), so line classes are keyed without joining
 * measure indexes into strings.
 */

export interface AtomCandidates {
  /** Start atom of each run; a run's atoms all have the same candidates. Ascending, first is 0. */
  readonly runStarts: Int32Array;
  /** The candidate-set id of each run. */
  readonly runSet: Int32Array;
  /** The candidate sets by id, each in table (index) order. */
  readonly sets: readonly (readonly Measure[])[];
}

const built = new WeakMap<ImporterIndex, AtomCandidates>();

export function atomCandidates(importer: ImporterIndex): AtomCandidates {
  let index = built.get(importer);
  if (index === undefined) {
    index = buildAtomCandidates(importer);
    built.set(importer, index);
  }
  return index;
}

/** The id of the candidate set of `atom`. */
export function candidateSetOf(index: AtomCandidates, atom: number): number {
  return index.runSet[segmentIndex(index.runStarts, atom)]!;
}

function buildAtomCandidates(importer: ImporterIndex): AtomCandidates {
  const measures = importer.measures;
  // Every range start and end is a boundary where the candidate set may change.
  const bounds = new Set<number>([0]);
  for (const m of measures) {
    for (const [s, e] of m.atomRanges) {
      bounds.add(s);
      bounds.add(e);
    }
  }
  const runStarts = Int32Array.from(bounds).sort();
  // For each run, which measures start and stop covering it (by run number).
  const starting: number[][] = Array.from({ length: runStarts.length }, () => []);
  const stopping: number[][] = Array.from({ length: runStarts.length }, () => []);
  const runOf = (atom: number) => segmentIndex(runStarts, atom);
  measures.forEach((m, i) => {
    for (const [s, e] of m.atomRanges) {
      starting[runOf(s)]!.push(i);
      if (runStarts[runOf(e)] === e) stopping[runOf(e)]!.push(i);
    }
  });
  // The active set is tracked with an order-independent hash kept up to date per change (two random
  // 26-bit words per measure, summed), so a run's set is found among the known ones without sorting or
  // joining it; a hash match is confirmed member by member before it is used.
  const random = seededWords(measures.length);
  const active = new Set<number>();
  // The same membership as a flag per measure: confirming a hash match reads a flag per member rather than
  // a Set. With tenfold measures (sets of thousands), the Set lookups were 11 % of the bench's first touch,
  // more than the rest of the build (a CPU profile of `--only=growth`'s workload).
  const isActive = new Uint8Array(measures.length);
  let hash = 0;
  const byHash = new Map<number, number[]>();
  const sets: Measure[][] = [];
  const members: number[][] = [];
  const runSet = new Int32Array(runStarts.length);
  let previousId = -1;
  for (let r = 0; r < runStarts.length; r++) {
    let changed = previousId === -1;
    for (const i of stopping[r]!) {
      if (active.delete(i)) {
        isActive[i] = 0;
        hash -= random[i]!;
        changed = true;
      }
    }
    for (const i of starting[r]!) {
      if (isActive[i] === 0) {
        active.add(i);
        isActive[i] = 1;
        hash += random[i]!;
        changed = true;
      }
    }
    if (!changed) {
      runSet[r] = previousId;
      continue;
    }
    const candidates = byHash.get(hash) ?? [];
    let id = candidates.find((c) => members[c]!.length === active.size && everyActive(members[c]!, isActive));
    if (id === undefined) {
      id = sets.length;
      // Measures of one importer are in table order, so ascending positions are ascending indexes.
      const sorted = [...active].sort((a, b) => a - b);
      members.push(sorted);
      sets.push(sorted.map((i) => measures[i]!));
      candidates.push(id);
      byHash.set(hash, candidates);
    }
    runSet[r] = id;
    previousId = id;
  }
  return { runStarts, runSet, sets };
}

function everyActive(members: readonly number[], isActive: Uint8Array): boolean {
  for (let k = 0; k < members.length; k++) if (isActive[members[k]!] === 0) return false;
  return true;
}

/** Deterministic pseudo-random words below 2^26 (their sums stay exact integers). */
function seededWords(n: number): Float64Array {
  const out = new Float64Array(n);
  let a = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) % 0x4000000;
  }
  return out;
}
