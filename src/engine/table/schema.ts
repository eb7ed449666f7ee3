/**
 * The rate table document, exactly as it is stored in a release file.
 *
 * Like the tz database, the table is rules as data: every measure is a row that names its legal source,
 * and the engine that reads it knows no country, no product and no date. A new tariff measure is a new
 * row (and perhaps a new relation), never new code. Dates are ISO `YYYY-MM-DD` entry dates; intervals
 * are half-open, [from, to): a measure that ends "for goods entered on or after 12:01 a.m. May 14" has
 * `to: "2025-05-14"`. Rates are decimal strings in percent ("20" is 20 %) so that no float touches them.
 */
export const TABLE_FORMAT = "dutydesk-table/1" as const;

export interface TableDocument {
  readonly format: typeof TABLE_FORMAT;
  /** Release id, tz style: year, month and a letter (2026.11a). */
  readonly id: string;
  readonly released: string;
  /** Entry dates the table answers for; outside it a lookup is "no data", never a guess. */
  readonly coverage: { readonly from: string; readonly to: string };
  readonly notice: readonly string[];
  readonly news: readonly NewsEntry[];
  readonly importers: readonly ImporterDoc[];
  readonly countryGroups: readonly CountryGroupDoc[];
  readonly productLists: readonly ProductListDoc[];
  readonly sectors: readonly SectorDoc[];
  readonly claims: readonly ClaimDoc[];
  readonly rulings: readonly RulingDoc[];
  readonly exclusionGroups: readonly ExclusionGroupDoc[];
  readonly relations: readonly RelationDoc[];
  readonly measures: readonly MeasureDoc[];
  /** What the table knowingly does not model, or models on uncertain ground; it travels with the release. */
  readonly gaps: readonly GapDoc[];
}

export interface GapDoc {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly sources: readonly string[];
}

/** tz-style release notes: what changed for future entries, and what was corrected for past ones. */
export interface NewsEntry {
  readonly release: string;
  readonly briefly: string;
  readonly future: readonly string[];
  readonly past: readonly string[];
}

export interface ImporterDoc {
  readonly code: string;
  readonly name: string;
  /** Where the base (Column 1 / MFN) rates come from, e.g. "USITC HTS 2026 Revision 10". */
  readonly baseSource: string;
  /**
   * `listed`: only codes in `lines` exist, each with its base rate. `open`: any well-formed code is
   * accepted and the base rate is explicitly unknown (China's schedule is not in the table yet).
   */
  readonly lineMode: "listed" | "open";
  /**
   * [8-digit line, General rate text, comma-separated 2-digit statistical suffixes, and optionally the
   * index into `specials` of the line's Column 1 Special text].
   */
  readonly lines: readonly LineDoc[];
  /** Distinct Column 1 Special texts ("Free (A,AU,BH,…,KR,…)"), shared by many lines. */
  readonly specials?: readonly string[];
  /**
   * Dated base editions (optional; absent = the lines' rates answer for every date). From `linesFrom` the
   * lines' rates apply; before it the base is unknown, not zero (the lines still decide which codes exist),
   * and `beforeLinesFrom` says why.
   */
  readonly linesFrom?: string;
  readonly beforeLinesFrom?: string;
  /** What the lines are, for "not a line of …" ("China's 2026 schedule (8-digit lines)"); default: the importer's name. */
  readonly linesName?: string;
  /** Later changes of single lines' base rates (a provisional rate from a date), each with its source. */
  readonly baseChanges?: readonly BaseChangeDoc[];
  /**
   * Notes on groups of lines, shown with each answer for them (how a transcription defect was handled).
   * `base: "unknown"` makes those lines' base unknown (their rate text is ignored, and may be empty).
   */
  readonly lineNotes?: readonly LineNoteDoc[];
}

export interface BaseChangeDoc {
  /** An 8-digit line of `lines`. */
  readonly line: string;
  readonly from: string;
  /** The new rate text, in the syntax of the lines' rates ("5%", "Free"). */
  readonly general: string;
  /** Legal source and research citation. */
  readonly source: string;
}

export interface LineNoteDoc {
  readonly id: string;
  readonly note: string;
  readonly base?: "unknown";
  readonly lines: readonly string[];
}

export type LineDoc = readonly [string, string, string] | readonly [string, string, string, number];

export interface CountryGroupDoc {
  readonly id: string;
  readonly name: string;
  /** Other names analysts use for the group ("EU"); they are recognised so the error can explain. */
  readonly aliases?: readonly string[];
  readonly members: readonly string[];
  readonly source: string;
}

