import { Basis, RateTable, breakdownRows, dayFromIso, isoFromDay, lookupRate } from "../engine";
import { currentTable } from "../runtime/tableStore";

/*
 * The task pane. In this release it shows the table in use and a lookup; it runs inside Excel (shared
 * runtime) and also as a plain page, where Office.onReady reports no host. Every piece of text that
 * comes from the table is set with textContent, never as markup.
 */

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from taskpane.html`);
  return node as T;
}

function percent(x: number | null): string {
  if (x === null) return "unknown";
  return `${(Math.round(x * 1e6) / 1e4).toString()}%`;
}

function showTable(table: RateTable): void {
  byId("table-id").textContent = table.id;
  byId("table-released").textContent = table.released;
  byId("table-coverage").textContent = `${isoFromDay(table.coverage.from)} to ${isoFromDay((table.coverage.to - 1) as typeof table.coverage.to)}`;
  byId("table-hash").textContent = table.sha256;
  byId("notice").textContent = table.doc.notice.join(" ");
}

function lookup(table: RateTable, form: HTMLFormElement): void {
  const data = new FormData(form);
  const result = byId("result");
  result.replaceChildren();
  const day = dayFromIso(String(data.get("date") ?? ""));
  if (day === null) {
    result.append(el("p", "Enter an entry date.", "error"));
    return;
  }
  const outcome = lookupRate(table, {
    country: String(data.get("country") ?? ""),
    product: String(data.get("sector") ?? ""),
    importer: String(data.get("importer") ?? "US"),
    basis: String(data.get("basis") ?? "entry") as Basis,
    day,
  });
  if (!outcome.ok) {
    result.append(el("p", outcome.error.message, "error"));
    return;
  }
  const a = outcome.value;
  const c = a.composition;
  result.append(
    el("p", "Total duty rate", "label"),
    el("p", percent(c.total?.toNumber() ?? null), "total"),
    el("p", `${a.product.display} from ${a.originName}, entered ${isoFromDay(day)}: base ${c.base.expr?.text ?? "unknown"} + additional ${percent(c.additional?.toNumber() ?? null)}`, "summary"),
  );
  const tableEl = el("table", undefined, "layers");
  const head = el("tr");
  for (const h of ["Layer", "Rate"]) head.append(el("th", h));
  tableEl.append(head);
  for (const row of breakdownRows(a)) {
    const tr = el("tr");
    const layer = el("td");
    const period = row.from === "" ? "" : `${row.from} to ${row.through || "open"}; `;
    layer.append(el("div", `${row.heading} ${row.layer}`), el("div", `${period}${row.status}; ${row.citation}`, "cite"));
    tr.append(layer, el("td", percent(row.rate), "rate"));
    tableEl.append(tr);
  }
  result.append(tableEl);
  for (const note of c.notes) result.append(el("p", note, "summary"));
}

function start(host: string): void {
  byId("host").textContent = host;
  const table = currentTable();
  showTable(table);
  const form = byId<HTMLFormElement>("lookup");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    lookup(currentTable(), form);
  });
}

if (typeof Office !== "undefined") {
  Office.onReady((info) => start(info.host ? `Excel (${info.platform})` : "browser preview (no Office host)"));
} else {
  document.addEventListener("DOMContentLoaded", () => start("browser preview (office.js not loaded)"));
}
