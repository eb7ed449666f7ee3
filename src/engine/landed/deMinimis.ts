import Decimal from "decimal.js";
import { CountryCode } from "../countries";
import { Day, isoDay, isoFromDay } from "../dates";
import { formatMoney } from "./money";

/*
 * US de minimis (Section 321, 19 USC 1321(a)(2)(C)): a shipment to one person on one day whose value does
 * not exceed the threshold enters free of duty, taxes and fees. Dated rows, tz style:
 *
 * - $800 from 2016-03-10 (Trade Facilitation and Trade Enforcement Act of 2015, s.901).
 * - Ended for goods of China and Hong Kong for entries from 12:01 a.m. EDT 2025-05-02 (EO 14256 of
 *   Apr 2 2025). EO 14195 had ended it for China on 2025-02-04 and EO 14200 restored it days later
 *   (Feb 5-7 2025); that gap is not modelled: de minimis counts as available throughout.
 * - Suspended for every country from 2025-08-29 (EO 14324 of Jul 30 2025, 90 FR 37775; CBP notice
 *   90 FR 42418), continued after the IEEPA ruling (EO 14388, Feb 20 2026), made a standing rule by the
 *   CBP interim final rules of Jun 24 2026 (91 FR 37789, 91 FR 37801) and repealed by statute for
 *   commercial shipments from 2027-07-01 (P.L. 119-21). So no row runs past 2025-08-29.
 *
 * The value compared is the customs value in USD (CBP compares the fair retail value in the country of
 * shipment; for a commercial sale the two normally agree). Not modelled: the per-person-per-day
 * aggregation, goods excluded from Section 321 (AD/CVD, some partner-agency goods), the $100 gift and
 * $200 traveller allowances, and the postal per-item duties of 2025.
 */
export interface DeMinimisRow {
  readonly thresholdUsd: string;
  /** ISO codes the row covers, or "*" for every origin not listed by another row. */
  readonly origins: readonly string[] | "*";
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly endedBy: string;
}

export const US_DE_MINIMIS: readonly DeMinimisRow[] = [
  {
    thresholdUsd: "800",
    origins: ["CN", "HK"],
    from: "2016-03-10",
    to: "2025-05-02",
    source: "19 USC 1321(a)(2)(C) (TFTEA 2015 s.901)",
    endedBy: "EO 14256 (Apr 2 2025): no de minimis for goods of China and Hong Kong from 2025-05-02",
  },
  {
    thresholdUsd: "800",
    origins: "*",
    from: "2016-03-10",
    to: "2025-08-29",
    source: "19 USC 1321(a)(2)(C) (TFTEA 2015 s.901)",
    endedBy: "EO 14324 (Jul 30 2025), 90 FR 37775: suspended for all countries from 2025-08-29; continued by EO 14388 (Feb 20 2026) and CBP IFRs 91 FR 37789/37801 (Jun 24 2026); repealed for commercial shipments from 2027-07-01 (P.L. 119-21)",
  },
];

const INDEX = US_DE_MINIMIS.map((row) => ({ row, from: isoDay(row.from), to: isoDay(row.to), threshold: new Decimal(row.thresholdUsd) }));

export interface DeMinimisDecision {
  /** True when the shipment enters free of duty, taxes and fees under Section 321. */
  readonly applies: boolean;
  /** The sentence for the detail, and its source; built only when asked for. */
  readonly describe: () => { readonly explanation: string; readonly source: string };
}

function rowFor(origin: CountryCode) {
  return INDEX.find((r) => r.row.origins !== "*" && r.row.origins.includes(origin)) ?? INDEX.find((r) => r.row.origins === "*")!;
}

export function usDeMinimis(value: Decimal, origin: CountryCode, day: Day, claimed: boolean): DeMinimisDecision {
  const r = rowFor(origin);
  const source = r.row.source;
  const threshold = `$${r.row.thresholdUsd}`;
  if (day < r.from) {
    return { applies: false, describe: () => ({ explanation: `not modelled before ${r.row.from} (threshold then $200)`, source }) };
  }
  if (day >= r.to) {
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
      describe: () => ({ explanation: `value ${formatMoney(value)} is within the ${threshold} threshold, but de minimis is not claimed (option nodeminimis)`, source }),
    };
  }
  return {
    applies: true,
    describe: () => ({
      explanation: `value ${formatMoney(value)} ≤ ${threshold} on ${isoFromDay(day)} (available until ${isoFromDay((r.to - 1) as Day)} for this origin): enters free of duty and fees under Section 321`,
      source,
    }),
  };
}
