import { BookReport, Day, RateTable, bookReport, dayFromIso, easternDate, isoFromDay, monthlyDays } from "../engine";
import { bookFromCells, etrOptions } from "../requests/etrQuestion";
import { message } from "../workbook/workbookSession";
import { SelectionPort } from "../workbook/workbookPort";
import { authorityChart, colour } from "./authorityChart";
import { busy, byId, el } from "./dom";
import { percent } from "./format";

/**
 * The Portfolio view: the selected range as a book of SKUs (value, country, HTS code), its effective
 * tariff rate month by month as a chart stacked by authority, and the five lines that pay the most. The
 * numbers are DUTY.ETR's (src/engine/decisions): the pane only reads the cells and draws.
 */
export const TOP_LINES = 5;

export function setUpPortfolio(port: SelectionPort | null, table: () => RateTable, now: () => Date = () => new Date()): void {
  const button = byId<HTMLButtonElement>("portfolio-read");
  const from = byId<HTMLInputElement>("portfolio-from");
  const to = byId<HTMLInputElement>("portfolio-to");
  const status = byId("portfolio-status");
  const t = table();
  if (from.value === "") from.value = isoFromDay(t.coverage.from);
  if (to.value === "") to.value = isoFromDay(Math.min(easternDate(now()), t.coverage.to - 1) as Day);
  if (port === null) {
    button.disabled = true;
    status.textContent = "Open the pane in Excel to compute the rate of a selected range.";
    return;
  }
  button.addEventListener("click", () => {
    void busy(button, "Computing…", async () => {
      try {
        const cells = await port.readSelection();
        show(compute(table(), cells.address, cells.values, from.value, to.value));
      } catch (e) {
        show({ error: `Could not read the selection: ${message(e)}` });
      }
    });
  });
}

type Result = { error: string } | { address: string; report: BookReport; lines: number };

function compute(table: RateTable, address: string, cells: readonly (readonly unknown[])[], fromText: string, toText: string): Result {
  const start = dayFromIso(fromText);
  const end = dayFromIso(toText);
  if (start === null || end === null) return { error: "Enter a start and an end date." };
  const days = monthlyDays(start, end);
  if (!days.ok) return { error: days.error.message };
  const book = bookFromCells(cells, "US");
  if (!book.ok) return { error: `${address}: ${book.message}` };
  if (book.value.book.length === 0) return { error: `${address} has no rows with a value, a country and an HTS code.` };
  const options = etrOptions(null, table);
  if (!options.ok) return { error: options.message };
  const report = bookReport(table, book.value.book, days.value, options.value, TOP_LINES);
  if (!report.ok) return { error: `${address}, ${report.error.message}` };
  return { address, report: report.value, lines: book.value.book.length };
}

function show(r: Result): void {
  const status = byId("portfolio-status");
  const figure = byId("portfolio-chart");
  const legend = byId("portfolio-legend");
  const top = byId<HTMLTableElement>("portfolio-top");
  const error = byId("portfolio-error");
  for (const n of [figure, top]) n.hidden = true;
  legend.replaceChildren();
  figure.querySelector("svg")?.remove();
  error.hidden = true;
  if ("error" in r) {
    status.textContent = "";
    error.textContent = r.error;
    error.hidden = false;
    return;
  }
  const { series, authorities } = r.report;
  const last = series[series.length - 1]!;
  const parts = last.byAuthority.filter((a) => a.rate !== null && !a.rate.isZero()).map((a) => `${a.authority} ${percent(a.rate!.toNumber())}`);
  const summary =
    `On ${isoFromDay(last.day)} the ${r.lines} lines of ${r.address} pay ${last.etr === null ? "no rate (zero value)" : percent(last.etr.toNumber())}` +
    `${parts.length > 0 ? `: ${parts.join(", ")}` : ""}. ` +
    series.map((s) => `${isoFromDay(s.day)} ${s.etr === null ? "none" : percent(s.etr.toNumber())}`).join("; ");
  status.textContent = `Effective tariff rate on ${isoFromDay(last.day)}: ${last.etr === null ? "none (the selection's value is zero)" : percent(last.etr.toNumber())} over ${r.lines} lines.`;
  figure.insertBefore(authorityChart(series, authorities, summary), byId("portfolio-caption"));
  byId("portfolio-caption").textContent = `Monthly, stacked by authority (Σ value × rate ÷ Σ value), ${series.length} points.`;
  authorities.forEach((name, i) => {
    const item = el("li");
    const swatch = el("span", null, "swatch");
    swatch.style.backgroundColor = colour(i);
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, document.createTextNode(name));
    legend.append(item);
  });
  figure.hidden = false;

  byId("portfolio-top-date").textContent = isoFromDay(last.day);
  const body = top.tBodies[0]!;
  body.replaceChildren(
    ...r.report.top.map((c) => {
      const row = el("tr");
      row.append(
        el("th", c.line.label),
        el("td", c.line.country),
        el("td", String(c.line.product)),
        el("td", percent(c.total.toNumber())),
        el("td", c.duty.toFixed(2)),
        el("td", c.share === null ? "" : percent(c.share.toNumber())),
      );
      row.firstElementChild!.setAttribute("scope", "row");
      return row;
    }),
  );
  top.hidden = false;
}
