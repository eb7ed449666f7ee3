/**
 * Where a feed may live. Releases are verified by hash, but the index that names the hash is not signed,
 * so it must come over an authenticated channel: HTTPS, with plain HTTP allowed only on this machine
 * (localhost, 127.0.0.1, ::1) for development and tests.
 */
export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly message: string };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isAllowedFeedUrl(url: URL): UrlCheck {
  if (url.username !== "" || url.password !== "") return { ok: false, message: "a feed URL must not carry a user name or password" };
  if (url.protocol === "https:") return { ok: true, url };
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return { ok: true, url };
  if (url.protocol === "http:") return { ok: false, message: `${url.host}: feeds must use HTTPS (plain HTTP is allowed for localhost only)` };
  return { ok: false, message: `${url.protocol} URLs are not feeds: use an https:// address` };
}

/** Resolves what the user typed (absolute, or relative to the add-in's page) and checks it. */
export function resolveFeedUrl(input: string, base: string): UrlCheck {
  const text = input.trim();
  if (text === "") return { ok: false, message: "enter the address of the feed's index.json" };
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, message: `${JSON.stringify(text.slice(0, 80))} is not a web address` };
  }
  return isAllowedFeedUrl(url);
}

/** The add-in's own feed, published by the build next to the task pane: <origin>/<path>/feed/index.json. */
export function defaultFeedUrl(pageUrl: string): string {
  return new URL("feed/index.json", pageUrl).href;
}
