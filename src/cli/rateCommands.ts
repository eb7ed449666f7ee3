import Decimal from "decimal.js";
import {
  BASES,
  Basis,
  ContentShares,
  Day,
  HISTORY_HEADER,
  RateAnswer,
  RateRequest,
  RateTable,
  breakdownRows,
  dayFromIso,
  easternDate,
  historyLines,
  isoFromDay,
  knownAdditional,
  knownTotal,
  lookupRate,
  rateHistory,
  unknownCaveats,
  unknownLayers,
} from "../engine";
import { ParsedArgs, UsageError, flag } from "./args";

export const RATE_FLAGS = { boolean: ["json", "known-layers"], value: ["importer", "claim", "basis", "loaded", "steel", "aluminum", "copper", "table"] };

export class LookupFailed extends Error {}

export function requestFrom(args: ParsedArgs, dateIndex: number, now: Date): RateRequest {
  const [country, product] = args.positional;
  if (country === undefined || product === undefined) throw new UsageError("give a country and an HTS code or sector");
  const basis = flag(args, "basis") ?? "entry";
  if (!BASES.includes(basis as Basis)) throw new UsageError(`--basis must be one of ${BASES.join(", ")}`);
  const loaded = flag(args, "loaded");
  return {
    importer: flag(args, "importer") ?? "US",
    country,
    product,
    day: parseDate(args.positional[dateIndex], now),
    basis: basis as Basis,
    claims: args.flags.get("claim") ?? [],
    loaded: loaded === undefined ? null : parseDate(loaded, now),
    content: contentFrom(args),
  };
}

export function parseDate(text: string | undefined, now: Date): Day {
  if (text === undefined || text === "today") return easternDate(now);
  const day = dayFromIso(text);
  if (day === null) throw new UsageError(`"${text}" is not a date: use YYYY-MM-DD`);
  return day;
}

function contentFrom(args: ParsedArgs): ContentShares {
  const out: { steel?: Decimal; aluminum?: Decimal; copper?: Decimal } = {};
  for (const metal of ["steel", "aluminum", "copper"] as const) {
    const v = flag(args, metal);
    if (v === undefined) continue;
    const share = /^\d+(\.\d+)?%$/.test(v) ? new Decimal(v.slice(0, -1)).div(100) : /^\d+(\.\d+)?$/.test(v) ? new Decimal(v) : null;
    if (share === null || share.greaterThan(1)) throw new UsageError(`--${metal} is the ${metal} share of value: 0.4 or 40%`);
    out[metal] = share;
  }
  return out;
}

export function answerOrFail(table: RateTable, request: RateRequest): RateAnswer {
  const outcome = lookupRate(table, request);
  if (!outcome.ok) throw new LookupFailed(outcome.error.message);
  return outcome.value;
}

/**
 * `--known-layers`: where the only gaps are layers of unknown rate (China's 2018-19 lists), the total of
 * the base and the known layers, labelled as such; null otherwise.
 */
function knownLayersTotal(answer: RateAnswer, knownLayers: boolean): number | null {
  const c = answer.composition;
  return c.total === null && knownLayers && unknownLayers(c).length > 0 ? (knownTotal(c)?.toNumber() ?? null) : null;
}

/** The `rate --json` object: fractions (1.45 = 145 %), every layer with its citation, and the table. */
export function rateJson(answer: RateAnswer, knownLayers = false): object {
  const c = answer.composition;
  const rows = breakdownRows(answer);
  const gaps = unknownCaveats(c);
  return {
    query: {
      importer: answer.importer.code,
      origin: answer.origin,
      originName: answer.originName,
      product: answer.product.display,
      sector: answer.product.sector?.keyword ?? null,
      lines: answer.lineCount,
      date: isoFromDay(answer.facts.day),
      basis: answer.facts.basis,
      claims: [...answer.facts.claims],
      loaded: answer.facts.loaded === null ? null : isoFromDay(answer.facts.loaded),
    },
    total: c.total?.toNumber() ?? null,
    ...(gaps.length > 0 ? { knownLayersTotal: knownLayersTotal(answer, true), notIncluded: gaps } : {}),
    ...(knownLayers ? { knownLayers: true } : {}),
    base: c.base.expr !== null && (c.base.expr.kind === "free" || c.base.expr.kind === "adValorem") ? c.baseFraction!.toNumber() : null,
    baseText: c.base.expr?.text ?? null,
    additional: c.additional?.toNumber() ?? null,
    layers: rows.slice(1).map((r, i) => {
      const layer = c.layers[i]!;
      return {
        id: r.id,
        authority: r.authority,
        heading: r.heading,
        title: r.layer,
        rate: r.rate,
        share: layer.share.toNumber(),
        basis: r.basis,
        from: r.from,
        through: r.through || null,
        status: layer.status,
        refundable: layer.refundable,
        confidence: layer.measure.confidence,
        citation: r.citation,
        notes: r.notes,
      };
    }),
    excluded: c.excluded.map((e) => ({ id: e.measure.id, heading: e.measure.heading, reason: e.reason })),
    notes: c.notes,
    table: { id: answer.table.id, released: answer.table.released, sha256: answer.table.sha256 },
  };
}

