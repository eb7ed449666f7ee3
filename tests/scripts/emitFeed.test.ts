/* scripts/emit-feed.js: the build's feed for the embedded table, and the rules that keep releases immutable. */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";
import { embeddedRelease, newerRelease } from "../support/feedFixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emit = require("../../scripts/emit-feed.js") as {
  buildFeed(releases: Array<{ bytes: Buffer; source: string }>, options?: { loadTable?: unknown }): { index: { format: string; releases: Array<Record<string, unknown>> }; files: Array<{ name: string; bytes: Buffer }> };
  readReleases(paths: string[]): Array<{ bytes: Buffer; source: string }>;
  writeFeed(outDir: string, feed: unknown): string;
};

describe("emit-feed", () => {
  const bytes = readFileSync(EMBEDDED_TABLE_FILE);
  const doc = JSON.parse(bytes.toString("utf8")) as { id: string; released: string; news: Array<{ release: string; briefly: string }> };

  it("lists each release with id, date, SHA-256 and size of its exact bytes, and its change summary", () => {
    const feed = emit.buildFeed(emit.readReleases([EMBEDDED_TABLE_FILE]));
    expect(feed.index.format).toBe("dutydesk-feed/1");
    expect(feed.index.releases).toEqual([
      expect.objectContaining({
        id: doc.id,
        released: doc.released,
        file: `${doc.id}.dutytable`,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        size: bytes.length,
        summary: doc.news.find((n) => n.release === doc.id)!.briefly,
      }),
    ]);
    expect(feed.files).toEqual([{ name: `${doc.id}.dutytable`, bytes }]);
  });

  it("orders releases newest first and refuses a second release with the same id and other bytes", () => {
    const newer = newerRelease(embeddedRelease());
    const feed = emit.buildFeed([{ bytes, source: "a" }, { bytes: newer.bytes, source: "b" }]);
    expect(feed.index.releases.map((r) => r.id)).toEqual([newer.id, doc.id]);
    const altered = Buffer.from(newer.text.replace(`"released":"2026-12-05"`, `"released":"2026-12-06"`));
    expect(() => emit.buildFeed([{ bytes: newer.bytes, source: "b" }, { bytes: altered, source: "c" }])).toThrow(/releases are immutable/);
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
  });
});
