import Decimal from "decimal.js";
import { Day, isoDay } from "../dates";
import { CountryCode, normalizeCountryKey } from "../countries";
import { RateExpr, parseRateExpression } from "../rates";
import { parseSpecialRates } from "../rates/specialRates";
import { sha256Bytes, sha256Hex } from "../util/sha256";
import { PUBLISHED_RELEASES } from "../releases/publishedReleases";
import {
  BaseEdition,
  BaseRate,
  Claim,
  SpecialRate,
  ImporterIndex,
  Measure,
  RateFormula,
  RateTable,
  Relation,
  Sector,
  relationActive,
} from "./compiledTable";
import { ImporterDoc, MeasureDoc, RateFormulaDoc, TableDocument } from "./schema";
import { TableValidationError } from "./tableValidationError";
import { documentChecks } from "./documentChecks";
import { findDuplicateKey } from "./duplicateKeys";
import { tableLaw } from "./format1Law";
import { lowerBound } from "./sortedSearch";
import { PrefixIndex, orderedRanges } from "./prefixIndex";
import { AtomBases, LineBaseMaker, lazySpecials } from "./atomBases";

export { lowerBound };

/** The Special rates of a line that has none, shared (they are never changed). */
const NO_SPECIAL_RATES: readonly SpecialRate[] = [];

/** A release file larger than this is refused before parsing: the real table is about 1 MB. */
export const MAX_TABLE_BYTES = 16 * 1024 * 1024;

export interface LoadOptions {
  /** When given, the text's SHA-256 must equal it (a feed release or a workbook pin). */
  readonly expectedSha256?: string;
  /**
   * The SHA-256 of the text's UTF-8 bytes, already computed over these very bytes, so loadTable does not
   * hash them again: the build computes it for the embedded release (its module exports it, see
   * scripts/dutytableLoader.js), a host may compute it natively. A caller that passes a hash the text does
   * not have names the table wrongly; only pass one computed over this text.
   */
  readonly sha256?: string;
  /**
   * "full" validates even a published release (the CLI's validate command, the tests that prove the
   * published releases valid). By default a published release is trusted (see `loadTable`).
   */
  readonly validation?: "full" | "trustPublished";
}

/**
 * The hashes of the published releases (src/engine/releases/publishedReleases.ts). Each was validated in
 * full when it was cut, and is again on every test run (tests/engine/table/trustedLoad.test.ts) from its
 * file in data/releases; releases are immutable, so a text with one of these hashes is that file.
 */
const PUBLISHED_SHA256: ReadonlySet<string> = new Set(Object.values(PUBLISHED_RELEASES));

/** True when `sha256` is a published release's: loadTable then skips the checks that release already passed. */
export function isPublishedSha256(sha256: string): boolean {
  return PUBLISHED_SHA256.has(sha256.toLowerCase());
}

/**
 * Turns release-file text into a ready `RateTable`, or throws a `TableValidationError` that says why not.
 * The hash is taken over the exact text, so what a feed index, a pin and VERSION() show is the hash of
 * the file anyone can download and check with `sha256sum`.
 *
 * A text whose hash is a published release's is that release, which passed every check when it was cut
 * and passes them again in the tests: it is parsed and indexed without the schema, the duplicate-key scan,
 * the work limits and the overlap and cycle checks, which took most of a full load and cannot fail on it.
 * Every other text (a feed's new release, a --table file, a workbook copy, one changed byte) is checked
 * in full. tests/engine/table/trustedLoad.test.ts proves both paths give the same table.
 */
