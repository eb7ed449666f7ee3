import { clip } from "../engine/util/clip";
import { FeedError, FeedStage } from "./feedError";
import { isAllowedFeedUrl } from "./feedUrl";

/**
 * Downloads a feed file with every limit enforced by the client, never trusting the server:
 *  - a timeout (AbortController) for the whole download;
 *  - the size limit checked against Content-Length before reading, and again while reading the stream
 *    (a server may omit the header, lie in it, or compress), aborting as soon as it is exceeded;
 *  - the final URL after redirects must still be an allowed feed URL (no HTTPS → HTTP downgrade);
 *  - no cookies or credentials are sent (credentials: "omit").
 */
export interface BoundedFetchOptions {
  readonly stage: FeedStage;
  readonly maxBytes: number;
  /** The exact size the index announces, when known: fewer bytes is a truncated download, more is refused. */
  readonly expectedBytes?: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The index changes; releases never do, so they may come from any cache. */
  readonly revalidate: boolean;
  readonly onProgress?: (loaded: number, total: number | null) => void;
  readonly fetchImpl?: typeof fetch;
}

export async function fetchBounded(url: URL, o: BoundedFetchOptions): Promise<Uint8Array> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const onOuterAbort = () => controller.abort();
  o.signal?.addEventListener("abort", onOuterAbort);
  const limit = Math.min(o.maxBytes, o.expectedBytes ?? Infinity);
  const what = o.stage === "index" ? "the feed index" : "the release";
  try {
    let response: Response;
    try {
      response = await (o.fetchImpl ?? fetch)(url.href, {
        signal: controller.signal,
        credentials: "omit",
        redirect: "follow",
        cache: o.revalidate ? "no-cache" : "default",
        referrerPolicy: "no-referrer",
      });
    } catch (e) {
      throw failure(e, timedOut, o, url);
    }
    if (response.url) {
      const final = isAllowedFeedUrl(new URL(response.url));
      if (!final.ok) throw new FeedError("not-allowed", o.stage, `${what} was redirected to a URL that is not allowed: ${final.message}`);
    }
    if (!response.ok) {
      throw new FeedError(
        "http",
        o.stage,
        `${what} could not be downloaded: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""} for ${url.href}`,
      );
    }
    const header = response.headers.get("content-length");
    const announced = header !== null && /^\d+$/.test(header) ? Number(header) : null;
    if (announced !== null && announced > o.maxBytes) {
      controller.abort();
      throw new FeedError(
        "too-large",
        o.stage,
        `${what} is ${formatBytes(announced)} according to the server; the limit is ${formatBytes(o.maxBytes)}. Nothing was downloaded.`,
      );
    }
    if (announced !== null && o.expectedBytes !== undefined && announced > o.expectedBytes) {
      // Content-Length may be a compressed size (smaller), never a larger one: more bytes than the index says is wrong.
      controller.abort();
      throw new FeedError(
        "too-large",
        o.stage,
        `${what} is ${formatBytes(announced)} according to the server, but the feed index says ${formatBytes(o.expectedBytes)}. Nothing was downloaded.`,
      );
    }
    const total = o.expectedBytes ?? announced;
    const body = response.body;
    if (body === null) throw new FeedError("http", o.stage, `${what}: the server sent no body`);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        // The server answered, so the feed was reached: a body that breaks off (the connection closed before
        // Content-Length bytes, a chunked body never finished) is a truncated download, not "offline".
        if (timedOut || o.signal?.aborted) throw failure(e, timedOut, o, url);
        const of = total !== null ? ` of ${formatBytes(total)}` : "";
        throw new FeedError(
          "truncated",
          o.stage,
          `${what} is truncated: the connection ended after ${formatBytes(loaded)}${of} (${clip(detailOf(e), 80)}).`,
        );
      }
      if (step.done) break;
      loaded += step.value.byteLength;
      if (loaded > limit) {
        controller.abort();
        void reader.cancel().catch(() => undefined);
        const why =
          o.expectedBytes !== undefined && o.expectedBytes < o.maxBytes
            ? `the feed index says ${formatBytes(o.expectedBytes)}`
            : `the limit is ${formatBytes(o.maxBytes)}`;
        throw new FeedError("too-large", o.stage, `${what} grew past ${formatBytes(limit)} while downloading (${why}); the download was stopped.`);
      }
      chunks.push(step.value);
      o.onProgress?.(loaded, total);
    }
    if (o.expectedBytes !== undefined && loaded !== o.expectedBytes) {
      throw new FeedError(
        "truncated",
        o.stage,
        `${what} is truncated: ${formatBytes(loaded)} received, the feed index says ${formatBytes(o.expectedBytes)}.`,
      );
    }
    const out = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", onOuterAbort);
  }
}

function failure(e: unknown, timedOut: boolean, o: BoundedFetchOptions, url: URL): FeedError {
  if (e instanceof FeedError) return e;
  const what = o.stage === "index" ? "the feed index" : "the release";
  if (timedOut)
    return new FeedError(
      "timeout",
      o.stage,
      `${what} did not arrive within ${o.timeoutMs < 1000 ? `${o.timeoutMs} ms` : `${Math.round(o.timeoutMs / 1000)} s`} (${url.host}).`,
    );
  if (o.signal?.aborted) return new FeedError("aborted", o.stage, "the check was cancelled.");
  const detail = detailOf(e);
  // fetch follows at most 20 redirects (WHATWG Fetch), then fails like a network error; Node says why in
  // the cause. A loop is the host's misconfiguration, and calling it "offline" would send the analyst
  // to check a network that works.
  if (/redirect/i.test(detail)) {
    return new FeedError(
      "redirect",
      o.stage,
      `${what} at ${url.host} redirected too many times (a redirect loop?): ${clip(detail, 80)}. Ask the feed's host to fix its redirects.`,
    );
  }
  return new FeedError("offline", o.stage, `the feed at ${url.host} could not be reached (${clip(detail, 120)}). You may be offline.`);
}

/** The message of an error and of its causes (Node's fetch puts the reason in `cause`). */
function detailOf(e: unknown): string {
  const parts: string[] = [];
  let at: unknown = e;
  // Duck-typed, not instanceof: an error from another realm (a worker, a test VM) is still an error.
  for (let depth = 0; depth < 4 && at !== undefined && at !== null; depth++) {
    const o = at as { message?: unknown; cause?: unknown };
    parts.push(typeof o === "object" && typeof o.message === "string" ? o.message : String(at));
    at = typeof o === "object" ? o.cause : undefined;
  }
  return parts.join(": ");
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Strict UTF-8, keeping a byte-order mark so the text hashes exactly like the bytes. */
export function decodeUtf8(bytes: Uint8Array, stage: FeedStage): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FeedError(
      stage === "index" ? "invalid-index" : "invalid-release",
      stage,
      `${stage === "index" ? "the feed index" : "the release"} is not UTF-8 text.`,
    );
  }
}
