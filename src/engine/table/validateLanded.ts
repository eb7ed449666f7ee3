import { isCountryCode } from "../countries";
import type { Checker } from "./validateDocument";

/**
 * Checks the `landed` section of a format-2 table (schema.ts LandedDoc), naming each problem by its JSON
 * path. Beyond types: amounts are decimal strings, dates are real and ordered, rows of one key never
 * overlap in time (so at most one row answers for a day), every row cites a source, and the rows
 * referring to an importer name one the section declares.
 */
const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;
const USD = /^\d{1,9}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const UNION = /^[A-Z][A-Za-z0-9-]{0,19}$/;

type Json = unknown;
type Span = { key: string; from: number | null; to: number | null; path: string };

export function checkLanded(c: Checker, value: Json, path: string): void {
  const o = c.object(value, path);
  if (!o) return;
  const importers = checkImporters(c, o.importers, `${path}.importers`);

  const currencies: Span[] = [];
  c.array(o.currencies, `${path}.currencies`, 1000).forEach((row, i) => {
    const p = `${path}.currencies[${i}]`;
    const r = cited(c, row, p);
    if (!r) return;
    const country = knownImporter(c, r.country, `${p}.country`, importers);
    c.string(r.currency, `${p}.currency`, CURRENCY);
    const span = dates(c, r, p, false);
    if (country !== null && span) currencies.push({ key: country, ...span, path: p });
  });
  noOverlaps(c, currencies);
  for (const code of importers) {
    if (!currencies.some((s) => s.key === code)) c.fail(`${path}.currencies`, `importer ${code} has no currency row`);
  }

  const mpf: Span[] = [];
  c.array(o.mpf, `${path}.mpf`, 200).forEach((row, i) => {
    const p = `${path}.mpf[${i}]`;
    const r = cited(c, row, p);
    if (!r) return;
    if (typeof r.fiscalYear !== "number" || !Number.isInteger(r.fiscalYear)) c.fail(`${p}.fiscalYear`, "expected an integer");
    c.string(r.percent, `${p}.percent`, PERCENT);
    const min = c.string(r.min, `${p}.min`, USD);
    const max = c.string(r.max, `${p}.max`, USD);
    if (min !== null && max !== null && Number(min) > Number(max)) c.fail(p, `min (${min}) is above max (${max})`);
    c.string(r.informal, `${p}.informal`, USD);
    if (r.confidence !== "confirmed" && r.confidence !== "secondary") c.fail(`${p}.confidence`, 'expected "confirmed" or "secondary"');
    c.string(r.law, `${p}.law`);
    const span = dates(c, r, p, true);
    if (span) mpf.push({ key: "", ...span, path: p });
  });
  noOverlaps(c, mpf);

  const hmf: Span[] = [];
  c.array(o.hmf, `${path}.hmf`, 100).forEach((row, i) => {
    const p = `${path}.hmf[${i}]`;
    const r = cited(c, row, p);
    if (!r) return;
    c.string(r.percent, `${p}.percent`, PERCENT);
    c.string(r.smallUsd, `${p}.smallUsd`, USD);
    c.string(r.smallSource, `${p}.smallSource`);
    const span = dates(c, r, p, true);
    if (span) hmf.push({ key: "", ...span, path: p });
  });
  noOverlaps(c, hmf);

  const informal: Span[] = [];
  c.array(o.informalEntry, `${path}.informalEntry`, 100).forEach((row, i) => {
    const p = `${path}.informalEntry[${i}]`;
    const r = cited(c, row, p);
    if (!r) return;
    c.string(r.usd, `${p}.usd`, USD);
    const span = dates(c, r, p, true);
    if (span) informal.push({ key: "", ...span, path: p });
  });
  noOverlaps(c, informal);

  const deMinimis: Span[] = [];
  c.array(o.deMinimis, `${path}.deMinimis`, 500).forEach((row, i) => {
    const p = `${path}.deMinimis[${i}]`;
    const r = cited(c, row, p);
    if (!r) return;
    const origins = c.strings(r.origins, `${p}.origins`, undefined, 300);
    if (origins.length === 0) c.fail(`${p}.origins`, 'name the origins (ISO codes) or ["*"]');
    origins.forEach((origin, j) => {
      if (origin !== "*" && !isCountryCode(origin)) c.fail(`${p}.origins[${j}]`, `${JSON.stringify(origin)} is not an ISO alpha-2 country or "*"`);
    });
    if (origins.includes("*") && origins.length > 1) c.fail(`${p}.origins`, '"*" stands alone');
    c.string(r.thresholdUsd, `${p}.thresholdUsd`, USD);
    c.string(r.endedBy, `${p}.endedBy`);
    const span = dates(c, r, p, true);
    if (span) for (const origin of origins) deMinimis.push({ key: origin, ...span, path: p });
  });
  noOverlaps(c, deMinimis);
  const tax = c.object(o.importTax, `${path}.importTax`);
  if (tax) {
    c.date(tax.checkedThrough, `${path}.importTax.checkedThrough`);
    const rates: Span[] = [];
    c.array(tax.rates, `${path}.importTax.rates`, 2000).forEach((row, i) => {
      const p = `${path}.importTax.rates[${i}]`;
      const r = cited(c, row, p);
      if (!r) return;
      const country = knownImporter(c, r.country, `${p}.country`, importers);
      if (r.tax !== "VAT" && r.tax !== "GST") c.fail(`${p}.tax`, 'expected "VAT" or "GST"');
      c.string(r.percent, `${p}.percent`, PERCENT);
      const span = dates(c, r, p, true);
      if (country !== null && span) rates.push({ key: country, ...span, path: p });
    });
    noOverlaps(c, rates);
  }
}

