import { z } from "zod";
import { clip } from "../util/clip";
import { isCountryCode } from "../countries";
import { landedSchema } from "./landedSchema";
import {
  Bounded,
  Checked,
  Choice,
  DeepReadonly,
  countryCode,
  integer,
  isoDate,
  list,
  nonEmptyList,
  oneKeyOf,
  record,
  statement,
  text,
} from "./schemaFields";
import { TABLE_FORMATS } from "./tableFormat";

/**
 * The rate table document, exactly as it is stored in a release file: declared once, here, as a zod
 * schema. The TypeScript types are inferred from it and the validator is this schema (validateDocument.ts);
 * what a schema cannot say (ids unique, references resolve, dates ordered, format-1 vs format-2 rules) is
 * checked in crossReferences.ts, which the schema runs last. `data/source/README.md` documents the same
 * fields, and a test holds the two together.
 *
 * Like the tz database, the table is rules as data: every measure is a row that names its legal source,
 * and the engine that reads it knows no country, no product and no date. A new tariff measure is a new
 * row (and perhaps a new relation), never new code. Dates are ISO `YYYY-MM-DD` entry dates; intervals
 * are half-open, [from, to): a measure that ends "for goods entered on or after 12:01 a.m. May 14" has
 * `to: "2025-05-14"`. Rates are decimal strings in percent ("20" is 20 %) so that no float touches them.
 */
export { TABLE_FORMAT, TABLE_FORMATS } from "./tableFormat";
export type { TableFormat } from "./tableFormat";

export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/** HTS prefixes of 2 to 10 digits, no dots. */
export const PREFIX = /^\d{2}(\d{2}){0,4}$/;
const DECIMAL = /^\d{1,4}(\.\d{1,6})?$/;
const CHAPTER99 = /^\d{4}\.\d{2}\.\d{2}$/;

const id = text(2000, ID);
const strings = (max = 100_000) => list(text(), max);
const decimal = text(2000, DECIMAL);
const hts8 = text(2000, /^\d{8}$/);

/** ISO alpha-2 codes, `@GROUP` references (resolved in crossReferences.ts), or `*` for every origin. */
const partner = new Checked(text(), (s) =>
  s === "*" || s.startsWith("@") || isCountryCode(s) ? null : `${JSON.stringify(clip(s, 60))} is not an ISO alpha-2 country`,
);
const partners = list(partner, 300);

/** HTS prefixes (dots optional), `@LIST` references, or `*` for every line. */
const scopeEntry = new Checked(text(), (s) =>
  s === "*" || s.startsWith("@") || PREFIX.test(s.replace(/\./g, "")) ? null : `${JSON.stringify(clip(s, 60))} is not an HTS prefix of 2–10 digits`,
);
const scopeEntries = list(scopeEntry, 20_000);

const newsEntry = record({
  release: id,
  briefly: text(),
  future: strings(),
  past: strings(),
});

const rateText = text(300);
const suffixes = text(2000, /^(\d{2}(,\d{2})*)?$/);

/**
 * A base line. Format 1: [8-digit line, General rate, statistical suffixes] or with the index of its
 * Special text. Format 2: always five items, the fourth the Special index or null, the fifth the Column 2
 * ("Other") rate text or null where the schedule has no Column 2 (an open or foreign schedule). Which
 * format may use which shape, and that an index points into `specials`, is checked in crossReferences.ts.
 */
const line3 = z.tuple([hts8, rateText, suffixes]);
const line4 = z.tuple([hts8, rateText, suffixes, integer]);
const line5 = z.tuple([hts8, rateText, suffixes, integer.nullable(), rateText.nullable()]);
export const LINE_SHAPES = {
  "dutydesk-table/1": "[line, rate text, suffixes, special index?]",
  "dutydesk-table/2": "[line, rate text, suffixes, special index or null, Column 2 rate text or null]",
} as const;
export const lineDoc = new Choice<typeof line3 | typeof line4 | typeof line5>((v) => {
  if (!Array.isArray(v)) return "expected an array";
  if (v.length === 3) return line3;
  if (v.length === 4) return line4;
  if (v.length === 5) return line5;
  return `expected ${LINE_SHAPES["dutydesk-table/2"]} (format 1: ${LINE_SHAPES["dutydesk-table/1"]})`;
});

