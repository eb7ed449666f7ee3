import { Day, RateTable, breakdownRows, dayFromIso, historyLines, isoFromDay, lookupRate, rateHistory, totalRate } from "../engine";
import { rateQuestion } from "../requests/rateQuestion";
import { byId, el } from "./dom";
import { percent } from "./format";
import { rateChart } from "./rateChart";

/**
 * Country, sector and date in; the total, a layer-by-layer breakdown with citations, and the total rate
 * over the table's whole coverage as a chart out. It computes with the table DUTY cells use.
 */
export function setUpLookup(table: () => RateTable): void {
  const form = byId<HTMLFormElement>("lookup");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    lookup(table(), form);
  });
  // The chart is drawn at the figure's pixel width (so its labels keep their size): redraw on resize.
  const figure = byId("chart");
  let drawnAt = 0;
  new ResizeObserver(() => {
    const width = figure.clientWidth;
    if (redraw === null || figure.hidden || width === drawnAt || width === 0) return;
    drawnAt = width;
    redraw();
  }).observe(figure);
}

/** Draws the last chart again at the figure's current width; null before the first lookup. */
let redraw: (() => void) | null = null;

function lookup(table: RateTable, form: HTMLFormElement): void {
  const data = new FormData(form);
  const result = byId("result");
  const chart = byId("chart");
  result.replaceChildren();
  chart.hidden = true;
  redraw = null;
  const date = String(data.get("date") ?? "");
  if (dayFromIso(date) === null) {
    result.append(el("p", "Enter an entry date.", "error"));
    return;
  }
  // The form's fields go through the same request layer as a DUTY.TARIFF cell; the basis is an option word.
  const q = rateQuestion(
    {
      country: String(data.get("country") ?? ""),
      sector: String(data.get("sector") ?? ""),
      date,
      importer: String(data.get("importer") ?? ""),
      options: String(data.get("basis") ?? ""),
    },
    table,
    new Date(),
  );
  if (!q.ok) {
    result.append(el("p", q.message, "error"));
    return;
  }
  const request = q.value.request;
  const day = request.day;
  const outcome = lookupRate(table, request);
  if (!outcome.ok) {
    result.append(el("p", outcome.error.message, "error"));
    return;
  }
  const a = outcome.value;
  const c = a.composition;
  // The pane states the same rule as DUTY.TARIFF: a specific duty has no rate without a unit value.
  const total = totalRate(c, q.value.choice, a.product.display);
  result.append(
    el("p", "Total duty rate", "label"),
    el("p", total.ok ? percent(total.value.total.toNumber()) : "no single rate", "total"),
    ...(total.ok ? [] : [el("p", total.error.message, "summary")]),
    el(
      "p",
      `${a.product.display} from ${a.originName}, entered ${isoFromDay(day)}: base ${c.base.expr?.text ?? "unknown"} + additional ${percent(c.additional?.toNumber() ?? null)}`,
      "summary",
    ),
  );
  const tableEl = el("table", undefined, "layers");
  const caption = el("caption", `Layers for ${a.product.display} from ${a.originName}`, "visually-hidden");
  const head = el("tr");
  for (const h of ["Layer", "Rate"]) head.append(el("th", h));
  tableEl.append(caption, head);
  for (const row of breakdownRows(a)) {
    const tr = el("tr");
    const layer = el("td");
    const period = row.from === "" ? "" : `${row.from} to ${row.through || "open"}; `;
    layer.append(el("div", `${row.heading} ${row.layer}`), el("div", `${period}${row.status}; ${row.citation}`, "cite"));
    tr.append(
      layer,
      el("td", row.kind === "notApplied" ? "not applied" : row.kind === "specific" && row.rate === null ? "per unit" : percent(row.rate), "rate"),
    );
    tableEl.append(tr);
  }
  result.append(tableEl);
  for (const note of c.notes) result.append(el("p", note, "summary"));
  drawChart(table, request, day);
}

function drawChart(table: RateTable, request: Parameters<typeof lookupRate>[1], day: Day): void {
  const figure = byId("chart");
  const from = table.coverage.from;
  const to = (table.coverage.to - 1) as Day;
  const history = rateHistory(table, { ...request, day: from }, to);
  figure.replaceChildren();
  if (!history.ok) return;
  const lines = historyLines(history.value);
  const totals = lines.map((l) => l.total).filter((t): t is number => t !== null);
  const peak = totals.length === 0 ? null : Math.max(...totals);
  const peakLine = lines.find((l) => l.total === peak);
  const description =
    `Total duty rate from ${isoFromDay(from)} to ${isoFromDay(to)}: ${lines.length} period${lines.length === 1 ? "" : "s"}` +
    (peak !== null && peakLine ? `, peak ${percent(peak)} from ${isoFromDay(peakLine.from)}` : "") +
    `; ${percent(lines[lines.length - 1]?.total ?? null)} at the end.`;
  const caption = el("figcaption", undefined);
  caption.id = "chart-caption";
  const changeCount = lines.length - 1;
  caption.textContent = `Total duty rate over time, ${isoFromDay(from)} to ${isoFromDay(to)}: ${changeCount} change${changeCount === 1 ? "" : "s"}${peak !== null ? `, peak ${percent(peak)}` : ""}.`;
  const changes = el("details");
  changes.append(el("summary", "Every change"));
  const list = el("ul", undefined, "overrides");
  for (const l of lines) list.append(el("li", `${isoFromDay(l.from)}: ${percent(l.total)} (${l.layers})`));
  changes.append(list);
  figure.hidden = false;
  const svgAt = () => rateChart(lines, { from, to }, day, description, figure.clientWidth);
  figure.append(svgAt(), caption, changes);
  redraw = () => figure.firstElementChild?.replaceWith(svgAt());
}