function checkImporters(c: Checker, value: Json, path: string): Set<string> {
  const codes = new Set<string>();
  c.array(value, path, 300).forEach((row, i) => {
    const p = `${path}[${i}]`;
    const o = c.object(row, p);
    if (!o) return;
    const code = c.string(o.code, `${p}.code`);
    if (code !== null) {
      if (!isCountryCode(code)) c.fail(`${p}.code`, `${JSON.stringify(code)} is not an ISO alpha-2 country`);
      else if (codes.has(code)) c.fail(`${p}.code`, `duplicate importer ${code}`);
      else codes.add(code);
    }
    if (!["transaction", "fob", "cif"].includes(o.valuation as string)) c.fail(`${p}.valuation`, "expected transaction, fob or cif");
    c.string(o.valuationSource, `${p}.valuationSource`);
    if (!["none", "cn", "vat", "gst"].includes(o.taxes as string)) c.fail(`${p}.taxes`, "expected none, cn, vat or gst");
    if (typeof o.usFees !== "boolean") c.fail(`${p}.usFees`, "expected true or false");
    if (o.customsUnion !== undefined) c.string(o.customsUnion, `${p}.customsUnion`, UNION);
    c.string(o.fxSource, `${p}.fxSource`);
    if (o.taxRounding !== undefined) c.string(o.taxRounding, `${p}.taxRounding`);
    if (o.consumptionTaxSource !== undefined) c.string(o.consumptionTaxSource, `${p}.consumptionTaxSource`);
    if (o.standardRateNote !== undefined) c.string(o.standardRateNote, `${p}.standardRateNote`, undefined, 200);
    if (o.taxes === "cn" && o.consumptionTaxSource === undefined) c.fail(`${p}.consumptionTaxSource`, "the cn tax regime cites its consumption tax source");
    citations(c, o.citations, `${p}.citations`);
  });
  return codes;
}

/** A row object with `source` and at least one citation checked. */
function cited(c: Checker, row: Json, p: string): Record<string, Json> | null {
  const o = c.object(row, p);
  if (!o) return null;
  c.string(o.source, `${p}.source`);
  citations(c, o.citations, `${p}.citations`);
  return o;
}

function citations(c: Checker, value: Json, path: string): void {
  if (c.strings(value, path, undefined, 50).length === 0) c.fail(path, "every row cites a public source");
}

function knownImporter(c: Checker, value: Json, path: string, importers: ReadonlySet<string>): string | null {
  const code = c.string(value, path);
  if (code !== null && !importers.has(code)) c.fail(path, `${JSON.stringify(code)} is not one of landed.importers`);
  return code;
}

function dates(c: Checker, r: Record<string, Json>, p: string, fromRequired: boolean): { from: number | null; to: number | null } | null {
  const from = fromRequired ? c.date(r.from, `${p}.from`) : c.optionalDate(r.from, `${p}.from`);
  const to = c.optionalDate(r.to, `${p}.to`);
  if ((fromRequired && from === null) || (r.to !== undefined && to === null)) return null;
  if (from !== null && to !== null && from >= to) {
    c.fail(p, `from (${String(r.from)}) must be before to (${String(r.to)})`);
    return null;
  }
  return { from, to };
}

/** Rows of one key must not overlap: otherwise the answer for a day would depend on row order. */
function noOverlaps(c: Checker, spans: Span[]): void {
  const byKey = new Map<string, Span[]>();
  for (const s of spans) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  for (const rows of byKey.values()) {
    const sorted = [...rows].sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const next = sorted[i]!;
      if (prev.to === null || (next.from ?? -Infinity) < prev.to) {
        c.fail(next.path, `overlaps ${prev.path}${next.key ? ` (${next.key})` : ""}: one row per day`);
      }
    }
  }
}
