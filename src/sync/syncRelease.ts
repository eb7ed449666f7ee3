import { MAX_TABLE_BYTES, RateTable, TableValidationError, documentChecksReady, loadTable } from "../engine";
import { decodeUtf8, fetchBounded, formatBytes } from "./boundedFetch";
import { FeedError } from "./feedError";
import { FeedEntry, FeedIndex, MAX_INDEX_BYTES, parseFeedIndex } from "./feedIndex";
import { isAllowedFeedUrl } from "./feedUrl";

/**
 * Sync: index first, then the release it names, and nothing is used until every check has passed:
 * size (announced and actual), hash (the index's SHA-256 over the exact bytes), schema and internal
 * consistency (loadTable). The caller keeps its last good table whatever happens here.
 */
export interface SyncProgress {
  readonly step: "index" | "release" | "verify";
  readonly message: string;
  /** 0..1 when known. */
  readonly fraction: number | null;
}

export interface SyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SyncProgress) => void;
  readonly indexTimeoutMs?: number;
  readonly releaseTimeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

/** A release that passed every check, with its exact text (the workbook stores that text, byte for byte). */
export interface VerifiedRelease {
  readonly table: RateTable;
  readonly text: string;
}

export type CheckResult =
  | { readonly kind: "up-to-date"; readonly index: FeedIndex; readonly latest: FeedEntry | null }
  | { readonly kind: "update"; readonly index: FeedIndex; readonly entry: FeedEntry; readonly release: VerifiedRelease };

export const INDEX_TIMEOUT_MS = 15_000;
export const RELEASE_TIMEOUT_MS = 60_000;

export async function fetchFeedIndex(feedUrl: string, o: SyncOptions = {}): Promise<FeedIndex> {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    throw new FeedError("not-allowed", "index", `${JSON.stringify(feedUrl.slice(0, 80))} is not a web address`);
  }
  const allowed = isAllowedFeedUrl(url);
  if (!allowed.ok) throw new FeedError("not-allowed", "index", allowed.message);
  o.onProgress?.({ step: "index", message: `Reading the feed index at ${url.host}…`, fraction: null });
  const bytes = await fetchBounded(url, {
    stage: "index",
    maxBytes: MAX_INDEX_BYTES,
    timeoutMs: o.indexTimeoutMs ?? INDEX_TIMEOUT_MS,
    revalidate: true,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.fetchImpl ? { fetchImpl: o.fetchImpl } : {}),
  });
  return parseFeedIndex(decodeUtf8(bytes, "index"), url);
}

/** Downloads one release and verifies it against its index entry. */
export async function fetchRelease(entry: FeedEntry, o: SyncOptions = {}): Promise<VerifiedRelease> {
  o.onProgress?.({ step: "release", message: `Downloading ${entry.id} (${formatBytes(entry.size)})…`, fraction: 0 });
  const bytes = await fetchBounded(entry.url, {
    stage: "release",
    maxBytes: MAX_TABLE_BYTES,
    expectedBytes: entry.size,
    timeoutMs: o.releaseTimeoutMs ?? RELEASE_TIMEOUT_MS,
    revalidate: false,
    onProgress: (loaded, total) =>
      o.onProgress?.({
        step: "release",
        message: `Downloading ${entry.id}: ${formatBytes(loaded)}${total ? ` of ${formatBytes(total)}` : ""}`,
        fraction: total ? loaded / total : null,
      }),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.fetchImpl ? { fetchImpl: o.fetchImpl } : {}),
  });
  o.onProgress?.({ step: "verify", message: `Checking ${entry.id}: hash, format and consistency…`, fraction: 1 });
  // Let the progress paint before the synchronous hash + validation (a few hundred ms for a large table).
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    await documentChecksReady();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new FeedError(
      "offline",
      "verify",
      `${entry.id} could not be checked: the add-in's table checks did not load (${why}). Try again when online.`,
    );
  }
  const text = decodeUtf8(bytes, "release");
  let table: RateTable;
  try {
    table = loadTable(text, { expectedSha256: entry.sha256 });
  } catch (e) {
    if (!(e instanceof TableValidationError)) throw e;
    const hash = e.problems.some((p) => p.startsWith("hash mismatch"));
    const message = hash
      ? `${entry.id} was rejected: its SHA-256 does not match the feed index (the file was altered or corrupted in transit).`
      : `${entry.id} was rejected: it is not a valid rate table (${e.problems.length} problem${e.problems.length === 1 ? "" : "s"}).`;
    throw new FeedError(hash ? "hash" : "invalid-release", "verify", message, e.problems);
  }
  if (table.id !== entry.id) {
    throw new FeedError("invalid-release", "verify", `the feed index calls this release ${entry.id}, but the file says ${table.id}.`);
  }
  // The pane shows the index's date before the download, and orders releases by it: it must be the file's.
  if (table.released !== entry.released) {
    throw new FeedError(
      "invalid-release",
      "verify",
      `the feed index dates ${entry.id} ${entry.released}, but the file says it was released ${table.released}.`,
    );
  }
  return { table, text };
}

/** Is there a newer release than `current`? If so, download and verify it. */
export async function checkForUpdate(feedUrl: string, current: RateTable, o: SyncOptions = {}): Promise<CheckResult> {
  const index = await fetchFeedIndex(feedUrl, o);
  const latest = index.releases[0] ?? null;
  if (
    latest === null ||
    latest.sha256 === current.sha256 ||
    latest.released < current.released ||
    (latest.released === current.released && latest.id <= current.id)
  ) {
    return { kind: "up-to-date", index, latest };
  }
  const release = await fetchRelease(latest, o);
  return { kind: "update", index, entry: latest, release };
}

/** A pinned release that this copy of the add-in does not embed and the workbook could not supply. */
export async function fetchPinnedRelease(feedUrl: string, pin: { release: string; sha256: string }, o: SyncOptions = {}): Promise<VerifiedRelease> {
  const index = await fetchFeedIndex(feedUrl, o);
  const entry = index.releases.find((r) => r.sha256 === pin.sha256);
  if (entry === undefined)
    throw new FeedError("invalid-index", "index", `the feed does not offer ${pin.release} (SHA-256 ${pin.sha256.slice(0, 12)}…).`);
  return fetchRelease(entry, o);
}
