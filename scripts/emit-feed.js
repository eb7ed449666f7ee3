#!/usr/bin/env node
// The rate-table feed: a static, immutable directory that any web server, CDN or SharePoint library can host.
//
//   feed/index.json          { format, releases: [{ id, released, file, sha256, size, coverage, summary, news }] }
//   feed/<id>.dutytable      each release's exact bytes (the sha256 and size in the index are over these bytes)
//
// A release file is never rewritten: a new table is a new id and a new file, so a URL, once published,
// always serves the same bytes, and caches may keep it forever. index.json is the only file that changes.
//
// Used by webpack.config.js (FeedPlugin) to emit the feed of every release in data/releases (newest first;
// the newest is the embedded table) into dist*/feed/, and usable on its own:
//   node scripts/emit-feed.js <outDir> [<release.dutytable | dir>...]      (default: data/releases)
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { RELEASES_DIR, compareReleaseIds, isReleaseId } = require("./releases");

const FEED_FORMAT = "dutydesk-feed/1";
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/**
 * Validates a release with the compiled engine when it is available (lib/, built by `tsc -p tsconfig.node.json`
 * before webpack in every npm build script), so that a build never publishes a table the add-in would refuse.
 */
function engineLoader() {
  try {
    return require(path.join(__dirname, "..", "lib", "engine")).loadTable;
  } catch {
    return null;
  }
}

/** @param {Buffer} bytes @param {string} source */
function describeRelease(bytes, source, loadTable = engineLoader()) {
  const text = bytes.toString("utf8");
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not JSON (${e.message})`);
  }
  if (loadTable) {
    const table = loadTable(text, { expectedSha256: sha256 }); // throws TableValidationError with the problems
    if (table.id !== doc.id) throw new Error(`${source}: engine read id ${table.id}, JSON says ${doc.id}`);
  }
  if (typeof doc.id !== "string" || !ID.test(doc.id)) throw new Error(`${source}: id ${JSON.stringify(doc.id)} is not a release id`);
  const news = Array.isArray(doc.news) ? doc.news.filter((n) => n && n.release === doc.id) : [];
  return {
    id: doc.id,
    released: doc.released,
    file: `${doc.id}.dutytable`,
    sha256,
    size: bytes.length,
    coverage: doc.coverage,
    summary: news.length > 0 ? String(news[0].briefly) : "",
    news,
  };
}

/**
 * @param {Array<{ bytes: Buffer, source: string }>} releases
 * @returns {{ index: object, files: Array<{ name: string, bytes: Buffer }> }}
 */
function buildFeed(releases, options = {}) {
  const entries = [];
  const files = [];
  const seen = new Map();
  for (const { bytes, source } of releases) {
    const entry = describeRelease(bytes, source, options.loadTable);
    const previous = seen.get(entry.id);
    if (previous !== undefined) {
      if (previous.sha256 !== entry.sha256)
        throw new Error(`${source}: release ${entry.id} exists with other bytes (${previous.sha256}); releases are immutable, give it a new id`);
      continue;
    }
    seen.set(entry.id, entry);
    entries.push(entry);
    files.push({ name: entry.file, bytes });
  }
  // Newest first: by release date, then by id (2026.11b after 2026.11a, tz order).
  entries.sort((a, b) => (a.released === b.released ? compareIds(b.id, a.id) : b.released.localeCompare(a.released)));
  checkDatesFollowIds(entries);
  return { index: { format: FEED_FORMAT, releases: entries }, files };
}

/** tz order for tz-style ids (2026.11z < 2026.11aa); other ids (a company's own tables) by plain text. */
function compareIds(a, b) {
  return isReleaseId(a) && isReleaseId(b) ? compareReleaseIds(a, b) : a.localeCompare(b);
}

/**
 * A later tz-style id must not carry an earlier release date: clients order by date, the release stream by
 * id, and the two must agree on which release is the newest.
 */
function checkDatesFollowIds(entries) {
  const stream = entries.filter((e) => isReleaseId(e.id));
  for (let i = 1; i < stream.length; i++) {
    const newer = stream[i - 1];
    const older = stream[i];
    if (compareReleaseIds(newer.id, older.id) < 0) {
      throw new Error(`release ${older.id} (${older.released}) comes after ${newer.id} (${newer.released}) but is dated earlier`);
    }
  }
}

/** Release files named on the command line, or found in a directory (every *.dutytable in it). */
function readReleases(paths) {
  const out = [];
  for (const p of paths) {
    const stat = fs.statSync(p);
    const list = stat.isDirectory()
      ? fs
          .readdirSync(p)
          .filter((f) => f.endsWith(".dutytable"))
          .sort()
          .map((f) => path.join(p, f))
      : [p];
    for (const file of list) out.push({ bytes: fs.readFileSync(file), source: file });
  }
  return out;
}

function writeFeed(outDir, feed) {
  const dir = path.join(outDir, "feed");
  fs.mkdirSync(dir, { recursive: true });
  for (const f of feed.files) {
    const target = path.join(dir, f.name);
    if (fs.existsSync(target) && !fs.readFileSync(target).equals(f.bytes))
      throw new Error(`${target} exists with other bytes: releases are immutable`);
    fs.writeFileSync(target, f.bytes);
  }
  fs.writeFileSync(path.join(dir, "index.json"), JSON.stringify(feed.index, null, 1) + "\n");
  return dir;
}

/**
 * webpack plugin: emits feed/index.json and feed/<id>.dutytable as build assets (so `output.clean` keeps
 * them and `webpack --watch` rebuilds them when a release file changes).
 */
class FeedPlugin {
  /** @param {{ releases: string[] }} options  release files or directories */
  constructor(options) {
    this.releases = options.releases;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DutyDeskFeedPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "DutyDeskFeedPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        let feed;
        try {
          const releases = readReleases(this.releases);
          for (const r of releases) compilation.fileDependencies.add(path.resolve(r.source));
          feed = buildFeed(releases);
        } catch (e) {
          compilation.errors.push(new compiler.webpack.WebpackError(`feed: ${e.message}`));
          return;
        }
        for (const f of feed.files) compilation.emitAsset(`feed/${f.name}`, new sources.RawSource(f.bytes));
        compilation.emitAsset("feed/index.json", new sources.RawSource(JSON.stringify(feed.index, null, 1) + "\n"));
      });
    });
  }
}

module.exports = { FEED_FORMAT, buildFeed, describeRelease, readReleases, writeFeed, FeedPlugin };

if (require.main === module) {
  const [outDir, ...inputs] = process.argv.slice(2);
  if (!outDir) {
    console.error("usage: node scripts/emit-feed.js <outDir> [<release.dutytable | dir>...]   (default: data/releases)");
    process.exit(2);
  }
  try {
    const dir = writeFeed(outDir, buildFeed(readReleases(inputs.length > 0 ? inputs : [RELEASES_DIR])));
    console.log(`feed written to ${dir}`);
  } catch (e) {
    console.error(`emit-feed: ${e.message}`);
    process.exit(1);
  }
}
