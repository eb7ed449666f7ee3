import type Decimal from "decimal.js";
import { CentsRequest, DEFAULT_LANDED_OPTIONS, Day, LandedRequest, RateTable, quantityOverMax } from "../engine";
import { centsOfText } from "../engine/landed/cents";
import { readCountry, readDate, readLandedImporter, readMode, readMoney, readProduct, readQuantity } from "./arguments";
import { readLandedOptions } from "./options";
import { Read, value } from "./read";

/**
 * The ten arguments of DUTY.LANDED and its siblings, in their order, and of a `dutydesk landed` CSV row
 * (its cells are text: the same readers take them). The one place they become a landed-cost request.
 */
export type LandedArguments = readonly [
  value: unknown,
  country: unknown,
  sector: unknown,
  date: unknown,
  freight: unknown,
  insurance: unknown,
  quantity: unknown,
  importer: unknown,
  mode: unknown,
  options: unknown,
];

export function landedQuestion(args: LandedArguments, table: RateTable, now: Date, explain: boolean): Read<LandedRequest> {
  const v = readMoney(args[0], "value", true);
  if (!v.ok) return v;
  const s = readLandedShipment(args, table, now);
  if (!s.ok) return s;
  return value({ value: v.value!, ...s.value, explain });
}

/** Everything a landed question reads after its amount (the 2nd to 10th arguments): the same for LANDED and MAXPRICE. */
export type LandedShipment = LandedWhere & { readonly freight: Decimal | null; readonly insurance: Decimal | null } & LandedTerms;

/**
 * The 2nd to 10th arguments of LANDED and MAXPRICE, in their order: the country, product and date, the
 * freight and insurance, then the quantity, importer, mode and options. Their first arguments differ (the
 * value, the target), and are read before these.
 */
export function readLandedShipment(args: LandedArguments, table: RateTable, now: Date): Read<LandedShipment> {
  const [, country, sector, date, freight, insurance, quantity, importer, mode, options] = args;
  const w = readLandedWhere(country, sector, date, now);
  if (!w.ok) return w;
  const f = readMoney(freight, "freight", false);
  if (!f.ok) return f;
  const i = readMoney(insurance, "insurance", false);
  if (!i.ok) return i;
  const t = readLandedTerms(quantity, importer, mode, options, table);
  if (!t.ok) return t;
  return value({ ...w.value, freight: f.value, insurance: i.value, ...t.value });
}

/** What a landed-cost question asks about: the origin, the product and the entry day (its 2nd to 4th arguments). */
export interface LandedWhere {
  readonly country: LandedRequest["country"];
  readonly product: LandedRequest["product"];
  readonly day: LandedRequest["day"];
}

/** How the goods come in: the quantity, importer, mode and options (the 7th to 10th arguments). */
export interface LandedTerms {
  readonly quantity: Exclude<LandedRequest["quantity"], undefined>;
  readonly importer: Exclude<LandedRequest["importer"], undefined>;
  readonly mode: Exclude<LandedRequest["mode"], undefined>;
  readonly options: Exclude<LandedRequest["options"], undefined>;
}

/**
 * The country, product and date of LANDED and its siblings (MAXPRICE, the batch's cents lane), read in
 * that order: the one rule for them, so that every landed question reads them alike and words the same
 * first error.
 */
function readLandedWhere(country: unknown, sector: unknown, date: unknown, now: Date): Read<LandedWhere> {
  const c = readCountry(country);
  if (!c.ok) return c;
  const p = readProduct(sector);
  if (!p.ok) return p;
  const d = readDate(date, now);
  if (!d.ok) return d;
  return value({ country: c.value, product: p.value, day: d.value });
}

/** The quantity, importer, mode and options of LANDED and its siblings, read in that order (as readLandedWhere). */
function readLandedTerms(quantity: unknown, importer: unknown, mode: unknown, options: unknown, table: RateTable): Read<LandedTerms> {
  const q = readQuantity(quantity);
  if (!q.ok) return q;
  const imp = readLandedImporter(importer);
  if (!imp.ok) return imp;
  const m = readMode(mode);
  if (!m.ok) return m;
  const o = readLandedOptions(options, table);
  if (!o.ok) return o;
  return value({ quantity: q.value, importer: imp.value, mode: m.value, options: o.value });
}

/** A CentsRequest a batch fills again for every row (landedCentsQuestion), since centsTotals keeps none. */
export type CentsRequestSlot = { -readonly [K in keyof CentsRequest]: CentsRequest[K] };

export function centsRequestSlot(): CentsRequestSlot {
  return {
    goods: 0,
    freight: 0,
    insurance: 0,
    country: "",
    product: "",
    day: 0 as Day,
    quantityOverMax: false,
    importer: null,
    mode: null,
    options: DEFAULT_LANDED_OPTIONS,
  };
}

/**
 * A CSV row's ten cells (text, in landedQuestion's order) as a request with its amounts in cents, written
 * into `into`: true when every cell reads as landedQuestion reads it and the three amounts are plain text
 * with at most two decimals (centsOfText). Then landedQuestion gives the same request, with those amounts
 * as Decimals; false means "read the row with landedQuestion", which also words every error. The amounts
 * are the only cells read differently (without Decimal); the others go through the same readers. Checked
 * against landedQuestion on random cells in tests/requests/landedQuestion.test.ts.
 */
export function landedCentsQuestion(
  valueText: string,
  country: string,
  sector: string,
  date: string,
  freight: string,
  insurance: string,
  quantity: string,
  importer: string,
  mode: string,
  options: string,
  table: RateTable,
  now: Date,
  into: CentsRequestSlot,
): boolean {
  const goods = centsOfText(valueText);
  if (goods === null) return false;
  const f = freight === "" ? 0 : centsOfText(freight);
  if (f === null) return false;
  const i = insurance === "" ? 0 : centsOfText(insurance);
  if (i === null) return false;
  const w = readLandedWhere(country, sector, date, now);
  if (!w.ok) return false;
  // A plain quantity is never over MAX_AMOUNT, and the cents path reads nothing else of it.
  const t = readLandedTerms(plainQuantity(quantity) ? "" : quantity, importer, mode, options, table);
  if (!t.ok) return false;
  into.goods = goods;
  into.freight = f;
  into.insurance = i;
  into.country = w.value.country;
  into.product = w.value.product;
  into.day = w.value.day;
  into.quantityOverMax = quantityOverMax(t.value.quantity);
  into.importer = t.value.importer;
  into.mode = t.value.mode;
  into.options = t.value.options;
  return true;
}

/**
 * Empty, or 1 to 12 digits not all zeros: text readQuantity reads as one positive quantity without a unit,
 * below 10^12 (MAX_AMOUNT), so the cents path need not read it (it reads no quantity, only whether one is
 * over MAX_AMOUNT). Half the bench's rows have such a quantity; reading it through readQuantity's memo was
 * about 1.5 % of the batch's CPU (`node --cpu-prof`).
 */
function plainQuantity(text: string): boolean {
  const n = text.length;
  if (n > 12) return false;
  let nonZero = n === 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    if (c !== 48) nonZero = true;
  }
  return nonZero;
}
