import { SessionSnapshot } from "../workbook/workbookSession";
import { Button, byId } from "./dom";
import { coverageText, plural, shortHash } from "./format";

/**
 * The "Rate table" section, the one-line status, the header badge and the banner: what DUTY cells compute
 * with, and why.
 */
const SOURCE_TEXT = { embedded: "embedded", workbook: "from the workbook", feed: "from the feed" } as const;

export function renderStatus(s: SessionSnapshot, hostText: string, onDismiss: () => void): void {
  const r = s.release;
  byId("table-id").textContent = r.id;
  const source = byId("table-source");
  source.textContent = SOURCE_TEXT[s.source];
  byId("table-released").textContent = r.released;
  byId("table-coverage").textContent = coverageText(r);
  const hash = byId("table-hash");
  hash.textContent = r.sha256;
  byId("host").textContent = hostText;
  byId("notice").textContent = r.doc.notice.join(" ");

  const pinned = s.pin !== null && s.pin.sha256 === r.sha256;
  const pinStatus = byId("pin-status");
  if (s.host !== "excel") pinStatus.textContent = "none (no workbook outside Excel)";
  else if (s.pin === null) pinStatus.textContent = "not pinned: co-authors may compute with another release";
  else if (pinned) pinStatus.textContent = `${s.pin.release}, pinned${s.pin.pinnedAt ? ` ${s.pin.pinnedAt.slice(0, 10)}` : ""}`;
  else pinStatus.textContent = `${s.pin.release} (${shortHash(s.pin.sha256)}), not loaded`;
  const pinButton = byId<Button>("pin");
  pinButton.hidden = s.host !== "excel" || pinned || (s.pin !== null && s.pinWarning !== null);
  pinButton.textContent = `Pin ${r.id} in this workbook`;

  const warning = byId("pin-warning");
  warning.hidden = s.pinWarning === null;
  warning.textContent = s.pinWarning ?? "";

  const scenario = byId("scenario-status");
  const sc = s.scenario;
  if (!sc.on) scenario.textContent = "off";
  else if (sc.table === null) scenario.textContent = "on, but not applied (see Scenario)";
  else scenario.textContent = `on: ${plural(sc.table.scenario.overrides.length, "override")} (table ${shortHash(sc.table.sha256)})`;

  // Whoever controls the feed's index decides what a sync offers: always show whose feed it is.
  let feedHost = s.feedUrl;
  try {
    feedHost = new URL(s.feedUrl).host;
  } catch {
    /* shown as typed */
  }
  byId("feed-status").textContent = `${feedHost} (${s.customFeedUrl ? "set in this workbook" : "the add-in's own"})`;

  // The first screen's one line: the release DUTY cells compute with, and whether it is pinned.
  byId("status-summary").textContent =
    `Rate table ${r.id} (${SOURCE_TEXT[s.source]}${pinned ? ", pinned" : ""}${sc.table !== null ? ", scenario on" : ""}).`;

  const badge = byId("badge");
  badge.hidden = false;
  badge.setAttribute("color", sc.table !== null ? "warning" : "informative");
  badge.textContent = sc.table !== null ? `${r.id} + scenario` : pinned ? `${r.id} · pinned` : r.id;

  const banner = byId("banner");
  banner.hidden = s.notice === null;
  // Fluent message bar intents: info, success, warning, error.
  banner.setAttribute("intent", s.notice?.kind ?? "info");
  byId("banner-text").textContent = s.notice?.text ?? "";
  const close = byId<Button>("banner-close");
  close.onclick = onDismiss;
}
