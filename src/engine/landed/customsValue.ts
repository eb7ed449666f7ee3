import Decimal from "decimal.js";
import { ImporterProfile, ValuationBasis } from "./importerProfile";
import { ONE, formatMoney, roundCents } from "./money";

/**
 * The value duty is assessed on, by the importer's valuation basis.
 *
 * The caller gives the price of the goods without international freight and insurance (an FOB-type
 * price), and the freight and insurance to the importing country separately, all in the invoice
 * currency. Each is converted at `fx` (importer currency per unit of invoice currency) and rounded to
 * the cent, half up, before anything is added: the converted amounts are what a declaration shows.
 *
 * - `transaction` (US) and `fob` (CA): the goods only; freight and insurance are costs of the landed
 *   total but not dutiable.
 * - `cif` (CN, EU, GB): goods + freight + insurance.
 */
export interface ShipmentValues {
  readonly goods: Decimal;
  readonly freight: Decimal;
  readonly insurance: Decimal;
}

export interface CustomsValue {
  readonly amount: Decimal;
  readonly basis: ValuationBasis;
  readonly dutiableFreight: boolean;
}

/** An invoice amount in the importer's currency: amount × fx, half-up to the cent. */
export function convertAmount(amount: Decimal, fx: Decimal): Decimal {
  if (fx.equals(ONE)) return amount.decimalPlaces() <= 2 ? amount : roundCents(amount);
  return roundCents(amount.times(fx));
}

export function convertShipment(invoice: ShipmentValues, fx: Decimal): ShipmentValues {
  return {
    goods: convertAmount(invoice.goods, fx),
    freight: convertAmount(invoice.freight, fx),
    insurance: convertAmount(invoice.insurance, fx),
  };
}

export function customsValue(profile: ImporterProfile, values: ShipmentValues): CustomsValue {
  if (profile.valuation === "cif") {
    return { amount: values.goods.plus(values.freight).plus(values.insurance), basis: "cif", dutiableFreight: true };
  }
  return { amount: values.goods, basis: profile.valuation, dutiableFreight: false };
}

export function describeCustomsValue(cv: CustomsValue, values: ShipmentValues): string {
  switch (cv.basis) {
    case "cif":
      return `CIF = goods ${formatMoney(values.goods)} + freight ${formatMoney(values.freight)} + insurance ${formatMoney(values.insurance)} = ${formatMoney(cv.amount)}`;
    case "transaction":
      return `transaction value = price of the goods ${formatMoney(values.goods)}; international freight and insurance are not dutiable`;
    case "fob":
      return `value for duty = price at the place of direct shipment ${formatMoney(values.goods)}; freight and insurance to Canada are not dutiable`;
  }
}