export function loadTable(text: string, options: LoadOptions = {}): RateTable {
  if (typeof text !== "string") throw new TableValidationError(["the table must be JSON text"]);
  // Refused before any work: UTF-8 never has fewer bytes than the text has UTF-16 code units.
  if (text.length > MAX_TABLE_BYTES) {
    throw new TableValidationError([`the table is ${text.length} characters; the limit is ${MAX_TABLE_BYTES} bytes`]);
  }
  let sha256 = options.sha256?.toLowerCase();
  if (sha256 === undefined) {
    // A UTF-16 code unit is at most three UTF-8 bytes, so text this short is within the limit whatever it
    // holds, and is hashed as text: node:crypto encodes it natively, without a 1.5 MB TextEncoder copy
    // first (3.7 ms of a 70 ms load in a CPU profile of repeated loadTable calls).
    if (text.length * 3 <= MAX_TABLE_BYTES) sha256 = sha256Hex(text);
    else {
      const bytes = new TextEncoder().encode(text);
      if (bytes.length > MAX_TABLE_BYTES) {
        throw new TableValidationError([`the table is ${bytes.length} bytes (UTF-8); the limit is ${MAX_TABLE_BYTES}`]);
      }
      sha256 = sha256Bytes(bytes);
    }
  }
  if (options.expectedSha256 !== undefined && options.expectedSha256.toLowerCase() !== sha256) {
    throw new TableValidationError([`hash mismatch: expected ${options.expectedSha256}, the file hashes to ${sha256}`]);
  }
  if (options.validation !== "full" && PUBLISHED_SHA256.has(sha256)) {
    return compileTable(JSON.parse(text) as TableDocument, sha256, { trusted: true });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new TableValidationError([`not valid JSON (truncated or corrupt?): ${detail.slice(0, 200)}`]);
  }
  // JSON.parse keeps the last of two equal keys; a reviewer reading the file sees the first.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) {
    throw new TableValidationError([
      `${duplicate.path}: the key appears twice in one object (JSON would keep the second value silently); remove one`,
    ]);
  }
  return compileTable(documentChecks().validate(parsed), sha256);
}

/**
 * Work limits. A release under MAX_TABLE_BYTES can still ask for unbounded work by reference: one product
 * list of 20 000 codes named by 20 000 measures, one tag on both sides of a relation, thousands of
 * statistical suffixes on every line. Each limit is far above what a real table needs (2026.11a: about
 * 20 000 lines, 25 000 scope prefixes, 200 partner entries, 200 relation pairs) and far below what would
 * stall or exhaust the add-in, and a table over one is refused with what it asked for.
 */
export const LOAD_LIMITS = {
  /** Statistical lines (atoms) over all importers. */
  atoms: 1_000_000,
  /** HTS prefixes over all measure scopes, each product list counted once per measure that names it. */
  scopeEntries: 2_000_000,
  /** Partner entries over all measures and claims, each country group counted once per reference. */
  partnerEntries: 2_000_000,
  /** (winner, loser) pairs of all relations, times the dates the relations change on (the cycle check). */
  relationPairDates: 10_000_000,
  /** Measures of one exclusion group with one priority (the overlap check compares every two). */
  groupMembers: 5_000,
} as const;

function checkWorkLimits(doc: TableDocument): void {
  const problems: string[] = [];
  const listSize = new Map(doc.productLists.map((l) => [l.id, l.codes.length]));
  const groupSize = new Map(doc.countryGroups.map((g) => [g.id, g.members.length]));
  let atoms = 0;
  for (const imp of doc.importers) for (const line of imp.lines) atoms += line[2] === "" ? 1 : line[2].split(",").length;
  if (atoms > LOAD_LIMITS.atoms) problems.push(`the schedules have ${atoms} statistical lines; at most ${LOAD_LIMITS.atoms} are allowed`);
  let scope = 0;
  let partners = 0;
  const count = (entries: readonly string[] | undefined, sizes: ReadonlyMap<string, number>) =>
    (entries ?? []).reduce((n, e) => n + (e.startsWith("@") ? (sizes.get(e.slice(1)) ?? 0) : 1), 0);
  for (const m of doc.measures) {
    scope += count(m.scope.include, listSize) + count(m.scope.exclude, listSize);
    partners += count(m.partners, groupSize) + count(m.exceptPartners, groupSize);
  }
  for (const c of doc.claims) partners += count(c.origins, groupSize);
  if (scope > LOAD_LIMITS.scopeEntries) {
    problems.push(
      `measure scopes expand to ${scope} HTS prefixes (a list counts once per measure naming it); at most ${LOAD_LIMITS.scopeEntries} are allowed`,
    );
  }
  if (partners > LOAD_LIMITS.partnerEntries) {
    problems.push(`partners expand to ${partners} entries (a group counts once per reference); at most ${LOAD_LIMITS.partnerEntries} are allowed`);
  }
  const members = new Map<string, number>();
  for (const m of doc.measures) {
    if (m.group === undefined) continue;
    const key = `${m.importer}|${m.group}|${m.priority ?? 0}`;
    members.set(key, (members.get(key) ?? 0) + 1);
  }
  for (const [key, n] of members) {
    if (n <= LOAD_LIMITS.groupMembers) continue;
    const [importer, group, priority] = key.split("|");
    problems.push(
      `exclusion group ${group} (${importer}) has ${n} measures of priority ${priority}; at most ${LOAD_LIMITS.groupMembers} are allowed`,
    );
  }
  if (problems.length > 0) throw new TableValidationError(problems);
}

