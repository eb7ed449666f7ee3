import Decimal from "decimal.js";
import { Day, dayFromExcelSerial, dayFromIso } from "../dates";
import { Outcome, invalid, ok } from "../lookup/outcome";
import { BASES, Basis, ContentShares } from "../stacking/facts";
import { RateTable } from "../table/compiledTable";
import { clip } from "../util/clip";
import { EntryType } from "./usFees";
import { UnitValue, parseUnitValue } from "../lookup/totalRate";

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
};

/** Rates above 1000% (duty, base) or 100% (VAT) are refused: no tariff or tax is that high, a typo is. */
const MAX_DUTY_RATE = new Decimal(10);
const ONE = new Decimal(1);

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const PLAIN = /^(\d+(?:\.\d+)?|\.\d+)$/;

/** "25%" → 0.25, "0.25" → 0.25; a plain number above 1 is refused (is "25" 25% or 2,500%?). */
export function parseRate(text: string): Decimal | null {
  const t = text.trim();
  const pct = PERCENT.exec(t);
  if (pct) return new Decimal(pct[1]!).div(100);
  if (PLAIN.test(t)) {
    const d = new Decimal(t);
    return d.lessThanOrEqualTo(1) ? d : null;
  }
  return null;
}

export const LANDED_OPTION_WORDS = "duty=4%, base=6%, vat=9%, ct=10%, fx=1.15, metal=40%, formal, informal, mpf=exempt, nodeminimis";

export function parseLandedOptions(text: string, table: RateTable): Outcome<LandedOptions> {
  const o = { ...DEFAULT_LANDED_OPTIONS, claims: [] as string[], content: {} as Record<string, Decimal>, unitValues: [] as UnitValue[] };
  let basisGiven = false;
  for (const raw of text.split(/[;,]/)) {
    const token = raw.trim();
    if (token === "") continue;
    const eq = token.indexOf("=");
    // "unit value", "unit_value" and "unit-value" are one word, as sector keywords are.
    const word = (eq === -1 ? token : token.slice(0, eq)).trim().toLowerCase().replace(/[\s_-]+/g, " ");
    const arg = eq === -1 ? null : token.slice(eq + 1).trim();
    const rate = (name: string, max: Decimal | null = null): Outcome<Decimal> => {
      const r = arg === null ? null : parseRate(arg);
      if (r === null) return invalid(`${name}=${clip(arg ?? "", 20)}: give a rate such as ${name}=25% (or 0.25)`);
      if (max !== null && r.greaterThan(max)) return invalid(`${name}=${clip(arg ?? "", 20)} is above ${max.times(100).toFixed()}%`);
      return ok(r);
    };
    if (arg === null && (BASES as readonly string[]).includes(word)) {
      if (basisGiven && o.basis !== word) return invalid(`two bases given (${o.basis} and ${word}): choose one of entry, final, net`);
      basisGiven = true;
      o.basis = word as Basis;
    } else if (arg === null && table.doc.claims.some((c) => c.id.toLowerCase() === word)) {
      o.claims.push(token);
    } else if (arg === null && (word === "formal" || word === "informal")) {
      if (o.entry !== null && o.entry !== word) return invalid("both formal and informal given: choose one");
      o.entry = word;
    } else if (word === "unit value" && arg !== null) {
      const uv = parseUnitValue(arg);
      if (!uv.ok) return uv;
      if (o.unitValues.some((u) => u.unit === uv.value.unit)) return invalid(`two unit values per ${uv.value.unit}: give one`);
      o.unitValues.push(uv.value);
    } else if (arg === null && (word === "ad valorem part" || word === "ad valorem")) {
      o.adValoremPart = true;
    } else if (arg === null && word.replace(/[\s_-]+/g, " ") === "known layers") {
      o.knownLayers = true;
    } else if (arg === null && word === "nodeminimis") {
      o.deMinimis = false;
    } else if (word === "mpf" && arg !== null) {
      if (arg.toLowerCase() !== "exempt") return invalid(`mpf=${clip(arg, 20)}: the only value is mpf=exempt`);
      o.mpfExempt = true;
    } else if (word === "loaded" && arg !== null) {
      const serial = /^\d+(\.\d+)?$/.test(arg) ? dayFromExcelSerial(Number(arg)) : null;
      const day = serial?.ok ? serial.day : dayFromIso(arg);
      if (day === null) return invalid(`loaded=${clip(arg, 20)} is not a date`);
      o.loaded = day;
    } else if ((word === "metal" || table.valueBases.includes(word)) && arg !== null) {
      // The metal words are the table's valueBases (steel, aluminum, copper), not a list in code.
      const share = rate(word, new Decimal(1));
      if (!share.ok) return invalid(`${word}=${clip(arg, 20)}: give the ${word} share of value, e.g. ${word}=40%`);
      if (word === "metal") o.metal = share.value;
      else o.content[word] = share.value;
    } else if (word === "fx" && arg !== null) {
      const fx = /^\d+(\.\d+)?$|^\.\d+$/.test(arg) ? new Decimal(arg) : null;
      if (fx === null || fx.isZero()) return invalid(`fx=${clip(arg, 20)}: give the importer-currency value of one invoice-currency unit, e.g. fx=1.15`);
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
      const claims = table.doc.claims.map((c) => c.id).slice(0, 4).join(", ");
      return invalid(`unknown option "${clip(token, 30)}": use entry/final/net, a claim (${claims}, …), loaded=DATE, ${table.valueBases.map((b) => `${b}=40%, `).join("")}unit value=2.40/kg, ad valorem part, known layers, ${LANDED_OPTION_WORDS}`);
    }
  }
  if (o.duty !== null && o.base !== null) return invalid("give duty= (the whole rate, no table) or base= (the base rate under the table's layers), not both");
  if (o.adValoremPart && o.unitValues.length > 0) return invalid('give "unit value=" (the equivalent rate) or "ad valorem part", not both');
  return ok(o);
}
