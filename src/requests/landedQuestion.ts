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
  const [valueArg, country, sector, date, freight, insurance, quantity, importer, mode, options] = args;
  const v = readMoney(valueArg, "value", true);
  if (!v.ok) return v;
  const c = readCountry(country);
  if (!c.ok) return c;
  const p = readProduct(sector);
  if (!p.ok) return p;
  const d = readDate(date, now);
  if (!d.ok) return d;
  const f = readMoney(freight, "freight", false);
  if (!f.ok) return f;
  const i = readMoney(insurance, "insurance", false);
  if (!i.ok) return i;
  const q = readQuantity(quantity);
  if (!q.ok) return q;
  const imp = readLandedImporter(importer);
  if (!imp.ok) return imp;
  const m = readMode(mode);
  if (!m.ok) return m;
  const o = readLandedOptions(options, table);
  if (!o.ok) return o;
  return value({
    value: v.value!,
    country: c.value,
    product: p.value,
    day: d.value,
    freight: f.value,
    insurance: i.value,
    quantity: q.value,
    importer: imp.value,
    mode: m.value,
    options: o.value,
    explain,
  });
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
  const c = readCountry(country);
  if (!c.ok) return false;
  const p = readProduct(sector);
  if (!p.ok) return false;
  const d = readDate(date, now);
  if (!d.ok) return false;
  let overMax = false;
  if (!plainQuantity(quantity)) {
    const q = readQuantity(quantity);
    if (!q.ok) return false;
    overMax = quantityOverMax(q.value);
  }
  const imp = readLandedImporter(importer);
  if (!imp.ok) return false;
  const m = readMode(mode);
  if (!m.ok) return false;
  const o = readLandedOptions(options, table);
  if (!o.ok) return false;
  into.goods = goods;
  into.freight = f;
  into.insurance = i;
  into.country = c.value;
  into.product = p.value;
  into.day = d.value;
  into.quantityOverMax = overMax;
  into.importer = imp.value;
  into.mode = m.value;
  into.options = o.value;
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
