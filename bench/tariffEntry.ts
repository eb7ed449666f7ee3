import { RateTable } from "../src/engine";
import { tariffTotal } from "../src/requests/tariffTotal";

/**
 * DUTY.TARIFF's work without the Excel wrapper, on a table the bench chose (the bundle's TARIFF always uses
 * the embedded one): the same request rule and engine path, the answer as a number, NaN for an error cell.
 */
const now = () => new Date();

export function tariffNumberOf(table: RateTable, cell: { country: string; sector: string | number; date: number }): number {
  const r = tariffTotal(table, cell.country, cell.sector, cell.date, null, null, now);
  return typeof r === "number" ? r : NaN;
}