export function pct(x: number | null): string {
  if (x === null) return "unknown";
  return `${new Decimal(x).times(100).toDecimalPlaces(4).toString()}%`;
}

export function rateText(answer: RateAnswer, knownLayers = false): string {
  const c = answer.composition;
  const known = knownLayersTotal(answer, knownLayers);
  const totalText =
    known !== null
      ? `total ${pct(known)} (known layers only) = base ${c.base.expr?.text ?? "unknown"} + known additional ${pct(knownAdditional(c)?.toNumber() ?? null)}`
      : `total ${pct(c.total?.toNumber() ?? null)} = base ${c.base.expr?.text ?? "unknown"} + additional ${pct(c.additional?.toNumber() ?? null)}`;
  const head =
    `${answer.product.display}${answer.product.sector ? ` (${answer.product.sector.note})` : ""} from ${answer.originName} ` +
    `into ${answer.importer.name}, entered ${isoFromDay(answer.facts.day)} (${answer.facts.basis} basis): ${totalText}`;
  const gaps = unknownCaveats(c).map((g) => `  not included: ${g}${known === null && c.baseFraction !== null ? " (--known-layers for the known part)" : ""}`);
  return [head, ...gaps, ...c.notes.map((n) => `  note: ${n}`), `  table ${answer.table.id} sha256 ${answer.table.sha256.slice(0, 16)}…`].join("\n");
}

export function breakdownText(answer: RateAnswer, knownLayers = false): string {
  const rows = breakdownRows(answer);
  const lines = rows.map(
    (r) => `${pct(r.rate).padStart(9)}  ${r.heading.padEnd(14)} ${r.layer}\n${" ".repeat(11)}${r.basis}; ${r.status}${r.from ? `; ${r.from} to ${r.through || "open"}` : ""}\n${" ".repeat(11)}${r.citation}`,
  );
  const c = answer.composition;
  const excluded = c.excluded.map((e) => `  not applied: ${e.measure.id} (${e.measure.heading}): ${e.reason}`);
  return [rateText(answer, knownLayers), ...lines, ...excluded].join("\n");
}

export function historyOutput(table: RateTable, request: RateRequest, end: Day, json: boolean, knownLayers = false): string {
  const outcome = rateHistory(table, request, end);
  if (!outcome.ok) throw new LookupFailed(outcome.error.message);
  // --known-layers: base + known layers where only layers of unknown rate are missing.
  const lines = historyLines(outcome.value).map((l, i) => {
    const c = outcome.value[i]!.composition;
    return knownLayers && c.total === null && unknownLayers(c).length > 0 ? { ...l, total: knownTotal(c)?.toNumber() ?? null } : l;
  });
  if (json) {
    return JSON.stringify(
      {
        rows: lines.map((l) => ({
          from: isoFromDay(l.from),
          through: l.through === null ? null : isoFromDay(l.through),
          total: l.total,
          additional: l.additional,
          layers: l.layers,
        })),
        table: { id: table.id, sha256: table.sha256 },
      },
      null,
      2,
    );
  }
  const header = HISTORY_HEADER.join("\t");
  return [
    header,
    ...lines.map((l) => [isoFromDay(l.from), l.through === null ? "" : isoFromDay(l.through), pct(l.total), pct(l.additional), l.layers].join("\t")),
  ].join("\n");
}
