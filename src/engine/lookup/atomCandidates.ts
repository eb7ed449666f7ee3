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
  // Every range start and end is a boundary where the candidate set may change: flagged by atom (ranges end
  // at most at the atom count), then numbered in order, so a range's runs are read off, not searched for
  // (the release's US measures have 11,838 ranges, the bench's tenfold table 118,380).
  // The ranges once, flat (start, end, measure): the passes below read typed arrays, not pairs. The index is
  // built on a workbook's first lookup, in code V8 has not optimised yet. There, destructuring each pair in
  // three passes made the build of the release's US index take 41–53 ms; flat, it takes 27–32 ms (six
  // alternated runs each of a one-off script timing the first atomCandidates call of a fresh process).
  let count = 0;
  for (let i = 0; i < measures.length; i++) count += measures[i]!.atomRanges.length;
  const rangeStart = new Int32Array(count);
  const rangeEnd = new Int32Array(count);
  const rangeMeasure = new Int32Array(count);
  for (let i = 0, k = 0; i < measures.length; i++) {
    const ranges = measures[i]!.atomRanges;
    for (let j = 0; j < ranges.length; j++, k++) {
      const range = ranges[j]!;
      rangeStart[k] = range[0];
      rangeEnd[k] = range[1];
      rangeMeasure[k] = i;
    }
  }
  const isBound = new Uint8Array(importer.atoms.length + 1);
  isBound[0] = 1;
  for (let k = 0; k < count; k++) {
    isBound[rangeStart[k]!] = 1;
    isBound[rangeEnd[k]!] = 1;
  }
  const runOfBound = new Int32Array(isBound.length);
  let runs = 0;
  for (let atom = 0; atom < isBound.length; atom++) if (isBound[atom] === 1) runOfBound[atom] = runs++;
  const runStarts = new Int32Array(runs);
  for (let atom = 0; atom < isBound.length; atom++) if (isBound[atom] === 1) runStarts[runOfBound[atom]!] = atom;
  // Which measures start and stop covering each run, as two flat lists grouped by run (offsets by run):
  // two arrays for the whole sweep, not two per run.
  const startCount = new Int32Array(runs + 1);
  const stopCount = new Int32Array(runs + 1);
  for (let k = 0; k < count; k++) {
    startCount[runOfBound[rangeStart[k]!]! + 1]!++;
    stopCount[runOfBound[rangeEnd[k]!]! + 1]!++;
  }
  for (let r = 0; r < runs; r++) {
    startCount[r + 1]! += startCount[r]!;
    stopCount[r + 1]! += stopCount[r]!;
  }
  const starting = new Int32Array(startCount[runs]!);
  const stopping = new Int32Array(stopCount[runs]!);
  const startAt = startCount.slice(0, runs);
  const stopAt = stopCount.slice(0, runs);
  for (let k = 0; k < count; k++) {
    starting[startAt[runOfBound[rangeStart[k]!]!]!++] = rangeMeasure[k]!;
    stopping[stopAt[runOfBound[rangeEnd[k]!]!]!++] = rangeMeasure[k]!;
  }
  // The active set is a flag per measure, with an order-independent hash kept up to date per change (two
  // random 26-bit words per measure, summed), so a run's set is found among the known ones without sorting
  // or joining it; a hash match is confirmed member by member before it is used. A new set's members are
  // read off the flags in measure order, which is table order: sorting each new set and adding to a Set of
  // the active ones had been 37 % of the samples on this function's own lines (a line-level CPU profile of
  // builds on the release and on tenfold measures).
  const random = seededWords(measures.length);
  const isActive = new Uint8Array(measures.length);
  let size = 0;
  let hash = 0;
  const byHash = new Map<number, number[]>();
  const sets: Measure[][] = [];
  const members: Int32Array[] = [];
  const runSet = new Int32Array(runs);
  let previousId = -1;
  for (let r = 0; r < runs; r++) {
    let changed = previousId === -1;
    for (let k = stopCount[r]!; k < stopCount[r + 1]!; k++) {
      const i = stopping[k]!;
      if (isActive[i] === 1) {
        isActive[i] = 0;
        size--;
        hash -= random[i]!;
        changed = true;
      }
    }
    for (let k = startCount[r]!; k < startCount[r + 1]!; k++) {
      const i = starting[k]!;
      if (isActive[i] === 0) {
        isActive[i] = 1;
        size++;
        hash += random[i]!;
        changed = true;
      }
    }
    if (!changed) {
      runSet[r] = previousId;
      continue;
    }
    let candidates = byHash.get(hash);
    let id = -1;
    if (candidates !== undefined) {
      for (let c = 0; c < candidates.length && id === -1; c++) {
        const known = members[candidates[c]!]!;
        if (known.length === size && everyActive(known, isActive)) id = candidates[c]!;
      }
    }
    if (id === -1) {
      id = sets.length;
      const own = new Int32Array(size);
      const set = new Array<Measure>(size);
      for (let i = 0, k = 0; k < size; i++) {
        if (isActive[i] === 1) {
          own[k] = i;
          set[k++] = measures[i]!;
        }
      }
      members.push(own);
      sets.push(set);
      if (candidates === undefined) byHash.set(hash, (candidates = []));
      candidates.push(id);
    }
    runSet[r] = id;
    previousId = id;
  }
  return { runStarts, runSet, sets };
}

function everyActive(members: Int32Array, isActive: Uint8Array): boolean {
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
