import { Day, RateTable, isoFromDay } from "../engine";

/** 1.45 → "145%", 0.265 → "26.5%"; null → "unknown". */
export function percent(x: number | null): string {
  if (x === null) return "unknown";
  return `${(Math.round(x * 1e6) / 1e4).toString()}%`;
}

/** A change in percentage points: +5 pp, −2.5 pp. */
export function points(delta: number): string {
  const pp = Math.round(delta * 1e6) / 1e4;
  return `${pp > 0 ? "+" : pp < 0 ? "−" : "±"}${Math.abs(pp).toString()} pp`;
}

export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

export function coverageText(table: RateTable): string {
  return `${isoFromDay(table.coverage.from)} to ${isoFromDay((table.coverage.to - 1) as Day)}`;
}

/** A cell value as Excel shows it, roughly: numbers that look like rates as percentages. */
export function cellText(value: unknown, asRate: boolean): string {
  if (typeof value === "number") return asRate ? percent(value) : value.toLocaleString("en-US", { maximumFractionDigits: 6 });
  if (value === null || value === undefined || value === "") return "(empty)";
  return String(value);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
