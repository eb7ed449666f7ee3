import { Day, isoDay, isoFromDay } from "../dates";
import { RateTable } from "../table/compiledTable";
import { MeasureDoc, NewsEntry, RateFormulaDoc, RelationDoc } from "../table/schema";

/**
 * What a new release changes, measure by measure, so that an analyst can read it before accepting it.
 *
 * Measures are matched by id (ids are stable across releases; a changed legal measure keeps its id and a
 * new measure gets a new one). Every change is classified once, by what matters most to a duty rate:
 * a changed rate makes it "re-rated", else an end date that arrives earlier (or appears) makes it "ended",
 * else any other difference makes it "amended". `details` lists every difference in words.
 */
export type MeasureChangeKind = "added" | "ended" | "rerated" | "amended" | "removed";

export interface MeasureSummary {
  readonly id: string;
  readonly importer: string;
  readonly authority: string;
  readonly title: string;
  readonly heading: string;
  /** The rate in words: "+20%", "+50% of steel content", "all-in 15%", "$0.10 per kg", "prohibited". */
  readonly rate: string;
  readonly from: string;
  /** Last entry date covered (inclusive), or "" when open-ended; the same convention as BREAKDOWN. */
  readonly through: string;
  readonly partners: string;
  readonly status: string;
  /** The issuing documents, then the citations. */
  readonly citations: readonly string[];
}

export interface MeasureChange {
  readonly kind: MeasureChangeKind;
  readonly id: string;
  readonly before: MeasureSummary | null;
  readonly after: MeasureSummary | null;
  /** One sentence per difference ("rate +20% → +25%", "ends: open → through 2026-07-22"). */
  readonly details: readonly string[];
}

export interface LineChanges {
  readonly importer: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** A few examples ("9503.00.00: Free → 2%"), at most MAX_LINE_EXAMPLES. */
  readonly examples: readonly string[];
}

export interface ReleaseRef {
  readonly id: string;
  readonly released: string;
  readonly sha256: string;
  readonly coverage: string;
}

export interface ReleaseDiff {
  readonly before: ReleaseRef;
  readonly after: ReleaseRef;
  /** The new release's news entries that the old one does not have, newest first as in the file. */
  readonly news: readonly NewsEntry[];
  readonly coverageChanged: boolean;
  readonly added: readonly MeasureChange[];
  readonly ended: readonly MeasureChange[];
  readonly rerated: readonly MeasureChange[];
  readonly amended: readonly MeasureChange[];
  readonly removed: readonly MeasureChange[];
  readonly relations: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly lines: readonly LineChanges[];
  /** True when no measure, relation, base line or coverage differs (the release may still differ in wording). */
  readonly noRateChanges: boolean;
}

export const MAX_LINE_EXAMPLES = 5;

export function diffReleases(before: RateTable, after: RateTable): ReleaseDiff {
  const oldMeasures = new Map(before.doc.measures.map((m) => [m.id, m]));
  const newMeasures = new Map(after.doc.measures.map((m) => [m.id, m]));
  const buckets: Record<MeasureChangeKind, MeasureChange[]> = { added: [], ended: [], rerated: [], amended: [], removed: [] };

  for (const m of after.doc.measures) {
    const old = oldMeasures.get(m.id);
    if (old === undefined) {
      buckets.added.push({ kind: "added", id: m.id, before: null, after: summarizeMeasure(m), details: [`new: ${rateText(m)} ${period(m)}`] });
      continue;
    }
    const change = compareMeasure(old, m);
    if (change !== null) buckets[change.kind].push(change);
  }
  for (const m of before.doc.measures) {
    if (!newMeasures.has(m.id)) {
      buckets.removed.push({ kind: "removed", id: m.id, before: summarizeMeasure(m), after: null, details: ["withdrawn from the table"] });
    }
  }

  const relations = diffRelations(before.doc.relations, after.doc.relations);
  const lines = after.doc.importers.map((imp) => diffLines(imp.code, before, after)).filter((l) => l.added + l.removed + l.changed > 0);
  const coverageChanged = before.doc.coverage.from !== after.doc.coverage.from || before.doc.coverage.to !== after.doc.coverage.to;
  const oldNews = new Set(before.doc.news.map((n) => n.release));
  const measureChanges = Object.values(buckets).reduce((n, b) => n + b.length, 0);

  return {
    before: ref(before),
    after: ref(after),
    news: after.doc.news.filter((n) => !oldNews.has(n.release)),
    coverageChanged,
    ...buckets,
    relations,
    lines,
    noRateChanges:
      measureChanges === 0 &&
      !coverageChanged &&
      lines.length === 0 &&
      relations.added.length + relations.removed.length + relations.changed.length === 0,
  };
}

function ref(t: RateTable): ReleaseRef {
  return { id: t.id, released: t.released, sha256: t.sha256, coverage: `${t.doc.coverage.from} to ${throughOf(t.doc.coverage.to)}` };
}

export function summarizeMeasure(m: MeasureDoc): MeasureSummary {
  return {
    id: m.id,
    importer: m.importer,
    authority: m.authority,
    title: m.title,
    heading: m.heading,
    rate: rateText(m),
    from: m.from,
    through: m.to === undefined ? "" : throughOf(m.to),
    partners: partnersText(m),
    status: m.voidedBy === undefined ? "in force" : `voided by ${m.voidedBy}`,
    citations: [...m.documents, ...m.citations],
  };
}