/**
 * What `lineDoc` accepts, decided without zod: a schedule has 20 000 lines, and this loop takes them in
 * about 2 ms where zod takes 40 (the table's load time is what the add-in pays at startup). A line it does
 * not accept is parsed by `lineDoc`, so every problem is zod's; a test checks on random lines that the two
 * agree.
 */
const HTS8 = /^\d{8}$/;
const SUFFIXES = /^(\d{2}(,\d{2})*)?$/;
export function isWellFormedLine(row: unknown): boolean {
  if (!Array.isArray(row) || row.length < 3 || row.length > 5) return false;
  const [line, rate, sfx, special, other] = row as unknown[];
  if (typeof line !== "string" || line.length !== 8 || !HTS8.test(line)) return false;
  if (typeof rate !== "string" || rate.length > 300) return false;
  if (typeof sfx !== "string" || sfx.length > 2000 || !SUFFIXES.test(sfx)) return false;
  if (row.length === 3) return true;
  if (!(Number.isInteger(special) || (row.length === 5 && special === null))) return false;
  return row.length === 4 || other === null || (typeof other === "string" && other.length <= 300);
}

const column2Member = record({
  country: countryCode,
  /** First entry date in Column 2; omitted when it predates every table (Cuba, North Korea). */
  from: isoDate.optional(),
  /** First entry date no longer in Column 2 (normal trade relations restored). */
  to: isoDate.optional(),
  /** The statute or proclamation, with its public citation. */
  citation: text(),
});

const baseChange = record({
  /** An 8-digit line of `lines`. */
  line: hts8,
  from: isoDate,
  /** The new rate text, in the syntax of the lines' rates ("5%", "Free"). */
  general: statement(300, "give the new rate"),
  /** Legal source and research citation. */
  source: text(),
});

const lineNote = record({
  id,
  note: text(),
  /** `unknown` makes those lines' base unknown (their rate text is ignored, and may be empty). */
  base: z.literal("unknown").optional(),
  lines: list(hts8, 100_000),
});

const importer = record({
  code: countryCode,
  name: text(),
  /** Where the base (Column 1 / MFN) rates come from, e.g. "USITC HTS 2026 Revision 10". */
  baseSource: text(),
  /**
   * `listed`: only codes in `lines` exist, each with its base rate. `open`: any well-formed code is
   * accepted and the base rate is explicitly unknown.
   */
  lineMode: z.enum(["listed", "open"]),
  lines: new Bounded(lineDoc, 100_000, undefined, isWellFormedLine),
  /** Distinct Column 1 Special texts ("Free (A,AU,BH,…,KR,…)"), shared by many lines. */
  specials: list(text(), 10_000).optional(),
  /**
   * Format 2: the origins whose goods pay the Column 2 rate (HTS general note 3(b)), each with the dates
   * and the law that put it there. Their goods get no Column 1 General or Special rate.
   */
  column2: list(column2Member, 300).optional(),
  /**
   * Dated base editions (optional; absent = the lines' rates answer for every date). From `linesFrom` the
   * lines' rates apply; before it the base is unknown, not zero (the lines still decide which codes exist),
   * and `beforeLinesFrom` says why.
   */
  linesFrom: isoDate.optional(),
  beforeLinesFrom: text().optional(),
  /** What the lines are, for "not a line of …" ("China's 2026 schedule (8-digit lines)"); default: the importer's name. */
  linesName: text(200).optional(),
  /** Later changes of single lines' base rates (a provisional rate from a date), each with its source. */
  baseChanges: list(baseChange, 10_000).optional(),
  /** Notes on groups of lines, shown with each answer for them (how a transcription defect was handled). */
  lineNotes: list(lineNote, 1000).optional(),
});

const countryGroup = record({
  id,
  name: text(),
  /** Other names analysts use for the group ("EU"); they are recognised so the error can explain. */
  aliases: list(text(), 20).optional(),
  members: list(countryCode, 100_000),
  source: text(),
});

const productList = record({
  id,
  title: text(),
  source: text(),
  codes: list(text(2000, PREFIX), 200_000),
});

const sector = record({
  keyword: text(),
  aliases: strings(),
  importer: text(),
  /** The representative line a keyword is evaluated at; the answer says so. */
  line: text(2000, PREFIX),
  note: text(),
  /** Format 1 only (2026.11a carries it): a product set nothing read. Format 2 refuses it. */
  scope: scopeEntries.optional(),
});