export interface CompileOptions {
  /** The document is a published release, validated in full when it was cut: skip the checks it passed. */
  readonly trusted?: boolean;
}

export function compileTable(doc: TableDocument, sha256: string, options: CompileOptions = {}): RateTable {
  const trusted = options.trusted === true;
  if (!trusted) checkWorkLimits(doc);
  const law = tableLaw(doc);
  const groups = new Map(doc.countryGroups.map((g) => [g.id, g]));
  const lists = new Map(doc.productLists.map((l) => [l.id, l]));
  const rulings = new Map(doc.rulings.map((r) => [r.id, r]));
  const exclusionGroups = new Map(doc.exclusionGroups.map((g) => [g.id, g]));

  // Each distinct rate text is parsed once: 20 000 lines share about 1 500 texts. A RateExpr is immutable,
  // so lines with one text share one.
  const parsedRates = new Map<string, RateExpr>();
  const parseRate = (text: string): RateExpr => {
    let expr = parsedRates.get(text);
    if (expr === undefined) {
      expr = parseRateExpression(text);
      parsedRates.set(text, expr);
    }
    return expr;
  };
  const importerAtoms = new Map<string, { atoms: string[]; bases: AtomBases }>();
  for (const imp of doc.importers) {
    const lines = imp.lines;
    const atoms: string[] = [];
    // By atom, its line's index in `lines`: a line's atoms are its statistical suffixes, in order.
    const lineOf: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      // Indexes, not a destructuring pattern: that walks an iterator per line, 40 000 objects a load.
      const row = lines[i]!;
      const line = row[0];
      const suffixes = row[2];
      if (suffixes === "") {
        atoms.push(line);
        lineOf.push(i);
        continue;
      }
      for (const s of suffixes.split(",")) {
        atoms.push(line + s);
        lineOf.push(i);
      }
    }
    importerAtoms.set(imp.code, { atoms, bases: new AtomBases(Int32Array.from(lineOf), lines.length, lineBaseMaker(imp, parseRate)) });
  }

  const expandPartners = (entries: readonly string[]): Set<string> => {
    const out = new Set<string>();
    for (const e of entries) {
      if (e.startsWith("@")) groups.get(e.slice(1))!.members.forEach((m) => out.add(m));
      else out.add(e);
    }
    return out;
  };
  // The atom ranges of each product list, per importer, found once however many measures name the list.
  const scopeRanges = new Map<string, { index: PrefixIndex; lists: Map<string, [number, number][]> }>();
  const rangesOf = (importer: string, entries: readonly string[]): [number, number][] => {
    const atoms = importerAtoms.get(importer)!.atoms;
    if (entries.includes("*")) return atoms.length === 0 ? [] : [[0, atoms.length]];
    let own = scopeRanges.get(importer);
    if (own === undefined) {
      own = { index: new PrefixIndex(atoms), lists: new Map() };
      scopeRanges.set(importer, own);
    }
    const { index, lists: listRanges } = own;
    const listRangesOf = (id: string): [number, number][] => {
      let list = listRanges.get(id);
      if (list === undefined) {
        const codes = lists.get(id)!.codes;
        list = orderedRanges(index, codes) ?? mergeRanges(codes.map((code) => index.range(code)));
        listRanges.set(id, list);
      }
      return list;
    };
    // Most scopes are one product list: its ranges, shared (atomRanges are never changed).
    if (entries.length === 1 && entries[0]!.startsWith("@")) return listRangesOf(entries[0]!.slice(1));
    const ranges: [number, number][] = [];
    for (const e of entries) {
      if (e.startsWith("@")) for (const r of listRangesOf(e.slice(1))) ranges.push(r);
      else ranges.push(index.range(e.replace(/\./g, "")));
    }
    return mergeRanges(ranges);
  };
  const expandScope = (entries: readonly string[]): string[] | "all" => {
    if (entries.includes("*")) return "all";
    const out: string[] = [];
    for (const e of entries) {
      if (e.startsWith("@")) out.push(...lists.get(e.slice(1))!.codes);
      else out.push(e.replace(/\./g, ""));
    }
    return out;
  };

  const measures: Measure[] = doc.measures.map((m, index) => {
    const group = m.group === undefined ? null : exclusionGroups.get(m.group)!;
    let scopePrefixes: Measure["scopePrefixes"] | null = null;
    return {
      index,
      doc: m,
      id: m.id,
      importer: m.importer,
      authority: m.authority,
      heading: m.heading,
      confidence: m.confidence,
      partners: m.partners.includes("*") ? "all" : expandPartners(m.partners),
      exceptPartners: expandPartners(m.exceptPartners ?? []),
      atomRanges: subtractRanges(rangesOf(m.importer, m.scope.include), rangesOf(m.importer, m.scope.exclude ?? [])),
      // Only importers whose lines are not listed look these up (a few measures, on their first lookup);
      // built then, not for the 40 000 prefixes of every load.
      get scopePrefixes(): Measure["scopePrefixes"] {
        if (scopePrefixes === null) {
          const include = expandScope(m.scope.include);
          const exclude = expandScope(m.scope.exclude ?? []);
          scopePrefixes = { include: include === "all" ? "all" : new Set(include), exclude: exclude === "all" ? "all" : new Set(exclude) };
        }
        return scopePrefixes;
      },
      formula: compileFormula(m.rate),
      basis: m.basis ?? "full",
      from: isoDay(m.from),
      to: m.to === undefined ? null : isoDay(m.to),
      collectedFrom: m.collectedFrom === undefined ? null : isoDay(m.collectedFrom),
      group: group === null ? null : { id: group.id, resolve: group.resolve },
      priority: m.priority ?? 0,
      tags: new Set(m.tags),
      // A condition is a claim like any other once compiled: assumed true, a claim denies it; assumed
      // false, a claim asserts it.
      requires: [...(m.claims?.requires ?? []), ...(m.condition?.default === "claimed" ? [m.condition.claim] : [])],
      waivedBy: [...(m.claims?.waivedBy ?? []), ...(m.condition?.default === "applies" ? [m.condition.claim] : [])],
      inTransit: m.inTransit
        ? { loadedBefore: isoDay(m.inTransit.loadedBefore), enteredBefore: isoDay(m.inTransit.enteredBefore), heading: m.inTransit.heading ?? null }
        : null,
      voidedBy: m.voidedBy === undefined ? null : rulings.get(m.voidedBy)!,
      condition: m.condition ?? null,
    };
  });

  // Selectors resolved through an index, not a scan of every measure per relation.
  const bySelector = new Map<string, number[]>();
  for (const m of measures) {
    for (const key of [`measure:${m.id}`, ...[...m.tags].map((t) => `tag:${t}`)]) {
      const list = bySelector.get(key);
      if (list) list.push(m.index);
      else bySelector.set(key, [m.index]);
    }
  }
  const select = (selector: string): Set<number> => new Set(bySelector.get(selector) ?? []);
  const relations: Relation[] = doc.relations.map((r) => ({
    doc: r,
    winners: select(r.winner),
    losers: select(r.loser),
    from: r.from === undefined ? null : isoDay(r.from),
    to: r.to === undefined ? null : isoDay(r.to),
  }));

  // The checks only the compiled form can make; a published release passed them when it was cut.
  if (!trusted) checkCompiled(doc, measures, relations, importerAtoms);

  const importers = new Map<string, ImporterIndex>();
  for (const imp of doc.importers) {
    const { atoms, bases } = importerAtoms.get(imp.code)!;
    importers.set(imp.code, {
      code: imp.code as CountryCode,
      name: imp.name,
      baseSource: imp.baseSource,
      ...(imp.linesName === undefined ? {} : { linesName: imp.linesName }),
      lineMode: imp.lineMode,
      atoms,
      bases,
      measures: measures.filter((m) => m.importer === imp.code),
      column2: (imp.column2 ?? []).map((c) => ({
        country: c.country,
        from: c.from === undefined ? null : isoDay(c.from),
        to: c.to === undefined ? null : isoDay(c.to),
        citation: c.citation,
      })),
      legacyColumn2: legacyColumn2(doc, imp.code),
    });
  }

  const groupNames = new Map<string, string>();
  for (const g of doc.countryGroups) {
    for (const name of [g.id, g.name, ...(g.aliases ?? [])]) groupNames.set(normalizeCountryKey(name), g.name);
  }
  const sectors = new Map<string, Sector>();
  for (const s of doc.sectors) {
    const sector = { keyword: s.keyword, importer: s.importer, line: s.line, note: s.note };
    for (const key of [s.keyword, ...s.aliases]) sectors.set(`${s.importer}|${normalizeSectorKey(key)}`, sector);
  }

  const claims = new Map<string, Claim>();
  for (const c of doc.claims) {
    claims.set(c.id.toLowerCase(), {
      id: c.id,
      title: c.title,
      programs: c.programs ?? [],
      origins: c.origins === undefined ? "all" : expandPartners(c.origins),
    });
  }

  return {
    doc,
    id: doc.id,
    released: doc.released,
    sha256,
    coverage: { from: isoDay(doc.coverage.from), to: isoDay(doc.coverage.to) },
    importers,
    measures,
    relations,
    groupNames,
    sectors,
    claims,
    valueBases: law.valueBases,
    authorities: law.authorities,
  };
}

