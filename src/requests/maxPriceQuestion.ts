import Decimal from "decimal.js";
import { MaxPriceRequest, RateTable } from "../engine";
import { readMoney } from "./arguments";
import { readLandedShipment } from "./landedQuestion";
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
  const targetArg = args[0];
  // 0 is a real target here (what price lands at nothing?), but Excel's empty cell is 0 too: refuse both
  // rather than answer a question that was probably not asked.
  if (isEmpty(targetArg)) return fail("target is required: the highest landed cost acceptable, in the importer's currency");
  const t = readMoney(targetArg, "target", true);
  if (!t.ok) return t;
  const s = readLandedShipment(args, table, now);
  if (!s.ok) return s;
  return value({ target: t.value!, request: s.value });
}
