import Decimal from "decimal.js";
import { Day } from "../dates";
import { Outcome, invalid, ok } from "../lookup/outcome";
import { Basis, ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";
import { clip } from "../util/clip";
import { EntryType } from "./usFees";
import { parseAmount } from "./money";
import { UnitValue } from "../lookup/totalRate";
import { LookupOptionsReader, lookupOptionWords, optionTokens, parseRate } from "../lookup/lookupOptions";

/**
 * The options text of DUTY.LANDED (and the `options` column of `dutydesk landed`): the lookup options
 * TARIFF takes, plus the landed-cost ones. Words separated by `;` or `,`:
 *
 * - `entry` | `final` | `net`, a claim (USMCA, KORUS …), `loaded=DATE`: as for TARIFF;
 * - `steel=40%`, `aluminum=`, `copper=`: metal content shares; `metal=40%` sets the share of whichever
 *   one metal measure applies (an error when more than one does);
 * - `fx=1.15`: importer currency per unit of invoice currency (default 1);
 * - `duty=4%`: the whole ad valorem duty rate, instead of the rate table (required for importers the
 *   table has no schedule for: GB, CA, the EU);
 * - `base=6%`: the base (MFN) rate, where the table's is unknown (China) or should be replaced; the
 *   table still supplies the additional layers;
 * - `vat=9%`: the import VAT/GST rate (a reduced rate); `ct=10%`: China's consumption tax;
 * - `formal` | `informal`: the US entry type (default: informal up to $2,500, formal above);
 * - `mpf=exempt`: goods exempt from MPF (originating goods under some agreements: not inferred from claims);
 * - `nodeminimis`: do not claim Section 321 de minimis;
 * - `entry value=12500`: the customs value of the whole entry this line belongs to (US, importer currency):
 *   MPF (with its per-entry minimum and maximum), HMF and de minimis are decided on it, and the line is
 *   charged its share of the entry's fees, pro rata by value (entryFees.ts);
 * - `unit value=2.40/kg` | `ad valorem part`: which rate a specific or compound duty gives (TARIFF,
 *   BREAKDOWN, HISTORY only; LANDED charges specific duties on the quantity instead).
 * - `known layers`: where the table knows a layer exists but not its rate (China's 2018-19 lists), answer
 *   with the base and the known layers, and list what was left out. Without it such an answer is #N/A.
 *
 * Rates take a percent sign (25%) or are fractions up to 1 (0.25); "duty=25" is refused as ambiguous.
 */
export interface LandedOptions {
  readonly basis: Basis;
  readonly claims: readonly string[];
  readonly loaded: Day | null;
  readonly content: ContentShares;
  readonly metal: Decimal | null;
  readonly fx: Decimal | null;
  readonly duty: Decimal | null;
  readonly base: Decimal | null;
  readonly vat: Decimal | null;
  readonly ct: Decimal | null;
  readonly entry: EntryType | null;
  readonly mpfExempt: boolean;
  readonly deMinimis: boolean;
  readonly unitValues: readonly UnitValue[];
  readonly adValoremPart: boolean;
  /** `known layers`: where a layer's rate is unknown, answer with the base and the known layers (and say so). */
  readonly knownLayers: boolean;
  /** `entry value=12500`: the whole entry's customs value, for entry-level MPF and HMF; null = the line is the entry. */
  readonly entryValue: Decimal | null;
}

export const DEFAULT_LANDED_OPTIONS: LandedOptions = {
  basis: "entry",
  claims: [],
  loaded: null,
  content: {},
  metal: null,
  fx: null,
  duty: null,
  base: null,
  vat: null,
  ct: null,
  entry: null,
  mpfExempt: false,
  deMinimis: true,
  unitValues: [],
  adValoremPart: false,
  knownLayers: false,
  entryValue: null,
};

/** Rates above 1000% (duty, base) or 100% (VAT) are refused: no tariff or tax is that high, a typo is. */
const MAX_DUTY_RATE = new Decimal(10);
const ONE = new Decimal(1);
const MAX_ENTRY_VALUE = new Decimal("1e12");

export { parseRate };

export const LANDED_OPTION_WORDS =
  "duty=4%, base=6%, vat=9%, ct=10%, fx=1.15, metal=40%, formal, informal, mpf=exempt, nodeminimis, entry value=12500";

/** The words only DUTY.LANDED takes; the rate functions refuse them by name. */
export const LANDED_ONLY_WORDS: ReadonlySet<string> = new Set([
  "metal",
  "fx",
  "duty",
  "base",
  "vat",
  "ct",
  "formal",
  "informal",
  "mpf",
  "nodeminimis",
  "entry value",
]);

/** The lookup grammar (lookup/lookupOptions.ts) plus the landed-cost words. */
export function parseLandedOptions(text: string, table: RateTable): Outcome<LandedOptions> {
  const lookup = new LookupOptionsReader(table);
  const o = { ...DEFAULT_LANDED_OPTIONS };
  for (const t of optionTokens(text)) {
    const taken = lookup.take(t);
    if (taken === true) continue;
    if (taken !== false) return taken;
    const { word, arg, token } = t;
    const rate = (name: string, max: Decimal | null = null): Outcome<Decimal> => {
      const r = arg === null ? null : parseRate(arg);
      if (r === null) return invalid(`${name}=${clip(arg ?? "", 20)}: give a rate such as ${name}=25% (or 0.25)`);
      if (max !== null && r.greaterThan(max)) return invalid(`${name}=${clip(arg ?? "", 20)} is above ${max.times(100).toFixed()}%`);
      return ok(r);
    };
    if (arg === null && (word === "formal" || word === "informal")) {
      if (o.entry !== null && o.entry !== word) return invalid("both formal and informal given: choose one");
      o.entry = word;
    } else if (arg === null && word === "nodeminimis") {
      o.deMinimis = false;
    } else if (word === "mpf" && arg !== null) {
      if (arg.toLowerCase() !== "exempt") return invalid(`mpf=${clip(arg, 20)}: the only value is mpf=exempt`);
      o.mpfExempt = true;
    } else if (word === "entry value" && arg !== null) {
      const v = parseAmount(arg);
      if (v === null || v.isZero()) return invalid(`entry value=${clip(arg, 20)}: give the customs value of the whole entry, e.g. entry value=12500`);
      if (v.greaterThan(MAX_ENTRY_VALUE)) return invalid(`entry value=${clip(arg, 20)} is above 1e12`);
      o.entryValue = v;
    } else if (word === "metal" && arg !== null) {
      const share = rate(word, ONE);
      if (!share.ok) return invalid(`metal=${clip(arg, 20)}: give the metal share of value, e.g. metal=40%`);
      o.metal = share.value;
    } else if (word === "fx" && arg !== null) {
      const fx = /^\d+(\.\d+)?$|^\.\d+$/.test(arg) ? new Decimal(arg) : null;
      if (fx === null || fx.isZero())
        return invalid(`fx=${clip(arg, 20)}: give the importer-currency value of one invoice-currency unit, e.g. fx=1.15`);
      o.fx = fx;
    } else if ((word === "duty" || word === "base" || word === "vat") && arg !== null) {
      const r = rate(word, word === "vat" ? ONE : MAX_DUTY_RATE);
      if (!r.ok) return r;
      o[word] = r.value;
    } else if (word === "ct" && arg !== null) {
      const r = rate(word);
      if (!r.ok) return r;
      if (r.value.greaterThanOrEqualTo(1)) return invalid(`ct=${clip(arg, 20)}: a consumption tax rate must be below 100%`);
      o.ct = r.value;
    } else {
      return invalid(`unknown option "${clip(token, 30)}": use ${lookupOptionWords(table)}, ${LANDED_OPTION_WORDS}`);
    }
  }
  if (o.duty !== null && o.base !== null)
    return invalid("give duty= (the whole rate, no table) or base= (the base rate under the table's layers), not both");
  const l = lookup.finish();
  if (!l.ok) return l;
  const { basis, claims, loaded, content, choice } = l.value;
  return ok({
    ...o,
    basis,
    claims,
    loaded,
    content,
    unitValues: choice.unitValues,
    adValoremPart: choice.adValoremPart,
    knownLayers: choice.knownLayers === true,
  });
}
