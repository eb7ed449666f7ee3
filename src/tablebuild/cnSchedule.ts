import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { LineDoc, LineNoteDoc } from "../engine/table/schema";

/**
 * China's 2026 Customs Tariff as base lines, from the transcription in ../shared/data/cn (its README states
 * the source and the defects handled here). The base of a line is its provisional import rate where one
 * exists, else its MFN rate, for entries from 2026-01-01 (Customs Tariff Commission Announcement 2025
 * No. 12 of 2025-12-31).
 *
 * The transcription was made by table extraction from the official PDFs, and some rows are wrong in ways
 * that look right. Each rule below takes a class of rows it cannot trust out of the "known base" set, and
 * every such line carries a note that travels in the table and is shown with its answers. Nothing is
 * repaired by guessing: a line whose rate cannot be trusted has an unknown base (#N/A), never a number.
 */
export interface CnRow {
  readonly ex: boolean;
  readonly name: string;
  readonly mfn: number | null;
  readonly general: number | null;
  readonly prov?: number;
}

export type CnRuleId = "null-mfn" | "columns-misread" | "prov-above-mfn" | "ex-item-only" | "ex-provisional" | "provisional" | "mfn";

export interface CnRule {
  readonly id: CnRuleId;
  /** What the rule detects, for the data report. */
  readonly when: string;
  /** The base it gives. */
  readonly base: "unknown" | "MFN" | "provisional";
  /** The note every line of the rule carries in the table (none for plain MFN lines). */
  readonly note: string | null;
}

/** In the order they are tried: the first that matches a row decides its base. */
export const CN_RULES: readonly CnRule[] = [
  {
    id: "null-mfn",
    when: "no MFN number was parsed (specific or compound duties: 0207.14 chicken cuts, 3702 film; 26080000, whose zinc-ore row an ex item replaced)",
    base: "unknown",
    note: "China 2026: the transcription of the schedule has no ad valorem MFN rate for this line (a specific or compound duty, or a misparsed row): base unknown, not zero; take the duty from the official schedule",
  },
  {
    id: "columns-misread",
    when: "general rate below MFN: the columns of the row were misread (e.g. 74031111 MFN 30, general 5; 02071200 MFN 20, general 0)",
    base: "unknown",
    note: "China 2026: the transcription misreads the columns of this line (its general rate is below its MFN rate), so its MFN rate cannot be trusted: base unknown; check the official schedule",
  },
  {
    id: "prov-above-mfn",
    when: "provisional rate above an MFN of 0 (all nine are ex-item rows): provisional rates only lower MFN, so one of the two numbers is misparsed, and the 0 may be the ex item's own rate",
    base: "unknown",
    note: "China 2026: the transcription shows a provisional rate above the MFN rate of 0 on an ex-item row of this line, so one of them is misparsed and the 0 may be the ex item's own rate: base unknown; check the official schedule",
  },
  {
    id: "ex-item-only",
    when: "an ex-item row replaced the line with no provisional rate, or with an MFN of 0: the MFN is the ex item's (mostly ITA items at 0), not necessarily the line's",
    base: "unknown",
    note: "China 2026: the transcription has only an ex item's row for this line (a product singled out within it, such as an ITA item at 0%), so the rate of the rest of the line is not in it: base unknown; check the official schedule",
  },
  {
    id: "ex-provisional",
    when: "an ex-item row with a provisional rate: the provisional rate covers the ex product only, so the base is the MFN rate",
    base: "MFN",
    note: "China 2026: base = the MFN rate; the 2026 provisional rate on this line covers only an ex item (a product singled out within the line), which may pay less",
  },
  {
    id: "provisional",
    when: "a provisional import rate (进口暂定税率) for the whole line",
    base: "provisional",
    note: "China 2026: the provisional import rate (进口暂定税率), in force instead of the MFN rate",
  },
  { id: "mfn", when: "every other line: the MFN rate", base: "MFN", note: null },
];

