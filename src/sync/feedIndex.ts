import { MAX_TABLE_BYTES, NewsEntry, dayFromIso } from "../engine";
import { clip } from "../engine/util/clip";
import { FeedError } from "./feedError";
import { isAllowedFeedUrl } from "./feedUrl";

/**
 * index.json of a feed (scripts/emit-feed.js writes it): the releases it offers, newest first, each with
 * the SHA-256 and size of its file. Everything in it is untrusted until checked here; a release is then
 * checked again, byte for byte, against this entry.
 */
export const FEED_FORMAT = "dutydesk-feed/1";
export const MAX_INDEX_BYTES = 1024 * 1024;
const MAX_RELEASES = 1000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export interface FeedEntry {
  readonly id: string;
  readonly released: string;
  /** Absolute URL of the release file, resolved against the index URL. */
  readonly url: URL;
  readonly sha256: string;
  readonly size: number;
  readonly summary: string;
  readonly news: readonly NewsEntry[];
}

export interface FeedIndex {
  readonly url: URL;
  /** Newest first (release date, then id). */
  readonly releases: readonly FeedEntry[];
}

export function parseFeedIndex(text: string, indexUrl: URL): FeedIndex {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FeedError("invalid-index", "index", `the feed index is not valid JSON (${clip(e instanceof Error ? e.message : String(e), 120)})`);
  }
  const doc = raw as { format?: unknown; releases?: unknown };
  if (typeof raw !== "object" || raw === null || doc.format !== FEED_FORMAT) {
    throw new FeedError("invalid-index", "index", `${indexUrl.href} is not a DutyDesk feed index (expected "format": "${FEED_FORMAT}")`);
  }
  if (!Array.isArray(doc.releases) || doc.releases.length > MAX_RELEASES) {
    throw new FeedError("invalid-index", "index", `the feed index has no list of releases (or more than ${MAX_RELEASES})`);
  }
  const releases: FeedEntry[] = [];
  doc.releases.forEach((value: unknown, i: number) => {
    const entry = parseEntry(value, indexUrl, `releases[${i}]`, problems);
    if (entry !== null) releases.push(entry);
  });
  if (problems.length > 0) {
    throw new FeedError(
      "invalid-index",
      "index",
      `the feed index is malformed: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}`,
      problems,
    );
  }
  releases.sort((a, b) => (a.released === b.released ? b.id.localeCompare(a.id) : b.released.localeCompare(a.released)));
  return { url: indexUrl, releases };
}

function parseEntry(value: unknown, indexUrl: URL, path: string, problems: string[]): FeedEntry | null {
  if (typeof value !== "object" || value === null) {
    problems.push(`${path} is not an object`);
    return null;
  }
  const o = value as Record<string, unknown>;
  const before = problems.length;
  const str = (key: string, pattern?: RegExp, max = 2000): string => {
    const v = o[key];
    if (typeof v !== "string" || v.length > max || (pattern && !pattern.test(v))) {
      problems.push(`${path}.${key} ${typeof v === "string" ? `${JSON.stringify(clip(v, 40))} is not well-formed` : "is missing"}`);
      return "";
    }
    return v;
  };
  const id = str("id", ID);
  const released = str("released");
  if (released !== "" && dayFromIso(released) === null) problems.push(`${path}.released is not a date`);
  const sha256 = str("sha256", SHA256);
  const file = str("file", undefined, 500);
  const size = o.size;
  if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) problems.push(`${path}.size is not a positive whole number`);
  else if (size > MAX_TABLE_BYTES) problems.push(`${path} (${id}) is ${size} bytes; the limit is ${MAX_TABLE_BYTES}`);
  const summary = o.summary === undefined ? "" : str("summary");
  let url: URL | null = null;
  if (file !== "") {
    try {
      url = new URL(file, indexUrl);
      const allowed = isAllowedFeedUrl(url);
      if (!allowed.ok) problems.push(`${path}.file: ${allowed.message}`);
    } catch {
      problems.push(`${path}.file is not a URL`);
    }
  }
  const news = parseNews(o.news, `${path}.news`, problems);
  if (problems.length > before || url === null) return null;
  return { id, released, url, sha256, size: size as number, summary, news };
}

function parseNews(value: unknown, path: string, problems: string[]): NewsEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 100) {
    problems.push(`${path} is not a list`);
    return [];
  }
  const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string").map((s) => clip(s, 2000)) : []);
  return value
    .filter((n): n is Record<string, unknown> => typeof n === "object" && n !== null)
    .map((n) => ({
      release: typeof n.release === "string" ? clip(n.release, 80) : "",
      briefly: typeof n.briefly === "string" ? clip(n.briefly, 2000) : "",
      future: texts(n.future),
      past: texts(n.past),
    }));
}
