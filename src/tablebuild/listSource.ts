import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * How a product list is sourced in `data/source/*.yaml`: inline codes, or rows of a CSV from the Budget
 * Lab at Yale's tariff-rate-tracker filtered by column values. Codes are HTS prefixes without dots.
 */
export interface ListSpec {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly codes?: readonly string[];
  readonly yale?: { readonly file: string; readonly column: string; readonly where?: Readonly<Record<string, string | null>> };
  /** Source codes that are wrong, mapped to the corrected code; each fix is explained in the YAML. */
  readonly fix?: Readonly<Record<string, string>>;
  /** The lines the HTS itself points at a Chapter 99 heading with "See 9903.88.03." footnotes. */
  readonly htsFootnote?: string;
}

/** HTS rows (of the release the base rates come from) that cite each Chapter 99 heading in a footnote. */
export type FootnoteIndex = ReadonlyMap<string, readonly string[]>;

export function resolveList(spec: ListSpec, yaleDir: string, footnotes: FootnoteIndex): string[] {
  const codes = new Set<string>();
  if (spec.htsFootnote !== undefined) {
    const lines = footnotes.get(spec.htsFootnote);
    if (!lines) throw new Error(`list ${spec.id}: no HTS line has a footnote citing ${spec.htsFootnote}`);
    lines.forEach((l) => codes.add(l));
  }
  for (const c of spec.codes ?? []) codes.add(String(c).replace(/\./g, ""));
  if (spec.yale) {
    for (const row of readCsv(join(yaleDir, spec.yale.file))) {
      const matches = Object.entries(spec.yale.where ?? {}).every(([k, v]) => (v === null ? row[k] === "" : row[k] === v));
      if (!matches) continue;
      const code = row[spec.yale.column];
      if (code === undefined) throw new Error(`${spec.yale.file} has no column ${spec.yale.column}`);
      const clean = code.trim().replace(/\./g, "");
      codes.add(spec.fix?.[clean] ?? clean);
    }
  }
  const list = [...codes].sort();
  const bad = list.find((c) => !/^\d{2}(\d{2}){0,4}$/.test(c));
  if (bad !== undefined) throw new Error(`list ${spec.id}: ${JSON.stringify(bad)} is not an HTS prefix`);
  if (list.length === 0) throw new Error(`list ${spec.id} is empty`);
  return list;
}

/** A plain RFC 4180 subset: the tracker's CSVs have no quoted commas in the columns we read. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  if (!header) return [];
  const names = header.split(",").map((h) => h.trim());
  return rows.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? "").trim()]));
  });
}
