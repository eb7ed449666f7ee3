import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** One row of USITC's HTS JSON export (only the fields the table uses). */
interface HtsRow {
  readonly htsno: string;
  readonly general: string | null;
  readonly special: string | null;
  /** Column 2, for the countries of general note 3(b). */
  readonly other: string | null;
}

/** Base lines, and the distinct Column 1 Special texts they point at by index. */
export interface BaseLines {
  /** [line, General, suffixes, Special index or null, Column 2 text or null] (table format 2). */
  readonly lines: [string, string, string, number | null, string | null][];
  readonly specials: string[];
}

export interface HtsRelease {
  readonly file: string;
  /** "2026 Revision 10", "2025 Basic Edition". */
  readonly label: string;
  readonly year: number;
  readonly revision: number; // 0 for the Basic Edition
}

const RELEASE_FILE = /^hts_(\d{4})_(basic|rev_(\d+))\.json\.gz$/;

export function listReleases(dir: string): HtsRelease[] {
  return readdirSync(dir)
    .map((file) => {
      const m = RELEASE_FILE.exec(file);
      if (!m) return null;
      const revision = m[3] === undefined ? 0 : Number(m[3]);
      const label = `${m[1]} ${revision === 0 ? "Basic Edition" : `Revision ${revision}`}`;
      return { file: join(dir, file), label, year: Number(m[1]), revision };
    })
    .filter((r): r is HtsRelease => r !== null)
    .sort((a, b) => a.year - b.year || a.revision - b.revision);
}

export function latestRelease(dir: string): HtsRelease {
  const all = listReleases(dir);
  const latest = all[all.length - 1];
  if (!latest) throw new Error(`no hts_<year>_<basic|rev_N>.json.gz files in ${dir}`);
  return latest;
}

/**
 * The 8-digit tariff lines of chapters 01–97 with their General (Column 1) rate and statistical suffixes.
 * The rate sits on the 8-digit row or, for most lines, on its 10-digit row(s); blank and whitespace-only
 * cells are not rates. Chapter 98 (special provisions) and 99 (temporary and additional duties) are not
 * base lines: chapter 99 is what the measures model.
 */
export function readBaseLines(release: HtsRelease): BaseLines {
  const rows = JSON.parse(gunzipSync(readFileSync(release.file)).toString("utf8")) as HtsRow[];
  const rate = new Map<string, string>();
  const special = new Map<string, string>();
  const other = new Map<string, string>();
  const suffixes = new Map<string, string[]>();
  for (const row of rows) {
    const digits = row.htsno.replace(/\./g, "");
    if (!/^\d{8}(\d{2})?$/.test(digits)) continue;
    const chapter = Number(digits.slice(0, 2));
    if (chapter < 1 || chapter > 97) continue;
    const line = digits.slice(0, 8);
    if (!suffixes.has(line)) suffixes.set(line, []);
    if (digits.length === 10) suffixes.get(line)!.push(digits.slice(8));
    const specialText = (row.special ?? "").replace(/\s+/g, " ").trim();
    if (specialText !== "") {
      const previous = special.get(line);
      if (previous !== undefined && previous !== specialText) {
        throw new Error(`${release.label}: line ${line} has two Special texts (${previous} / ${specialText})`);
      }
      special.set(line, specialText);
    }
    const otherText = (row.other ?? "").replace(/\s+/g, " ").trim();
    if (otherText !== "") {
      const previous = other.get(line);
      if (previous !== undefined && previous !== otherText) {
        throw new Error(`${release.label}: line ${line} has two Column 2 rates (${previous} / ${otherText})`);
      }
      other.set(line, otherText);
    }
    const general = (row.general ?? "").trim();
    if (general === "") continue;
    const previous = rate.get(line);
    if (previous !== undefined && previous !== general) {
      throw new Error(`${release.label}: line ${line} has two General rates (${previous} / ${general})`);
    }
    rate.set(line, general);
  }
  const lines: BaseLines["lines"] = [];
  const specials: string[] = [];
  const specialIndex = new Map<string, number>();
  for (const [line, sfx] of [...suffixes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const general = rate.get(line);
    if (general === undefined) throw new Error(`${release.label}: line ${line} has no General rate`);
    const suffixText = [...new Set(sfx)].sort().join(",");
    // Every line of chapters 01-97 has a Column 2 rate; one without is a defect of the input, and the
    // build stops rather than let a Column 2 origin fall back to Column 1.
    const column2 = other.get(line);
    if (column2 === undefined) throw new Error(`${release.label}: line ${line} has no Column 2 rate`);
    const text = special.get(line);
    let index: number | null = null;
    if (text !== undefined) {
      index = specialIndex.get(text) ?? null;
      if (index === null) {
        index = specials.push(text) - 1;
        specialIndex.set(text, index);
      }
    }
    lines.push([line, general, suffixText, index, column2]);
  }
  return { lines, specials };
}
