import { SessionSnapshot, WorkbookSession, message } from "../workbook/workbookSession";
import { byId } from "./dom";

/**
 * The pane's part of "a pinned release that cannot be had": what every DUTY cell now answers, and the
 * deliberate way out, "Use my release", which re-pins the workbook to the release this add-in has. It
 * asks for a second click with the consequence spelled out (no dialog: the pane never opens one).
 */
export function setUpPinView(session: WorkbookSession): (s: SessionSnapshot) => void {
  const section = byId("pin-unavailable");
  const text = byId("pin-unavailable-text");
  const use = byId<HTMLButtonElement>("use-my-release");
  const confirm = byId("use-my-release-confirm");
  const confirmText = byId("use-my-release-confirm-text");
  const yes = byId<HTMLButtonElement>("use-my-release-yes");
  const no = byId<HTMLButtonElement>("use-my-release-no");
  const status = byId("use-my-release-status");
  let current: SessionSnapshot | null = null;

  use.addEventListener("click", () => {
    if (current === null) return;
    confirmText.textContent =
      `Re-pin this workbook to ${current.release.id} (SHA-256 ${current.release.sha256.slice(0, 12)}…) in place of ` +
      `${current.pin?.release ?? "its pin"}? DUTY numbers may change, for you and for every co-author.`;
    confirm.hidden = false;
    yes.focus();
  });
  no.addEventListener("click", () => {
    confirm.hidden = true;
    use.focus();
  });
  yes.addEventListener("click", () => {
    yes.disabled = true;
    status.textContent = "Re-pinning…";
    session
      .useMyRelease()
      .then(() => (status.textContent = ""))
      .catch((e) => (status.textContent = `Could not re-pin: ${message(e)}`))
      .finally(() => {
        yes.disabled = false;
        confirm.hidden = true;
      });
  });

  return (s) => {
    current = s;
    section.hidden = s.pinUnavailable === null;
    text.textContent = s.pinUnavailable === null ? "" : `Every DUTY cell answers #N/A: ${s.pinUnavailable}.`;
  };
}
