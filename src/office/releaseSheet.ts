import { RateTable, sha256Hex } from "../engine";
import { CHUNK_CHARS, chunkText, joinChunks } from "../workbook/textChunks";
import { ReleaseCopy } from "../workbook/workbookPort";
import { WorkbookPin } from "../workbook/workbookPin";
import { rangeA1 } from "../formula/a1";
import { queuePin } from "./workbookSettings";

/**
 * The pinned release's text, kept in the workbook on a very hidden worksheet, so that every co-author
 * (and anyone offline, or on another version of the add-in) can compute with exactly the pinned bytes.
 *
 * Why a sheet: cell content is what co-authoring synchronises and merges, on every platform, with change
 * events that say whether an edit was local or remote; workbook settings are meant for small values
 * (1-2 MB reported limits) and custom XML parts raise no change events. "VeryHidden" keeps it out of the
 * Unhide dialog, so it is not edited by accident. The text is verified against the pin's SHA-256 before
 * use, so a damaged copy is never used; it is only ever a cache of a release the feed can also supply.
 *
 * Layout: row 1 = [MARKER, release id, sha256, characters, chunks]; column A from row 2 = the chunks.
 *
 * One sheet per copy, named for its hash ("DutyDesk release 98f5b0f21790"), so a new pin never touches
 * the copy the current pin points at. writeRelease is atomic in the only sense a workbook allows: the new
 * copy is written to a NEW sheet (chunks first, row 1 last: a sheet without its marker row is no copy),
 * read back and hashed, and only then is the pin switched (one setting, one sync), and the old copies
 * deleted. A failure at any sync before the switch leaves the old pin and its copy as they were; a
 * half-written sheet is ignored by readers (no marker, or a hash that is not the pin's) and removed by
 * the next write. Workbooks pinned before this scheme have their copy on "DutyDesk release": still read.
 */
export const RELEASE_SHEET = "DutyDesk release";
export const MARKER = "DutyDesk pinned release v1 (managed by the DutyDesk add-in; do not edit)";
/** Chunks per request: 100 × 32,000 characters stays under Excel on the web's 5 MB per request. */
const CHUNKS_PER_SYNC = 100;

/** The sheet that holds the copy of the release with this SHA-256 (≤ 31 characters, as Excel requires). */
export function releaseSheetName(sha256: string): string {
  return `${RELEASE_SHEET} ${sha256.slice(0, 12)}`;
}

/**
 * Every sheet DutyDesk keeps a release copy on: the legacy name, the per-hash names, and the names
 * Excel gives a co-author's copy when two add-ins created the same per-hash sheet at the same moment
 * (the merge keeps both, renaming one "… (2)", truncated to 31 characters). Only very hidden sheets
 * count, so a user's own sheet that happens to be called "DutyDesk release notes" is never deleted.
 */
export function isReleaseSheet(name: string, visibility: string): boolean {
  return visibility === "VeryHidden" && isReleaseSheetName(name);
}

/** The name alone (change events carry no visibility): a false alarm costs one re-read of the pin, nothing more. */
export function isReleaseSheetName(name: string): boolean {
  return name === RELEASE_SHEET || name.startsWith(`${RELEASE_SHEET} `);
}

/** Writes the copy to a new sheet, verifies it, switches the pin, then removes the old copies. */
export async function writeRelease(context: Excel.RequestContext, table: RateTable, text: string, pin: WorkbookPin): Promise<void> {
  if (pin.sha256 !== table.sha256)
    throw new Error(`the pin (${pin.sha256.slice(0, 12)}…) is not the release written (${table.sha256.slice(0, 12)}…)`);
  const name = releaseSheetName(table.sha256);
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  const previous = sheets.items.filter((s) => isReleaseSheet(s.name, s.visibility)).map((s) => s.name);
  if (previous.includes(name)) {
    // A sheet of this name holds this very release when a co-author pinned it at the same moment (their
    // automatic pin), or it is the leftover of an interrupted write. A complete copy with this hash is
    // the same bytes either write would produce: it is kept, so two co-authors pinning at once converge
    // on one sheet and one pin. Anything else is rewritten from scratch, never trusted.
    const existing = await readCopyOn(context, name);
    if (existing?.text != null && existing.sha256 === table.sha256 && sha256Hex(existing.text) === table.sha256) {
      await switchPin(context, pin, previous, name);
      return;
    }
    sheets.getItem(name).visibility = "Hidden"; // a very hidden sheet cannot be deleted directly in every host
    sheets.getItem(name).delete();
    await context.sync();
  }
  await writeCopy(context, name, table, text);
  await switchPin(context, pin, previous, name);
}

