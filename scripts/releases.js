// The published releases of the rate table: data/releases/<id>.dutytable, one immutable file per release.
//
// This is the ONE place that decides which release is the newest, for every runtime: webpack resolves
// `@releases/newest.dutytable` to it at build time (the add-in embeds it), jest maps the same specifier
// (jest.config.js), and the Node CLI, the benchmark and the tests read `newestRelease().file`.
//
// Ids follow the tz database: year, month, then a letter for the n-th release of that month (2026.11a,
// 2026.11b, 2026.12a). They are ordered by year, month, then letters (a < b < … < z < aa), never by the
// file system's or the locale's idea of string order.
"use strict";

const fs = require("fs");
const path = require("path");

const RELEASES_DIR = path.join(__dirname, "..", "data", "releases");
const RELEASE_ID = /^(\d{4})\.(\d{2})([a-z]+)$/;
const EXTENSION = ".dutytable";

/** True for a tz-style release id such as 2026.11a. */
function isReleaseId(id) {
  const m = RELEASE_ID.exec(id);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** Negative when release id `a` comes before `b`. Both must be tz-style ids. */
function compareReleaseIds(a, b) {
  const ma = RELEASE_ID.exec(a);
  const mb = RELEASE_ID.exec(b);
  if (!ma || !mb) throw new Error(`not a release id: ${JSON.stringify(ma ? b : a)} (expected YYYY.MMx, e.g. 2026.11a)`);
  return (
    Number(ma[1]) - Number(mb[1]) || Number(ma[2]) - Number(mb[2]) || ma[3].length - mb[3].length || (ma[3] < mb[3] ? -1 : ma[3] > mb[3] ? 1 : 0)
  );
}

/**
 * Every release in `dir`, oldest first: [{ id, file }]. A file there that is not named <id>.dutytable is
 * an error, not something to skip: this directory is the published record.
 */
function listReleases(dir = RELEASES_DIR) {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const releases = names.map((name) => {
    const id = name.endsWith(EXTENSION) ? name.slice(0, -EXTENSION.length) : "";
    if (!isReleaseId(id))
      throw new Error(`${path.join(dir, name)}: not a release file (expected <id>${EXTENSION} with a tz-style id such as 2026.11a)`);
    return { id, file: path.join(dir, name) };
  });
  return releases.sort((a, b) => compareReleaseIds(a.id, b.id));
}

/** The newest release in `dir`: the table the add-in and the CLI embed. */
function newestRelease(dir = RELEASES_DIR) {
  const all = listReleases(dir);
  if (all.length === 0) throw new Error(`${dir} holds no release (<id>${EXTENSION})`);
  return all[all.length - 1];
}

/** Where release `id` is (or would be) published in `dir`. */
function releaseFile(id, dir = RELEASES_DIR) {
  if (!isReleaseId(id)) throw new Error(`not a release id: ${JSON.stringify(id)} (expected YYYY.MMx, e.g. 2026.11a)`);
  return path.join(dir, id + EXTENSION);
}

/**
 * The id of the release after `previous` when it is dated `released` (YYYY-MM-DD): the next letter in the
 * same month (2026.11a -> 2026.11b, 2026.11z -> 2026.11aa), or the month's first release (2026.12a).
 */
function nextReleaseId(previous, released) {
  const month = `${released.slice(0, 4)}.${released.slice(5, 7)}`;
  if (!isReleaseId(`${month}a`)) throw new Error(`not a release date: ${JSON.stringify(released)}`);
  if (!previous.startsWith(month) && compareReleaseIds(`${month}a`, previous) > 0) return `${month}a`;
  const letters = /[a-z]+$/.exec(previous)[0];
  const chars = [...letters];
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === "z") chars[i--] = "a";
  if (i < 0) chars.unshift("a");
  else chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
  return previous.slice(0, -letters.length) + chars.join("");
}

module.exports = { RELEASES_DIR, isReleaseId, compareReleaseIds, listReleases, newestRelease, releaseFile, nextReleaseId };
