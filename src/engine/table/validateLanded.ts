import { dayFromIso } from "../dates";
import type { LandedDoc } from "./landedSchema";
import { jsonPath } from "./problems";

/**
 * What the landed schema (landedSchema.ts) cannot say about the `landed` section of a format-2 table:
 * rows of one key never overlap in time (so at most one row answers for a day), dates are ordered, every
 * declared importer has a currency, the rows referring to an importer name one the section declares, a
 * minimum is not above its maximum, and the `cn` tax regime cites its consumption tax source.
 */
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;
type Span = { key: string; from: number | null; to: number | null; path: Path };

export function checkLanded(landed: LandedDoc, path: Path, report: Report): void {
  const importers = new Set<string>();
  landed.importers.forEach((imp, i) => {
    const p = [...path, "importers", i];
    if (importers.has(imp.code)) report([...p, "code"], `duplicate importer ${imp.code}`);
    importers.add(imp.code);
    if (imp.taxes === "cn" && imp.consumptionTaxSource === undefined)
      report([...p, "consumptionTaxSource"], "the cn tax regime cites its consumption tax source");
  });
  const knownImporter = (code: string, p: Path): boolean => {
    if (!importers.has(code)) report(p, `${JSON.stringify(code)} is not one of landed.importers`);
    return importers.has(code);
  };

  const currencies: Span[] = [];
  landed.currencies.forEach((r, i) => {
    const p = [...path, "currencies", i];
    const known = knownImporter(r.country, [...p, "country"]);
    const span = dates(r, p, report);
    if (known && span) currencies.push({ key: r.country, ...span, path: p });
  });
  noOverlaps(currencies, report);
  for (const code of importers) {
    if (!currencies.some((s) => s.key === code)) report([...path, "currencies"], `importer ${code} has no currency row`);
  }

  const mpf: Span[] = [];
  landed.mpf.forEach((r, i) => {
    const p = [...path, "mpf", i];
    if (Number(r.min) > Number(r.max)) report(p, `min (${r.min}) is above max (${r.max})`);
    const span = dates(r, p, report);
    if (span) mpf.push({ key: "", ...span, path: p });
  });
  noOverlaps(mpf, report);

  for (const part of ["hmf", "informalEntry"] as const) {
    const spans: Span[] = [];
    landed[part].forEach((r, i) => {
      const p = [...path, part, i];
      const span = dates(r, p, report);
      if (span) spans.push({ key: "", ...span, path: p });
    });
    noOverlaps(spans, report);
  }

  const deMinimis: Span[] = [];
  landed.deMinimis.forEach((r, i) => {
    const p = [...path, "deMinimis", i];
    if (r.origins.includes("*") && r.origins.length > 1) report([...p, "origins"], '"*" stands alone');
    const span = dates(r, p, report);
    if (span) for (const origin of r.origins) deMinimis.push({ key: origin, ...span, path: p });
  });
  noOverlaps(deMinimis, report);

  const rates: Span[] = [];
  landed.importTax.rates.forEach((r, i) => {
    const p = [...path, "importTax", "rates", i];
    const known = knownImporter(r.country, [...p, "country"]);
    const span = dates(r, p, report);
    if (known && span) rates.push({ key: r.country, ...span, path: p });
  });
  noOverlaps(rates, report);
}

function dates(r: { readonly from?: string; readonly to?: string }, p: Path, report: Report): { from: number | null; to: number | null } | null {
  const from = r.from === undefined ? null : dayFromIso(r.from);
  const to = r.to === undefined ? null : dayFromIso(r.to);
  if (from !== null && to !== null && from >= to) {
    report(p, `from (${r.from}) must be before to (${r.to})`);
    return null;
  }
  return { from, to };
}

/** Rows of one key must not overlap: otherwise the answer for a day would depend on row order. */
function noOverlaps(spans: Span[], report: Report): void {
  const byKey = new Map<string, Span[]>();
  for (const s of spans) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  for (const rows of byKey.values()) {
    const sorted = [...rows].sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const next = sorted[i]!;
      if (prev.to === null || (next.from ?? -Infinity) < prev.to) {
        report(next.path, `overlaps ${jsonPath(prev.path)}${next.key ? ` (${next.key})` : ""}: one row per day`);
      }
    }
  }
}
