import Decimal from "decimal.js";
import {
  BASES,
  Basis,
  Day,
  HISTORY_HEADER,
  RateAnswer,
  RateRequest,
  RateTable,
  breakdownRows,
  knownAdditional,
  knownTotal,
  historyLines,
  isoFromDay,
  lookupRate,
  PLAIN_CHOICE,
  RateChoice,
  rateHistory,
  totalRate,
  unknownCaveats,
} from "../engine";
import { clip } from "../engine/util/clip";
import { RateQuestion, rateQuestion } from "../requests/rateQuestion";
import { ParsedArgs, UsageError, flag } from "./args";

export const RATE_FLAGS = {
  boolean: ["json", "ad-valorem-part", "known-layers"],
  value: ["importer", "claim", "basis", "loaded", "steel", "aluminum", "copper", "table", "unit-value"],
};

/** Exit code of rate/breakdown/history when the lookup answered but gave no total (specific duty, unknown base). */
export const NO_TOTAL = 3;

export class LookupFailed extends Error {}

/**
 * The CLI's flags, spelled as the words of the options grammar (`--basis final --claim USMCA --steel 40%`
 * is the options text "final; USMCA; steel=40%"), so that a command line and a DUTY cell are read by the
 * same request layer (src/requests) and mean the same thing.
 */
export function optionsText(args: ParsedArgs): string {
  const words: string[] = [];
  const put = (name: string, word: string) => {
    // A separator inside a flag value would smuggle in another option.
    if (/[;,]/.test(word)) throw new UsageError(`--${name} "${clip(word, 100)}": one value per flag, without ; or ,`);
    words.push(word);
  };
  const basis = flag(args, "basis");
  if (basis !== undefined) {
    if (!BASES.includes(basis as Basis)) throw new UsageError(`--basis must be one of ${BASES.join(", ")} (got "${clip(basis, 100)}")`);
    put("basis", basis);
  }
  for (const claim of args.flags.get("claim") ?? []) put("claim", claim);
  const loaded = flag(args, "loaded");
  if (loaded !== undefined) put("loaded", `loaded=${loaded}`);
  for (const metal of METAL_FLAGS) {
    const share = flag(args, metal);
    if (share !== undefined) put(metal, `${metal}=${share}`);
  }
  for (const uv of args.flags.get("unit-value") ?? []) put("unit-value", `unit value=${uv}`);
  if (flag(args, "ad-valorem-part") !== undefined) words.push("ad valorem part");
  if (flag(args, "known-layers") !== undefined) words.push("known layers");
  return words.join("; ");
}

/** The metal-share flags; their words must be among the table's valueBases, which the grammar checks. */
const METAL_FLAGS = ["steel", "aluminum", "copper"] as const;

/** The positional country, product and date plus the flags, through the one request layer. */
export function questionFrom(args: ParsedArgs, dateIndex: number, now: Date, table: RateTable, dateName = "date"): RateQuestion {
  const [country, product] = args.positional;
  if (country === undefined || product === undefined) throw new UsageError("give a country and an HTS code or sector");
  const date = args.positional[dateIndex];
  const q = rateQuestion(
    { country, sector: product, date: date === "today" ? undefined : date, importer: flag(args, "importer"), options: optionsText(args) },
    table,
    now,
    dateName,
  );
  if (!q.ok) throw new UsageError(q.message);
  return q.value;
}

export function answerOrFail(table: RateTable, request: RateRequest): RateAnswer {
  const outcome = lookupRate(table, request);
  if (!outcome.ok) throw new LookupFailed(outcome.error.message);
  return outcome.value;
}

/**
 * The `rate --json` object: fractions (1.45 = 145 %), every layer with its citation, and the table.
 * `total` follows DUTY.TARIFF: null, with `totalNote`, for a specific duty without a unit value.
 */
