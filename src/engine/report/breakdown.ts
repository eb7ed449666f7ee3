import Decimal from "decimal.js";
import { Day, isoFromDay } from "../dates";
import { formatHts } from "../hts";
import { HistoryRow, RateAnswer } from "../lookup/rateLookup";
import { Composition, Layer, LayerStatus, NotApplied } from "../stacking/compose";
import { specificText } from "../landed/dutyAmount";
import { PLAIN_CHOICE, RateChoice, describeSpecific, totalRate } from "../lookup/totalRate";
import { BaseRate } from "../table/compiledTable";

/**
 * The layer-by-layer view of an answer, as plain values: the same rows feed DUTY.BREAKDOWN, the CLI and
 * the task pane, so that all three say the same thing in the same words.
 */
export interface BreakdownRow {
  /**
   * `base` and `layer` rows add up to the ad valorem total; `specific` rows are per-unit duties (their
   * rate is an ad valorem equivalent, given a unit value); `notApplied` rows are conditional layers in
   * force that need a claim, listed so the analyst sees what was assumed.
   */
  readonly kind: "base" | "layer" | "specific" | "notApplied";
  readonly layer: string;
  readonly authority: string;
  readonly heading: string;
  /** Contribution to the ad valorem total, as a fraction of customs value; null when not computable. */
  readonly rate: number | null;
  readonly basis: string;
  readonly from: string;
  /** Last entry date the layer applies to (inclusive), or "" when open-ended. */
  readonly through: string;
  readonly status: string;
  readonly citation: string;
  readonly id: string;
  readonly notes: readonly string[];
  /** The measure's confidence (confirmed, single-source, uncertain); "" for the base row. */
  readonly confidence?: string;
}

export const BREAKDOWN_HEADER = ["Layer", "Authority", "Chapter 99", "Rate", "Basis", "From", "Through", "Status", "Citation"] as const;

const STATUS_TEXT: Record<LayerStatus, string> = {
  "in-force": "in force",
  "struck-down-refundable": "struck down, refundable",
  "struck-down": "struck down",
  scheduled: "scheduled",
};

export function breakdownRows(answer: RateAnswer, choice: RateChoice = PLAIN_CHOICE): BreakdownRow[] {
  const c = answer.composition;
  const base = c.base.expr;
  const baseRow: BreakdownRow = {
    kind: "base",
    layer: base === null ? "Base rate (unknown)" : `Base rate: ${base.text}`,
    authority: baseColumnLabel(c.base, answer.importer.code),
    heading: answer.product.display,
    rate: c.baseFraction === null ? null : c.baseFraction.toNumber(),
    basis: baseBasis(c),
    from: "",
    through: "",
    status: "in force",
    citation: c.base.column2Member
      ? `${c.base.source ?? answer.importer.baseSource}, Column 2; ${c.base.column2Member.citation}`
      : (c.base.source ?? answer.importer.baseSource),
    id: "base",
    notes: c.notes,
  };
  return [baseRow, ...c.layers.map(layerRow), ...specificRows(answer, choice), ...c.notApplied.map(notAppliedRow)];
}

function specificRows(answer: RateAnswer, choice: RateChoice): BreakdownRow[] {
  const c = answer.composition;
  if (c.specific.length === 0) return [];
  const equivalent = choice.unitValues.length > 0 ? totalRate(c, choice, answer.product.display) : null;
  return c.specific.map((part, i) => {
    const e = equivalent?.ok ? equivalent.value.equivalents[i] : undefined;
    const m = part.measure;
    const given = choice.unitValues.map((u) => `$${u.usd.toString()}/${u.unit}`).join(", ");
    return {
      kind: "specific",
      layer: `Specific duty ${specificText(part)}${m ? "" : " (base rate)"}`,
      authority: m ? m.authority : baseColumnLabel(c.base, answer.importer.code),
      heading: m ? m.heading : answer.product.display,
      rate: e ? e.fraction.toNumber() : null,
      basis: e
        ? `ad valorem equivalent at unit value ${given}`
        : equivalent && !equivalent.ok
          ? equivalent.error.message
          : `per ${part.unit}: not in the rate; give unit value=…/${part.unit} for its ad valorem equivalent`,
      from: m ? m.doc.from : "",
      through: m && m.to !== null ? isoFromDay((m.to - 1) as Day) : "",
      status: "in force",
      citation: m ? [...m.doc.documents, ...m.doc.citations].join("; ") : answer.importer.baseSource,
      id: m ? `specific:${m.id}` : "specific:base",
      notes: [],
    };
  });
}

