/**
 * The rate table document, exactly as it is stored in a release file.
 *
 * Like the tz database, the table is rules as data: every measure is a row that names its legal source,
 * and the engine that reads it knows no country, no product and no date. A new tariff measure is a new
 * row (and perhaps a new relation), never new code. Dates are ISO `YYYY-MM-DD` entry dates; intervals
 * are half-open, [from, to): a measure that ends "for goods entered on or after 12:01 a.m. May 14" has
 * `to: "2025-05-14"`. Rates are decimal strings in percent ("20" is 20 %) so that no float touches them.
 */
export const TABLE_FORMAT = "dutydesk-table/2" as const;

/**
 * Every format this engine reads. Format 1 (release 2026.11a) has no Column 2 rates, no measure
 * conditions and no specific-duty metadata; it still loads, and what it cannot answer is refused (see
 * `legacyColumn2` in loadTable) rather than answered with a Column 1 number.
 *
 * Format 2 adds the landed-cost law (`landed`) and the vocabularies
 * (`valueBases`, `authorities`), and requires them. A format-1 release (2026.11a as published) has none of
 * them: it is read with the frozen format-1 law of `data/legacy/landed-format1.json` (see format1Law.ts),
 * so every build computes the same landed cost for a 2026.11a pin.
 */
export const TABLE_FORMATS = ["dutydesk-table/1", TABLE_FORMAT] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface TableDocument {
  readonly format: TableFormat;
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
  /** Metals a layer can be assessed on the content of (`full` is implicit). Required from format 2. */
  readonly valueBases?: readonly string[];
  /** Legal authorities a measure may name. Required from format 2. */
  readonly authorities?: readonly string[];
  /** The landed-cost law DUTY.LANDED applies (fees, de minimis, taxes, valuation). Required from format 2. */
  readonly landed?: LandedDoc;
}

/**
 * The landed-cost law: every rate and amount DUTY.LANDED uses besides the tariff measures, as dated rows
 * [from, to) with their legal source (`source`, shown in the detail) and public citations.
 */
export interface LandedDoc {
  readonly importers: readonly LandedImporterDoc[];
  readonly currencies: readonly CurrencyRowDoc[];
  readonly mpf: readonly MpfRowDoc[];
  readonly hmf: readonly HmfRowDoc[];
  readonly informalEntry: readonly InformalEntryRowDoc[];
  readonly deMinimis: readonly DeMinimisRowDoc[];
  readonly importTax: { readonly checkedThrough: string; readonly rates: readonly ImportTaxRowDoc[] };
}

export type ValuationBasis = "transaction" | "fob" | "cif";
export type TaxRegime = "none" | "cn" | "vat" | "gst";

interface CitedRow {
  readonly source: string;
  readonly citations: readonly string[];
}

interface DatedRow extends CitedRow {
  readonly from: string;
  readonly to?: string;
}

export interface LandedImporterDoc {
  readonly code: string;
  readonly valuation: ValuationBasis;
  readonly valuationSource: string;
  readonly taxes: TaxRegime;
  /** MPF, HMF and Section 321 de minimis apply (the US). */
  readonly usFees: boolean;
  /** Goods of another importer with the same union are not imported at all (EU). */
  readonly customsUnion?: string;
  readonly fxSource: string;
  /** How tax lines round, where not the default half-up to the cent. */
  readonly taxRounding?: string;
  /** Where the consumption tax formula comes from (regime `cn`). */
  readonly consumptionTaxSource?: string;
  /** Said beside a standard tax rate in the detail (China: pass vat=9% for goods on the reduced list). */
  readonly standardRateNote?: string;
  readonly citations: readonly string[];
}

export interface CurrencyRowDoc extends CitedRow {
  readonly country: string;
  readonly currency: string;
  /** Absent: in force since before any date the landed rows cover. */
  readonly from?: string;
  readonly to?: string;
}

export interface MpfRowDoc extends DatedRow {
  readonly fiscalYear: number;
  /** Ad valorem rate in percent ("0.3464"). */
  readonly percent: string;
  /** Minimum and maximum per formal entry, USD. */
  readonly min: string;
  readonly max: string;
  /** Flat fee of an automated informal entry (class code 311), USD. */
  readonly informal: string;
  readonly confidence: "confirmed" | "secondary";
  /** Statute and regulation; `source` is the notice setting the year's amounts. */
  readonly law: string;
}

export interface HmfRowDoc extends DatedRow {
  readonly percent: string;
  /** An HMF at or below this, on an entry owing nothing else, is not collected (USD). */
  readonly smallUsd: string;
  readonly smallSource: string;
}

export interface InformalEntryRowDoc extends DatedRow {
  /** Shipments valued up to this may be entered informally (USD). */
  readonly usd: string;
}

export interface DeMinimisRowDoc extends DatedRow {
  /** ISO codes, or ["*"] for every origin no other row lists. */
  readonly origins: readonly string[];
  readonly thresholdUsd: string;
  /** Why the row ended; the text before its first colon is its short citation. */
  readonly endedBy: string;
}

export interface ImportTaxRowDoc extends DatedRow {
  readonly country: string;
  readonly tax: "VAT" | "GST";
  readonly percent: string;
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
   * Format 2: the origins whose goods pay the Column 2 rate (HTS general note 3(b)), each with the dates
   * and the law that put it there. Their goods get no Column 1 General or Special rate. Required for a
   * format-2 schedule whose lines carry Column 2 rates.
   */
  readonly column2?: readonly Column2MemberDoc[];
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

/**
 * Format 1: [8-digit line, General rate, statistical suffixes] or with the index of its Special text.
 * Format 2: always five items, the fourth the Special index or null, the fifth the Column 2 ("Other")
 * rate text or null where the schedule has no Column 2 (an open or foreign schedule).
 */
export type LineDoc =
  | readonly [string, string, string]
  | readonly [string, string, string, number]
  | readonly [string, string, string, number | null, string | null];

export interface Column2MemberDoc {
  readonly country: string;
  /** First entry date in Column 2; omitted when it predates every table (Cuba, North Korea). */
  readonly from?: string;
  /** First entry date no longer in Column 2 (normal trade relations restored). */
  readonly to?: string;
  /** The statute or proclamation, with its public citation. */
  readonly citation: string;
}

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

/** One of the document's `authorities` (checked at load). */
export type Authority = string;

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

/** The share of customs value a layer is assessed on: `full`, or one of the document's `valueBases` (checked at load). */
export type ValueBasis = string;

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
  /**
   * Format 2: the measure depends on a fact about the goods that the HTS line does not decide (an end
   * use, a quota status, the producer). `default` is the case that covers most trade under the measure's
   * lines, `why` says so (tz style), and `claim` turns the other case on: with `default: applies` the
   * claim says the fact does not hold and the measure is left out; with `default: claimed` the measure
   * applies only when the claim is made. BREAKDOWN names the assumption either way.
   */
  readonly condition?: ConditionDoc;
  readonly notes?: string;
}

export interface ConditionDoc {
  /** What must be true of the goods for the measure to apply ("parts of unmanned aircraft systems"). */
  readonly fact: string;
  readonly default: "applies" | "claimed";
  readonly claim: string;
  readonly why: string;
}
