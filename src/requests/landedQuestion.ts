import { LandedRequest, RateTable } from "../engine";
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
