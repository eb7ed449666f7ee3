import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTable } from "../../src/tablebuild/buildTable";
import { dataReport } from "../../src/tablebuild/dataReport";
import { compareReleaseIds, listReleases, newestRelease } from "../../scripts/releases";

/**
 * Published releases are build outputs that never change. data/source (with NEWS) is either:
 * - the newest release: its id is the newest in data/releases, and it must build to that file byte for
 *   byte, so nobody hand-edits a release or changes a source row under a published id; or
 * - the next release, being prepared: release.yaml has a new id, later than every published one, and the
 *   release is cut with `npm run release` once the data is in (RELEASING.md).
 * Anything else (an older id, or a published id that no longer builds to its bytes) fails with what to do.
 */
const root = join(__dirname, "..", "..");
const shared = join(root, "..", "shared", "data");

const inputs = {
  sourceDir: join(root, "data", "source"),
  htsDir: join(shared, "hts"),
  yaleDir: join(shared, "yale-tariff-rate-tracker"),
  cnFile: join(shared, "cn", "tariff_full_cn_2026.json"),
};

describe("buildTable", () => {
  if (!existsSync(inputs.htsDir)) {
    it.todo("needs ../shared/data (the raw inputs are not part of the repository)");
    return;
  }

  const report = buildTable(inputs);

  it("builds the newest release byte for byte, or the next release under a new id", () => {
    const newest = newestRelease();
    const id = report.table.id;
    if (id === newest.id) {
      if (report.text !== readFileSync(newest.file, "utf8")) {
        throw new Error(
          `data/source no longer builds release ${id} (data/releases/${id}.dutytable) byte for byte. A published release is immutable: ` +
            `set the next id and date in data/source/release.yaml and cut it with \`npm run release\` (RELEASING.md), or undo the change to data/source or NEWS.`,
        );
      }
      return;
    }
    if (listReleases().some((r) => r.id === id) || compareReleaseIds(id, newest.id) < 0) {
      throw new Error(
        `data/source/release.yaml says ${id}, but the newest published release is ${newest.id}: the source must describe ${newest.id} or a later, unpublished release.`,
      );
    }
    // Between releases: data/source describes the next release, not yet cut. It must still build and load
    // (buildTable loads it), and `npm run release` will diff it against the newest one and write it.
    expect(compareReleaseIds(id, newest.id)).toBeGreaterThan(0);
    expect(report.table.released >= JSON.parse(readFileSync(newest.file, "utf8")).released).toBe(true);
  });

  it("takes base rates from the latest HTS release, one per 8-digit line of chapters 01-97", () => {
    expect(report.htsRelease).toBe("2026 Revision 10");
    expect(report.lineCount).toBe(11414);
    expect(Object.values(report.baseForms).reduce((a, b) => a + b, 0)).toBe(11414);
  });

  it("takes China's 8,972 eight-digit lines of 2026, never the 5,612 six-digit fallback copies", () => {
    expect(report.cn).toMatchObject({ lines: 8972, fallbackKeys: 5612, fallbackCopies: 5612 });
    const cn = report.table.doc.importers.find((i) => i.code === "CN")!;
    expect(cn.lines).toHaveLength(8972);
    expect(cn.lines.every(([line]) => line.length === 8)).toBe(true);
    expect(cn.linesFrom).toBe("2026-01-01");
    expect(cn.baseSource).toMatch(/Announcement 2025 No\. 12 of 2025-12-31.*sha256 9192296c6a2efd163cf3fdc035b8b83b81924c7320764da3d2422d6547073df7/);
  });

  it("resolves every product list to HTS prefixes, none empty", () => {
    for (const list of report.lists) expect(list.codes).toBeGreaterThan(0);
  });

  it("covers exactly the lines the HTS footnotes point at Section 301 lists 1-4A", () => {
    const checks = dataReport(report.table, inputs.htsDir).crossChecks;
    for (const heading of ["9903.88.01", "9903.88.02", "9903.88.03", "9903.88.04", "9903.88.15"]) {
      const check = checks.find((c) => c.heading === heading)!;
      expect(check.htsLines).toBeGreaterThan(0);
      expect([heading, check.onlyInHts, check.onlyInTable]).toEqual([heading, [], []]);
    }
  });

  it("gives every measure a legal instrument and a citation", () => {
    for (const m of report.table.measures) {
      expect(m.doc.documents.length).toBeGreaterThan(0);
      expect(m.doc.citations.length).toBeGreaterThan(0);
    }
  });

  it("carries the attribution notices", () => {
    const notice = report.table.doc.notice.join(" ");
    expect(notice).toMatch(/public domain/);
    expect(notice).toMatch(/Budget Lab at Yale.*MIT/);
  });
});