/** Work limits of the relations, overlaps in priority groups, cycles of relations, sector lines that exist. */
function checkCompiled(
  doc: TableDocument,
  measures: readonly Measure[],
  relations: readonly Relation[],
  importerAtoms: ReadonlyMap<string, { readonly atoms: readonly string[] }>,
): void {
  const problems: string[] = [];
  const relationDays = new Set<number>();
  let relationPairs = 0;
  for (const r of relations) {
    relationPairs += r.winners.size * r.losers.size;
    if (r.from !== null) relationDays.add(r.from);
    if (r.to !== null) relationDays.add(r.to);
  }
  if (relationPairs * (relationDays.size + 1) > LOAD_LIMITS.relationPairDates) {
    throw new TableValidationError([
      `stacking relations relate ${relationPairs} (winner, loser) pairs of measures on ${relationDays.size + 1} dates; ` +
        `at most ${LOAD_LIMITS.relationPairDates} pair-dates can be checked for cycles`,
    ]);
  }
  problems.push(...findOverlaps(measures), ...findCycles(relations, measures));
  doc.sectors.forEach((sector, i) => {
    const imp = doc.importers.find((x) => x.code === sector.importer);
    if (imp?.lineMode !== "listed") return;
    const atoms = importerAtoms.get(imp.code)!.atoms;
    const at = lowerBound(atoms, sector.line);
    if (!atoms[at]?.startsWith(sector.line))
      problems.push(`sectors[${i}] (${sector.keyword}): line ${sector.line} is not in the ${imp.code} schedule`);
  });
  if (problems.length > 0) throw new TableValidationError(problems);
}

