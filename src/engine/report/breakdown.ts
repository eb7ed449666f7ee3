import Decimal from "decimal.js";
import { Day, isoFromDay } from "../dates";
import { formatHts } from "../hts";
import { HistoryRow, RateAnswer } from "../lookup/rateLookup";
import { Composition, Layer, LayerStatus } from "../stacking/compose";

/**
 * The layer-by-layer view of an answer, as plain values: the same rows feed DUTY.BREAKDOWN, the CLI and
 * the task pane, so that all three say the same thing in the same words.
 */
export interface BreakdownRow {
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
}

export const BREAKDOWN_HEADER = ["Layer", "Authority", "Chapter 99", "Rate", "Basis", "From", "Through", "Status", "Citation"] as const;

const STATUS_TEXT: Record<LayerStatus, string> = {
  "in-force": "in force",
  "struck-down-refundable": "struck down, refundable",
  "struck-down": "struck down",
};

export function breakdownRows(answer: RateAnswer): BreakdownRow[] {
  const c = answer.composition;
  const base = c.base.expr;
  const baseRow: BreakdownRow = {
    layer: base === null ? "Base rate (unknown)" : `Base rate: ${base.text}`,
    authority:
      c.base.program !== undefined
        ? `HTS Column 1 Special (${c.base.program})`
        : answer.importer.code === "US"
          ? "HTS Column 1 General (MFN)"
          : "MFN",
    heading: answer.product.display,
    rate: c.baseFraction === null ? null : c.baseFraction.toNumber(),
    basis: baseBasis(c),
    from: "",
    through: "",
    status: "in force",
    citation: c.base.source ?? answer.importer.baseSource,
    id: "base",
    notes: c.notes,
  };
  return [baseRow, ...c.layers.map(layerRow)];
}

function baseBasis(c: Composition): string {
  switch (c.base.expr?.kind) {
    case undefined:
      return "unknown";
    case "free":
    case "adValorem":
      return "full value";
    case "specific":
      return "specific only (not in the rate)";
    case "compound":
      return "ad valorem part (specific part not in the rate)";
    case "text":
      return "not a formula";
  }
}

function layerRow(layer: Layer): BreakdownRow {
  const m = layer.measure;
  return {
    layer: m.doc.title,
    authority: m.authority,
    heading: m.heading,
    rate: layer.fraction === null ? null : layer.fraction.toNumber(),
    basis: layerBasis(layer),
    from: m.doc.from,
    through: m.to === null ? "" : isoFromDay((m.to - 1) as Day),
    status: STATUS_TEXT[layer.status],
    citation: [...m.doc.documents, ...m.doc.citations].join("; "),
    id: m.id,
    notes: layer.notes,
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
  readonly total: number | null;
  readonly additional: number | null;
  readonly layers: string;
}

export const HISTORY_HEADER = ["From", "Through", "Total rate", "Additional", "Layers"] as const;

export function historyLines(rows: readonly HistoryRow[]): HistoryLine[] {
  return rows.map((r) => ({
    from: r.from,
    through: r.to === null ? null : ((r.to - 1) as Day),
    total: r.composition.total?.toNumber() ?? null,
    additional: r.composition.additional?.toNumber() ?? null,
    layers: layersText(r.composition),
  }));
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