const claim = record({
  id,
  title: text(),
  note: text(),
  /**
   * Special Program Indicators this claim invokes (USMCA: S, S+; KORUS: KR). Where a line's Column 1
   * Special text grants one of them a rate, that rate replaces the General rate as the base.
   */
  programs: list(text(2000, /^[A-Z]{1,2}[+*]?$/), 20).optional(),
  /** Origins eligible for the claim (ISO codes or @GROUP); a claim for any other origin is refused. */
  origins: partners.optional(),
});

/** A court ruling or other act that voids measures after the fact (the IEEPA decision of Feb 20 2026). */
const ruling = record({
  id,
  title: text(),
  date: isoDate,
  citation: text(),
  /** True when duties already paid under the voided measures are to be refunded. */
  refundable: z.boolean(),
});

/** At most one member of a group applies to an entry: the highest priority, or the highest rate. */
const exclusionGroup = record({
  id,
  resolve: z.enum(["priority", "max"]),
  note: text(),
});

const selector = text(2000, /^(tag|measure):[A-Za-z0-9._-]+$/);

/**
 * "Where `winner` applies, `loser` does not" (on the share of value the winner covers), during
 * [from, to). Selectors are `tag:NAME` or `measure:ID`.
 */
const relation = record({
  id,
  winner: selector,
  loser: selector,
  from: isoDate.optional(),
  to: isoDate.optional(),
  note: text(),
  citations: strings(),
});

/**
 * How a measure's duty is computed.
 * - `add`: percent of the value it applies to, on top of everything else;
 * - `allIn`: the total of base plus this layer is brought up to percent: max(0, percent − base);
 * - `perUnit`: dollars per unit of quantity (it adds nothing to the ad valorem total);
 * - `prohibited`: the goods may not be entered at all;
 * - `unknown`: a layer known to exist whose rate the table does not have (text says what it is): the
 *   total is unknown, never the total without it (a lookup can ask for the known layers explicitly).
 */
export const RATE_FORMULAS = {
  add: record({ add: decimal }),
  allIn: record({ allIn: decimal }),
  perUnit: record({ perUnit: record({ usd: decimal, unit: text() }) }),
  prohibited: record({ prohibited: z.literal(true) }),
  unknown: record({ unknown: statement(300, "say what the unknown rate is") }),
};
const rateFormula = oneKeyOf("rate formula", RATE_FORMULAS);

const confidence = z.enum(["confirmed", "single-source", "uncertain"]);

/**
 * Format 2: the measure depends on a fact about the goods that the HTS line does not decide (an end
 * use, a quota status, the producer). `default` is the case that covers most trade under the measure's
 * lines, `why` says so (tz style), and `claim` turns the other case on: with `default: applies` the
 * claim says the fact does not hold and the measure is left out; with `default: claimed` the measure
 * applies only when the claim is made. BREAKDOWN names the assumption either way.
 */
const condition = record({
  /** What must be true of the goods for the measure to apply ("parts of unmanned aircraft systems"). */
  fact: text(),
  default: z.enum(["applies", "claimed"]),
  claim: text(),
  why: text(4000),
});

const measure = record({
  id,
  importer: text(),
  /** One of the document's `authorities` (format 2) or of the frozen format-1 list. */
  authority: text(),
  title: text(),
  /** The Chapter 99 heading, or a short document label (≤ 40 characters). */
  heading: text(2000, /^(\d{4}\.\d{2}\.\d{2}|[A-Za-z0-9 .,()/-]{1,40})$/),
  documents: nonEmptyList(text(), 100_000, "every measure names its legal instrument"),
  citations: nonEmptyList(text(), 100_000, "every measure cites a source"),
  confidence,
  /** Where sources disagree: what they say, and which reading this row encodes. */
  conflict: record({ sources: text(), choice: text() }).optional(),
  partners,
  exceptPartners: partners.optional(),
  scope: record({ include: scopeEntries, exclude: scopeEntries.optional() }),
  rate: rateFormula,
  /** The share of customs value the layer is assessed on: `full` (default) or one of the document's `valueBases`. */
  basis: text().optional(),
  from: isoDate,
  to: isoDate.optional(),
  /**
   * For measures made retroactive after the fact: the first entry date on which CBP actually collected
   * this rate. On the `entry` basis the measure applies from here; on `final` and `net`, from `from`.
   */
  collectedFrom: isoDate.optional(),
  group: text().optional(),
  priority: integer.optional(),
  tags: list(text(2000, /^[A-Za-z0-9._-]+$/), 50),
  /** `requires`: applies only when every listed claim is made. `waivedBy`: does not apply when any is. */
  claims: record({ requires: strings().optional(), waivedBy: strings().optional() }).optional(),
  /**
   * Goods loaded before `loadedBefore` and entered before `enteredBefore` are exempt; `heading` is the
   * Chapter 99 heading they are entered under instead (the exemption's own, or the earlier rate's), and
   * the exclusion reason names it.
   */
  inTransit: record({ loadedBefore: isoDate, enteredBefore: isoDate, heading: text(2000, CHAPTER99).optional() }).optional(),
  /** The ruling that voided this measure, if any. */
  voidedBy: text().optional(),
  condition: condition.optional(),
  notes: text(4000).optional(),
});

