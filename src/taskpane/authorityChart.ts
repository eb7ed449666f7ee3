import { BookRate, isoFromDay } from "../engine";
import { svg } from "./dom";
import { percent } from "./format";

/**
 * A book's effective tariff rate over time as stacked bars, one layer per authority, built with
 * createElementNS (no markup strings, no chart library). Every text is at least 11 px at the pane's
 * narrowest width (the viewBox is no wider than the pane, so user units are at least pixels), and the
 * chart has a title and a description that say in words what it shows.
 */
const W = 232; // no wider than the pane at its narrowest (320 px less the card and accordion padding, 254 px measured): 1 user unit ≥ 1 px
const H = 190;
const M = { left: 40, right: 8, top: 12, bottom: 26 };
const FONT = 11;
const NICE = [0.02, 0.04, 0.1, 0.2, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 1.6, 2, 3, 4, 6, 10];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Colours far apart in hue and lightness (Okabe-Ito), so that neighbours stay distinct to most eyes. */
export const AUTHORITY_COLOURS = ["#999999", "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"];

let chartCount = 0;

export function authorityChart(series: readonly BookRate[], authorities: readonly string[], summary: string): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", focusable: "false" });
  const n = ++chartCount;
  const title = svg("title", { id: `etr-chart-title-${n}` });
  title.textContent =
    series.length === 0
      ? "Effective tariff rate"
      : `Effective tariff rate by authority, ${isoFromDay(series[0]!.day)} to ${isoFromDay(series[series.length - 1]!.day)}`;
  const desc = svg("desc", { id: `etr-chart-desc-${n}` });
  desc.textContent = summary;
  root.setAttribute("aria-labelledby", title.id);
  root.setAttribute("aria-describedby", desc.id);
  root.append(title, desc);

  const top = NICE.find((v) => v >= Math.max(0, ...series.map((r) => r.etr?.toNumber() ?? 0)) * 1.05) ?? 10;
  const y = (r: number) => H - M.bottom - (r / top) * (H - M.top - M.bottom);
  for (const t of [0, 0.5, 1].map((f) => f * top)) {
    root.append(svg("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), stroke: "currentColor", "stroke-opacity": 0.2 }));
    const label = svg("text", { x: M.left - 4, y: y(t) + 4, "text-anchor": "end", "font-size": FONT, fill: "currentColor" });
    label.textContent = percent(t);
    root.append(label);
  }
  const slot = (W - M.left - M.right) / Math.max(1, series.length);
  const bar = Math.max(1, slot * 0.8);
  const every = Math.max(1, Math.ceil(series.length / 5));
  series.forEach((r, i) => {
    const x = M.left + i * slot + (slot - bar) / 2;
    let base = 0;
    for (const [k, name] of authorities.entries()) {
      const part = r.byAuthority.find((a) => a.authority === name)?.rate?.toNumber() ?? 0;
      if (part <= 0) continue;
      const rect = svg("rect", { x: f(x), y: f(y(base + part)), width: f(bar), height: f(y(base) - y(base + part)), fill: colour(k) });
      rect.setAttribute("data-authority", name);
      const tip = svg("title");
      tip.textContent = `${isoFromDay(r.day)}: ${name} ${percent(part)}`;
      rect.append(tip);
      root.append(rect);
      base += part;
    }
    if (i % every === 0) {
      const [yy, mm] = isoFromDay(r.day).split("-");
      const label = svg("text", { x: f(x + bar / 2), y: H - 8, "text-anchor": "middle", "font-size": FONT, fill: "currentColor" });
      label.textContent = `${MONTHS[Number(mm) - 1]} ${yy!.slice(2)}`;
      root.append(label);
    }
  });
  root.append(svg("line", { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0), stroke: "currentColor" }));
  return root;
}

export const colour = (i: number) => AUTHORITY_COLOURS[i % AUTHORITY_COLOURS.length]!;

const f = (v: number) => (Math.round(v * 10) / 10).toString();