export function ruleFor(row: CnRow): CnRuleId {
  if (row.mfn === null) return "null-mfn";
  if (row.general !== null && row.general < row.mfn) return "columns-misread";
  if (row.prov !== undefined && row.prov > row.mfn) return "prov-above-mfn";
  if (row.ex && (row.prov === undefined || row.mfn === 0)) return "ex-item-only";
  if (row.ex) return "ex-provisional";
  if (row.prov !== undefined) return "provisional";
  return "mfn";
}

export interface CnSchedule {
  readonly lines: LineDoc[];
  readonly lineNotes: LineNoteDoc[];
  readonly sha256: string;
  readonly counts: {
    readonly lines: number;
    readonly fallbackKeys: number;
    readonly fallbackCopies: number;
    readonly byRule: Record<CnRuleId, number>;
  };
}

export class CnScheduleError extends Error {}

/** A percentage as the lines write rates: 0 is "Free", 5.5 is "5.5%". */
function rateText(percent: number): string {
  return percent === 0 ? "Free" : `${percent}%`;
}

export function readCnSchedule(file: string, expectedSha256: string | undefined): CnSchedule {
  const bytes = readFileSync(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // The transcription is pinned: a different file is a different source and must be reviewed, not absorbed.
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    throw new CnScheduleError(`${file} has sha256 ${sha256}; data/source pins ${expectedSha256} (see ../shared/data/cn/README.md)`);
  }
  const json = JSON.parse(bytes.toString("utf8")) as { by_hs8?: Record<string, CnRow> };
  const rows = json.by_hs8;
  if (rows === undefined || typeof rows !== "object") throw new CnScheduleError(`${file}: no by_hs8 object`);
  const keys = Object.keys(rows).sort();
  const eight = keys.filter((k) => /^\d{8}$/.test(k));
  const six = keys.filter((k) => /^\d{6}$/.test(k));
  const other = keys.filter((k) => !/^\d{6}$|^\d{8}$/.test(k));
  if (other.length > 0) throw new CnScheduleError(`${file}: keys neither 6 nor 8 digits: ${other.slice(0, 5).join(", ")}`);
  // The 6-digit keys are fallback copies of the first 8-digit line of their subheading (README); they
  // are used only where no 8-digit line exists. The build checks both claims, so none is ever needed.
  const firstUnder = new Map<string, string>();
  for (const e of eight) if (!firstUnder.has(e.slice(0, 6))) firstUnder.set(e.slice(0, 6), e);
  let copies = 0;
  for (const k of six) {
    const first = firstUnder.get(k);
    if (first === undefined) throw new CnScheduleError(`${file}: 6-digit key ${k} has no 8-digit line; decide how to use it before building`);
    if (JSON.stringify(rows[first]) === JSON.stringify(rows[k])) copies++;
  }
  const byRule = Object.fromEntries(CN_RULES.map((r) => [r.id, 0])) as Record<CnRuleId, number>;
  const noted = new Map<CnRuleId, string[]>();
  const lines: LineDoc[] = [];
  for (const line of eight) {
    const row = rows[line]!;
    const rule = ruleFor(row);
    byRule[rule]++;
    if (CN_RULES.find((r) => r.id === rule)!.note !== null) noted.set(rule, [...(noted.get(rule) ?? []), line]);
    const base = rule === "provisional" ? row.prov! : row.mfn;
    const unknown = CN_RULES.find((r) => r.id === rule)!.base === "unknown";
    // No Column 2 here: China's general rate (普通税率) reaches no origin this table answers for.
    lines.push([line, unknown || base === null ? "" : rateText(base), "", null, null]);
  }
  const lineNotes: LineNoteDoc[] = CN_RULES.filter((r) => r.note !== null && noted.has(r.id)).map((r) => ({
    id: `cn-2026.${r.id}`,
    note: r.note!,
    ...(r.base === "unknown" ? { base: "unknown" as const } : {}),
    lines: noted.get(r.id)!,
  }));
  return { lines, lineNotes, sha256, counts: { lines: eight.length, fallbackKeys: six.length, fallbackCopies: copies, byRule } };
}
