import Decimal from "decimal.js";
import { Day, isoDay, isoFromDay } from "../dates";
import { Outcome, notAvailable, ok } from "../lookup/outcome";
import { HALF_UP_CENT, ZERO, formatMoney, formatPercent, formatQuantity, roundCents } from "./money";

/*
 * US user fees collected at entry: the Merchandise Processing Fee (MPF) and the Harbor Maintenance Fee
 * (HMF). The rates and the fiscal-year limits are data rows with their sources, tz style.
 *
 * MPF (19 USC 58c(a)(9); 19 CFR 24.23(b)(1)): 0.3464% of the customs value of a formal entry, with a
 * minimum and a maximum per entry that CBP adjusts for inflation every fiscal year (1 October to
 * 30 September) under the FAST Act. Informal entries (shipments valued up to $2,500, 19 CFR 143.21)
 * pay a flat fee instead (class code 311, automated and not prepared by CBP).
 *
 * Rounding: the fee is computed at full precision, clamped to [min, max], then rounded to the cent, half
 * up. DutyDesk computes one line per entry; with several lines CBP sums the line MPFs, clamps the entry
 * total and prorates it back to the lines (ACE CATAIR), which a single-line calculation equals.
 *
 * A fiscal year with no row here is refused ("not published"), never guessed from the year before.
 */
export interface MpfYear {
  readonly fiscalYear: number;
  /** First entry date of the fiscal year (1 October), inclusive. */
  readonly from: string;
  /** First entry date of the next fiscal year, exclusive. */
  readonly to: string;
  readonly min: string;
  readonly max: string;
  /** Informal entry or release, automated, not prepared by CBP personnel (class code 311). */
  readonly informal: string;
  readonly source: string;
  readonly confidence: "confirmed" | "secondary";
}

export const MPF_RATE = new Decimal("0.003464");

export const MPF_YEARS: readonly MpfYear[] = [
  {
    // The FY2025 notice and CSMS 61572319 give these as the amounts FY2025 changed "from"; informal $2.53 per
    // broker notes (junologistics "formerly $2.53"). The FY2024 notice itself was not read.
    fiscalYear: 2024,
    from: "2023-10-01",
    to: "2024-10-01",
    min: "31.67",
    max: "614.35",
    informal: "2.53",
    source: "as restated by CBP CSMS 61572319 and FR 2024-15990 (changing from $31.67/$614.35); informal fee per broker notices",
    confidence: "secondary",
  },
  {
    fiscalYear: 2025,
    from: "2024-10-01",
    to: "2025-10-01",
    min: "32.71",
    max: "634.62",
    informal: "2.62",
    source: "CBP general notice FR 2024-15990 (Jul 22 2024); CSMS 61572319; CSMS 61620300 (CATAIR: informal $2.62)",
    confidence: "confirmed",
  },
  {
    fiscalYear: 2026,
    from: "2025-10-01",
    to: "2026-10-01",
    min: "33.58",
    max: "651.50",
    informal: "2.69",
    source: "CBP Dec. 25-10, 90 FR 34665 (FR 2025-13869, Jul 23 2025); CSMS 65741993",
    confidence: "confirmed",
  },
  {
    // research/us-timeline-2026h2.md G1: two independent repositories cite the notice; its text was not read here.
    fiscalYear: 2027,
    from: "2026-10-01",
    to: "2027-10-01",
    min: "34.58",
    max: "670.86",
    informal: "2.77",
    source: "CBP general notice FR 2026-15530 (Jul 31 2026), as cited by two secondary sources",
    confidence: "secondary",
  },
];

export interface MpfYearIndex {
  readonly row: MpfYear;
  readonly from: Day;
  readonly to: Day;
  readonly min: Decimal;
  readonly max: Decimal;
  readonly informal: Decimal;
}

const MPF_INDEX: readonly MpfYearIndex[] = MPF_YEARS.map((row) => ({
  row,
  from: isoDay(row.from),
  to: isoDay(row.to),
  min: new Decimal(row.min),
  max: new Decimal(row.max),
  informal: new Decimal(row.informal),
}));

/** US federal fiscal year of an entry date: FY2026 runs from 2025-10-01 to 2026-09-30. */
export function fiscalYearOf(day: Day): number {
  const [year, month] = isoFromDay(day).split("-").map(Number) as [number, number];
  return month >= 10 ? year + 1 : year;
}

export function mpfYearFor(day: Day): Outcome<MpfYearIndex> {
  const found = MPF_INDEX.find((y) => day >= y.from && day < y.to);
  if (found) return ok(found);
  const fy = fiscalYearOf(day);
  const known = `${MPF_YEARS[0]!.fiscalYear}-${MPF_YEARS[MPF_YEARS.length - 1]!.fiscalYear}`;
  return notAvailable(`MPF minimum and maximum for FY${fy} (entry ${isoFromDay(day)}) are not in DutyDesk's fee table (FY${known}): not published when the table was made, so not guessed`);
}

