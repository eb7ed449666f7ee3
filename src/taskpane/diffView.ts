import { MeasureChange, ReleaseDiff } from "../engine";
import { CellImpact } from "../formula/cellImpact";
import { UpdateProposal } from "../workbook/workbookSession";
import { formatBytes } from "../sync/boundedFetch";
import { el } from "./dom";
import { cellText, plural, points, shortHash } from "./format";

/**
 * The update card's body: what the new release changes (measures added, ended, re-rated, amended,
 * removed, with dates and citations) and which DUTY cells of this workbook would show another value.
 * Every string from the feed goes through textContent.
 */
const GROUPS: ReadonlyArray<[keyof Pick<ReleaseDiff, "rerated" | "added" | "ended" | "amended" | "removed">, string]> = [
  ["rerated", "Re-rated"],
  ["added", "Added"],
  ["ended", "Ended"],
  ["amended", "Amended"],
  ["removed", "Removed"],
];

export function renderProposal(p: UpdateProposal, container: HTMLElement): void {
  const d = p.diff;
  container.replaceChildren();
  container.append(
    el("p", `${d.after.id}, released ${d.after.released}, replaces ${d.before.id} (released ${d.before.released}).`, "summary"),
    el(
      "p",
      `✓ Verified: SHA-256 ${shortHash(d.after.sha256)} matches the feed index${p.entry ? ` at ${p.entry.url.host}, ${formatBytes(p.entry.size)}` : ""}; format and consistency checked.`,
      "verified",
    ),
  );
  const briefly = d.news.map((n) => n.briefly).filter((b) => b !== "");
  if (briefly.length === 0 && p.entry?.summary) briefly.push(p.entry.summary);
  for (const b of briefly.slice(0, 3)) container.append(el("p", b, "news"));

  const counts = el("ul", undefined, "counts");
  counts.setAttribute("aria-label", "Measure changes");
  for (const [key, label] of GROUPS) counts.append(el("li", `${label} ${d[key].length}`, d[key].length === 0 ? "zero" : "some"));
  container.append(counts);
  if (d.coverageChanged) container.append(el("p", `Coverage: ${d.before.coverage} → ${d.after.coverage}`, "change-detail"));
  for (const l of d.lines)
    container.append(
      el(
        "p",
        `${l.importer} base rates: ${l.changed} changed, ${l.added} added, ${l.removed} removed${l.examples.length ? ` (e.g. ${l.examples.join("; ")})` : ""}`,
        "change-detail",
      ),
    );
  const rel = d.relations;
  if (rel.added.length + rel.removed.length + rel.changed.length > 0) {
    container.append(
      el("p", `Stacking rules: ${rel.added.length} added, ${rel.changed.length} changed, ${rel.removed.length} removed`, "change-detail"),
    );
  }
  if (d.noRateChanges) container.append(el("p", "No measure, base rate or stacking rule changes: only wording or metadata.", "subtle"));

  for (const [key, label] of GROUPS) {
    const changes = d[key];
    if (changes.length === 0) continue;
    const section = el("details");
    section.open = changes.length <= 8;
    section.append(el("summary", `${label} (${changes.length})`));
    const list = el("ul", undefined, "changes");
    for (const c of changes) list.append(changeItem(c));
    section.append(list);
    container.append(section);
  }

  container.append(el("h3", "Cells in this workbook"));
  if (p.impacts === null) {
    container.append(el("p", "Open the pane in Excel to see which cells would change.", "subtle"));
  } else {
    renderImpacts(p.impacts, container);
  }
  if (p.impactNote) container.append(el("p", p.impactNote, "alert warning"));
}

function changeItem(c: MeasureChange): HTMLLIElement {
  const m = c.after ?? c.before!;
  const li = el("li");
  li.append(el("div", m.title, "change-title"));
  li.append(el("div", `${m.id} · ${m.authority} · ${m.heading} · ${m.partners}`, "change-meta"));
  if (c.kind !== "added") for (const d of c.details) li.append(el("div", d, "change-detail"));
  li.append(
    el("div", `${m.rate}, ${m.through === "" ? `from ${m.from}, open-ended` : `${m.from} through ${m.through}`}; ${m.status}`, "change-detail"),
  );
  if (m.citations.length > 0) li.append(el("div", m.citations.join("; "), "cite"));
  return li;
}

function renderImpacts(impacts: readonly CellImpact[], container: HTMLElement): void {
  const changes = impacts.filter((i): i is Extract<CellImpact, { kind: "changes" }> => i.kind === "changes");
  const same = impacts.filter((i) => i.kind === "same").length;
  const unknown = impacts.filter((i): i is Extract<CellImpact, { kind: "unknown" }> => i.kind === "unknown");
  if (impacts.length === 0) {
    container.append(el("p", "No DUTY formulas in this workbook.", "subtle"));
    return;
  }
  container.append(
    el(
      "p",
      `${plural(impacts.length, "DUTY cell")}: ${changes.length} would change, ${same} would not, ${unknown.length} cannot be predicted (they are recalculated too).`,
      "subtle",
    ),
  );
  if (changes.length > 0) {
    const table = el("table", undefined, "cells");
    table.id = "affected-cells";
    const caption = el("caption", "Cells whose values would change", "visually-hidden");
    const head = el("tr");
    head.append(el("th", "Cell"), el("th", "Now", "num"), el("th", "After", "num"), el("th", "Change", "num"));
    table.append(caption, head);
    for (const i of changes.slice(0, 200)) {
      const tr = el("tr");
      const rate = typeof i.before === "number" || typeof i.after === "number";
      tr.append(el("td", i.cell.address, "addr"), el("td", cellText(i.before, rate), "num"), el("td", cellText(i.after, rate), "num"));
      const delta = el("td", i.delta === null ? "—" : points(i.delta), `num ${i.delta === null ? "" : i.delta > 0 ? "up" : "down"}`);
      tr.append(delta);
      tr.title = i.cell.formula;
      table.append(tr);
    }
    container.append(table);
    if (changes.length > 200) container.append(el("p", `…and ${changes.length - 200} more.`, "subtle"));
  }
  if (unknown.length > 0) {
    const section = el("details");
    section.append(el("summary", `Not predicted (${unknown.length})`));
    const list = el("ul", undefined, "overrides");
    for (const u of unknown.slice(0, 100)) list.append(el("li", `${u.cell.address}: ${u.reason}`));
    section.append(list);
    container.append(section);
  }
}