function notAppliedRow(n: NotApplied): BreakdownRow {
  const m = n.measure;
  const cond = m.condition;
  const why = cond ? `${cond.fact}; assumed not (${cond.why})` : (m.doc.notes ?? "");
  return {
    kind: "notApplied",
    layer: `Not applied: ${m.doc.title}`,
    authority: m.authority,
    heading: m.heading,
    rate: null,
    basis: `applies only with claim ${n.claims.join(" + ")}${why ? `: ${why}` : ""}`,
    from: m.doc.from,
    through: m.to === null ? "" : isoFromDay((m.to - 1) as Day),
    status: "not applied (needs a claim)",
    citation: [...m.doc.documents, ...m.doc.citations].join("; "),
    id: m.id,
    notes: [],
  };
}

/** Which column of the schedule the base rate was read from, as a breakdown and an entry summary name it. */
export function baseColumnLabel(base: BaseRate, importer: string): string {
  if (base.column2Member) return "HTS Column 2 (general note 3(b))";
  if (base.program !== undefined) return `HTS Column 1 Special (${base.program})`;
  return importer === "US" ? "HTS Column 1 General (MFN)" : "MFN";
}

function baseBasis(c: Composition): string {
  switch (c.base.expr?.kind) {
    case undefined:
      return "unknown";
    case "free":
    case "adValorem":
      return "full value";
    case "specific":
      return "specific only (its own row below)";
    case "compound":
      return "ad valorem part (the specific part has its own row)";
    case "text":
      return "not a formula";
  }
}

function layerRow(layer: Layer): BreakdownRow {
  const m = layer.measure;
  return {
    kind: "layer",
    layer: m.doc.title,
    authority: m.authority,
    heading: m.heading,
    rate: layer.fraction === null ? null : layer.fraction.toNumber(),
    basis: layerBasis(layer),
    from: m.doc.from,
    through: m.to === null ? "" : isoFromDay((m.to - 1) as Day),
    // A scheduled layer is a projection: its confidence is part of what the status says.
    status: layer.status === "scheduled" ? `${STATUS_TEXT.scheduled} (${m.confidence})` : STATUS_TEXT[layer.status],
    citation: [...m.doc.documents, ...m.doc.citations].join("; "),
    id: m.id,
    notes: layer.notes,
    confidence: m.confidence,
  };
}

function layerBasis(layer: Layer): string {
  const f = layer.measure.formula;
  const pct = (d: Decimal) => `${d.times(100).toString()}%`;
  const share = layer.measure.basis === "full" ? "full value" : `${layer.measure.basis} content`;
  switch (f.kind) {
    case "add":
      return layer.share.equals(1) ? `${pct(f.fraction)} of ${share}` : `${pct(f.fraction)} of ${pct(layer.share)} of value (${share})`;
    case "allIn":
      return `all-in floor ${pct(f.fraction)}`;
    case "perUnit":
      return `$${f.usd.toString()} per ${f.unit}`;
    case "prohibited":
      return "entry prohibited";
    case "unknown":
      return `rate unknown: ${f.text}`;
  }
}

export interface HistoryLine {
  readonly from: Day;
  readonly through: Day | null;
  /** The rate by the rule of totalRate; null with `totalNote` saying why (unknown base, specific duty). */
  readonly total: number | null;
  readonly totalNote: string | null;
  readonly additional: number | null;
  readonly layers: string;
  /** The per-unit duties in force ("13.2¢/kg"), "" when there are none: shown whatever the options. */
  readonly specific: string;
}

export const HISTORY_HEADER = ["From", "Through", "Total rate", "Additional", "Layers", "Specific duty"] as const;

export function historyLines(rows: readonly HistoryRow[], choice: RateChoice = PLAIN_CHOICE, product = "this line"): HistoryLine[] {
  return rows.map((r) => {
    const total = totalRate(r.composition, choice, product);
    return {
      from: r.from,
      through: r.to === null ? null : ((r.to - 1) as Day),
      total: total.ok ? total.value.total.toNumber() : null,
      totalNote: total.ok ? null : total.error.message,
      additional: r.composition.additional?.toNumber() ?? null,
      layers: layersText(r.composition),
      specific: describeSpecific(r.composition),
    };
  });
}

/**
 * The layers of a history row. Where the total is unknown the row names its base too, or a change of the
 * base alone (a dated edition: China's 2026 schedule, a provisional rate) would show no difference.
 */
function layersText(c: Composition): string {
  const layers = c.layers.map((l) => `${l.measure.heading} ${l.fraction === null ? "?" : `${l.fraction.times(100).toString()}%`}`).join(" + ");
  if (c.total !== null) return layers || "base only";
  return [`base ${c.base.expr?.text ?? "unknown"}`, ...(layers ? [layers] : [])].join(" + ");
}

export { formatHts };
