import { RateForm, parseRateExpression } from "../engine/rates";
import { RateTable } from "../engine/table/compiledTable";
import { HtsRelease, latestRelease, readBaseLines } from "./htsSource";
import { readFootnotes } from "./htsFootnotes";
import { CN_RULES } from "./cnSchedule";

/**
 * `npm run data:report`: what the table holds and how far to trust it. Coverage of the base lines, the
 * measures by authority and confidence, the product lists, a cross-check of each Section 301/232 list
 * against the HTS's own footnotes ("See 9903.88.03."), and the known gaps.
 */
export interface DataReport {
  readonly table: { id: string; released: string; sha256: string; coverage: string };
  readonly baseLines: { release: string; linesInHts: number; linesInTable: number; parsed: Record<RateForm, number> } | null;
  readonly measures: { total: number; byAuthority: Record<string, Record<string, number>>; conflicts: { id: string; choice: string }[] };
  readonly lists: { id: string; title: string; codes: number }[];
  readonly crossChecks: CrossCheck[];
  readonly gaps: { id: string; title: string; detail: string }[];
  readonly latestChange: { date: string; measures: string[] };
  /** Importers whose base is dated or annotated (China's 2026 schedule): how each line's base was decided. */
  readonly datedSchedules: DatedSchedule[];
}

export interface DatedSchedule {
  readonly importer: string;
  readonly lines: number;
  readonly linesFrom: string | null;
  readonly beforeLinesFrom: string | null;
  readonly source: string;
  /** One row per rule: lines it decided, whether their base is unknown, the note they carry. */
  readonly rules: { id: string; when: string | null; lines: number; unknown: boolean; note: string | null }[];
  readonly baseChanges: { line: string; from: string; general: string; source: string }[];
}

export interface CrossCheck {
  readonly heading: string;
  readonly measures: string[];
  /** Statistical lines the HTS footnotes point at this heading, and those the table's rows cover. */
  readonly htsLines: number;
  readonly tableLines: number;
  readonly onlyInHts: string[];
  readonly onlyInTable: string[];
}

export function dataReport(table: RateTable, htsDir: string | null): DataReport {
  const doc = table.doc;
  const byAuthority: Record<string, Record<string, number>> = {};
  for (const m of doc.measures) {
    const row = (byAuthority[`${m.importer} ${m.authority}`] ??= {});
    row[m.confidence] = (row[m.confidence] ?? 0) + 1;
  }
  const released = doc.released;
  const dates = new Map<string, string[]>();
  for (const m of doc.measures) {
    for (const d of [m.from, m.to, m.collectedFrom]) {
      if (d !== undefined && d <= released) dates.set(d, [...(dates.get(d) ?? []), m.id]);
    }
  }
  const latest = [...dates.keys()].sort().pop() ?? "";

  let baseLines: DataReport["baseLines"] = null;
  let crossChecks: CrossCheck[] = [];
  const us = doc.importers.find((i) => i.code === "US");
  if (htsDir !== null && us) {
    const release = latestRelease(htsDir);
    const hts = readBaseLines(release);
    const parsed: Record<RateForm, number> = { free: 0, adValorem: 0, specific: 0, compound: 0, text: 0 };
    for (const [, general] of us.lines) parsed[parseRateExpression(general).kind]++;
    baseLines = { release: release.label, linesInHts: hts.lines.length, linesInTable: us.lines.length, parsed };
    crossChecks = crossCheckFootnotes(table, release);
  }

  return {
    table: { id: table.id, released, sha256: table.sha256, coverage: `${doc.coverage.from} to ${doc.coverage.to} (exclusive)` },
    baseLines,
    measures: {
      total: doc.measures.length,
      byAuthority,
      conflicts: doc.measures.filter((m) => m.conflict).map((m) => ({ id: m.id, choice: m.conflict!.choice })),
    },
    lists: doc.productLists.map((l) => ({ id: l.id, title: l.title, codes: l.codes.length })),
    crossChecks,
    gaps: doc.gaps.map((g) => ({ id: g.id, title: g.title, detail: g.detail })),
    latestChange: { date: latest, measures: dates.get(latest) ?? [] },
    datedSchedules: datedSchedules(doc),
  };
}

function datedSchedules(doc: RateTable["doc"]): DatedSchedule[] {
  return doc.importers
    .filter((imp) => imp.linesFrom !== undefined || imp.lineNotes !== undefined || imp.baseChanges !== undefined)
    .map((imp) => {
      const notes = imp.lineNotes ?? [];
      const noted = notes.reduce((n, x) => n + x.lines.length, 0);
      const when = (id: string) => CN_RULES.find((r) => `cn-2026.${r.id}` === id)?.when ?? null;
      const rules: DatedSchedule["rules"] = notes.map((n) => ({
        id: n.id,
        when: when(n.id),
        lines: n.lines.length,
        unknown: n.base === "unknown",
        note: n.note,
      }));
      rules.push({
        id: "no note",
        when: when("cn-2026.mfn") ?? "the rate of the line as listed",
        lines: imp.lines.length - noted,
        unknown: false,
        note: null,
      });
      return {
        importer: imp.code,
        lines: imp.lines.length,
        linesFrom: imp.linesFrom ?? null,
        beforeLinesFrom: imp.beforeLinesFrom ?? null,
        source: imp.baseSource,
        rules,
        baseChanges: (imp.baseChanges ?? []).map((b) => ({ ...b })),
      };
    });
}

