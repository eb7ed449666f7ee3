import Decimal from "decimal.js";
import { CountryCode, countryName } from "../countries";
import { Day, isoDay } from "../dates";
import { RateTable } from "../table/compiledTable";
import { tableLaw } from "../table/format1Law";
import {
  CurrencyRowDoc,
  DeMinimisRowDoc,
  HmfRowDoc,
  ImportTaxRowDoc,
  InformalEntryRowDoc,
  LandedDoc,
  LandedImporterDoc,
  MpfRowDoc,
  TaxRegime,
  ValuationBasis,
} from "../table/schema";

/**
 * The landed-cost law of a table, indexed for the engine: the `landed` section of a format-2 release, or
 * the frozen format-1 law for a format-1 release (tableLaw). Every rate and amount DUTY.LANDED applies
 * besides the tariff measures comes from here, so a workbook pinned to a release gets the same landed
 * cost on every add-in build. Compiled once per law document and kept while the table is alive.
 */
export interface LandedLaw {
  readonly doc: LandedDoc;
  readonly importers: ReadonlyMap<string, ImporterProfile>;
  /** "US, CN, GB, CA and the EU member states (AT, BE, …)", for the error naming who is known. */
  readonly known: string;
  readonly mpf: readonly Dated<MpfRowDoc, { min: Decimal; max: Decimal; informal: Decimal; rate: Decimal }>[];
  readonly hmf: readonly Dated<HmfRowDoc, { rate: Decimal; small: Decimal }>[];
  readonly informalEntry: readonly Dated<InformalEntryRowDoc, { limit: Decimal }>[];
  readonly deMinimis: readonly Dated<DeMinimisRowDoc, { threshold: Decimal }>[];
  readonly importTax: ReadonlyMap<string, readonly Dated<ImportTaxRowDoc, { fraction: Decimal }>[]>;
  readonly taxCheckedThrough: Day;
  /** Importer argument text → profile outcome; bounded (importerProfile.ts). */
  readonly profileCache: Map<string, unknown>;
}

/** A row with its dates as days ([from, to); null = open) and its amounts as decimals. */
export type Dated<R, V> = V & { readonly row: R; readonly from: Day | null; readonly to: Day | null };

/**
 * How one importing country values goods for duty and what it adds on top, from the `landed.importers`
 * row and the currency rows of its code.
 */
export interface ImporterProfile {
  readonly code: CountryCode;
  readonly name: string;
  /** The currency every amount is computed in on an entry date, or null when no currency row covers it. */
  readonly currency: (day: Day) => string | null;
  readonly valuation: ValuationBasis;
  readonly valuationSource: string;
  /** US only: MPF, HMF and the Section 321 de minimis rules apply. */
  readonly usFees: boolean;
  readonly taxes: TaxRegime;
  /** The customs union the importer belongs to (EU), or null. */
  readonly customsUnion: string | null;
  readonly fxSource: string;
  readonly taxRounding: string | null;
  readonly consumptionTaxSource: string | null;
  /** What the detail says beside a standard tax rate, where more than "standard rate" (China's reduced list). */
  readonly standardRateNote: string | null;
}

const LAWS = new WeakMap<LandedDoc, LandedLaw>();

/** The landed-cost law a table answers with. */
export function landedLaw(table: RateTable): LandedLaw {
  return compileLandedLaw(tableLaw(table.doc).landed);
}

export function compileLandedLaw(doc: LandedDoc): LandedLaw {
  const hit = LAWS.get(doc);
  if (hit) return hit;
  const law = build(doc);
  LAWS.set(doc, law);
  return law;
}

function dated<R extends { readonly from?: string; readonly to?: string }, V>(row: R, values: V): Dated<R, V> {
  return { ...values, row, from: row.from === undefined ? null : isoDay(row.from), to: row.to === undefined ? null : isoDay(row.to) };
}

/** The row in force on a day: from ≤ day < to (validation guarantees at most one per key). */
export function rowOn<T extends { readonly from: Day | null; readonly to: Day | null }>(rows: readonly T[], day: Day): T | undefined {
  return rows.find((r) => (r.from === null || day >= r.from) && (r.to === null || day < r.to));
}

const percent = (text: string) => new Decimal(text).div(100);

function build(doc: LandedDoc): LandedLaw {
  const currencies = new Map<string, Dated<CurrencyRowDoc, object>[]>();
  for (const c of doc.currencies) currencies.set(c.country, [...(currencies.get(c.country) ?? []), dated(c, {})]);
  const importers = new Map<string, ImporterProfile>();
  for (const imp of doc.importers) importers.set(imp.code, profile(imp, currencies.get(imp.code) ?? []));
  const importTax = new Map<string, Dated<ImportTaxRowDoc, { fraction: Decimal }>[]>();
  for (const r of doc.importTax.rates) importTax.set(r.country, [...(importTax.get(r.country) ?? []), dated(r, { fraction: percent(r.percent) })]);
  return {
    doc,
    importers,
    known: knownImporters(doc.importers),
    mpf: doc.mpf.map((r) =>
      dated(r, { min: new Decimal(r.min), max: new Decimal(r.max), informal: new Decimal(r.informal), rate: percent(r.percent) }),
    ),
    hmf: doc.hmf.map((r) => dated(r, { rate: percent(r.percent), small: new Decimal(r.smallUsd) })),
    informalEntry: doc.informalEntry.map((r) => dated(r, { limit: new Decimal(r.usd) })),
    deMinimis: doc.deMinimis.map((r) => dated(r, { threshold: new Decimal(r.thresholdUsd) })),
    importTax,
    taxCheckedThrough: isoDay(doc.importTax.checkedThrough),
    profileCache: new Map(),
  };
}

function profile(imp: LandedImporterDoc, currencies: readonly Dated<CurrencyRowDoc, object>[]): ImporterProfile {
  const only = currencies.length === 1 && currencies[0]!.from === null && currencies[0]!.to === null ? currencies[0]!.row.currency : null;
  return {
    code: imp.code as CountryCode,
    name: countryName(imp.code as CountryCode),
    currency: only !== null ? () => only : (day) => rowOn(currencies, day)?.row.currency ?? null,
    valuation: imp.valuation,
    valuationSource: imp.valuationSource,
    usFees: imp.usFees,
    taxes: imp.taxes,
    customsUnion: imp.customsUnion ?? null,
    fxSource: imp.fxSource,
    taxRounding: imp.taxRounding ?? null,
    consumptionTaxSource: imp.consumptionTaxSource ?? null,
    standardRateNote: imp.standardRateNote ?? null,
  };
}

function knownImporters(importers: readonly LandedImporterDoc[]): string {
  const single = importers.filter((i) => i.customsUnion === undefined).map((i) => i.code);
  const unions = new Map<string, string[]>();
  for (const i of importers) if (i.customsUnion !== undefined) unions.set(i.customsUnion, [...(unions.get(i.customsUnion) ?? []), i.code]);
  const parts = [...unions].map(([union, members]) => `the ${union} member states (${members.slice(0, 2).join(", ")}, …)`);
  if (parts.length === 0) return single.join(", ");
  return `${single.join(", ")} and ${parts.join(" and ")}`;
}