/**
 * Format 1 (2026.11a) priced every origin at Column 1, Column 2 countries included: a wrong number that
 * looks right. Such a release still loads, but for the members of its own `COLUMN2` country group (the
 * group it used to exempt them from the reciprocal tariff) its US answers are refused with this reason.
 */
function legacyColumn2(doc: TableDocument, importer: string): ReadonlyMap<string, string> {
  if (doc.format !== "dutydesk-table/1" || importer !== "US") return new Map();
  const group = doc.countryGroups.find((g) => g.id === "COLUMN2");
  const reason =
    `release ${doc.id} (table format 1) has no Column 2 rates: goods of this origin pay the HTS Column 2 ` +
    "rate (general note 3(b)), which this release cannot give; use release 2026.12a or later";
  return new Map((group?.members ?? []).map((m) => [m, reason]));
}

export function normalizeSectorKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

/**
 * How a line of `imp` becomes its BaseRate (AtomBases calls it once per line, on first use): its General
 * rate (listed schedules), its Special rates, its Column 2 rate, then its dated editions and notes.
 */
function lineBaseMaker(imp: ImporterDoc, parseRate: (text: string) => RateExpr): LineBaseMaker {
  const specials = lazySpecials(imp.specials ?? [], parseSpecialRates);
  const dated = datedBase(imp, parseRate);
  const listedMode = imp.lineMode === "listed";
  const lines = imp.lines;
  return (i) => {
    const row = lines[i]!;
    const special = row[3];
    const other = row[4];
    const listed: BaseRate = {
      line: row[0],
      expr: listedMode ? parseRate(row[1]) : null,
      special: special === undefined || special === null ? NO_SPECIAL_RATES : specials(special),
      column2: typeof other === "string" ? parseRate(other) : null,
    };
    return dated === null ? listed : dated(listed);
  };
}

