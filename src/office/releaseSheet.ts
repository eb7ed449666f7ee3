import { RateTable } from "../engine";
import { CHUNK_CHARS, chunkText, joinChunks } from "../workbook/textChunks";
import { ReleaseCopy } from "../workbook/workbookPort";
import { rangeA1 } from "../formula/a1";

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
 */
export const RELEASE_SHEET = "DutyDesk release";
export const MARKER = "DutyDesk pinned release v1 (managed by the DutyDesk add-in; do not edit)";
/** Chunks per request: 100 × 32,000 characters stays under Excel on the web's 5 MB per request. */
const CHUNKS_PER_SYNC = 100;

export async function writeReleaseCopy(context: Excel.RequestContext, table: RateTable, text: string): Promise<void> {
  const sheets = context.workbook.worksheets;
  let sheet = sheets.getItemOrNullObject(RELEASE_SHEET);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) {
    sheet = sheets.add(RELEASE_SHEET);
    sheet.visibility = "VeryHidden";
  } else {
    const used = sheet.getUsedRangeOrNullObject();
    used.load("isNullObject");
    await context.sync();
    if (!used.isNullObject) used.clear("Contents");
  }
  const chunks = chunkText(text, CHUNK_CHARS);
  const meta = sheet.getRange(rangeA1(0, 0, 1, 5));
  meta.numberFormat = [["@", "@", "@", "0", "0"]];
  meta.values = [[MARKER, table.id, table.sha256, text.length, chunks.length]];
  for (let at = 0; at < chunks.length; at += CHUNKS_PER_SYNC) {
    const part = chunks.slice(at, at + CHUNKS_PER_SYNC);
    const range = sheet.getRange(rangeA1(1 + at, 0, part.length, 1));
    range.numberFormat = part.map(() => ["@"]);
    range.values = part.map((c) => [c]);
    await context.sync();
  }
  await context.sync();
}

export async function readReleaseCopy(context: Excel.RequestContext): Promise<ReleaseCopy | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(RELEASE_SHEET);
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
      problem: "the workbook's release sheet is not in DutyDesk's format",
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
