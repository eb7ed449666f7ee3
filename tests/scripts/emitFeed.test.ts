/* scripts/emit-feed.js: the build's feed of every release in data/releases, and the rules that keep releases immutable. */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";
import { RELEASES_DIR, compareReleaseIds, listReleases } from "../../scripts/releases";
import { parseNewsFile } from "../../src/tablebuild/newsFile";
import { embeddedRelease, newerRelease } from "../support/feedFixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emit = require("../../scripts/emit-feed.js") as {
  buildFeed(
    releases: Array<{ bytes: Buffer; source: string }>,
    options?: { loadTable?: unknown },
  ): { index: { format: string; releases: Array<Record<string, unknown>> }; files: Array<{ name: string; bytes: Buffer }> };
  readReleases(paths: string[]): Array<{ bytes: Buffer; source: string }>;
  writeFeed(outDir: string, feed: unknown): string;
};

describe("emit-feed", () => {
  const bytes = readFileSync(EMBEDDED_TABLE_FILE);
  const doc = JSON.parse(bytes.toString("utf8")) as { id: string; released: string; news: Array<{ release: string; briefly: string }> };

  it("lists every release in data/releases, newest first, with id, date, SHA-256 and size of its exact bytes, and its NEWS Briefly", () => {
    const feed = emit.buildFeed(emit.readReleases([RELEASES_DIR]));
    const news = parseNewsFile(readFileSync(join(__dirname, "..", "..", "NEWS"), "utf8")).entries;
    const published = listReleases().reverse();
    expect(feed.index.format).toBe("dutydesk-feed/1");
    expect(feed.index.releases.map((r) => r.id)).toEqual(published.map((r) => r.id));
    expect(feed.index.releases[0]!.id).toBe(doc.id); // the embedded table is the newest
    published.forEach((r, i) => {
      const file = readFileSync(r.file);
      const own = JSON.parse(file.toString("utf8")) as { released: string };
      expect(feed.index.releases[i]).toEqual(
        expect.objectContaining({
          id: r.id,
          released: own.released,
          file: `${r.id}.dutytable`,
          sha256: createHash("sha256").update(file).digest("hex"),
          size: file.length,
          summary: news.find((n) => n.release === r.id)!.briefly,
        }),
      );
      expect(feed.files.find((f) => f.name === `${r.id}.dutytable`)!.bytes.equals(file)).toBe(true);
    });
    expect(feed.files.length).toBe(published.length);
  });

  it("orders the release stream by tz id (2026.11z before 2026.11aa) and refuses a later id with an earlier date", () => {
    const base = embeddedRelease();
    const z = newerRelease(base, { id: "2099.11z", released: "2099-11-20" });
    const aa = newerRelease(base, { id: "2099.11aa", released: "2099-11-20" });
    const feed = emit.buildFeed([
      { bytes: aa.bytes, source: "aa" },
      { bytes: z.bytes, source: "z" },
      { bytes, source: "base" },
    ]);
    expect(feed.index.releases.map((r) => r.id)).toEqual(["2099.11aa", "2099.11z", doc.id]);
    expect(compareReleaseIds("2099.11z", "2099.11aa")).toBeLessThan(0);
    const early = newerRelease(base, { id: "2099.12a", released: "2099-11-01" });
    expect(() =>
      emit.buildFeed([
        { bytes: early.bytes, source: "early" },
        { bytes: z.bytes, source: "z" },
      ]),
    ).toThrow(/release 2099\.12a \(2099-11-01\) comes after 2099\.11z \(2099-11-20\) but is dated earlier/);
  });

  it("orders releases newest first and refuses a second release with the same id and other bytes", () => {
    const newer = newerRelease(embeddedRelease());
    const feed = emit.buildFeed([
      { bytes, source: "a" },
      { bytes: newer.bytes, source: "b" },
    ]);
    expect(feed.index.releases.map((r) => r.id)).toEqual([newer.id, doc.id]);
    const altered = Buffer.from(newer.text.replace(`"released":"2026-12-05"`, `"released":"2026-12-06"`));
    expect(() =>
      emit.buildFeed([
        { bytes: newer.bytes, source: "b" },
        { bytes: altered, source: "c" },
      ]),
    ).toThrow(/releases are immutable/);
  });

  it("refuses a release the engine would refuse", () => {
    expect(() => emit.buildFeed([{ bytes: Buffer.from('{"format":"dutydesk-table/1"}'), source: "bad.dutytable" }])).toThrow();
  });

  it("writes feed/index.json and the release files", () => {
    const out = mkdtempSync(join(tmpdir(), "emit-feed-"));
    try {
      const dir = emit.writeFeed(out, emit.buildFeed(emit.readReleases([EMBEDDED_TABLE_FILE])));
      expect(existsSync(join(dir, "index.json"))).toBe(true);
      expect(readFileSync(join(dir, `${doc.id}.dutytable`)).equals(bytes)).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("the dev build published the same feed (dist-dev/feed)", () => {
    const index = join(__dirname, "..", "..", "dist-dev", "feed", "index.json");
    if (!existsSync(index)) return; // npm test builds first; a bare `jest tests/scripts` may not have
    const built = JSON.parse(readFileSync(index, "utf8")) as { releases: Array<{ sha256: string }> };
    expect(built.releases[0]!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(built.releases.length).toBe(listReleases().length);
  });
});
