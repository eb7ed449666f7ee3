import Decimal from "decimal.js";
import { CountryCode } from "../countries";
import { Day, isoFromDay } from "../dates";
import { centsOf } from "./cents";
import { LandedLaw, rowOn } from "./landedLaw";
import { formatMoney } from "./money";

/*
 * US de minimis (Section 321, 19 USC 1321(a)(2)(C)): a shipment to one person on one day whose value does
 * not exceed the threshold enters free of duty, taxes and fees. The thresholds, the origins they cover and
 * the dates they ended are rows of the table's landed law (data/source/landed/us-de-minimis.yaml): an
 * origin's own rows if it has any, else the rows for every origin ("*").
 *
 * The value compared is the customs value in USD (CBP compares the fair retail value in the country of
 * shipment; for a commercial sale the two normally agree). Not modelled: the per-person-per-day
 * aggregation, goods excluded from Section 321 (AD/CVD, some partner-agency goods), the $100 gift and
 * $200 traveller allowances, and the postal per-item duties of 2025.
 */
export interface DeMinimisDecision {
  /** True when the shipment enters free of duty, taxes and fees under Section 321. */
  readonly applies: boolean;
  /** The sentence for the detail, and its source; built only when asked for. */
  readonly describe: () => { readonly explanation: string; readonly source: string };
}

type DeMinimisIndex = LandedLaw["deMinimis"][number];

function rowsFor(law: LandedLaw, origin: CountryCode): readonly DeMinimisIndex[] {
  let byOrigin = ROWS_FOR.get(law);
  if (byOrigin === undefined) ROWS_FOR.set(law, (byOrigin = new Map()));
  let rows = byOrigin.get(origin);
  if (rows === undefined) byOrigin.set(origin, (rows = originRows(law, origin)));
  return rows;
}

/**
 * An origin's rows, kept per law (at most one entry per country code): a batch asks for a third of its
 * rows (every value up to the highest threshold), and two filters a row were garbage.
 */
const ROWS_FOR = new WeakMap<LandedLaw, Map<CountryCode, readonly DeMinimisIndex[]>>();

function originRows(law: LandedLaw, origin: CountryCode): readonly DeMinimisIndex[] {
  const own = law.deMinimis.filter((r) => r.row.origins.includes(origin));
  return own.length > 0 ? own : law.deMinimis.filter((r) => r.row.origins.includes("*"));
}

/**
 * The row deciding a day: the one in force; else the latest that ended before it; else the first (the day
 * is before any row).
 */
function rowFor(law: LandedLaw, origin: CountryCode, day: Day): DeMinimisIndex | null {
  const rows = rowsFor(law, origin);
  const inForce = rowOn(rows, day);
  if (inForce) return inForce;
  const ended = rows.filter((r) => r.to !== null && r.to <= day).sort((a, b) => b.to! - a.to!);
  return ended[0] ?? [...rows].sort((a, b) => a.from! - b.from!)[0] ?? null;
}

export function usDeMinimis(law: LandedLaw, value: Decimal, origin: CountryCode, day: Day, claimed: boolean): DeMinimisDecision {
  const r = rowFor(law, origin, day);
  if (r === null)
    return { applies: false, describe: () => ({ explanation: `no de minimis rule for goods of ${origin} in DutyDesk's table`, source: "" }) };
  const source = r.row.source;
  const threshold = `$${r.row.thresholdUsd}`;
  if (r.from !== null && day < r.from) {
    return {
      applies: false,
      describe: () => ({ explanation: `not modelled before ${r.row.from}: DutyDesk has no de minimis row for earlier entries`, source }),
    };
  }
  if (r.to !== null && day >= r.to) {
    return {
      applies: false,
      describe: () => ({ explanation: `not available on ${isoFromDay(day)}: ${r.row.endedBy}`, source: `${source}; ${r.row.endedBy.split(":")[0]}` }),
    };
  }
  if (value.greaterThan(r.threshold)) {
    return { applies: false, describe: () => ({ explanation: `value ${formatMoney(value)} is over the ${threshold} threshold`, source }) };
  }
  if (!claimed) {
    return {
      applies: false,
      describe: () => ({
        explanation: `value ${formatMoney(value)} is within the ${threshold} threshold, but de minimis is not claimed (option nodeminimis)`,
        source,
      }),
    };
  }
  return {
    applies: true,
    describe: () => ({
      explanation: `value ${formatMoney(value)} ≤ ${threshold} on ${isoFromDay(day)} (${r.to === null ? "no end date" : `available until ${isoFromDay((r.to - 1) as Day)}`} for this origin): enters free of duty and fees under Section 321`,
      source,
    }),
  };
}

/**
 * `usDeMinimis(law, value, origin, day, claimed).applies` for a value given in cents, with no Decimal (the
 * batch's cents path, landedTotals.ts): the same row and the same tests in the same order. Null when the
 * row's threshold is not a whole number of cents; the caller then asks usDeMinimis.
 * tests/engine/landed/deMinimis.test.ts compares the two on random values, origins and days.
 */
export function usDeMinimisAppliesToCents(law: LandedLaw, cents: number, origin: CountryCode, day: Day, claimed: boolean): boolean | null {
  const r = rowFor(law, origin, day);
  if (r === null) return false;
  if (r.from !== null && day < r.from) return false;
  if (r.to !== null && day >= r.to) return false;
  let threshold = THRESHOLD_CENTS.get(r);
  if (threshold === undefined) THRESHOLD_CENTS.set(r, (threshold = centsOf(r.threshold)));
  if (threshold === null) return null;
  return cents <= threshold && claimed;
}

const THRESHOLD_CENTS = new WeakMap<DeMinimisIndex, number | null>();
