/* scripts/releases.js: data/releases is the published record, and its newest release is the embedded table everywhere. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTable } from "../../src/engine";
import { EMBEDDED_TABLE_PATH } from "../../src/cli/embeddedTable";
import { embeddedTableText } from "../../src/runtime/tableStore";
import { RELEASES_DIR, compareReleaseIds, isReleaseId, listReleases, newestRelease, nextReleaseId, releaseFile } from "../../scripts/releases";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";

const FIRST_RELEASE_SHA256 = "2fdbab500848c28b12259983d014136a3536d0175cbb39eda0a6d27fd4dba01a";

describe("published releases", () => {
  it("keeps 2026.11a exactly as published (SHA-256 of its bytes)", () => {
    const bytes = readFileSync(join(RELEASES_DIR, "2026.11a.dutytable"));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(FIRST_RELEASE_SHA256);
    expect(bytes.length).toBe(1028711);
  });

  it("names each file by the release it holds, loads each one, and dates them in id order", () => {
    const releases = listReleases();
    expect(releases.length).toBeGreaterThanOrEqual(1);
    let previous: { id: string; released: string } | null = null;
    for (const r of releases) {
      const table = loadTable(readFileSync(r.file, "utf8"));
      expect([r.file, table.id]).toEqual([r.file, r.id]);
      if (previous !== null) expect(table.released >= previous.released).toBe(true);
      previous = table;
    }
  });

  it("embeds the newest release in the CLI, the tests and the add-in runtime (the same bytes)", () => {
    const newest = newestRelease();
    expect(newest.id).toBe(listReleases().at(-1)!.id);
    expect(EMBEDDED_TABLE_PATH).toBe(newest.file);
    expect(EMBEDDED_TABLE_FILE).toBe(newest.file);
    // src/runtime/tableStore.ts imports "@releases/newest.dutytable"; jest maps it as webpack does.
    expect(embeddedTableText()).toBe(readFileSync(newest.file, "utf8"));
  });

  it("webpack resolves the embedded table to the newest release and publishes every release in the feed", () => {
    type Configure = (env: object, argv: object) => { resolve: { alias: Record<string, string> }; plugins: Array<{ releases?: string[] }> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, as webpack loads it
    const configure = require("../../webpack.config.js") as Configure;
    const config = configure({}, { mode: "development" });
    expect(config.resolve.alias["@releases/newest.dutytable$"]).toBe(newestRelease().file);
    const feed = config.plugins.find((p) => Array.isArray(p.releases))!;
    expect(feed.releases).toEqual([RELEASES_DIR]);
  });
});

describe("release ids (tz style)", () => {
  it("orders by year, month, then letters: 2026.11a < 2026.11b < 2026.11z < 2026.11aa < 2026.12a < 2027.01a", () => {
    const ids = ["2027.01a", "2026.12a", "2026.11aa", "2026.11z", "2026.11b", "2026.11a"];
    expect([...ids].sort(compareReleaseIds)).toEqual([...ids].reverse());
    expect(() => compareReleaseIds("2026.11a", "latest")).toThrow(/not a release id: "latest"/);
  });

  it("recognises ids and proposes the next one", () => {
    expect(["2026.11a", "2026.12ab"].map(isReleaseId)).toEqual([true, true]);
    expect(["2026.13a", "2026.1a", "2026.11", "2026.11A", "v1"].map(isReleaseId)).toEqual([false, false, false, false, false]);
    expect(nextReleaseId("2026.11a", "2026-11-30")).toBe("2026.11b");
    expect(nextReleaseId("2026.11z", "2026-11-30")).toBe("2026.11aa");
    expect(nextReleaseId("2026.11a", "2026-12-01")).toBe("2026.12a");
    expect(nextReleaseId("2026.12a", "2026-12-05")).toBe("2026.12b");
    expect(releaseFile("2026.12a", "/r")).toBe(join("/r", "2026.12a.dutytable"));
    expect(() => releaseFile("../x")).toThrow(/not a release id/);
  });

  it("picks the newest by id, not by file name order, and refuses a stray file", () => {
    const dir = mkdtempSync(join(tmpdir(), "releases-"));
    try {
      for (const id of ["2026.11z", "2026.11aa", "2026.11b"]) writeFileSync(join(dir, `${id}.dutytable`), "{}");
      expect(listReleases(dir).map((r) => r.id)).toEqual(["2026.11b", "2026.11z", "2026.11aa"]);
      expect(newestRelease(dir).id).toBe("2026.11aa");
      writeFileSync(join(dir, "embedded.dutytable"), "{}");
      expect(() => listReleases(dir)).toThrow(/embedded\.dutytable: not a release file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => newestRelease(join(tmpdir(), "no-such-releases-dir"))).toThrow(/holds no release/);
  });
});
