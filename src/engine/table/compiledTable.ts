import Decimal from "decimal.js";
import { Day } from "../dates";
import { CountryCode } from "../countries";
import { RateExpr } from "../rates";
import type { AtomBases } from "./atomBases";
import { Authority, ConditionDoc, Confidence, MeasureDoc, RelationDoc, RulingDoc, TableDocument, ValueBasis } from "./schema";

/** The in-memory form of a rate table: validated, parsed and indexed. Built once by `loadTable`. */
export interface RateTable {
  readonly doc: TableDocument;
  readonly id: string;
  readonly released: string;
  readonly sha256: string;
  readonly coverage: { readonly from: Day; readonly to: Day };
  readonly importers: ReadonlyMap<string, ImporterIndex>;
  readonly measures: readonly Measure[];
  readonly relations: readonly Relation[];
  /** Group names an analyst might type as a country ("EU"), for a helpful error. */
  readonly groupNames: ReadonlyMap<string, string>;
  readonly sectors: ReadonlyMap<string, Sector>;
  readonly claims: ReadonlyMap<string, Claim>;
  /** Metals a layer can be assessed on the content of (the document's list, or the format-1 one). */
  readonly valueBases: readonly string[];
  /** Legal authorities measures may name (the document's list, or the format-1 one). */
  readonly authorities: readonly string[];
}

export interface ImporterIndex {
  readonly code: CountryCode;
  readonly name: string;
  readonly baseSource: string;
  /** The importer's `linesName`, if it has one. */
  readonly linesName?: string;
  readonly lineMode: "listed" | "open";
  /** Every statistical (10-digit) line, sorted; the atoms that every code and prefix resolves to. */
  readonly atoms: readonly string[];
  /** Base rate of each atom, by index into `atoms` (made on first use: atomBases.ts). */
  readonly bases: AtomBases;
  /** The measures of this importer, in table order. */
  readonly measures: readonly Measure[];
  /** Origins in Column 2 (general note 3(b)) and when. Empty for schedules without a Column 2. */
  readonly column2: readonly Column2Member[];
  /**
   * A format-1 release carries no Column 2 rates, so it cannot answer for these origins: a lookup is
   * refused with this reason rather than answered at the Column 1 rate.
   */
  readonly legacyColumn2: ReadonlyMap<string, string>;
}

export interface Column2Member {
  readonly country: string;
  readonly from: Day | null;
  readonly to: Day | null;
  readonly citation: string;
}

/** The Column 2 membership in force for `origin` on `day`, if any. */
export function column2On(importer: ImporterIndex, origin: string, day: Day): Column2Member | null {
  for (const m of importer.column2) {
    if (m.country === origin && (m.from === null || day >= m.from) && (m.to === null || day < m.to)) return m;
  }
  return null;
}

export interface BaseRate {
  readonly line: string;
  readonly expr: RateExpr | null; // null: explicitly unknown
  /** Column 1 Special entries of the line: a rate per group of programs. */
  readonly special: readonly SpecialRate[];
  /** Set when a claimed program replaced the General rate: the SPI code used. */
  readonly program?: string;
  /** The line's Column 2 ("Other") rate; null where the table has none (format 1, open schedules). */
  readonly column2: RateExpr | null;
  /** Set when this base is the Column 2 rate: the membership that put the origin there. */
  readonly column2Member?: Column2Member;
  /** Why the base is what it is, or why it is unknown (an importer's line note); shown with the answer. */
  readonly note?: string;
  /** The source of this rate when it is not the importer's `baseSource` (a dated base change). */
  readonly source?: string;
  /**
   * Dated editions of the line's base, sorted by date: from each `from` its `rate` applies; before the
   * first, this object's own `expr`. Absent for lines whose base answers for every date (all US lines).
   */
  readonly editions?: readonly BaseEdition[];
}

export interface BaseEdition {
  readonly from: Day;
  readonly rate: BaseRate;
}

export interface SpecialRate {
  readonly expr: RateExpr;
  readonly programs: ReadonlySet<string>;
}

export interface Claim {
  readonly id: string;
  readonly title: string;
  readonly programs: readonly string[];
  readonly origins: ReadonlySet<string> | "all";
}

export type RateFormula =
  | { readonly kind: "add"; readonly fraction: Decimal }
  | { readonly kind: "allIn"; readonly fraction: Decimal }
  | { readonly kind: "perUnit"; readonly usd: Decimal; readonly unit: string }
  | { readonly kind: "prohibited" }
  | { readonly kind: "unknown"; readonly text: string };

export interface Measure {
  readonly index: number;
  readonly doc: MeasureDoc;
  readonly id: string;
  readonly importer: string;
  readonly authority: Authority;
  readonly heading: string;
  readonly confidence: Confidence;
  readonly partners: ReadonlySet<string> | "all";
  readonly exceptPartners: ReadonlySet<string>;
  /** Sorted, disjoint [start, end) ranges of atom indexes this measure covers. */
  readonly atomRanges: readonly (readonly [number, number])[];
  /** The same scope as prefixes, for importers whose lines are not listed (any well-formed code exists). */
  readonly scopePrefixes: { readonly include: ReadonlySet<string> | "all"; readonly exclude: ReadonlySet<string> | "all" };
  readonly formula: RateFormula;
  readonly basis: ValueBasis;
  readonly from: Day;
  readonly to: Day | null;
  readonly collectedFrom: Day | null;
  readonly group: { readonly id: string; readonly resolve: "priority" | "max" } | null;
  readonly priority: number;
  readonly tags: ReadonlySet<string>;
  readonly requires: readonly string[];
  readonly waivedBy: readonly string[];
  /** Goods in transit are exempt; `heading` is the Chapter 99 heading they are entered under instead, when the table names it. */
  readonly inTransit: { readonly loadedBefore: Day; readonly enteredBefore: Day; readonly heading: string | null } | null;
  readonly voidedBy: RulingDoc | null;
  /** The fact about the goods this measure depends on, and which way it is assumed (format 2). */
  readonly condition: ConditionDoc | null;
}

export interface Relation {
  readonly doc: RelationDoc;
  readonly winners: ReadonlySet<number>;
  readonly losers: ReadonlySet<number>;
  readonly from: Day | null;
  readonly to: Day | null;
}

export interface Sector {
  readonly keyword: string;
  readonly importer: string;
  readonly line: string;
  readonly note: string;
}

export function appliesToPartner(m: Measure, origin: CountryCode): boolean {
  if (m.exceptPartners.has(origin)) return false;
  return m.partners === "all" || m.partners.has(origin);
}

export function coversAtom(m: Measure, atom: number): boolean {
  const ranges = m.atomRanges;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (atom < start) hi = mid - 1;
    else if (atom >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The base rate of a line in force on `day`: its latest edition from on or before that day. */
export function baseOn(base: BaseRate, day: Day): BaseRate {
  const editions = base.editions;
  if (editions === undefined) return base;
  for (let i = editions.length - 1; i >= 0; i--) if (editions[i]!.from <= day) return editions[i]!.rate;
  return base;
}

export function relationActive(r: Relation, day: Day): boolean {
  return (r.from === null || day >= r.from) && (r.to === null || day < r.to);
}
