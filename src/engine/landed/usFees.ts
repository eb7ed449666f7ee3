import Decimal from "decimal.js";
import { Day, isoFromDay } from "../dates";
import { Outcome, notAvailable, ok } from "../lookup/outcome";
import { LandedLaw, rowOn } from "./landedLaw";
import { HALF_UP_CENT, ZERO, formatMoney, formatPercent, formatQuantity, roundCents } from "./money";

/*
 * US user fees collected at entry: the Merchandise Processing Fee (MPF) and the Harbor Maintenance Fee
 * (HMF). The rates, the fiscal-year limits and the informal-entry limit are rows of the table's landed
 * law (data/source/landed/us-fees.yaml), each with its source; this module knows no amount.
 *
 * MPF: an ad valorem rate on the customs value of a formal entry, clamped to the fiscal year's minimum and
 * maximum per entry; informal entries pay the year's flat fee instead.
 *
 * Rounding: the fee is computed at full precision, clamped to [min, max], then rounded to the cent, half
 * up. DutyDesk computes one line per entry; with several lines CBP sums the line MPFs, clamps the entry
 * total and prorates it back to the lines (ACE CATAIR), which a single-line calculation equals.
 *
 * A fiscal year with no row is refused ("not published"), never guessed from the year before.
 */
export type MpfYearIndex = LandedLaw["mpf"][number];

/** US federal fiscal year of an entry date: FY2026 runs from 2025-10-01 to 2026-09-30. */
export function fiscalYearOf(day: Day): number {
  const [year, month] = isoFromDay(day).split("-").map(Number) as [number, number];
  return month >= 10 ? year + 1 : year;
}

export function mpfYearFor(law: LandedLaw, day: Day): Outcome<MpfYearIndex> {
  const found = rowOn(law.mpf, day);
  if (found) return ok(found);
  const fy = fiscalYearOf(day);
  const years = law.mpf.map((y) => y.row.fiscalYear);
  const known = years.length === 0 ? "none" : `FY${Math.min(...years)}-${Math.max(...years)}`;
  return notAvailable(
    `MPF minimum and maximum for FY${fy} (entry ${isoFromDay(day)}) are not in DutyDesk's fee table (${known}): not published when the table was made, so not guessed`,
  );
}

export type EntryType = "formal" | "informal";

/** The informal-entry ceiling on an entry date: shipments valued up to it may be entered informally. */
export function informalEntryLimit(law: LandedLaw, day: Day): Outcome<{ readonly limit: Decimal; readonly source: string }> {
  const found = rowOn(law.informalEntry, day);
  if (!found) return notAvailable(`the US informal-entry limit on ${isoFromDay(day)} is not in DutyDesk's fee table`);
  return ok({ limit: found.limit, source: found.row.source });
}

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

export function merchandiseProcessingFee(law: LandedLaw, value: Decimal, day: Day, entry: EntryType, informalLimit: Decimal): Outcome<FeeResult> {
  const year = mpfYearFor(law, day);
  if (!year.ok) return year;
  const y = year.value;
  const source = `${y.row.law}; FY${y.row.fiscalYear}: ${y.row.source}`;
  if (entry === "informal") {
    return ok({
      amount: y.informal,
      clamp: null,
      describe: () => ({
        rate: `$${y.row.informal} per entry`,
        formula: `informal entry (value ${formatMoney(value)} ≤ ${formatMoney(informalLimit)}): flat FY${y.row.fiscalYear} fee ${formatMoney(y.informal)}`,
        rounding: "fixed amount",
        source,
      }),
    });
  }
  const rate = y.rate;
  const raw = value.times(rate);
  const clamp = raw.lessThan(y.min) ? "min" : raw.greaterThan(y.max) ? "max" : null;
  const amount = roundCents(clamp === "min" ? y.min : clamp === "max" ? y.max : raw);
  return ok({
    amount,
    clamp,
    describe: () => {
      const fy = `FY${y.row.fiscalYear}`;
      const limit =
        clamp === "min"
          ? `raised to the ${fy} minimum ${formatMoney(y.min)}`
          : clamp === "max"
            ? `capped at the ${fy} maximum ${formatMoney(y.max)}`
            : `within ${fy} limits [${formatMoney(y.min)}, ${formatMoney(y.max)}]`;
      return {
        rate: formatPercent(rate),
        formula: `${formatPercent(rate)} × ${formatMoney(value)} = ${formatQuantity(raw)}; ${limit} → ${formatMoney(amount)}`,
        rounding: "after the min/max clamp, half-up to the cent",
        source,
      };
    },
  });
}

/**
 * HMF: a percent of the value of commercial cargo unloaded from a vessel at a US port, so ocean shipments
 * only; no minimum or maximum. Rounded to the cent, half up. An HMF at or below the row's small amount, on
 * an entry that owes no other duty, tax or fee, is not collected.
 */
export function hmfRowFor(law: LandedLaw, day: Day): Outcome<LandedLaw["hmf"][number]> {
  const found = rowOn(law.hmf, day);
  return found ? ok(found) : notAvailable(`the Harbor Maintenance Fee rate on ${isoFromDay(day)} is not in DutyDesk's fee table`);
}

export function harborMaintenanceFee(law: LandedLaw, value: Decimal, day: Day, ocean: boolean, noOtherCharges: () => boolean): Outcome<FeeResult> {
  const found = hmfRowFor(law, day);
  if (!found.ok) return found;
  const row = found.value;
  const source = row.row.source;
  const rate = formatPercent(row.rate);
  if (!ocean) {
    return ok({
      amount: ZERO,
      clamp: null,
      describe: () => ({ rate, formula: "not charged: HMF applies to cargo unloaded from a vessel (ocean) only", rounding: "", source }),
    });
  }
  const raw = value.times(row.rate);
  const amount = roundCents(raw);
  if (amount.lessThanOrEqualTo(row.small) && noOtherCharges()) {
    return ok({
      amount: ZERO,
      clamp: null,
      describe: () => ({
        rate,
        formula: `${rate} × ${formatMoney(value)} = ${formatMoney(amount)}: $${formatMoney(row.small)} or less on an entry with no other duty or fee, not collected`,
        rounding: HALF_UP_CENT,
        source: `${source}; ${row.row.smallSource}`,
      }),
    });
  }
  return ok({
    amount,
    clamp: null,
    describe: () => ({
      rate,
      formula: `${rate} × ${formatMoney(value)} = ${formatQuantity(raw)} → ${formatMoney(amount)}`,
      rounding: HALF_UP_CENT,
      source,
    }),
  });
}
