import { SessionSnapshot, UpdateProposal, WorkbookSession, message } from "../workbook/workbookSession";
import { FeedError } from "../sync/feedError";
import { SyncProgress } from "../sync/syncRelease";
import { Button, ProgressBar, TextInput, busy, byId, el } from "./dom";
import { renderProposal } from "./diffView";

/**
 * Check for updates → progress → (rejection with the reasons | up to date | the diff with Accept).
 * A failed or rejected sync never touches the table in use; the message says which table DUTY cells
 * keep computing with.
 */
export function setUpSync(session: WorkbookSession): { check(manual: boolean): Promise<void> } {
  const checkButton = byId<Button>("check");
  const progress = byId<ProgressBar>("sync-progress");
  const status = byId("sync-status");
  const errorBox = byId("sync-error");
  const card = byId("update-card");
  const body = byId("update-body");
  const title = byId("update-title");
  const accept = byId<Button>("accept");
  const dismiss = byId<Button>("dismiss");
  let proposal: UpdateProposal | null = null;
  let running = false;

  const showProgress = (p: SyncProgress) => {
    progress.hidden = false;
    if (p.fraction === null) progress.removeAttribute("value");
    else progress.value = p.fraction;
    status.textContent = p.message;
  };

  let errorAgainst: string | null = null;
  const showError = (e: unknown, title?: string) => {
    const snapshot = session.snapshot();
    errorAgainst = snapshot.release.sha256;
    const inUse = `DUTY cells keep computing with ${snapshot.release.id}${snapshot.source === "embedded" ? " (embedded)" : ""}.`;
    errorBox.replaceChildren();
    const fe = e instanceof FeedError ? e : null;
    const unreachable =
      fe !== null && (fe.kind === "offline" || fe.kind === "timeout" || fe.kind === "http" || fe.kind === "redirect" || fe.kind === "aborted");
    errorBox.className = `alert ${unreachable ? "warning" : "error"}`;
    errorBox.setAttribute("intent", unreachable ? "warning" : "error");
    errorBox.append(el("strong", title ?? (unreachable ? "Could not check for updates" : "Update rejected")));
    errorBox.append(el("div", fe ? capitalize(fe.message) : `Unexpected error: ${message(e)}`));
    if (fe && fe.problems.length > 0) {
      const list = el("ul");
      for (const p of fe.problems.slice(0, 5)) list.append(el("li", p));
      if (fe.problems.length > 5) list.append(el("li", `…and ${fe.problems.length - 5} more`));
      errorBox.append(list);
    }
    errorBox.append(el("div", inUse));
    errorBox.hidden = false;
    status.textContent = "";
  };

  const check = async (manual: boolean) => {
    if (running) return;
    running = true;
    errorBox.hidden = true;
    checkButton.disabled = true;
    checkButton.textContent = "Checking…";
    checkButton.setAttribute("aria-busy", "true");
    try {
      const outcome = await session.checkForUpdates({ onProgress: showProgress });
      const time = new Date().toTimeString().slice(0, 5);
      if (outcome.kind === "up-to-date") {
        status.textContent = outcome.latest
          ? `Up to date: the feed's latest release is ${outcome.latest.id} (checked ${time}).`
          : `The feed lists no releases (checked ${time}).`;
        card.hidden = true;
        proposal = null;
      } else {
        proposal = outcome.proposal;
        status.textContent = `${proposal.candidate.id} is available and verified: review the changes below.`;
        title.textContent = `Update: ${proposal.candidate.id}`;
        renderProposal(proposal, body);
        accept.textContent = `Accept and pin ${proposal.candidate.id}`;
        card.hidden = false;
        if (manual) title.focus();
      }
    } catch (e) {
      showError(e);
    } finally {
      progress.hidden = true;
      checkButton.disabled = false;
      checkButton.textContent = "Check for updates";
      checkButton.removeAttribute("aria-busy");
      running = false;
    }
  };

  checkButton.addEventListener("click", () => void check(true));
  accept.addEventListener("click", async () => {
    const p = proposal;
    if (p === null) return;
    try {
      await busy(accept, "Pinning and recalculating…", () => session.accept(p));
      card.hidden = true;
      proposal = null;
      status.textContent = `${p.candidate.id} accepted.`;
      checkButton.focus();
    } catch (e) {
      showError(e, `Could not pin ${p.candidate.id}`);
    }
  });
  // The workbook's release changed under an open proposal (a co-author pinned it, or another one):
  // the proposal is done, or its diff is no longer against the release in use.
  session.subscribe((s) => {
    // A failure message says which release DUTY cells keep: once another is in use, it is out of date.
    if (!errorBox.hidden && errorAgainst !== null && errorAgainst !== s.release.sha256) errorBox.hidden = true;
    if (proposal === null || card.hidden) return;
    if (proposal.candidate.sha256 === s.release.sha256) {
      card.hidden = true;
      status.textContent = `${proposal.candidate.id} is now the workbook's release.`;
      proposal = null;
    } else if (proposal.diff.before.sha256 !== s.release.sha256) {
      card.hidden = true;
      status.textContent = "The workbook's release changed while this update was open: check again to compare with it.";
      proposal = null;
    }
  });
  dismiss.addEventListener("click", () => {
    card.hidden = true;
    status.textContent = proposal ? `${proposal.candidate.id} was not accepted; check again to review it.` : "";
    proposal = null;
    checkButton.focus();
  });

  setUpFeedForm(session);
  return { check };
}

function setUpFeedForm(session: WorkbookSession): void {
  const form = byId<HTMLFormElement>("feed-form");
  const input = byId<TextInput>("feed-url");
  const messageBox = byId("feed-message");
  const reset = byId<Button>("feed-reset");
  const save = async (value: string) => {
    try {
      const problem = await session.setFeedUrl(value);
      messageBox.className = problem === null ? "hint" : "error";
      messageBox.textContent = problem === null ? "Saved for this workbook." : problem;
    } catch (e) {
      messageBox.className = "error";
      messageBox.textContent = message(e);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save(input.value);
  });
  reset.addEventListener("click", () => void save(""));
  session.subscribe((s: SessionSnapshot) => {
    if (document.activeElement !== input) input.value = s.feedUrl;
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