function crossCheckFootnotes(table: RateTable, release: HtsRelease): CrossCheck[] {
  const footnotes = readFootnotes(release);
  const us = table.importers.get("US")!;
  const byHeading = new Map<string, (typeof us.measures)[number][]>();
  for (const m of us.measures) byHeading.set(m.heading, [...(byHeading.get(m.heading) ?? []), m]);
  const checks: CrossCheck[] = [];
  for (const [heading, measures] of [...byHeading].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const prefixes = footnotes.get(heading);
    if (!prefixes) continue;
    // Compare statistical lines: a footnote may cover a whole 8-digit line or single statistical lines.
    const hts = new Set(us.atoms.filter((atom) => prefixes.some((p) => atom.startsWith(p))));
    const covered = new Set<string>();
    for (const m of measures) for (const [start, end] of m.atomRanges) for (let a = start; a < end; a++) covered.add(us.atoms[a]!);
    checks.push({
      heading,
      measures: measures.map((m) => m.id),
      htsLines: hts.size,
      tableLines: covered.size,
      onlyInHts: [...hts].filter((l) => !covered.has(l)).sort(),
      onlyInTable: [...covered].filter((l) => !hts.has(l)).sort(),
    });
  }
  return checks;
}

export function formatDataReport(r: DataReport): string {
  const out: string[] = [];
  out.push(`Rate table ${r.table.id}, released ${r.table.released}, sha256 ${r.table.sha256}`, `  coverage: entries ${r.table.coverage}`);
  out.push(`  latest legal change covered: ${r.latestChange.date} (${r.latestChange.measures.join(", ")})`, "");
  if (r.baseLines) {
    const b = r.baseLines;
    const total = Object.values(b.parsed).reduce((x, y) => x + y, 0);
    out.push(
      `Base lines (US, HTS ${b.release}): ${b.linesInTable} of ${b.linesInHts} 8-digit lines of chapters 01-97 in the table; all ${total} parsed:`,
    );
    for (const [form, n] of Object.entries(b.parsed))
      out.push(`  ${form.padEnd(10)} ${String(n).padStart(6)}${form === "text" ? "  (kept verbatim: prose, sliding scales, component rates)" : ""}`);
  } else {
    out.push("Base lines: pass --hts DIR to check them against the HTS release.");
  }
  for (const d of r.datedSchedules) {
    const unknown = d.rules.filter((x) => x.unknown).reduce((n, x) => n + x.lines, 0);
    out.push(
      "",
      `Base lines (${d.importer}): ${d.lines} lines, from ${d.linesFrom ?? "every date"}; ${d.lines - unknown} with a base, ${unknown} with an unknown base (never 0).`,
      `  source: ${d.source}`,
    );
    if (d.linesFrom !== null) out.push(`  before ${d.linesFrom}: base unknown for every line. ${d.beforeLinesFrom ?? ""}`.trimEnd());
    out.push("  how each line's base was decided (rules in order; the first that matches decides):");
    for (const x of d.rules) {
      out.push(`  ${x.id.padEnd(28)} ${String(x.lines).padStart(6)}  ${x.unknown ? "base unknown" : "base as listed"}: ${x.when ?? x.note ?? ""}`);
    }
    if (d.rules.some((x) => x.id.startsWith("cn-2026."))) {
      out.push(
        "  6-digit fallback keys of the transcription (5,612): not used; each copies the first 8-digit line of its subheading (checked at build), and a 6-digit query resolves to the 8-digit lines under it",
      );
    }
    for (const b of d.baseChanges) out.push(`  change: ${b.line} from ${b.from}: ${b.general} (${b.source})`);
  }
  out.push("", `Measures: ${r.measures.total}`);
  for (const [authority, byConfidence] of Object.entries(r.measures.byAuthority).sort()) {
    const parts = Object.entries(byConfidence)
      .map(([c, n]) => `${c} ${n}`)
      .join(", ");
    out.push(`  ${authority.padEnd(18)} ${parts}`);
  }
  out.push("", `Conflicts encoded (${r.measures.conflicts.length}):`);
  for (const c of r.measures.conflicts) out.push(`  ${c.id}: ${c.choice}`);
  out.push("", "Product lists:");
  for (const l of r.lists) out.push(`  ${l.id.padEnd(40)} ${String(l.codes).padStart(6)}  ${l.title}`);
  out.push("", "Cross-check against HTS footnotes (statistical lines the HTS points at each heading vs lines the table covers):");
  if (r.crossChecks.length === 0) out.push("  (none: pass --hts DIR)");
  for (const c of r.crossChecks) {
    const sample = (xs: string[]) => (xs.length === 0 ? "" : ` e.g. ${xs.slice(0, 5).join(" ")}`);
    out.push(
      `  ${c.heading}: HTS ${c.htsLines}, table ${c.tableLines}; only in HTS ${c.onlyInHts.length}${sample(c.onlyInHts)}; only in table ${c.onlyInTable.length}${sample(c.onlyInTable)}`,
    );
  }
  out.push("", `Known gaps (${r.gaps.length}):`);
  for (const g of r.gaps) out.push(`  ${g.id}: ${g.title}. ${g.detail}`);
  return out.join("\n");
}