export interface ProductListDoc {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  /** HTS prefixes of 2 to 10 digits, no dots. */
  readonly codes: readonly string[];
}

export interface SectorDoc {
  readonly keyword: string;
  readonly aliases: readonly string[];
  readonly importer: string;
  /** The representative line a keyword is evaluated at; the answer says so. */
  readonly line: string;
  readonly note: string;
  /** The products the keyword stands for (HTS prefixes or @LIST), e.g. for filtering and reports. */
  readonly scope?: readonly string[];
}

export interface ClaimDoc {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  /**
   * Special Program Indicators this claim invokes (USMCA: S, S+; KORUS: KR). Where a line's Column 1
   * Special text grants one of them a rate, that rate replaces the General rate as the base.
   */
  readonly programs?: readonly string[];
  /** Origins eligible for the claim (ISO codes or @GROUP); a claim for any other origin is refused. */
  readonly origins?: readonly string[];
}

/** A court ruling or other act that voids measures after the fact (the IEEPA decision of Feb 20 2026). */
export interface RulingDoc {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly citation: string;
  /** True when duties already paid under the voided measures are to be refunded. */
  readonly refundable: boolean;
}

/** At most one member of a group applies to an entry: the highest priority, or the highest rate. */
export interface ExclusionGroupDoc {
  readonly id: string;
  readonly resolve: "priority" | "max";
  readonly note: string;
}

/**
 * "Where `winner` applies, `loser` does not" (on the share of value the winner covers), during
 * [from, to). Selectors are `tag:NAME` or `measure:ID`.
 */
export interface RelationDoc {
  readonly id: string;
  readonly winner: string;
  readonly loser: string;
  readonly from?: string;
  readonly to?: string;
  readonly note: string;
  readonly citations: readonly string[];
}

export type Authority =
  | "IEEPA"
  | "Section 232"
  | "Section 301"
  | "Section 122"
  | "Section 201"
  | "Section 338"
  | "Retaliation";

export type Confidence = "confirmed" | "single-source" | "uncertain";

/**
 * How a measure's duty is computed.
 * - `add`: percent of the value it applies to, on top of everything else;
 * - `allIn`: the total of base plus this layer is brought up to percent: max(0, percent − base);
 * - `perUnit`: dollars per unit of quantity (it adds nothing to the ad valorem total);
 * - `prohibited`: the goods may not be entered at all;
 * - `unknown`: a layer known to exist whose rate the table does not have (text says what it is): the
 *   total is unknown, never the total without it (a lookup can ask for the known layers explicitly).
 */
export type RateFormulaDoc =
  | { readonly add: string }
  | { readonly allIn: string }
  | { readonly perUnit: { readonly usd: string; readonly unit: string } }
  | { readonly prohibited: true }
  | { readonly unknown: string };

/** The share of customs value a layer is assessed on: all of it, or the content of one metal. */
export type ValueBasis = "full" | "steel" | "aluminum" | "copper";

export interface MeasureDoc {
  readonly id: string;
  readonly importer: string;
  readonly authority: Authority;
  readonly title: string;
  readonly heading: string;
  readonly documents: readonly string[];
  readonly citations: readonly string[];
  readonly confidence: Confidence;
  /** Where sources disagree: what they say, and which reading this row encodes. */
  readonly conflict?: { readonly sources: string; readonly choice: string };
  /** ISO alpha-2 codes, `@GROUP` references, or `*` for every origin. */
  readonly partners: readonly string[];
  readonly exceptPartners?: readonly string[];
  /** HTS prefixes (dots optional) or `@LIST` references; `*` for every line. */
  readonly scope: { readonly include: readonly string[]; readonly exclude?: readonly string[] };
  readonly rate: RateFormulaDoc;
  readonly basis?: ValueBasis;
  readonly from: string;
  readonly to?: string;
  /**
   * For measures made retroactive after the fact: the first entry date on which CBP actually collected
   * this rate. On the `entry` basis the measure applies from here; on `final` and `net`, from `from`.
   */
  readonly collectedFrom?: string;
  readonly group?: string;
  readonly priority?: number;
  readonly tags: readonly string[];
  /** `requires`: applies only when every listed claim is made. `waivedBy`: does not apply when any is. */
  readonly claims?: { readonly requires?: readonly string[]; readonly waivedBy?: readonly string[] };
  /** Goods loaded before `loadedBefore` and entered before `enteredBefore` are exempt. */
  readonly inTransit?: { readonly loadedBefore: string; readonly enteredBefore: string; readonly heading?: string };
  /** The ruling that voided this measure, if any. */
  readonly voidedBy?: string;
  readonly notes?: string;
}
