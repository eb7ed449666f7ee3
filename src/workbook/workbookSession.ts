import { RateTable, ReleaseDiff, ScenarioTable, applyScenario, diffReleases, documentChecksReady, loadTable } from "../engine";
import { CellImpact, assessCell } from "../formula/cellImpact";
import { ReleaseIdentities } from "../engine/releases/releaseIdentity";
import { callGate, embeddedTableText, holdCalls, onServed, peekTable, refuseCalls, tableWasServed, useTable } from "../runtime/tableStore";
import { FeedEntry } from "../sync/feedIndex";
import { defaultFeedUrl, resolveFeedUrl } from "../sync/feedUrl";
import { CheckResult, SyncOptions, VerifiedRelease, checkForUpdate, fetchPinnedRelease } from "../sync/syncRelease";
import { WorkbookPin, pinFor } from "./workbookPin";
import { FreezeResult, FreezeScope, HostKind, InsertedSheet, RecalcMode, UnfreezeResult, WorkbookChange, WorkbookPort } from "./workbookPort";

/**
 * The state behind the task pane: which release the workbook computes with, where it came from, the
 * workbook's pin, its feed, and its scenario. It is the only code that calls useTable(); the task pane
 * renders its snapshots and calls its methods. It reads and writes the workbook only through a
 * WorkbookPort (src/office/officeWorkbook.ts in Excel), so its rules run, and are tested, without Office.
 *
 * Invariant: DUTY cells compute with `scenario.table ?? release`, and `release` is the pinned release
 * whenever it could be loaded. Every change that can alter DUTY values ends with a recalculation.
 */
export type TableSource = "embedded" | "workbook" | "feed";

export interface ScenarioState {
  readonly on: boolean;
  /** The applied scenario, or null (off, or on but not applicable: see problems). */
  readonly table: ScenarioTable | null;
  readonly found: boolean;
  readonly problems: readonly string[];
}

export interface Notice {
  readonly kind: "info" | "success" | "warning" | "error";
  readonly text: string;
}

export interface SessionSnapshot {
  readonly host: HostKind;
  readonly release: RateTable;
  readonly source: TableSource;
  readonly pin: WorkbookPin | null;
  /** Set when the workbook's pin cannot be honoured (the pinned release could not be loaded). */
  readonly pinWarning: string | null;
  /** Set while every DUTY cell answers #N/A because the pinned release is not available here ("Use my release" re-pins). */
  readonly pinUnavailable: string | null;
  readonly feedUrl: string;
  readonly customFeedUrl: boolean;
  readonly scenario: ScenarioState;
  readonly notice: Notice | null;
  readonly lastRecalc: RecalcMode | null;
}

export interface UpdateProposal {
  readonly candidate: RateTable;
  readonly text: string;
  readonly entry: FeedEntry | null;
  readonly diff: ReleaseDiff;
  /** Cells of this workbook, or null outside Excel. */
  readonly impacts: readonly CellImpact[] | null;
  readonly impactNote: string | null;
}

export type CheckOutcome =
  { readonly kind: "up-to-date"; readonly latest: FeedEntry | null } | { readonly kind: "update"; readonly proposal: UpdateProposal };

type Trigger = "open" | "settings" | "release-sheet" | "scenario-sheet" | "retry" | "local";

const OFF: ScenarioState = { on: false, table: null, found: false, problems: [] };
const RETRY_DELAYS_MS = [2_000, 6_000, 20_000];

export class WorkbookSession {
  private host: HostKind = "preview";
  private release: RateTable;
  private source: TableSource = "embedded";
  private pin: WorkbookPin | null = null;
  private pinWarning: string | null = null;
  private feedSetting: string | null = null;
  private scenario: ScenarioState = OFF;
  private notice: Notice | null = null;
  private lastRecalc: RecalcMode | null = null;
  private readonly texts = new Map<string, string>();
  private readonly tables = new Map<string, RateTable>();
  private readonly listeners = new Set<(s: SessionSnapshot) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending = new Set<Trigger>();
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;
  private pinUnavailable: string | null = null;
  /** Release ids and the one hash each stands for: published ones, then those seen in a feed or a pin. */
  private readonly identities = new ReleaseIdentities();
  private autoPin: "idle" | "done" | "failed" = "idle";
  private startupAsked = false;