export function rateJson(answer: RateAnswer, choice: RateChoice = PLAIN_CHOICE): object {
  const c = answer.composition;
  const rows = breakdownRows(answer, choice);
  const total = totalRate(c, choice, answer.product.display);
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
    total: total.ok ? total.value.total.toNumber() : null,
    totalNote: total.ok
      ? total.value.knownLayersOnly
        ? "known layers only: layers of unknown rate are not included (see notIncluded)"
        : total.value.method === "adValoremPart"
          ? "ad valorem part only: the specific duty is not included"
          : null
      : total.error.message,
    adValoremTotal: c.total?.toNumber() ?? null,
    // Where a layer's rate is a stated gap, the lower bound that "known layers" gives, always labelled.
    ...(gaps.length > 0 ? { knownLayersTotal: knownTotal(c)?.toNumber() ?? null, notIncluded: gaps } : {}),
    base: c.base.expr !== null && (c.base.expr.kind === "free" || c.base.expr.kind === "adValorem") ? c.baseFraction!.toNumber() : null,
    baseText: c.base.expr?.text ?? null,
    additional: c.additional?.toNumber() ?? null,
    column: c.base.column2Member ? "2" : "1",
    specific: c.specific.map((p, i) => {
      const e = total.ok ? total.value.equivalents[i] : undefined;
      return {
        heading: p.measure?.heading ?? null,
        usd: p.usd.toNumber(),
        unit: p.unit,
        qualifier: p.qualifier ?? null,
        share: p.share.toNumber(),
        equivalent: e ? e.fraction.toNumber() : null,
      };
    }),
    notApplied: c.notApplied.map((n) => ({
      id: n.measure.id,
      heading: n.measure.heading,
      title: n.measure.doc.title,
      claims: n.claims,
      condition: n.measure.condition,
    })),
    layers: rows
      .filter((r) => r.kind === "layer")
      .map((r, i) => {
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
    // An entry date after the release date: the answer projects the law as known at release.
    projection: answer.projection !== undefined,
    projectionNote: answer.projection ?? null,
    table: { id: answer.table.id, released: answer.table.released, sha256: answer.table.sha256 },
  };
}

export function pct(x: number | null): string {
  if (x === null) return "unknown";
  return `${new Decimal(x).times(100).toDecimalPlaces(4).toString()}%`;
}

export function rateText(answer: RateAnswer, choice: RateChoice = PLAIN_CHOICE): string {
  const c = answer.composition;
  const total = totalRate(c, choice, answer.product.display);
  const head =
    `${answer.product.display}${answer.product.sector ? ` (${answer.product.sector.note})` : ""} from ${answer.originName} ` +
    `into ${answer.importer.name}, entered ${isoFromDay(answer.facts.day)} (${answer.facts.basis} basis): ` +
    (total.ok && total.value.knownLayersOnly
      ? `total ${pct(total.value.total.toNumber())} (known layers only) = base ${c.base.expr?.text ?? "unknown"} + known additional ${pct(knownAdditional(c)?.toNumber() ?? null)}`
      : `total ${total.ok ? pct(total.value.total.toNumber()) : "none"} = base ${c.base.expr?.text ?? "unknown"} + additional ${pct(c.additional?.toNumber() ?? null)}`);
  const why = total.ok
    ? [...(total.value.method === "adValoremPart" ? ["  note: ad valorem part only: the specific duty is not included"] : [])]
    : [`  ${total.error.message.startsWith("no total") ? total.error.message : `no total: ${total.error.message}`}`];
  const gaps = unknownCaveats(c).map((g) => `  not included: ${g}`);
  return [
    head,
    ...why,
    ...gaps,
    ...c.notes.map((n) => `  note: ${n}`),
    `  table ${answer.table.id} sha256 ${answer.table.sha256.slice(0, 16)}…`,
  ].join("\n");
}

/** 0 when the answer has a total by DUTY.TARIFF's rule, NO_TOTAL otherwise. */
export function exitCodeOf(answer: RateAnswer, choice: RateChoice): number {
  return totalRate(answer.composition, choice, answer.product.display).ok ? 0 : NO_TOTAL;
}

export function breakdownText(answer: RateAnswer, choice: RateChoice = PLAIN_CHOICE): string {
  const rows = breakdownRows(answer, choice);
  const lines = rows.map(
    (r) =>
      `${(r.kind === "notApplied" ? "—" : r.kind === "specific" && r.rate === null ? "per unit" : pct(r.rate)).padStart(9)}  ${r.heading.padEnd(14)} ${r.layer}\n${" ".repeat(11)}${r.basis}; ${r.status}${r.from ? `; ${r.from} to ${r.through || "open"}` : ""}\n${" ".repeat(11)}${r.citation}`,
  );
  const c = answer.composition;
  const excluded = c.excluded.map((e) => `  not applied: ${e.measure.id} (${e.measure.heading}): ${e.reason}`);
  return [rateText(answer, choice), ...lines, ...excluded].join("\n");
}

export function historyOutput(table: RateTable, request: RateRequest, end: Day, json: boolean, choice: RateChoice = PLAIN_CHOICE): string {
  const outcome = rateHistory(table, request, end);
  if (!outcome.ok) throw new LookupFailed(outcome.error.message);
  const lines = historyLines(outcome.value, choice, String(request.product));
  if (json) {
    return JSON.stringify(
      {
        rows: lines.map((l) => ({
          from: isoFromDay(l.from),
          through: l.through === null ? null : isoFromDay(l.through),
          total: l.total,
          totalNote: l.totalNote,
          additional: l.additional,
          layers: l.layers,
          specific: l.specific,
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
    ...lines.map((l) =>
      [
        isoFromDay(l.from),
        l.through === null ? "" : isoFromDay(l.through),
        l.total === null ? "none" : pct(l.total),
        pct(l.additional),
        l.layers,
        l.specific,
      ].join("\t"),
    ),
  ].join("\n");
}
