import Decimal from "decimal.js";
import {
  DEFAULT_LANDED_OPTIONS,
  LandedCost,
  LandedOptions,
  Quantity,
  RateTable,
  TransportMode,
  decimalFromNumber,
  landedCost,
  parseAmount,
  parseLandedOptions,
  parseQuantity,
  parseTransportMode,
} from "../engine";
import { currentTable } from "../runtime/tableStore";
import { Read, describe, fail, isEmpty, readCountry, readDate, readProduct } from "./excelArguments";
import { answer, need } from "./excelResults";

/**
 * Excel arguments of DUTY.LANDED and its siblings, read with the conventions of excelArguments.ts: an
 * omitted optional argument is null, an empty desktop cell is 0 (so 0 means "not given" for every
 * optional amount), and anything unreadable is a #VALUE! naming the argument.
 */

/** A non-negative amount: a number, or text such as "1,234.50". Empty is null (or an error when required). */
export function readMoney(value: unknown, name: string, required: boolean): Read<Decimal | null> {
  if (isEmpty(value)) return required ? fail(`${name} is required: the price of the goods, without international freight and insurance`) : { ok: true, value: null };
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return fail(`${name} must be a non-negative amount, not ${describe(value)}`);
    return { ok: true, value: decimalFromNumber(value) };
  }
  if (typeof value === "string") {
    const amount = parseAmount(value);
    return amount === null ? fail(`${name} ${describe(value)} is not an amount: use a number such as 1234.50`) : { ok: true, value: amount };
  }
  return fail(`${name} must be an amount, not ${describe(value)}`);
}

export function readQuantity(value: unknown): Read<Quantity[] | null> {
  if (isEmpty(value)) return { ok: true, value: null };
  if (typeof value !== "number" && typeof value !== "string") return fail(`quantity must be a number or text such as "100 kg", not ${describe(value)}`);
  const q = parseQuantity(value);
  return q.ok ? { ok: true, value: q.value } : fail(q.error.message);
}

export function readMode(value: unknown): Read<TransportMode | null> {
  if (isEmpty(value)) return { ok: true, value: null };
  if (typeof value !== "string") return fail(`mode must be text (ocean, air, truck, rail, postal), not ${describe(value)}`);
  const mode = parseTransportMode(value);
  return mode.ok ? { ok: true, value: mode.value } : fail(mode.error.message);
}

export function readLandedImporter(value: unknown): Read<string | null> {
  if (isEmpty(value)) return { ok: true, value: null };
  if (typeof value !== "string") return fail(`importer must be text (US, CN, GB, CA, DE, …), not ${describe(value)}`);
  return { ok: true, value };
}

export function readLandedOptions(value: unknown, table: RateTable): Read<LandedOptions> {
  if (isEmpty(value)) return { ok: true, value: DEFAULT_LANDED_OPTIONS };
  if (typeof value !== "string") return fail(`options must be text such as "duty=4%; vat=9%", not ${describe(value)}`);
  const parsed = parseLandedOptions(value, table);
  return parsed.ok ? { ok: true, value: parsed.value } : fail(parsed.error.message);
}

/** Reads every argument of DUTY.LANDED and computes; failures become Excel errors through need/answer. */
export function landedFromExcel(
  args: readonly [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown],
  explain: boolean,
): LandedCost {
  const [value, country, sector, date, freight, insurance, quantity, importer, mode, options] = args;
  const table = currentTable();
  return answer(
    landedCost(table, {
      value: need(readMoney(value, "value", true))!,
      country: need(readCountry(country)),
      product: need(readProduct(sector)),
      day: need(readDate(date, new Date())),
      freight: need(readMoney(freight, "freight", false)),
      insurance: need(readMoney(insurance, "insurance", false)),
      quantity: need(readQuantity(quantity)),
      importer: need(readLandedImporter(importer)),
      mode: need(readMode(mode)),
      options: need(readLandedOptions(options, table)),
      explain,
    }),
  );
}