  constructor(
    private readonly pageUrl: string,
    private readonly workbook: WorkbookPort,
  ) {
    this.release = peekTable();
    this.texts.set(this.release.sha256, embeddedTableText());
    this.tables.set(this.release.sha256, this.release);
  }

  snapshot(): SessionSnapshot {
    return {
      host: this.host,
      release: this.release,
      source: this.source,
      pin: this.pin,
      pinWarning: this.pinWarning,
      pinUnavailable: this.pinUnavailable,
      feedUrl: this.feedUrl(),
      customFeedUrl: this.feedSetting !== null,
      scenario: this.scenario,
      notice: this.notice,
      lastRecalc: this.lastRecalc,
    };
  }

  subscribe(listener: (s: SessionSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }

  feedUrl(): string {
    return this.feedSetting ?? defaultFeedUrl(this.pageUrl);
  }

  /** Runs one workbook operation at a time: events, user actions and retries never interleave. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ------------------------------------------------------------------------------------------ start-up

  async start(host: HostKind): Promise<void> {
    this.host = host;
    if (host !== "excel") {
      // No workbook, no pin: DUTY calls (if any) compute with the release in use.
      useTable(this.release);
      this.emit();
      return;
    }
    holdCalls("DutyDesk is reading the workbook's pin");
    onServed(() => this.onDutyComputed());
    try {
      await this.serial(() => this.reconcile("open"));
    } catch (e) {
      // The pin could not be read at all: DUTY cells compute with the release in use, and the pane says so.
      useTable(this.release);
      throw e;
    }
    try {
      await this.workbook.watch((change) => this.onWorkbookChange(change));
    } catch {
      this.say("warning", "Changes by co-authors are not followed live in this version of Excel; reopen the pane to pick them up.");
    }
  }

  private onWorkbookChange(change: WorkbookChange): void {
    if (change.what === "settings") this.pending.add("settings");
    else this.pending.add(change.what);
    if (this.debounce !== null) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const triggers = [...this.pending];
      this.pending.clear();
      const trigger: Trigger = triggers.includes("settings") ? "settings" : triggers.includes("release-sheet") ? "release-sheet" : "scenario-sheet";
      void this.serial(() => this.reconcile(trigger)).catch((e) => this.say("error", `Could not follow a workbook change: ${message(e)}`));
    }, 250);
  }

  /**
   * Brings the session in line with the workbook: its pin, feed and scenario. Idempotent: called on open,
   * on every settings / release-sheet / scenario change (ours or a co-author's) and on retries.
   */
  private async reconcile(trigger: Trigger): Promise<void> {
    const settings = await this.workbook.readSettings();
    this.feedSetting = settings.feedUrl;
    this.pinWarning = settings.pinProblem;
    let release = this.release;
    let source = this.source;
    const pin = settings.pin;
    if (pin === null) this.pinUnavailable = null;
    const changed = pin === null ? null : this.identities.learn(pin.release, pin.sha256, "the workbook's pin");
    const repinned = pin !== null && (pin.sha256 !== this.release.sha256 || this.pinUnavailable !== null);
    if (pin !== null && changed !== null) {
      await this.refuse(pin, `the pin names a ${changed}`, trigger);
      this.pin = pin;
      this.emit();
      return;
    }
    if (repinned) {
      if (pin.sha256 !== this.release.sha256) holdCalls(`loading the pinned release ${pin.release}`);
      const loaded = await this.loadPinned(pin);
      if ("table" in loaded) {
        release = loaded.table;
        source = loaded.source;
        this.retries = 0;
        this.pinUnavailable = null;
      } else {
        this.pin = pin;
        await this.refuse(pin, loaded.why, trigger);
        this.scheduleRetry();
        this.emit();
        return;
      }
    }
    this.pin = pin;
    const scenario = settings.scenarioOn ? await this.readScenario(release) : OFF;
    const before = peekTable();
    const switched = await this.apply(release, source, scenario, trigger);
    if (pin === null && this.autoPin === "idle" && tableWasServed()) this.queueAutoPin();
    if (switched && trigger !== "open" && trigger !== "local") {
      const who = trigger === "retry" ? "The pinned release is now available" : "A co-author changed the workbook's rate table";
      const now = scenario.table ?? release;
      this.say("info", `${who}: DUTY cells now compute with ${describe(now)} (was ${describe(before)}) and were recalculated.`);
    } else {
      this.emit();
    }
  }

  /**
   * The pinned release cannot be had here: every DUTY cell answers #N/A saying so (never a number from
   * another table), and cells already computed are recomputed to show it.
   */
  private async refuse(pin: WorkbookPin, why: string, trigger: Trigger): Promise<void> {
    const cellMessage = `pinned release ${pin.release} (sha ${pin.sha256.slice(0, 12)}…) is not available here: open DutyDesk to fetch it`;
    const wasServed = tableWasServed();
    const first = this.pinUnavailable === null;
    this.pinUnavailable = cellMessage;
    this.pinWarning =
      `This workbook is pinned to release ${pin.release} (SHA-256 ${pin.sha256.slice(0, 12)}…), which is not available here: ${why}. ` +
      `DUTY cells answer #N/A until it is; "Use my release" re-pins the workbook to ${this.release.id}.`;
    refuseCalls(cellMessage);
    if (first && (trigger !== "open" || wasServed)) this.lastRecalc = await this.recalculate();
  }

  /** A DUTY call computed: an unpinned workbook gets pinned to the release in use (once the runtime can write). */
  private onDutyComputed(): void {
    if (this.host === "excel" && this.pin === null && this.autoPin === "idle" && this.pinUnavailable === null) this.queueAutoPin();
  }

  private queueAutoPin(): void {
    this.autoPin = "done";
    void this.serial(async () => {
      const settings = await this.workbook.readSettings();
      // A co-author (or this pane) pinned meanwhile: their pin stands, reconcile follows it.
      if (settings.pin !== null || settings.pinProblem !== null) return;
      const text = this.texts.get(this.release.sha256);
      if (text === undefined) return;
      await this.pinRelease(this.release, text);
      this.say(
        "info",
        `Pinned ${this.release.id} automatically: DUTY functions computed in this workbook, so everyone who opens it now computes with the same release.`,
      );
    }).catch((e) => {
      // Read-only, or a conflicting edit: tried again on the next workbook change.
      this.autoPin = "idle";
      this.say("warning", `This workbook could not be pinned to ${this.release.id} (${message(e)}); co-authors may compute with other releases.`);
    });
  }

  /** "Use my release": re-pins a workbook whose pinned release is not available here to the release in use. */
  async useMyRelease(): Promise<void> {
    await this.serial(async () => {
      const text = this.texts.get(this.release.sha256);
      if (text === undefined) throw new Error("the text of the release in use is not available");
      const old = this.pin;
      await this.pinRelease(this.release, text);
      this.pinUnavailable = null;
      useTable(this.release);
      this.lastRecalc = await this.recalculate();
      this.say(
        "success",
        `Pinned ${this.release.id}${old ? ` in place of ${old.release}` : ""}: DUTY cells were recalculated with it, and every co-author now computes with it.`,
      );
    });
  }

  /** After the first use in a workbook: the runtime loads with the document from now on, so the pin is read before any DUTY cell computes. */
  private async askToLoadWithDocument(): Promise<void> {
    if (this.startupAsked || this.host !== "excel") return;
    this.startupAsked = true;
    try {
      await this.workbook.loadWithDocument();
    } catch {
      /* the host refused: the runtime starts on first use, as before; DUTY calls still wait at the gate */
    }
  }

  private scheduleRetry(): void {
    const delay = RETRY_DELAYS_MS[this.retries];
    if (delay === undefined) return;
    this.retries++;
    setTimeout(() => void this.serial(() => this.reconcile("retry")).catch(() => undefined), delay);
  }

  /** The pinned release: embedded if the hash matches, else the workbook's copy, else the feed. */
  private async loadPinned(pin: WorkbookPin): Promise<{ table: RateTable; source: TableSource } | { why: string }> {
    const known = this.tables.get(pin.sha256);
    if (known !== undefined) return { table: known, source: this.texts.get(pin.sha256) === embeddedTableText() ? "embedded" : "workbook" };
    const reasons: string[] = [];
    try {
      const copy = await this.workbook.readReleaseCopy(pin.sha256);
      if (copy === null) reasons.push("the workbook has no copy of it");
      else if (copy.sha256 !== pin.sha256)
        reasons.push(`the workbook's copy is ${copy.release}, not the pinned release (a co-author's change may still be arriving)`);
      else if (copy.text === null) reasons.push(copy.problem ?? "the workbook's copy is damaged");
      else {
        // A copy needs the checks unless it is a published format-2 release, known only once it is hashed.
        const unchecked = await checksUnavailable("the workbook's copy");
        // Not the copy's fault: the add-in could not check it. The feed is tried next; a retry tries both.
        if (unchecked !== null) reasons.push(unchecked);
        else {
          const table = loadTable(copy.text, { expectedSha256: pin.sha256 });
          const changed = this.identities.check(table.id, table.sha256);
          if (changed !== null) throw new Error(changed);
          this.remember({ table, text: copy.text });
          return { table, source: "workbook" };
        }
      }
    } catch (e) {
      reasons.push(`the workbook's copy was rejected (${message(e)})`);
    }
    const feed = pin.feedUrl ?? this.feedUrl();
    try {
      const verified = await fetchPinnedRelease(feed, pin);
      const changed = this.identities.check(verified.table.id, verified.table.sha256);
      if (changed !== null) throw new Error(changed);
      this.remember(verified);
      return { table: verified.table, source: "feed" };
    } catch (e) {
      reasons.push(`the feed could not supply it (${message(e)})`);
    }
    return { why: reasons.join("; ") };
  }

  private remember(r: VerifiedRelease): void {
    this.texts.set(r.table.sha256, r.text);
    this.tables.set(r.table.sha256, r.table);
  }

  private async readScenario(release: RateTable): Promise<ScenarioState> {
    const rows = await this.workbook.readScenarioRows();
    if (!rows.found) return { on: true, table: null, found: false, problems: ["the workbook has no scenario table: insert one first"] };
    if (rows.problems.length > 0) return { on: true, table: null, found: true, problems: rows.problems };
    // A scenario is a table of its own, checked in full as any table that is not a published release.
    const unchecked = await checksUnavailable("the scenario");
    if (unchecked !== null) return { on: true, table: null, found: true, problems: [unchecked] };
    const applied = applyScenario(release, rows.overrides);
    return applied.ok
      ? { on: true, table: applied.table, found: true, problems: [] }
      : { on: true, table: null, found: true, problems: applied.problems };
  }

  /** Switches DUTY cells to the release (+ scenario) and recalculates if anything changed. */
  private async apply(release: RateTable, source: TableSource, scenario: ScenarioState, trigger: Trigger): Promise<boolean> {
    this.release = release;
    this.source = source;
    this.scenario = scenario;
    const effective = scenario.table ?? release;
    const previous = peekTable();
    if (previous.sha256 === effective.sha256) {
      // Same table: let waiting calls through; cells that answered #N/A (refused) must be recomputed.
      const refused = callGate().kind === "refused";
      useTable(effective);
      if (refused && this.host === "excel") this.lastRecalc = await this.recalculate();
      return refused;
    }
    // On open, cells hold the values saved with the file; they only need recomputing if a DUTY call
    // already ran with the wrong (embedded) table while the pin was loading.
    const stale = trigger !== "open" || tableWasServed();
    useTable(effective);
    if (stale && this.host === "excel") this.lastRecalc = await this.recalculate();
    return true;
  }

  /** Recalculates the sheets that hold DUTY formulas; everything when they cannot all be found. */
  private async recalculate(): Promise<RecalcMode> {
    let sheets: readonly string[] | null = null;
    try {
      const scan = await this.workbook.scanDutyCells();
      sheets = scan.truncated ? null : scan.sheets;
    } catch {
      sheets = null;
    }
    return this.workbook.recalculate(sheets);
  }

  private say(kind: Notice["kind"], text: string): void {
    this.notice = { kind, text };
    this.emit();
  }

  dismissNotice(): void {
    this.notice = null;
    this.emit();
  }

  // ------------------------------------------------------------------------------------------ sync

  async checkForUpdates(options: SyncOptions = {}): Promise<CheckOutcome> {
    const result: CheckResult = await checkForUpdate(this.feedUrl(), this.release, options);
    // Every id the feed lists is learnt; one it lists with other bytes than a known release is refused.
    for (const entry of result.index.releases) {
      const changed = this.identities.learn(entry.id, entry.sha256, "the feed index");
      if (changed !== null && (result.kind === "up-to-date" || entry.id === result.entry.id))
        throw new Error(`The feed's ${changed}. Nothing was applied.`);
    }
    if (result.kind === "up-to-date") return { kind: "up-to-date", latest: result.latest };
    this.remember(result.release);
    return { kind: "update", proposal: await this.propose(result.release, result.entry) };
  }

  /** What accepting `candidate` would change: the measures, and this workbook's DUTY cells. */
  async propose(release: VerifiedRelease, entry: FeedEntry | null): Promise<UpdateProposal> {
    const candidate = release.table;
    const diff = diffReleases(this.release, candidate);
    if (this.host !== "excel") return { candidate, text: release.text, entry, diff, impacts: null, impactNote: null };
    let effective: RateTable = candidate;
    let impactNote: string | null = null;
    if (this.scenario.on) {
      const rows = await this.workbook.readScenarioRows();
      const unchecked = await checksUnavailable("the scenario");
      const applied = unchecked === null ? applyScenario(candidate, rows.overrides) : { ok: false as const, problems: [unchecked] };
      if (applied.ok) effective = applied.table;
      else impactNote = `The scenario cannot be applied to ${candidate.id} (${applied.problems[0]}); values below are without it.`;
    }
    return this.serial(async () => {
      const scan = await this.workbook.scanDutyCells();
      const now = new Date();
      const impacts = scan.cells.map((cell) =>
        assessCell(cell, effective, (sheet, ref) => scan.value(sheet, ref), { now, isDutyCell: (s, r) => scan.isDutyCell(s, r) }),
      );
      if (scan.truncated)
        impactNote =
          `${impactNote ?? ""} The workbook is large: only part of it was checked; every DUTY cell is still recalculated on accept.`.trim();
      return { candidate, text: release.text, entry, diff, impacts, impactNote };
    });
  }

  /** Pins the candidate in the workbook (its text first, then the pin) and recalculates. */
  async accept(proposal: UpdateProposal): Promise<void> {
    const candidate = proposal.candidate;
    if (this.host !== "excel") {
      this.release = candidate;
      this.source = "feed";
      useTable(candidate);
      this.say("success", `Now computing with ${candidate.id}. (Not pinned: there is no workbook outside Excel.)`);
      return;
    }
    await this.serial(async () => {
      await this.pinRelease(candidate, proposal.text);
      this.source = "feed";
      const scenario = this.scenario.on ? await this.readScenario(candidate) : OFF;
      await this.apply(candidate, "feed", scenario, "local");
      const scenarioNote = scenario.on && scenario.table === null ? ` The scenario could not be applied to it: ${scenario.problems[0] ?? ""}` : "";
      this.say(
        scenarioNote === "" ? "success" : "warning",
        `Pinned ${candidate.id}: everyone who opens this workbook now computes with it. DUTY cells were recalculated.${scenarioNote}`,
      );
    });
  }

  /** Pins the release in use (e.g. the embedded one), so co-authors on other add-in versions compute the same. */
  async pinCurrent(): Promise<void> {
    await this.serial(async () => {
      const text = this.texts.get(this.release.sha256);
      if (text === undefined) throw new Error("the text of the release in use is not available");
      await this.pinRelease(this.release, text);
      this.say("success", `Pinned ${this.release.id} in this workbook.`);
    });
  }

  private async pinRelease(table: RateTable, text: string): Promise<void> {
    const pin = pinFor(table, this.feedUrl(), new Date());
    // Atomic: a new copy, verified, then the pin, then the old copy goes (src/office/releaseSheet.ts). A
    // co-author who sees the new pin finds its text; a failure leaves the old pin and copy as they were.
    await this.workbook.writeRelease(table, text, pin);
    this.pin = pin;
    void this.askToLoadWithDocument();
    this.pinWarning = null;
    this.remember({ table, text });
  }

  async setFeedUrl(input: string): Promise<string | null> {
    const trimmed = input.trim();
    const value = trimmed === "" || trimmed === defaultFeedUrl(this.pageUrl) ? null : trimmed;
    let next: string | null = null;
    if (value !== null) {
      const check = resolveFeedUrl(value, this.pageUrl);
      if (!check.ok) return check.message;
      next = check.url.href;
    }
    // Stored first, adopted after: if the workbook refuses the write, the pane keeps showing the feed in use.
    if (this.host === "excel") await this.serial(() => this.workbook.writeFeedUrl(next));
    this.feedSetting = next;
    this.emit();
    return null;
  }

  // ------------------------------------------------------------------------------------------ scenario

  async setScenario(on: boolean): Promise<void> {
    await this.serial(async () => {
      await this.workbook.writeScenarioSwitch(on);
      const scenario = on ? await this.readScenario(this.release) : OFF;
      const changed = await this.apply(this.release, this.source, scenario, "local");
      if (on && scenario.table === null)
        this.say("warning", `The scenario is on but not applied: ${scenario.problems[0] ?? "see the scenario section"}.`);
      else if (changed)
        this.say(
          "success",
          on
            ? `Scenario on (${scenario.table?.scenario.label ?? ""}). DUTY cells were recalculated.`
            : "Scenario off. DUTY cells were recalculated with the pinned release.",
        );
      else this.emit();
    });
  }

  async insertScenarioTable(): Promise<string> {
    const example =
      this.release.doc.measures.find((m) => m.importer === "US" && "add" in m.rate && m.to === undefined) ?? this.release.doc.measures[0];
    const name = await this.serial(() =>
      this.workbook.insertScenarioSheet(example ? { measure: example.id, note: "Example: what if this measure were 0%? Edit or delete." } : null),
    );
    if (this.scenario.on) await this.serial(() => this.reconcile("local"));
    return name;
  }

  // ------------------------------------------------------------------------------------------ commands

  async insertAudit(): Promise<InsertedSheet> {
    return this.serial(() => this.workbook.insertAuditSheet(this.scenario.table ?? this.release));
  }

  async insertModel(withLanded: boolean): Promise<InsertedSheet> {
    return this.serial(() => this.workbook.insertModelSheet({ withLanded }));
  }

  // ------------------------------------------------------------------------------------------ freeze

  /**
   * Freezes the DUTY formulas of the selection or the active sheet to their values, with provenance.
   * Refused while the pinned release is unavailable or loading: the cells show #N/A (or are about to
   * change), and a frozen #N/A, or a value about to be replaced, is no value to hand over.
   */
  async freeze(scope: FreezeScope): Promise<FreezeResult> {
    if (this.host !== "excel") throw new Error("Freezing needs a workbook: open the pane in Excel.");
    const gate = callGate();
    if (this.pinUnavailable !== null || gate.kind === "refused")
      throw new Error(
        `Nothing was frozen: DUTY cells answer #N/A (${this.pinUnavailable ?? (gate.kind === "refused" ? gate.message : "")}). Fetch the pinned release, or use your release, first.`,
      );
    if (gate.kind === "held") throw new Error("Nothing was frozen: the pinned release is still loading; try again in a moment.");
    const pinned = this.pin !== null && this.pin.sha256 === this.release.sha256;
    const from = this.source === "embedded" ? "embedded in the add-in" : this.source === "workbook" ? "the workbook's copy" : "the feed";
    const scenario = this.scenario.table === null ? "" : `; scenario "${this.scenario.table.scenario.label}" on`;
    const basis = `${pinned ? "the workbook's pin" : "not pinned"}; ${from}${scenario}`;
    return this.serial(() =>
      this.workbook.freezeDutyCells(scope, { release: this.release.id, sha256: this.release.sha256, basis, at: new Date().toISOString() }),
    );
  }

  /** Restores the frozen formulas of the selection or the active sheet; they compute again with the table in use. */
  async unfreeze(scope: FreezeScope): Promise<UnfreezeResult> {
    if (this.host !== "excel") throw new Error("Unfreezing needs a workbook: open the pane in Excel.");
    return this.serial(() => this.workbook.unfreezeDutyCells(scope));
  }
}

function describe(t: RateTable): string {
  return "scenario" in t ? `${(t as ScenarioTable).scenario.base.id} with a scenario` : t.id;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Null once the table checks are in (documentChecksReady), which any table but a published format-2
 * release needs; otherwise why `what` cannot be checked.
 */
async function checksUnavailable(what: string): Promise<string | null> {
  try {
    await documentChecksReady();
    return null;
  } catch (e) {
    return `${what} could not be checked: the add-in's table checks did not load (${message(e)})`;
  }
}
