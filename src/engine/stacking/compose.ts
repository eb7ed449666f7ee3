import Decimal from "decimal.js";
import { isoFromDay } from "../dates";
import { adValoremPart, hasSpecificPart } from "../rates";
import { BaseRate, Measure, Relation, relationActive } from "../table/compiledTable";
import { EntryFacts } from "./facts";

/** `scheduled`: in force on the entry date by a legal text, but starting after the table's release date. */
export type LayerStatus = "in-force" | "struck-down-refundable" | "struck-down" | "scheduled";

/**
 * A duty charged per unit of quantity (the base rate's `4.4¢/kg`, a `perUnit` measure). It is no part of
 * the ad valorem `total`: a rate can only include it given a unit value (see adValoremEquivalent).
 */
export interface SpecificPart {
  /** The measure that charges it, or null for the base rate. */
  readonly measure: Measure | null;
  readonly usd: Decimal;
  readonly unit: string;
  /** What quantity is measured ("on drained weight"), when it is not the goods' own. */
  readonly qualifier?: string;
  /** Share of the goods it is charged on (a measure's share of value; 1 for the base rate). */
  readonly share: Decimal;
}

/** A conditional layer that is in force but was not applied because its claim was not made. */
export interface NotApplied {
  readonly measure: Measure;
  /** The claims that would apply it. */
  readonly claims: readonly string[];
}

export interface Layer {
  readonly measure: Measure;
  /** Share of customs value this layer is assessed on (1 = all of it). */
  readonly share: Decimal;
  /** Its contribution to the ad valorem total, as a fraction of customs value; null when not computable. */
  readonly fraction: Decimal | null;
  readonly status: LayerStatus;
  readonly refundable: boolean;
  readonly notes: readonly string[];
}

export interface Exclusion {
  readonly measure: Measure;
  readonly reason: string;
}

