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