/** The copy on a new sheet, row 1 last, then read back and hashed; throws unless it is exactly `text`. */
async function writeCopy(context: Excel.RequestContext, name: string, table: RateTable, text: string): Promise<void> {
  const sheet = context.workbook.worksheets.add(name);
  sheet.visibility = "VeryHidden";
  const chunks = chunkText(text, CHUNK_CHARS);
  for (let at = 0; at < chunks.length; at += CHUNKS_PER_SYNC) {
    const part = chunks.slice(at, at + CHUNKS_PER_SYNC);
    const range = sheet.getRange(rangeA1(1 + at, 0, part.length, 1));
    range.numberFormat = part.map(() => ["@"]);
    range.values = part.map((c) => [c]);
    await context.sync();
  }
  // Row 1 last: until it is there, the sheet is no copy.
  const meta = sheet.getRange(rangeA1(0, 0, 1, 5));
  meta.numberFormat = [["@", "@", "@", "0", "0"]];
  meta.values = [[MARKER, table.id, table.sha256, text.length, chunks.length]];
  await context.sync();

  const back = await readCopyOn(context, name);
  if (back === null || back.text === null)
    throw new Error(`the new copy of ${table.id} did not read back (${back?.problem ?? "the sheet is missing"})`);
  const got = sha256Hex(back.text);
  if (got !== table.sha256) throw new Error(`the new copy of ${table.id} reads back with SHA-256 ${got}, not ${table.sha256}`);
}

/** One sync moves the pin to the copy on `name`; then the other copies go (a failure there leaves a stale hidden sheet). */
async function switchPin(context: Excel.RequestContext, pin: WorkbookPin, previous: readonly string[], name: string): Promise<void> {
  queuePin(context, pin);
  await context.sync();
  const sheets = context.workbook.worksheets;
  for (const old of previous) {
    if (old === name) continue;
    const s = sheets.getItem(old);
    s.visibility = "Hidden";
    s.delete();
  }
  await context.sync();
}

/**
 * The copy of the release with this SHA-256: its own sheet when that holds it, else any other release
 * sheet that does (the merge's renamed "… (2)" of a co-author's simultaneous write, whose first-arrived
 * namesake may be a half-written leftover; the legacy sheet), else what its own sheet holds (with the
 * problem), else null when there is none.
 */
export async function readReleaseCopy(context: Excel.RequestContext, sha256: string): Promise<ReleaseCopy | null> {
  const name = releaseSheetName(sha256);
  const own = await readCopyOn(context, name);
  if (own !== null && own.text !== null && own.sha256 === sha256) return own;
  const sheets = context.workbook.worksheets.load("items/name,items/visibility");
  await context.sync();
  const others = sheets.items.filter((s) => s.name !== name && (isReleaseSheet(s.name, s.visibility) || s.name === RELEASE_SHEET));
  let fallback: ReleaseCopy | null = own;
  for (const other of others) {
    const copy = await readCopyOn(context, other.name);
    if (copy !== null && copy.text !== null && copy.sha256 === sha256) return copy;
    if (other.name === RELEASE_SHEET) fallback ??= copy;
  }
  return fallback;
}

async function readCopyOn(context: Excel.RequestContext, name: string): Promise<ReleaseCopy | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) return null;
  const meta = sheet.getRange(rangeA1(0, 0, 1, 5)).load("values");
  await context.sync();
  const [marker, release, sha256, length, count] = meta.values[0] ?? [];
  if (marker !== MARKER || typeof release !== "string" || typeof sha256 !== "string") {
    return {
      release: String(release ?? ""),
      sha256: String(sha256 ?? ""),
      text: null,
      problem: "the workbook's release sheet is not in DutyDesk's format (or its write was interrupted)",
    };
  }
  const chunks = Number(count);
  if (!Number.isInteger(chunks) || chunks < 0 || chunks > 1000)
    return { release, sha256, text: null, problem: "the workbook's release copy has a bad chunk count" };
  const cells: unknown[] = [];
  for (let at = 0; at < chunks; at += CHUNKS_PER_SYNC) {
    const n = Math.min(CHUNKS_PER_SYNC, chunks - at);
    const range = sheet.getRange(rangeA1(1 + at, 0, n, 1)).load("values");
    await context.sync();
    for (const row of range.values) cells.push(row[0]);
  }
  const text = joinChunks(cells);
  if (text === null) return { release, sha256, text: null, problem: "the workbook's release copy is incomplete or was edited" };
  if (text.length !== Number(length))
    return { release, sha256, text: null, problem: `the workbook's release copy has ${text.length} characters; ${String(length)} were stored` };
  return { release, sha256, text, problem: null };
}
