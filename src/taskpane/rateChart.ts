import { Day, HistoryLine, isoFromDay } from "../engine";
import { svg } from "./dom";
import { percent } from "./format";

/**
 * The total duty rate over time as an SVG step chart, built with createElementNS (no markup strings, no
 * chart library: a few dozen elements). It is drawn at the pixel width it is shown at (one SVG unit is
 * one CSS pixel), so the labels' CSS font sizes (11 px and up, taskpane.css) are what the reader sees: a
 * viewBox scaled down to a 320 px pane made them about 8 px. The caller redraws it when the width changes.
 * Colours come from CSS classes so the theme applies.
 */
const MIN_WIDTH = 200;
const H = 170;
const M = { left: 40, right: 10, top: 16, bottom: 24 };
/** Room one month label ("Apr 25" at 11 px) needs, with a gap, on the time axis. */
const LABEL_SPACING = 52;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Axis tops whose quarters are round percentages.
const NICE = [0.04, 0.1, 0.2, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10];

export interface ChartRange {
  readonly from: Day;
  /** Last day shown (inclusive). */
  readonly to: Day;
}

let chartCount = 0;

export function rateChart(lines: readonly HistoryLine[], range: ChartRange, selected: Day | null, description: string, width: number): SVGSVGElement {
  const W = Math.max(MIN_WIDTH, Math.floor(width));
  const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", focusable: "false" });
  const titleId = `rate-chart-title-${++chartCount}`;
  const title = svg("title", { id: titleId });
  title.textContent = description;
  root.setAttribute("aria-labelledby", titleId);
  root.append(title);

  const span = Math.max(1, range.to + 1 - range.from);
  const x = (d: number) => M.left + ((Math.min(Math.max(d, range.from), range.to + 1) - range.from) / span) * (W - M.left - M.right);
  const top = niceMax(Math.max(0, ...lines.map((l) => l.total ?? 0)));
  const y = (r: number) => H - M.bottom - (r / top) * (H - M.top - M.bottom);

  for (const t of [0, 0.25, 0.5, 0.75, 1].map((f) => f * top)) {
    root.append(svg("line", { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }, "chart-grid"));
    const label = svg("text", { x: M.left - 4, y: y(t) + 3, "text-anchor": "end" }, "chart-label");
    label.textContent = percent(t);
    root.append(label);
  }
  for (const tick of monthTicks(range, Math.max(1, Math.floor((W - M.left - M.right) / LABEL_SPACING)))) {
    const tx = x(tick.day);
    root.append(svg("line", { x1: tx, x2: tx, y1: H - M.bottom, y2: H - M.bottom + 3 }, "chart-axis"));
    const label = svg("text", { x: tx, y: H - 6, "text-anchor": "middle" }, "chart-label");
    label.textContent = tick.label;
    root.append(label);
  }
  root.append(svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, "chart-axis"));

  // Steps: each line holds from its `from` to the next line's `from`; an unknown total breaks the line.
  let d = "";
  let area = "";
  lines.forEach((l, i) => {
    if (l.total === null) return;
    const x0 = x(l.from);
    const x1 = x(i + 1 < lines.length ? lines[i + 1]!.from : range.to + 1);
    const yy = y(l.total);
    const prev = i > 0 ? lines[i - 1]!.total : null;
    d += prev === null ? `M${f(x0)},${f(yy)}` : `V${f(yy)}`;
    d += `H${f(x1)}`;
    area += `M${f(x0)},${f(y(0))}V${f(yy)}H${f(x1)}V${f(y(0))}Z`;
  });
  if (area !== "") root.append(svg("path", { d: area }, "chart-area"));
  if (d !== "") root.append(svg("path", { d }, "chart-line"));

  if (selected !== null && selected >= range.from && selected <= range.to) {
    const at = [...lines].reverse().find((l) => l.from <= selected);
    const sx = x(selected + 0.5);
    root.append(svg("line", { x1: sx, x2: sx, y1: M.top - 4, y2: H - M.bottom }, "chart-marker"));
    if (at?.total !== null && at?.total !== undefined) {
      root.append(svg("circle", { cx: sx, cy: y(at.total), r: 3.5 }, "chart-dot"));
      const value = svg("text", { x: sx > W / 2 ? sx - 5 : sx + 5, y: M.top + 2, "text-anchor": sx > W / 2 ? "end" : "start" }, "chart-value");
      value.textContent = `${percent(at.total)} on ${isoFromDay(selected)}`;
      root.append(value);
    }
  }
  return root;
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function niceMax(max: number): number {
  return NICE.find((n) => n >= max * 1.05) ?? Math.ceil(max);
}

/** Month ticks every 2, 3, 6, 12… months: the smallest step that leaves each label its room. */
function monthTicks(range: ChartRange, maxTicks: number): { day: number; label: string }[] {
  const start = new Date(range.from * 86_400_000);
  const months = (range.to - range.from) / 30.4;
  const step = [2, 3, 6, 12, 24, 36, 60, 120].find((s) => months / s <= maxTicks) ?? 120;
  const ticks: { day: number; label: string }[] = [];
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  month = Math.ceil(month / step) * step;
  for (;;) {
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
    const day = Date.UTC(year, month, 1) / 86_400_000;
    if (day > range.to) break;
    if (day >= range.from) ticks.push({ day, label: `${MONTHS[month]} ${String(year).slice(2)}` });
    month += step;
  }
  return ticks;
}