export interface Composition {
  readonly base: BaseRate;
  /** Ad valorem part of the base rate; null when the base is unknown or prose. */
  readonly baseFraction: Decimal | null;
  readonly layers: readonly Layer[];
  readonly excluded: readonly Exclusion[];
  readonly additional: Decimal | null;
  readonly total: Decimal | null;
  readonly prohibitedBy: Measure | null;
  /** Per-unit duties, base first; empty for a purely ad valorem answer. Never folded into `total`. */
  readonly specific: readonly SpecificPart[];
  /** Conditional layers in force on the date that apply only when claimed (and were not). */
  readonly notApplied: readonly NotApplied[];
  readonly notes: readonly string[];
  /** Equal signatures mean equal answers; used to merge history and to detect ambiguous prefixes. */
  readonly signature: string;
  /** The signature plus the reasons measures were left out: segments of a timeline differ in either. */
  readonly detailSignature: string;
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const NONE: readonly never[] = [];

/**
 * Decides which of the candidate measures apply to one entry and composes them on top of the base rate.
 *
 * Every rule here is generic: in force on the date, claims, in-transit relief, exclusion groups and
 * "winner beats loser" relations all come from the table. The order is fixed: a measure must first be
 * in force for this entry before it can win a group, and only group winners take part in relations.
 */
export function compose(
  base: BaseRate,
  candidates: readonly Measure[],
  relations: readonly Relation[],
  facts: EntryFacts,
  unclaimed: readonly Measure[] = NONE,
): Composition {
  const excluded: Exclusion[] = [];
  const { active, shares } = applying(base, candidates, relations, facts, excluded);
  const baseFraction = base.expr === null ? null : adValoremPart(base.expr);

  const layers: Layer[] = [];
  let prohibitedBy: Measure | null = null;
  for (const m of active) {
    const share = shares.get(m.index)!;
    if (share.isZero()) continue;
    if (m.formula.kind === "prohibited") prohibitedBy ??= m;
    layers.push(makeLayer(m, share, baseFraction, facts));
  }

  const notes: string[] = [];
  if (base.column2Member) notes.push(`Column 2 rate (HTS general note 3(b)): ${base.column2Member.citation}; no Column 1 or Special rate applies`);
  if (base.expr === null) {
    notes.push(
      base.column2Member
        ? "the Column 2 rate of this line is not in this table: it is unknown, not zero"
        : (base.note ?? "the base (MFN) rate is not in this table: it is unknown, not zero"),
    );
  } else if (base.expr.kind === "text") notes.push(`the base rate is not a formula ("${base.expr.text}"); no total can be computed`);
  else if (hasSpecificPart(base.expr)) {
    notes.push(`the base rate ${base.expr.text} has a specific part, which a rate includes only given a unit value`);
  }
  const specific = specificParts(base, layers);
  const notApplied = unclaimedInForce(unclaimed, facts);
  if (base.expr !== null && base.note !== undefined) notes.push(base.note);
  const additional = sumFractions(layers);
  const total = baseFraction === null || additional === null ? null : baseFraction.plus(additional);
  const signature = [
    base.expr?.text ?? "?",
    prohibitedBy?.id ?? "",
    ...layers.map((l) => `${l.measure.id}:${l.fraction?.toString() ?? "?"}:${l.status}`),
  ].join("|");
  const detailSignature =
    `${signature}#${excluded.map((e) => `${e.measure.id}:${e.reason}`).join("|")}` + `#${notApplied.map((n) => n.measure.id).join("|")}`;
  return { base, baseFraction, layers, excluded, additional, total, prohibitedBy, specific, notApplied, notes, signature, detailSignature };
}

/**
 * Which candidate measures apply to one entry, and on what share of its value: compose()'s decisions without
 * the layers, notes and signatures it builds from them, for a caller that needs only the numbers (DUTY.TARIFF's
 * view sums, lookup/viewSums.ts). `excluded` collects why measures were left out; null skips the reasons.
 */
export function applying(
  base: BaseRate,
  candidates: readonly Measure[],
  relations: readonly Relation[],
  facts: EntryFacts,
  excluded: Exclusion[] | null,
): { readonly active: readonly Measure[]; readonly shares: ReadonlyMap<number, Decimal> } {
  const inForce = candidates.filter((m) => inForceFor(m, facts, excluded));
  const active = resolveGroups(inForce, base, excluded);
  return { active, shares: resolveRelations(active, relations, facts, excluded) };
}

/** The per-unit parts of a base rate (`4.4¢/kg`, the specific part of `2¢/kg + 5%`); none for an ad valorem one. */
export function baseSpecificParts(base: BaseRate): SpecificPart[] {
  const out: SpecificPart[] = [];
  const expr = base.expr;
  if (expr !== null && (expr.kind === "specific" || expr.kind === "compound")) {
    for (const a of expr.amounts)
      out.push({ measure: null, usd: a.usd, unit: a.unit, ...(a.qualifier ? { qualifier: a.qualifier } : {}), share: ONE });
  }
  return out;
}

function specificParts(base: BaseRate, layers: readonly Layer[]): readonly SpecificPart[] {
  const out = baseSpecificParts(base);
  for (const l of layers) {
    const f = l.measure.formula;
    if (f.kind === "perUnit") out.push({ measure: l.measure, usd: f.usd, unit: f.unit, share: l.share });
  }
  return out.length === 0 ? NONE : out;
}

/** The conditional layers that would apply on this date had their claim been made. */
function unclaimedInForce(unclaimed: readonly Measure[], facts: EntryFacts): readonly NotApplied[] {
  if (unclaimed.length === 0) return NONE;
  const out: NotApplied[] = [];
  for (const m of unclaimed) {
    if (facts.day < m.from || (m.to !== null && facts.day >= m.to)) continue;
    if (m.waivedBy.some((c) => facts.claims.has(c))) continue;
    out.push({ measure: m, claims: m.requires.filter((c) => !facts.claims.has(c)) });
  }
  return out.length === 0 ? NONE : out;
}

function inForceFor(m: Measure, facts: EntryFacts, excluded: Exclusion[] | null): boolean {
  const { day, basis, claims, loaded } = facts;
  if (day < m.from || (m.to !== null && day >= m.to)) return false;
  if (basis === "entry" && m.collectedFrom !== null && day < m.collectedFrom) {
    excluded?.push({ measure: m, reason: `made retroactive later: collected only from ${isoFromDay(m.collectedFrom)}` });
    return false;
  }
  if (!m.requires.every((c) => claims.has(c))) return false;
  const waiver = m.waivedBy.find((c) => claims.has(c));
  if (waiver !== undefined) {
    excluded?.push({ measure: m, reason: `not applied: claim ${waiver}` });
    return false;
  }
  if (m.inTransit && loaded !== null && loaded < m.inTransit.loadedBefore && day < m.inTransit.enteredBefore) {
    excluded?.push({
      measure: m,
      reason: `in transit: loaded before ${isoFromDay(m.inTransit.loadedBefore)} and entered before ${isoFromDay(m.inTransit.enteredBefore)}${m.inTransit.heading === null ? "" : `, entered under ${m.inTransit.heading}`}`,
    });
    return false;
  }
  if (basis === "net" && m.voidedBy?.refundable) {
    excluded?.push({ measure: m, reason: `voided by ${m.voidedBy.title} (${m.voidedBy.date}); refundable, so left out of the net basis` });
    return false;
  }
  return true;
}

function resolveGroups(measures: readonly Measure[], base: BaseRate, excluded: Exclusion[] | null): Measure[] {
  const winners = new Map<string, Measure>();
  for (const m of measures) {
    if (m.group === null) continue;
    const current = winners.get(m.group.id);
    if (!current || beats(m, current, base)) winners.set(m.group.id, m);
  }
  return measures.filter((m) => {
    if (m.group === null) return true;
    const winner = winners.get(m.group.id)!;
    if (winner === m) return true;
    excluded?.push({ measure: m, reason: `superseded by ${winner.id} (${winner.heading}) in group ${m.group.id}` });
    return false;
  });
}

function beats(a: Measure, b: Measure, base: BaseRate): boolean {
  if (a.group!.resolve === "priority") return a.priority > b.priority;
  return nominalFraction(a, base).greaterThan(nominalFraction(b, base));
}

function nominalFraction(m: Measure, base: BaseRate): Decimal {
  const baseFraction = base.expr === null ? ZERO : (adValoremPart(base.expr) ?? ZERO);
  switch (m.formula.kind) {
    case "add":
      return m.formula.fraction;
    case "allIn":
      return Decimal.max(ZERO, m.formula.fraction.minus(baseFraction));
    default:
      return ZERO;
  }
}

/**
 * Applies "where the winner applies, the loser does not" on the value share the winner covers: a
 * full-value winner removes the loser, a metal-content winner leaves it the rest of the value.
 */
function resolveRelations(
  active: readonly Measure[],
  relations: readonly Relation[],
  facts: EntryFacts,
  excluded: Exclusion[] | null,
): Map<number, Decimal> {
  const live = relations.filter((r) => relationActive(r, facts.day));
  const beatenBy = new Map<number, { winner: Measure; relation: Relation }[]>();
  for (const loser of active) {
    for (const r of live) {
      if (!r.losers.has(loser.index)) continue;
      for (const winner of active) {
        if (winner !== loser && r.winners.has(winner.index)) {
          beatenBy.set(loser.index, [...(beatenBy.get(loser.index) ?? []), { winner, relation: r }]);
        }
      }
    }
  }
  const shares = new Map<number, Decimal>();
  if (beatenBy.size === 0) {
    // Nothing beats anything on this day (most days of most lines): every measure keeps its own share.
    for (const m of active) shares.set(m.index, ownShare(m, facts));
    return shares;
  }
  const pending = new Set(active.map((m) => m.index));
  while (pending.size > 0) {
    let progressed = false;
    for (const m of active) {
      if (!pending.has(m.index)) continue;
      const winners = beatenBy.get(m.index) ?? [];
      if (winners.some((w) => pending.has(w.winner.index))) continue;
      let share = ownShare(m, facts);
      for (const { winner, relation } of winners) {
        const covered = shares.get(winner.index)!;
        if (covered.isZero()) continue;
        share = Decimal.max(ZERO, share.minus(covered));
        if (share.isZero()) excluded?.push({ measure: m, reason: `not applied: ${winner.id} applies (${relation.doc.note})` });
      }
      shares.set(m.index, share);
      pending.delete(m.index);
      progressed = true;
    }
    // A validated table has no cycles; if one slips through, fail loudly rather than guess an order.
    if (!progressed) throw new Error("stacking relations form a cycle among the measures in force");
  }
  return shares;
}

function ownShare(m: Measure, facts: EntryFacts): Decimal {
  if (m.basis === "full") return ONE;
  return facts.content[m.basis] ?? ONE;
}

function makeLayer(m: Measure, share: Decimal, baseFraction: Decimal | null, facts: EntryFacts): Layer {
  const notes: string[] = [];
  let fraction: Decimal | null;
  switch (m.formula.kind) {
    case "add":
      fraction = m.formula.fraction.times(share);
      break;
    case "allIn":
      fraction = baseFraction === null ? null : Decimal.max(ZERO, m.formula.fraction.minus(baseFraction)).times(share);
      notes.push(`all-in ${m.formula.fraction.times(100).toString()}%: adds max(0, ${m.formula.fraction.times(100).toString()}% − base)`);
      break;
    case "perUnit":
      fraction = ZERO;
      notes.push(`specific duty $${m.formula.usd.toString()}/${m.formula.unit}: not part of the ad valorem rate`);
      break;
    case "prohibited":
      fraction = null;
      notes.push("entry prohibited");
      break;
    case "unknown":
      // A layer known to exist at a rate the table lacks: the total is unknown, not the total without it.
      fraction = null;
      notes.push(`rate not in this table: ${m.formula.text}`);
      break;
  }
  if (m.basis !== "full") {
    const declared = facts.content[m.basis];
    notes.push(
      declared === undefined
        ? `assessed on ${m.basis} content; none declared, so on full value (as CBP assesses undeclared content)`
        : `assessed on the ${share.times(100).toString()}% of value that is ${m.basis} content`,
    );
  } else if (!share.equals(ONE)) {
    notes.push(`assessed on the ${share.times(100).toString()}% of value not covered by another measure`);
  }
  if (m.condition?.default === "applies") {
    notes.push(`assumes ${m.condition.fact} (${m.condition.why}); claim ${m.condition.claim} if not`);
  } else if (m.condition?.default === "claimed") {
    notes.push(`applied because ${m.condition.claim} was claimed: ${m.condition.fact}`);
  }
  const voided = m.voidedBy;
  let status: LayerStatus = "in-force";
  if (voided && facts.basis !== "entry") status = voided.refundable ? "struck-down-refundable" : "struck-down";
  if (voided && facts.basis === "entry") notes.push(`later voided by ${voided.title} (${voided.date})${voided.refundable ? "; refundable" : ""}`);
  if (status === "in-force" && facts.released !== undefined && m.from > facts.released) {
    status = "scheduled";
    notes.push(`scheduled: starts ${isoFromDay(m.from)}, after the table's release; confidence ${m.confidence}`);
  }
  return { measure: m, share, fraction, status, refundable: voided?.refundable ?? false, notes };
}

function sumFractions(layers: readonly Layer[]): Decimal | null {
  let sum = ZERO;
  for (const l of layers) {
    if (l.fraction === null) return null;
    sum = sum.plus(l.fraction);
  }
  return sum;
}
