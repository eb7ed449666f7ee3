import Decimal from "decimal.js";
import { dayFromIso } from "../dates";
import { RateTable } from "../table/compiledTable";
import { loadTable } from "../table/loadTable";
import { MeasureDoc, RateFormulaDoc, TableDocument } from "../table/schema";
import { TableValidationError } from "../table/tableValidationError";
import { clip } from "../util/clip";
import { rateText } from "../diff/releaseDiff";

/**
 * "What if": a release with some measures' rates or dates replaced.
 *
 * A scenario never patches the compiled table in place. It writes a new table document in which each
 * overridden measure carries the new rate and/or dates (and says so in its title and notes), and loads
 * that document through `loadTable`, so a scenario is held to every rule a release is held to (dates in
 * order, no overlapping priority group members, no stacking cycle). Its hash identifies it: two
 * co-authors with the same overrides on the same release compute with byte-identical tables.
 */
export interface ScenarioOverride {
  /** Measure id, as in the release (DUTY.BREAKDOWN and the audit sheet show it). */
  readonly measure: string;
  /** New rate in percent as a decimal string ("0", "25", "7.5"); null or "" keeps the release's rate. */
  readonly ratePercent?: string | null;
  /** New first entry date (YYYY-MM-DD); null or "" keeps it. */
  readonly from?: string | null;
  /** New end: the first entry date no longer covered (YYYY-MM-DD, exclusive, as in the table); null or "" keeps it. */
  readonly to?: string | null;
  readonly note?: string;
}

export interface AppliedOverride {
  readonly measure: string;
  readonly title: string;
  /** "+20% → +0%", "ends open → 2026-07-23 (exclusive)": what the override changed. */
  readonly changes: readonly string[];
  readonly note: string;
}

export interface ScenarioInfo {
  /** The release the scenario was derived from: what the workbook is pinned to. */
  readonly base: RateTable;
  readonly overrides: readonly AppliedOverride[];
  /** Short text for DUTY.VERSION(): "2 overrides, 5e1f0c2a9b3d". */
  readonly label: string;
}

/** A rate table derived from a release by a scenario; `scenario` says from which and how. */
export type ScenarioTable = RateTable & { readonly scenario: ScenarioInfo };

export type ScenarioResult = { readonly ok: true; readonly table: ScenarioTable } | { readonly ok: false; readonly problems: readonly string[] };

const PERCENT = /^\d{1,4}(\.\d+)?$/;
export const SCENARIO_TITLE_PREFIX = "[Scenario] ";

export function isScenarioTable(table: RateTable): table is ScenarioTable {
  return (table as Partial<ScenarioTable>).scenario !== undefined;
}

/** The release under a table: itself, or the release a scenario was derived from. */
export function releaseOf(table: RateTable): RateTable {
  return isScenarioTable(table) ? table.scenario.base : table;
}