const gap = record({
  id,
  title: text(),
  detail: text(4000),
  sources: strings(),
});

/**
 * The document without its cross-reference checks. Its shape is the union of both formats: format 1
 * (2026.11a) lines are 3- or 4-tuples and it carries no column2, condition, landed or vocabularies;
 * format 2 lines are 5-tuples and landed, valueBases and authorities are required.
 */
export const documentShape = record({
  format: z.enum(TABLE_FORMATS),
  /** Release id, tz style: year, month and a letter (2026.11a). */
  id,
  released: isoDate,
  /** Entry dates the table answers for; outside it a lookup is "no data", never a guess. */
  coverage: record({ from: isoDate, to: isoDate }),
  notice: list(text(), 100),
  /** tz-style release notes: what changed for future entries, and what was corrected for past ones. */
  news: list(newsEntry, 1000),
  importers: list(importer, 50),
  countryGroups: list(countryGroup, 500),
  productLists: list(productList, 2000),
  sectors: list(sector, 2000),
  claims: list(claim, 1000),
  rulings: list(ruling, 100),
  exclusionGroups: list(exclusionGroup, 1000),
  relations: list(relation, 5000),
  measures: list(measure, 20_000),
  /** What the table knowingly does not model, or models on uncertain ground; it travels with the release. */
  gaps: list(gap, 1000),
  /** Metals a layer can be assessed on the content of (`full` is implicit). Required from format 2. */
  valueBases: list(text(2000, /^[a-z][a-z0-9-]{0,30}$/), 50).optional(),
  /** Legal authorities a measure may name. Required from format 2. */
  authorities: list(text(2000, /^[A-Za-z0-9][A-Za-z0-9 .()-]{0,39}$/), 100).optional(),
  /** The landed-cost law DUTY.LANDED applies (fees, de minimis, taxes, valuation). Required from format 2. */
  landed: landedSchema.optional(),
});

export type TableDocument = DeepReadonly<z.infer<typeof documentShape>>;
export type NewsEntry = TableDocument["news"][number];
export type ImporterDoc = TableDocument["importers"][number];
export type LineDoc = ImporterDoc["lines"][number];
export type Column2MemberDoc = NonNullable<ImporterDoc["column2"]>[number];
export type BaseChangeDoc = NonNullable<ImporterDoc["baseChanges"]>[number];
export type LineNoteDoc = NonNullable<ImporterDoc["lineNotes"]>[number];
export type CountryGroupDoc = TableDocument["countryGroups"][number];
export type ProductListDoc = TableDocument["productLists"][number];
export type SectorDoc = TableDocument["sectors"][number];
export type ClaimDoc = TableDocument["claims"][number];
export type RulingDoc = TableDocument["rulings"][number];
export type ExclusionGroupDoc = TableDocument["exclusionGroups"][number];
export type RelationDoc = TableDocument["relations"][number];
export type MeasureDoc = TableDocument["measures"][number];
export type RateFormulaDoc = MeasureDoc["rate"];
export type ConditionDoc = NonNullable<MeasureDoc["condition"]>;
export type GapDoc = TableDocument["gaps"][number];
export type Confidence = z.infer<typeof confidence>;
/** One of the document's `authorities` (checked at load). */
export type Authority = string;
/** `full`, or one of the document's `valueBases` (checked at load). */
export type ValueBasis = string;

export type {
  LandedDoc,
  ValuationBasis,
  TaxRegime,
  LandedImporterDoc,
  CurrencyRowDoc,
  MpfRowDoc,
  HmfRowDoc,
  InformalEntryRowDoc,
  DeMinimisRowDoc,
  ImportTaxRowDoc,
} from "./landedSchema";
