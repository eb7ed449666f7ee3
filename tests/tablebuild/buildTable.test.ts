import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTable } from "../../src/tablebuild/buildTable";
import { dataReport } from "../../src/tablebuild/dataReport";
import { EMBEDDED_TABLE_FILE } from "../support/embeddedTable";

/**
 * The committed table is a build output: rebuilding it from data/source and ../shared/data must give the
 * same bytes, so nobody can hand-edit the artefact or forget to rebuild after changing a source row.
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

  it("reproduces the committed table byte for byte (run `npm run build:table` after editing data/source)", () => {
    const committed = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
    expect(report.text === committed).toBe(true);
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
