import { SessionSnapshot, WorkbookSession, message } from "../workbook/workbookSession";
import { Button, Switch, busy, byId, el } from "./dom";

/** The scenario switch, what it applies (or why it cannot), and the command that creates the table. */
export function setUpScenario(session: WorkbookSession): (s: SessionSnapshot) => void {
  const toggle = byId<Switch>("scenario-switch");
  const detail = byId("scenario-detail");
  const insert = byId<Button>("insert-scenario");

  toggle.addEventListener("change", async () => {
    const on = toggle.checked;
    toggle.disabled = true;
    try {
      await session.setScenario(on);
    } catch (e) {
      detail.replaceChildren(el("p", `Could not switch the scenario: ${message(e)}`, "alert error"));
    } finally {
      toggle.disabled = session.snapshot().host !== "excel";
    }
  });
  insert.addEventListener("click", async () => {
    try {
      const name = await busy(insert, "Inserting…", () => session.insertScenarioTable());
      byId("command-status").textContent = `The scenario table is on sheet "${name}". Edit it, then turn the scenario on.`;
    } catch (e) {
      byId("command-status").textContent = `Could not insert the scenario table: ${message(e)}`;
    }
  });

  return (s) => {
    const excel = s.host === "excel";
    toggle.checked = s.scenario.on;
    toggle.disabled = !excel;
    insert.disabled = !excel;
    toggle.setAttribute("aria-checked", String(s.scenario.on));
    detail.replaceChildren();
    if (!excel) {
      detail.append(el("p", "Scenarios live in the workbook: open DutyDesk in Excel.", "subtle"));
      return;
    }
    const sc = s.scenario;
    if (sc.on && sc.table === null) {
      const box = el("div", undefined, "alert warning");
      box.append(
        el("strong", "The scenario is on but not applied"),
        el("div", `DUTY cells compute with ${s.release.id} without overrides until this is fixed:`),
      );
      const list = el("ul");
      for (const p of sc.problems.slice(0, 6)) list.append(el("li", p));
      box.append(list);
      detail.append(box);
    } else if (sc.table !== null) {
      detail.append(el("p", `Applied to ${s.release.id}: DUTY.VERSION() shows "${sc.table.scenario.label}".`, "subtle"));
      const list = el("ul", undefined, "overrides");
      for (const o of sc.table.scenario.overrides) list.append(el("li", `${o.measure}: ${o.changes.join("; ")}${o.note ? ` (${o.note})` : ""}`));
      detail.append(list);
    }
  };
}
