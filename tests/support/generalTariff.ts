import { LookupError, RateChoice, RateRequest, RateTable, lookupRate, totalRate } from "../../src/engine";

/**
 * DUTY.TARIFF's answer by the general path, the oracle of the numbers-only path's tests: lookupRate composes,
 * then the one total rule reads it (the plain ad valorem total, else totalRate with the options' choice).
 */
export function generalTariff(t: RateTable, r: RateRequest, choice: RateChoice): number | LookupError {
  const o = lookupRate(t, r);
  if (!o.ok) return o.error;
  const c = o.value.composition;
  if (c.total !== null && c.specific.length === 0) return c.total.toNumber();
  const total = totalRate(c, choice, o.value.product.display);
  return total.ok ? total.value.total.toNumber() : total.error;
}