/**
 * An importer whose base rates are dated (linesFrom, baseChanges) or annotated (lineNotes) gets, per line,
 * the editions its base goes through; null for importers without any (the US), whose lines stay as they were.
 */
function datedBase(imp: ImporterDoc, parseRate: (text: string) => RateExpr): ((listed: BaseRate) => BaseRate) | null {
  if (imp.linesFrom === undefined && imp.baseChanges === undefined && imp.lineNotes === undefined) return null;
  const notes = new Map<string, { note: string; unknown: boolean }>();
  for (const n of imp.lineNotes ?? []) for (const line of n.lines) notes.set(line, { note: n.note, unknown: n.base === "unknown" });
  const changes = new Map<string, { from: Day; general: string; source: string }[]>();
  for (const b of imp.baseChanges ?? []) {
    const list = changes.get(b.line) ?? [];
    list.push({ from: isoDay(b.from), general: b.general, source: b.source });
    changes.set(b.line, list);
  }
  for (const list of changes.values()) list.sort((a, b) => a.from - b.from);
  const linesFrom = imp.linesFrom === undefined ? null : isoDay(imp.linesFrom);
  const beforeNote = imp.beforeLinesFrom ? imp.beforeLinesFrom : undefined;
  // Called for every line of the importer (9 000 for China): object literals, no spreads.
  return (listed) => {
    const { line, special, column2 } = listed;
    const n = notes.get(line);
    const own: BaseRate = n === undefined ? listed : { line, expr: n.unknown ? null : listed.expr, special, column2, note: n.note };
    const dated = changes.get(line);
    const editions: BaseEdition[] = linesFrom === null ? [] : [{ from: linesFrom, rate: own }];
    if (dated !== undefined) {
      for (const c of dated) editions.push({ from: c.from, rate: { line, expr: parseRate(c.general), special, column2, source: c.source } });
    }
    if (linesFrom === null) return editions.length === 0 ? own : { ...own, editions };
    return beforeNote === undefined
      ? { line, expr: null, special, column2, editions }
      : { line, expr: null, special, column2, note: beforeNote, editions };
  };
}

function compileFormula(rate: RateFormulaDoc): RateFormula {
  if ("add" in rate) return { kind: "add", fraction: new Decimal(rate.add).div(100) };
  if ("allIn" in rate) return { kind: "allIn", fraction: new Decimal(rate.allIn).div(100) };
  if ("perUnit" in rate) return { kind: "perUnit", usd: new Decimal(rate.perUnit.usd), unit: rate.perUnit.unit };
  if ("unknown" in rate) return { kind: "unknown", text: rate.unknown };
  return { kind: "prohibited" };
}

