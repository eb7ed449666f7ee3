import Decimal from "decimal.js";
import { BreakdownRow, RateAnswer, RateChoice, breakdownRows, dayFromIso, isoFromDay, totalRate } from "../engine";
import { answer } from "./excelResults";
import { RICH_VALUES, percentText } from "./excelValues";

/*
 * DUTY.RATE's answer as an Excel entity: a card like the Stocks and Geography data types. It is built from
 * the same engine answer and the same breakdown rows as DUTY.TARIFF and DUTY.BREAKDOWN (no second rule),
 * so the card's Total is TARIFF's number and its Layers are BREAKDOWN's rows.
 *
 * Property names are what `=A1.Total` and `=A1.[Entry date]` read; they are part of the function's
 * contract, like function ids, and are only ever added to.
 */

export const CARD_PROPERTIES = {
  rate: ["Total", "Base", "Additional", "Country", "Product", "Entry date", "Importer"],
  layers: ["Layers"],
  source: ["Table", "Table SHA-256", "Basis", "Claims", "Notes"],
} as const;

/** The columns of the Layers property: BREAKDOWN's, less the basis column (it is in the layer's name). */
export const LAYER_COLUMNS = ["Layer", "Authority", "Chapter 99", "Rate", "From", "Through", "Status", "Citation"] as const;

const text = (basicValue: string): Excel.StringCellValue => ({ type: "String", basicValue });

/** A rate that is unknown stays visibly unknown, with the reason: never a 0 that looks right. */
function rateValue(rate: Decimal | number | null, unknown: string): Excel.CellValue {
  if (rate === null) return text(unknown);
  return RICH_VALUES.rate(typeof rate === "number" ? rate : rate.toNumber()) as Excel.FormattedNumberCellValue;
}

function dateValue(iso: string): Excel.CellValue {
  const day = iso === "" ? null : dayFromIso(iso);
  return day === null ? text(iso) : (RICH_VALUES.date(day) as Excel.FormattedNumberCellValue);
}

function layerRow(r: BreakdownRow): Excel.CellValue[] {
  const rate = r.kind === "notApplied" ? text("not applied") : rateValue(r.rate, r.kind === "specific" ? `unknown: ${r.basis}` : "unknown");
  return [text(r.layer), text(r.authority), text(r.heading), rate, dateValue(r.from), dateValue(r.through), text(r.status), text(r.citation)];
}

/**
 * The card. `#N/A` (thrown as the engine's error, with its message) where TARIFF has no total: a card
 * without its headline number would look like an answer.
 */
export function rateCard(a: RateAnswer, choice: RateChoice): Excel.EntityCellValue {
  const c = a.composition;
  const total = answer(totalRate(c, choice, a.product.display));
  const day = a.facts.day;
  const title = `${percentText(total.total.toNumber())} · ${a.originName} · ${a.product.display} · ${isoFromDay(day)}`;
  const claims = [...a.facts.claims].sort();
  const notes = [...c.notes];
  const layers: Excel.ArrayCellValue = {
    type: "Array",
    elements: [LAYER_COLUMNS.map(text), ...breakdownRows(a, choice).map(layerRow)],
  };
  const properties: Record<(typeof CARD_PROPERTIES)[keyof typeof CARD_PROPERTIES][number], Excel.CellValue> = {
    Total: rateValue(total.total, "unknown"),
    Base: rateValue(c.baseFraction, c.base.expr === null ? "unknown" : `not ad valorem: ${c.base.expr.text}`),
    Additional: rateValue(c.additional, "unknown: a layer's rate is not known"),
    Country: text(`${a.originName} (${a.origin})`),
    Product: text(a.product.display),
    "Entry date": RICH_VALUES.date(day) as Excel.FormattedNumberCellValue,
    Importer: text(a.importer.code),
    Layers: layers,
    Table: text(a.table.id),
    "Table SHA-256": text(a.table.sha256),
    Basis: text(a.facts.basis),
    Claims: text(claims.length === 0 ? "none" : claims.join("; ")),
    Notes: text(notes.length === 0 ? "none" : notes.join(" ")),
  };
  return {
    type: "Entity",
    text: title,
    properties,
    layouts: {
      card: {
        title,
        sections: [
          { layout: "List", title: "Rate", properties: [...CARD_PROPERTIES.rate] },
          { layout: "List", title: "Layers", properties: [...CARD_PROPERTIES.layers] },
          { layout: "List", title: "Source", properties: [...CARD_PROPERTIES.source], collapsed: true },
        ],
      },
    },
    provider: { description: `DutyDesk rate table ${a.table.id}` },
  };
}