/** Excel keeps 25% as 0.25: the percent string for a fraction, to 6 decimals, without float noise. */
export function percentFromFraction(fraction: number): string | null {
  if (!Number.isFinite(fraction) || fraction < 0) return null;
  return new Decimal(fraction)
    .times(100)
    .toDecimalPlaces(6)
    .toFixed()
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

export function applyScenario(base: RateTable, overrides: readonly ScenarioOverride[]): ScenarioResult {
  const release = releaseOf(base);
  const problems: string[] = [];
  const byId = new Map(release.doc.measures.map((m) => [m.id, m]));
  const seen = new Map<string, number>();
  const replaced = new Map<string, MeasureDoc>();
  const applied: AppliedOverride[] = [];

  overrides.forEach((o, i) => {
    const where = `row ${i + 1}`;
    const id = o.measure.trim();
    if (id === "") {
      problems.push(`${where}: no measure id`);
      return;
    }
    const original = byId.get(id);
    if (original === undefined) {
      problems.push(`${where}: no measure ${JSON.stringify(clip(id, 60))} in table ${release.id}${suggest(id, byId)}`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`${where}: measure ${id} is already overridden in row ${seen.get(id)! + 1}; use one row per measure`);
      return;
    }
    seen.set(id, i);
    const result = override(original, o, where);
    if (typeof result === "string") {
      problems.push(result);
      return;
    }
    replaced.set(id, result.doc);
    applied.push({ measure: id, title: original.title, changes: result.changes, note: (o.note ?? "").trim() });
  });
  if (problems.length > 0) return { ok: false, problems };

  const doc: TableDocument = {
    ...release.doc,
    id: scenarioId(release.id),
    measures: release.doc.measures.map((m) => replaced.get(m.id) ?? m),
  };
  let derived: RateTable;
  try {
    derived = loadTable(JSON.stringify(doc));
  } catch (e) {
    if (e instanceof TableValidationError) return { ok: false, problems: e.problems.map((p) => `the scenario makes the table inconsistent: ${p}`) };
    throw e;
  }
  const label =
    applied.length === 0
      ? `no overrides, ${derived.sha256.slice(0, 12)}`
      : `${applied.length} override${applied.length === 1 ? "" : "s"}, ${derived.sha256.slice(0, 12)}`;
  return { ok: true, table: { ...derived, scenario: { base: release, overrides: applied, label } } };
}

function scenarioId(id: string): string {
  const suffix = ".scenario";
  return id.slice(0, 80 - suffix.length) + suffix;
}

function override(m: MeasureDoc, o: ScenarioOverride, where: string): { doc: MeasureDoc; changes: string[] } | string {
  const changes: string[] = [];
  let rate: RateFormulaDoc = m.rate;
  const ratePercent = blankToNull(o.ratePercent);
  if (ratePercent !== null) {
    if (!PERCENT.test(ratePercent)) return `${where} (${m.id}): rate ${JSON.stringify(clip(ratePercent, 20))} is not a percentage from 0 to 9999`;
    const value = new Decimal(ratePercent)
      .toDecimalPlaces(6)
      .toFixed()
      .replace(/(\.\d*?)0+$/, "$1")
      .replace(/\.$/, "");
    if ("add" in m.rate) rate = { add: value };
    else if ("allIn" in m.rate) rate = { allIn: value };
    else return `${where} (${m.id}): ${rateText(m)} is not a percentage rate, so a rate cannot override it (change its dates instead)`;
    changes.push(`rate ${rateText(m)} → ${rateText({ rate, basis: m.basis })}`);
  }
  const from = blankToNull(o.from);
  const to = blankToNull(o.to);
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== null && dayFromIso(value) === null)
      return `${where} (${m.id}): ${name} ${JSON.stringify(clip(value, 20))} is not a date (YYYY-MM-DD)`;
  }
  const newFrom = from ?? m.from;
  const newTo = to ?? m.to;
  if (newTo !== undefined && newFrom >= newTo)
    return `${where} (${m.id}): the measure would start (${newFrom}) on or after it ends (${newTo}, exclusive)`;
  if (from !== null && from !== m.from) changes.push(`starts ${m.from} → ${from}`);
  if (to !== null && to !== m.to) changes.push(`ends ${m.to === undefined ? "open" : `${m.to} (exclusive)`} → ${to} (exclusive)`);
  if (ratePercent === null && from === null && to === null) return `${where} (${m.id}): give a rate, a from date or a to date`;
  const note = (o.note ?? "").trim();
  const noteText = `Scenario override: ${changes.length > 0 ? changes.join("; ") : "no change"}${note === "" ? "" : ` (${note})`}.`;
  const doc: MeasureDoc = {
    ...m,
    title: SCENARIO_TITLE_PREFIX + m.title,
    rate,
    from: newFrom,
    ...(newTo === undefined ? {} : { to: newTo }),
    notes: m.notes === undefined ? noteText : `${noteText} ${m.notes}`,
  };
  return { doc, changes };
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === "" ? null : t;
}

function suggest(id: string, byId: ReadonlyMap<string, MeasureDoc>): string {
  const needle = id.toLowerCase();
  const close = [...byId.keys()].filter((k) => k.toLowerCase().includes(needle) || needle.includes(k.toLowerCase())).slice(0, 3);
  return close.length === 0 ? "" : ` (did you mean ${close.join(", ")}?)`;
}