export type EntryType = "formal" | "informal";

/** The informal-entry ceiling: shipments valued up to $2,500 may be entered informally (19 CFR 143.21(a)). */
export const INFORMAL_ENTRY_LIMIT = new Decimal(2500);

/** What a fee line says in the detail; built only when asked for (batch runs skip it). */
export interface FeeText {
  readonly rate: string;
  readonly formula: string;
  readonly rounding: string;
  readonly source: string;
}

export interface FeeResult {
  readonly amount: Decimal;
  /** Which limit decided a formal-entry MPF, if one did. */
  readonly clamp: "min" | "max" | null;
  readonly describe: () => FeeText;
}

export function merchandiseProcessingFee(value: Decimal, day: Day, entry: EntryType): Outcome<FeeResult> {
  const year = mpfYearFor(day);
  if (!year.ok) return year;
  const y = year.value;
  const source = `19 USC 58c(a)(9)-(10); 19 CFR 24.23(b); FY${y.row.fiscalYear}: ${y.row.source}`;
  if (entry === "informal") {
    return ok({
      amount: y.informal,
      clamp: null,
      describe: () => ({
        rate: `$${y.row.informal} per entry`,
        formula: `informal entry (value ${formatMoney(value)} ≤ 2,500.00): flat FY${y.row.fiscalYear} fee ${formatMoney(y.informal)}`,
        rounding: "fixed amount",
        source,
      }),
    });
  }
  const raw = value.times(MPF_RATE);
  const clamp = raw.lessThan(y.min) ? "min" : raw.greaterThan(y.max) ? "max" : null;
  const amount = roundCents(clamp === "min" ? y.min : clamp === "max" ? y.max : raw);
  return ok({
    amount,
    clamp,
    describe: () => {
      const fy = `FY${y.row.fiscalYear}`;
      const limit =
        clamp === "min" ? `raised to the ${fy} minimum ${formatMoney(y.min)}` : clamp === "max" ? `capped at the ${fy} maximum ${formatMoney(y.max)}` : `within ${fy} limits [${formatMoney(y.min)}, ${formatMoney(y.max)}]`;
      return {
        rate: formatPercent(MPF_RATE),
        formula: `${formatPercent(MPF_RATE)} × ${formatMoney(value)} = ${formatQuantity(raw)}; ${limit} → ${formatMoney(amount)}`,
        rounding: "after the min/max clamp, half-up to the cent",
        source,
      };
    },
  });
}

/**
 * HMF (26 USC 4461; 19 CFR 24.24): 0.125% of the value of commercial cargo unloaded from a vessel at a
 * US port, so ocean shipments only; no minimum or maximum. Rounded to the cent, half up.
 * An HMF of $3 or less on an entry that owes no other duty, tax or fee is not collected (the BMSI
 * summary of ACE CATAIR in research/landed-cost.md §3.1; secondary).
 */
export const HMF_RATE = new Decimal("0.00125");
export const HMF_SMALL = new Decimal(3);
const HMF_SOURCE = "26 USC 4461; 19 CFR 24.24(a)";
const HMF_RATE_TEXT = formatPercent(HMF_RATE);

export function harborMaintenanceFee(value: Decimal, ocean: boolean, noOtherCharges: () => boolean): FeeResult {
  const rate = HMF_RATE_TEXT;
  if (!ocean) {
    return { amount: ZERO, clamp: null, describe: () => ({ rate, formula: "not charged: HMF applies to cargo unloaded from a vessel (ocean) only", rounding: "", source: HMF_SOURCE }) };
  }
  const raw = value.times(HMF_RATE);
  const amount = roundCents(raw);
  if (amount.lessThanOrEqualTo(HMF_SMALL) && noOtherCharges()) {
    return {
      amount: ZERO,
      clamp: null,
      describe: () => ({
        rate,
        formula: `${rate} × ${formatMoney(value)} = ${formatMoney(amount)}: $3.00 or less on an entry with no other duty or fee, not collected`,
        rounding: HALF_UP_CENT,
        source: `${HMF_SOURCE}; ACE CATAIR per BMSI (research/landed-cost.md §3.1)`,
      }),
    };
  }
  return {
    amount,
    clamp: null,
    describe: () => ({ rate, formula: `${rate} × ${formatMoney(value)} = ${formatQuantity(raw)} → ${formatMoney(amount)}`, rounding: HALF_UP_CENT, source: HMF_SOURCE }),
  };
}
