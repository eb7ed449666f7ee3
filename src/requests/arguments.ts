import Decimal from "decimal.js";
import {
  DEFAULT_IMPORTER,
  Day,
  Quantity,
  TransportMode,
  dayFromExcelSerial,
  decimalFromNumber,
  easternDate,
  parseAmount,
  parseQuantity,
  parseTransportMode,
} from "../engine";
import { Read, describe, fail, isEmpty, value } from "./read";
import { dayFromTextMemo } from "./textDate";

/*
 * One reader per argument, shared by every adapter. Values arrive as Excel gives them (numbers, text,
 * null for an omitted optional argument, 0 for an empty desktop cell) or as text (a CLI argument, a CSV
 * cell, a form field). Nothing here guesses: what cannot be read is a message naming the argument.
 */

export function readCountry(v: unknown): Read<string> {
  if (isEmpty(v)) return fail("country is required: an ISO code (CN) or a name (China)");
  if (typeof v !== "string") return fail(`country must be text, not ${describe(v)}`);
  return value(v);
}

export function readProduct(v: unknown): Read<string | number> {
  if (isEmpty(v)) return fail("sector is required: an HTS code (9503.00.00) or a sector keyword (steel)");
  if (typeof v === "number" || typeof v === "string") return value(v);
  return fail(`sector must be an HTS code or a keyword, not ${describe(v)}`);
}

/**
 * An entry date: an Excel serial, text in an unambiguous form (src/requests/textDate), or empty for today
 * (US Eastern, where duty is reckoned).
 */
export function readDate(v: unknown, now: Date, name = "date"): Read<Day> {
  if (isEmpty(v)) return value(easternDate(now));
  if (typeof v === "number") {
    const r = dayFromExcelSerial(v);
    return r.ok ? value(r.day) : fail(`${name}: ${r.reason}`);
  }
  if (typeof v === "string") {
    const read = dayFromTextMemo(v);
    return read.ok ? value(read.day) : fail(`${name} ${describe(v)} ${read.reason}`);
  }
  return fail(`${name} must be a date, not ${describe(v)}`);
}

/** The importing country of a rate lookup: the table's schedules (US, CN); empty is the default, US. */
export function readImporter(v: unknown): Read<string> {
  if (isEmpty(v)) return value(DEFAULT_IMPORTER);
  if (typeof v !== "string") return fail(`importer must be text (US or CN), not ${describe(v)}`);
  return value(v.trim().toUpperCase());
}

/**
 * The importing country of a landed cost: any importer the landed law knows (US, CN, GB, CA, EU members).
 * Empty is null, which the landed-cost engine reads as the default importer.
 */
export function readLandedImporter(v: unknown): Read<string | null> {
  if (isEmpty(v)) return value(null);
  if (typeof v !== "string") return fail(`importer must be text (US, CN, GB, CA, DE, …), not ${describe(v)}`);
  return value(v);
}

/** A non-negative amount: a number, or text such as "1,234.50". Empty is null (or an error when required). */
export function readMoney(v: unknown, name: string, required: boolean): Read<Decimal | null> {
  if (isEmpty(v)) return required ? fail(`${name} is required: the price of the goods, without international freight and insurance`) : value(null);
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) return fail(`${name} must be a non-negative amount, not ${describe(v)}`);
    return value(decimalFromNumber(v));
  }
  if (typeof v === "string") {
    const amount = parseAmount(v);
    return amount === null ? fail(`${name} ${describe(v)} is not an amount: use a number such as 1234.50`) : value(amount);
  }
  return fail(`${name} must be an amount, not ${describe(v)}`);
}

export function readQuantity(v: unknown): Read<readonly Quantity[] | null> {
  if (isEmpty(v)) return value(null);
  if (typeof v !== "number" && typeof v !== "string") return fail(`quantity must be a number or text such as "100 kg", not ${describe(v)}`);
  const q = parseQuantity(v);
  return q.ok ? value(q.value) : fail(q.error.message);
}

export function readMode(v: unknown): Read<TransportMode | null> {
  if (isEmpty(v)) return value(null);
  if (typeof v !== "string") return fail(`mode must be text (ocean, air, truck, rail, postal), not ${describe(v)}`);
  const mode = parseTransportMode(v);
  return mode.ok ? value(mode.value) : fail(mode.error.message);
}
