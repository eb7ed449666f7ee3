import Decimal from "decimal.js";
import { MaxPriceRequest, RateTable } from "../engine";
import { readCountry, readDate, readLandedImporter, readMode, readMoney, readProduct, readQuantity } from "./arguments";
import { readLandedOptions } from "./options";
import { Read, fail, isEmpty, value } from "./read";

/**
 * The ten arguments of DUTY.MAXPRICE and `dutydesk maxprice`, in their order: DUTY.LANDED's, with the
 * target landed cost where LANDED has the price. Read by LANDED's readers, so that every argument but the
 * first means exactly what it means to LANDED.
 */
export type MaxPriceArguments = readonly [
  target: unknown,
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

export interface MaxPriceQuestion {
  readonly target: Decimal;
  readonly request: MaxPriceRequest;
}

export function maxPriceQuestion(args: MaxPriceArguments, table: RateTable, now: Date): Read<MaxPriceQuestion> {
  const [targetArg, country, sector, date, freight, insurance, quantity, importer, mode, options] = args;
  // 0 is a real target here (what price lands at nothing?), but Excel's empty cell is 0 too: refuse both
  // rather than answer a question that was probably not asked.
  if (isEmpty(targetArg)) return fail("target is required: the highest landed cost acceptable, in the importer's currency");
  const t = readMoney(targetArg, "target", true);
  if (!t.ok) return t;
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
    target: t.value!,
    request: {
      country: c.value,
      product: p.value,
      day: d.value,
      freight: f.value,
      insurance: i.value,
      quantity: q.value,
      importer: imp.value,
      mode: m.value,
      options: o.value,
    },
  });
}
