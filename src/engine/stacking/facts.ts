import Decimal from "decimal.js";
import { Day } from "../dates";
import { CountryCode } from "../countries";

/**
 * Which legal view of a past entry to compute.
 * - `entry`: what CBP collected at entry on that date (the default: it is what the entry summary and the
 *   analyst's cash actually show);
 * - `final`: the legal rate once every later retroactive change is applied; voided layers still count,
 *   flagged refundable;
 * - `net`: `final` without the layers refundable after a court voided them.
 */
export type Basis = "entry" | "final" | "net";
export const BASES: readonly Basis[] = ["entry", "final", "net"];

/**
 * Share of customs value made of each metal, when the importer declares it (0 to 1), keyed by the table's
 * `valueBases` (steel, aluminum, copper in 2026.11a). The table's list is the vocabulary: the option and
 * CLI readers check names against it.
 */
export type ContentShares = { readonly [basis: string]: Decimal | undefined };

/** A canonical text of the declared shares, for cache keys: "aluminum=0.2/steel=0.4"; "" when none. */
export function contentKey(content: ContentShares | undefined): string {
  if (content === undefined) return "";
  return Object.keys(content)
    .filter((k) => content[k] !== undefined)
    .sort()
    .map((k) => `${k}=${content[k]!.toString()}`)
    .join("/");
}

/** Everything about one entry that decides which measures apply, besides the product and the table. */
export interface EntryFacts {
  readonly origin: CountryCode;
  readonly day: Day;
  readonly basis: Basis;
  readonly claims: ReadonlySet<string>;
  /** Date the goods were loaded on the final mode of transport, for in-transit exemptions. */
  readonly loaded: Day | null;
  readonly content: ContentShares;
  /**
   * The table's release date. A layer whose measure starts after it is "scheduled": the law as known at
   * release says it takes effect, but nothing later than the release was seen. Absent: no layer is.
   */
  readonly released?: Day;
}