/** "+20%", "+50% of steel content", "all-in 15%", "$0.10 per kg", "prohibited". */
export function rateText(m: Pick<MeasureDoc, "rate" | "basis">): string {
  const share = m.basis === undefined || m.basis === "full" ? "" : ` of ${m.basis} content`;
  return formulaText(m.rate) + share;
}

function formulaText(rate: RateFormulaDoc): string {
  if ("add" in rate) return `+${rate.add}%`;
  if ("allIn" in rate) return `all-in ${rate.allIn}%`;
  if ("perUnit" in rate) return `$${rate.perUnit.usd} per ${rate.perUnit.unit}`;
  if ("unknown" in rate) return `rate unknown (${rate.unknown})`;
  return "prohibited";
}

function throughOf(exclusiveEnd: string): string {
  return isoFromDay((isoDay(exclusiveEnd) - 1) as Day);
}

function period(m: MeasureDoc): string {
  return m.to === undefined ? `from ${m.from}, open-ended` : `from ${m.from} through ${throughOf(m.to)}`;
}

function partnersText(m: MeasureDoc): string {
  const base = m.partners.includes("*") ? "all origins" : m.partners.join(", ");
  return m.exceptPartners && m.exceptPartners.length > 0 ? `${base} except ${m.exceptPartners.join(", ")}` : base;
}

function endText(to: string | undefined): string {
  return to === undefined ? "open" : `through ${throughOf(to)}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareMeasure(old: MeasureDoc, m: MeasureDoc): MeasureChange | null {
  const details: string[] = [];
  const rateChanged = !same(old.rate, m.rate) || (old.basis ?? "full") !== (m.basis ?? "full");
  if (rateChanged) details.push(`rate ${rateText(old)} → ${rateText(m)}`);
  if (old.from !== m.from) details.push(`starts ${old.from} → ${m.from}`);
  const ends = old.to !== m.to;
  if (ends) details.push(`ends ${endText(old.to)} → ${endText(m.to)}`);
  if (!same(old.partners, m.partners) || !same(old.exceptPartners ?? [], m.exceptPartners ?? [])) {
    details.push(`origins ${partnersText(old)} → ${partnersText(m)}`);
  }
  if (!same(old.scope, m.scope)) details.push("product scope changed");
  if (old.voidedBy !== m.voidedBy)
    details.push(
      `status ${old.voidedBy === undefined ? "in force" : `voided by ${old.voidedBy}`} → ${m.voidedBy === undefined ? "in force" : `voided by ${m.voidedBy}`}`,
    );
  if (old.collectedFrom !== m.collectedFrom) details.push(`collected from ${old.collectedFrom ?? "the start"} → ${m.collectedFrom ?? "the start"}`);
  if (old.group !== m.group || (old.priority ?? 0) !== (m.priority ?? 0) || !same(old.tags, m.tags))
    details.push("stacking (group, priority or tags) changed");
  if (!same(old.claims ?? {}, m.claims ?? {}) || !same(old.inTransit ?? null, m.inTransit ?? null)) details.push("claims or in-transit rule changed");
  if (old.heading !== m.heading) details.push(`Chapter 99 heading ${old.heading} → ${m.heading}`);
  if (old.title !== m.title) details.push("title reworded");
  if (!same(old.documents, m.documents) || !same(old.citations, m.citations)) details.push("citations updated");
  if (old.confidence !== m.confidence) details.push(`confidence ${old.confidence} → ${m.confidence}`);
  if (old.authority !== m.authority || old.importer !== m.importer || old.notes !== m.notes || !same(old.conflict ?? null, m.conflict ?? null)) {
    details.push("notes or classification changed");
  }
  if (details.length === 0) return null;

  const endsEarlier = ends && m.to !== undefined && (old.to === undefined || m.to < old.to);
  const kind: MeasureChangeKind = rateChanged ? "rerated" : endsEarlier ? "ended" : "amended";
  return { kind, id: m.id, before: summarizeMeasure(old), after: summarizeMeasure(m), details };
}

function diffRelations(before: readonly RelationDoc[], after: readonly RelationDoc[]): ReleaseDiff["relations"] {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  return {
    added: after.filter((r) => !old.has(r.id)).map((r) => r.id),
    removed: before.filter((r) => !now.has(r.id)).map((r) => r.id),
    changed: after.filter((r) => old.has(r.id) && !same(old.get(r.id), r)).map((r) => r.id),
  };
}

function diffLines(importer: string, before: RateTable, after: RateTable): LineChanges {
  const lineMap = (t: RateTable) => {
    const doc = t.doc.importers.find((i) => i.code === importer);
    return new Map((doc?.lines ?? []).map((l) => [l[0], l[1]]));
  };
  const old = lineMap(before);
  const now = lineMap(after);
  let added = 0;
  let changed = 0;
  const examples: string[] = [];
  const example = (text: string) => {
    if (examples.length < MAX_LINE_EXAMPLES) examples.push(text);
  };
  for (const [line, general] of now) {
    const was = old.get(line);
    if (was === undefined) {
      added++;
      example(`${dotted(line)} added: ${general}`);
    } else if (was !== general) {
      changed++;
      example(`${dotted(line)}: ${was} → ${general}`);
    }
  }
  let removed = 0;
  for (const line of old.keys()) {
    if (!now.has(line)) {
      removed++;
      example(`${dotted(line)} removed`);
    }
  }
  return { importer, added, removed, changed, examples };
}

function dotted(line: string): string {
  return line.length === 8 ? `${line.slice(0, 4)}.${line.slice(4, 6)}.${line.slice(6)}` : line;
}
