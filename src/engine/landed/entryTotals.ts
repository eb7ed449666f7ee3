import { isoFromDay } from "../dates";
import { Outcome, invalid, notAvailable, ok } from "../lookup/outcome";
import { RateTable } from "../table/compiledTable";
import { centsOf, decimalOfCents } from "./cents";
import { usDeMinimis } from "./deMinimis";
import { entryFees } from "./entryFees";
import { importerProfile } from "./importerProfile";
import { LandedRequest, originOf } from "./landedCost";
import { landedLaw } from "./landedLaw";
import { DEFAULT_LANDED_OPTIONS } from "./landedOptions";
import { LandedTotals, landedTotals } from "./landedTotals";
import { formatMoney } from "./money";

/**
 * The totals of the lines of one US entry (`dutydesk landed` with an `entry` column), in their order.
 *
 * Each line's duty (and any tax) is its own; MPF and HMF are the entry's, computed on the lines' total
 * customs value and allocated back by value (entryFees.ts, ALLOCATION_RULE). A one-line entry is exactly
 * landedTotals of the line. The lines must share the importer, the entry date, the mode and the
 * formal/informal choice: they are one customs declaration.
 *
 * A line that cannot be computed keeps its own error, and the entry's other lines are #N/A too: without
 * every line's value the entry fee, and so each share, is unknown. Section 321 de minimis is decided per
 * shipment; for a multi-line entry whose total is within a threshold it is not modelled, and said so.
 */
export function entryTotals(table: RateTable, lines: readonly LandedRequest[]): Outcome<LandedTotals>[] {
  if (lines.length === 1) return [landedTotals(table, lines[0]!)];
  const first = lines[0]!;
  const optsOf = (r: LandedRequest) => r.options ?? DEFAULT_LANDED_OPTIONS;
  const law = landedLaw(table);
  const profile = importerProfile(law, first.importer);
  const all = (o: Outcome<never>) => lines.map(() => o);
  for (const [i, r] of lines.entries()) {
    const p = importerProfile(law, r.importer);
    const what =
      !p.ok || !profile.ok || p.value.code !== profile.value.code
        ? "importer"
        : r.day !== first.day
          ? "date"
          : (r.mode ?? null) !== (first.mode ?? null)
            ? "mode"
            : optsOf(r).entry !== optsOf(first).entry
              ? "formal/informal option"
              : optsOf(r).entryValue !== null
                ? "entry value= option"
                : null;
    if (what !== null) {
      return all(
        invalid(
          what === "entry value= option"
            ? `line ${i + 1} of the entry gives entry value=: the entry column already sums the entry's lines`
            : `the lines of one entry must share one importer, date, mode and formal/informal choice: line ${i + 1} of the entry has another ${what}`,
        ),
      );
    }
  }
  if (!profile.ok || !profile.value.usFees) return lines.map((r) => landedTotals(table, r));

  // Each line without its own fees and without a de minimis of its own (de minimis is the entry's).
  const own = lines.map((r) => landedTotals(table, { ...r, options: { ...optsOf(r), deMinimis: false } }));
  const failed = own.findIndex((o) => !o.ok);
  if (failed !== -1) {
    return own.map((o) =>
      o.ok ? notAvailable(`line ${failed + 1} of this entry has an error, so the entry's MPF and HMF cannot be computed or allocated`) : o,
    );
  }
  const totals = own.map((o) => (o as { value: LandedTotals }).value);
  const totalCents = totals.reduce((s, t) => s + t.customsValue, 0);
  const total = decimalOfCents(totalCents);
  for (const r of lines) {
    const origin = originOf(table, r.country);
    if (origin.ok && usDeMinimis(law, total, origin.code, r.day, optsOf(r).deMinimis).applies) {
      return all(
        notAvailable(
          `this entry's lines total ${formatMoney(total)}, within the Section 321 de minimis threshold on ${isoFromDay(r.day)}: de minimis for a multi-line entry is not modelled; give nodeminimis, or one line per entry`,
        ),
      );
    }
  }
  const fees = entryFees(law, {
    day: first.day,
    mode: first.mode ?? null,
    entry: optsOf(first).entry,
    lines: lines.map((r, i) => ({
      customsValue: decimalOfCents(totals[i]!.customsValue),
      mpfExempt: optsOf(r).mpfExempt,
      duty: decimalOfCents(totals[i]!.duty),
    })),
  });
  if (!fees.ok) return all(fees);
  return totals.map((t, i) => {
    const share = centsOf(fees.value.mpfShares[i]!)! + centsOf(fees.value.hmfShares[i]!)!;
    return ok({ ...t, fees: share, landed: t.landed - t.fees + share });
  });
}