/** The ranges sorted by start and merged where they overlap or touch. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  // Product lists are sorted, so their ranges mostly come in order: sorted only when they are not.
  let inOrder = true;
  for (let i = 1; i < ranges.length && inOrder; i++) inOrder = ranges[i - 1]![0] <= ranges[i]![0];
  if (!inOrder) ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    if (r[1] <= r[0]) continue;
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function subtractRanges(include: [number, number][], exclude: [number, number][]): [number, number][] {
  if (exclude.length === 0) return include;
  const out: [number, number][] = [];
  for (const [s, e] of include) {
    let cursor = s;
    for (const [xs, xe] of exclude) {
      if (xe <= cursor || xs >= e) continue;
      if (xs > cursor) out.push([cursor, xs]);
      cursor = Math.max(cursor, xe);
    }
    if (cursor < e) out.push([cursor, e]);
  }
  return out;
}

/**
 * Two members of one priority group with equal priority, overlapping dates, a shared partner and a
 * shared line would make the answer depend on row order. That is an error in the data, not a tie to break.
 */
const MAX_OVERLAPS_REPORTED = 50;

function findOverlaps(measures: readonly Measure[]): string[] {
  const problems: string[] = [];
  const byGroup = new Map<string, Measure[]>();
  for (const m of measures) {
    if (m.group?.resolve !== "priority") continue;
    const key = `${m.importer}|${m.group.id}|${m.priority}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), m]);
  }
  for (const members of byGroup.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (!datesOverlap(a, b) || !partnersOverlap(a, b) || !rangesOverlap(a.atomRanges, b.atomRanges)) continue;
        if (!claimsCompatible(a, b)) continue;
        // Enough to say what is wrong: a table where everything overlaps must not list every pair.
        if (problems.length >= MAX_OVERLAPS_REPORTED) return problems;
        problems.push(
          `measures ${a.id} and ${b.id} overlap: same exclusion group (${a.group!.id}) and priority (${a.priority}), ` +
            `overlapping dates, partners and products`,
        );
      }
    }
  }
  return problems;
}

function datesOverlap(a: Measure, b: Measure): boolean {
  const aEnd = a.to ?? Infinity;
  const bEnd = b.to ?? Infinity;
  return a.from < bEnd && b.from < aEnd;
}

function partnersOverlap(a: Measure, b: Measure): boolean {
  if (a.partners === "all" || b.partners === "all") return true;
  for (const p of a.partners) if (b.partners.has(p) && !a.exceptPartners.has(p) && !b.exceptPartners.has(p)) return true;
  return false;
}

function claimsCompatible(a: Measure, b: Measure): boolean {
  // A measure that needs claim X never meets one that is waived by X.
  return !a.requires.some((c) => b.waivedBy.includes(c)) && !b.requires.some((c) => a.waivedBy.includes(c));
}

function rangesOverlap(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    if (as < be && bs < ae) return true;
    if (ae <= be) i++;
    else j++;
  }
  return false;
}

/** "A beats B" must never loop back on itself on any day, or no order of application would be right. */
function findCycles(relations: readonly Relation[], measures: readonly Measure[]): string[] {
  const days = new Set<number>([-Infinity]);
  for (const r of relations) {
    if (r.from !== null) days.add(r.from);
    if (r.to !== null) days.add(r.to);
  }
  const problems = new Set<string>();
  for (const day of days) {
    const edges = new Map<number, Set<number>>();
    for (const r of relations) {
      if (!relationActive(r, day as Day)) continue;
      for (const w of r.winners) {
        const set = edges.get(w) ?? new Set<number>();
        r.losers.forEach((l) => set.add(l));
        edges.set(w, set);
      }
    }
    const cycle = findCycle(edges);
    if (cycle) problems.add(`stacking relations form a cycle: ${cycle.map((i) => measures[i]!.id).join(" beats ")}`);
  }
  return [...problems];
}

function findCycle(edges: ReadonlyMap<number, ReadonlySet<number>>): number[] | null {
  const state = new Map<number, 1 | 2>();
  const stack: number[] = [];
  const visit = (node: number): number[] | null => {
    state.set(node, 1);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of edges.keys()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

export type { MeasureDoc };
