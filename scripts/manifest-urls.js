// Rewrites the development URLs in manifest.xml to a production base URL.
//
// Microsoft's Excel-Custom-Functions-Shared template does this with String.prototype.replace(string, string),
// which only replaces the FIRST match: its built dist/manifest.xml still points 8 of 9 URLs at
// https://localhost:3000/. This version replaces every occurrence and refuses to emit a manifest that
// still mentions localhost.
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";

/**
 * @param {string} xml manifest text
 * @param {string} fromBase base URL to replace (normally DEV_BASE_URL)
 * @param {string} toBase production base URL: https://, ending in "/"
 * @returns {string}
 */
function rewriteManifestUrls(xml, fromBase, toBase) {
  if (typeof xml !== "string") throw new TypeError("rewriteManifestUrls: xml must be a string");
  if (typeof fromBase !== "string" || fromBase === "") {
    throw new TypeError("rewriteManifestUrls: fromBase must be a non-empty string");
  }
  if (typeof toBase !== "string" || !toBase.startsWith("https://")) {
    throw new Error(`rewriteManifestUrls: production base URL must start with https:// (got ${JSON.stringify(toBase)})`);
  }
  if (!toBase.endsWith("/")) {
    throw new Error(`rewriteManifestUrls: production base URL must end with "/" (got ${JSON.stringify(toBase)})`);
  }
  let parsed;
  try {
    parsed = new URL(toBase);
  } catch {
    throw new Error(`rewriteManifestUrls: production base URL is not a valid URL: ${JSON.stringify(toBase)}`);
  }
  if (parsed.search || parsed.hash) {
    throw new Error(`rewriteManifestUrls: production base URL must not have a query or fragment: ${toBase}`);
  }

  // split/join: literal (no regex escaping needed) and replaces all occurrences.
  const out = xml.split(fromBase).join(toBase);

  const leftover = out.match(/.*localhost.*/i);
  if (leftover) {
    throw new Error(`rewriteManifestUrls: "localhost" is still present after rewriting: ${leftover[0].trim()}`);
  }
  return out;
}

/** Number of non-overlapping occurrences of `needle` in `haystack`. */
function countOccurrences(haystack, needle) {
  return needle ? haystack.split(needle).length - 1 : 0;
}

module.exports = { DEV_BASE_URL, rewriteManifestUrls, countOccurrences };
