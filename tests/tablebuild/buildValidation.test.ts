import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TableValidationError } from "../../src/engine";
import { BuildError, buildTable } from "../../src/tablebuild/buildTable";

/**
 * The build refuses bad source rows: a row without a citation, a Chapter 99 heading that no HTS release
 * has, and a duplicate that overlaps another member of its exclusion group. Each test builds a tiny
 * source folder against two real HTS releases (the earliest and the latest) to stay fast.
 */
const root = join(__dirname, "..", "..");
const shared = join(root, "..", "shared", "data");
const haveInputs = (() => {
  try {
    readFileSync(join(shared, "hts", "hts_2025_basic.json.gz"));
    return true;
  } catch {
    return false;
  }
})();

function workspace(measuresYaml: string): { sourceDir: string; htsDir: string; yaleDir: string; newsFile: string; cnFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-build-"));
  const sourceDir = join(dir, "source");
  const htsDir = join(dir, "hts");
  mkdirSync(sourceDir);
  mkdirSync(htsDir);
  for (const f of ["hts_2025_basic.json.gz", "hts_2026_rev_10.json.gz"]) symlinkSync(join(shared, "hts", f), join(htsDir, f));
  for (const f of ["release.yaml", "reference.yaml", "vocabulary.yaml"])
    writeFileSync(join(sourceDir, f), readFileSync(join(root, "data", "source", f)));
  mkdirSync(join(sourceDir, "landed"));
  for (const f of LANDED_FILES) writeFileSync(join(sourceDir, "landed", f), readFileSync(join(root, "data", "source", "landed", f)));
  writeFileSync(join(sourceDir, "measures.yaml"), measuresYaml);
  return {
    sourceDir,
    htsDir,
    yaleDir: join(shared, "yale-tariff-rate-tracker"),
    newsFile: join(root, "NEWS"),
    cnFile: join(shared, "cn", "tariff_full_cn_2026.json"),
  };
}

const LANDED_FILES = ["importers.yaml", "import-taxes.yaml", "us-de-minimis.yaml", "us-fees.yaml"];

const row = (id: string, fields: string) => `
  - id: ${id}
    importer: US
    authority: Section 301
    title: "test row"
    documents: ["USTR notice"]
    confidence: confirmed
    partners: [CN]
    scope: { include: ["9503"] }
    rate: { add: "25" }
    from: "2025-01-01"
    tags: [s301]
${fields}`;

const describeWithInputs = haveInputs ? describe : describe.skip;

describeWithInputs("the table build refuses bad rows", () => {
  it("builds a minimal valid source", () => {
    const report = buildTable(workspace(`measures:${row("ok", `    heading: "9903.88.03"\n    citations: ["84 FR 20459"]`)}`));
    expect(report.table.measures).toHaveLength(1);
  });

  it("fails on a row without a citation", () => {
    const build = () => buildTable(workspace(`measures:${row("bare", `    heading: "9903.88.03"\n    citations: []`)}`));
    expect(build).toThrow(TableValidationError);
    expect(build).toThrow(/measures\[0\]\.citations: every measure cites a source/);
  });

  it("fails on a row that names no public source, only research row ids", () => {
    const measures = `measures:${row("unsourced", `    heading: "9903.88.03"\n    citations: ["us-timeline.md C4"]`)}`.replace(
      'documents: ["USTR notice"]',
      'documents: ["a notice"]',
    );
    const build = () => buildTable(workspace(measures));
    expect(build).toThrow(BuildError);
    expect(build).toThrow(/measures citing no public source[^\n]*:\s+unsourced: \["a notice","us-timeline\.md C4"\]/);
  });

  it("applies a file's defaults to its measures", () => {
    const measures = `defaults:\n  importer: US\n  authority: Section 301\n  tags: [s301]\nmeasures:\n  - { id: short, title: "test row", heading: "9903.88.03", documents: ["USTR notice"], citations: ["84 FR 20459"], confidence: confirmed, partners: [CN], scope: { include: ["9503"] }, rate: { add: "25" }, from: "2025-01-01" }\n`;
    const m = buildTable(workspace(measures)).table.measures.find((x) => x.id === "short");
    expect(m?.importer).toBe("US");
    expect(m?.authority).toBe("Section 301");
    expect([...(m?.tags ?? [])]).toEqual(["s301"]);
  });

  it("names the YAML file and line of the offending row, across files", () => {
    const ws = workspace(`measures:${row("first", `    heading: "9903.88.03"\n    citations: ["test"]`)}`);
    const more = `# more rows\nmeasures:${row("second", `    heading: "9903.88.03"\n    citations: ["test"]\n    claims: { waivedBy: [NOPE] }`).replace('rate: { add: "25" }', "rate: { add: 25 }")}`;
    writeFileSync(join(ws.sourceDir, "more.yaml"), more);
    const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const file = join(ws.sourceDir, "more.yaml");
    let problems: readonly string[] = [];
    try {
      buildTable(ws);
    } catch (e) {
      if (!(e instanceof TableValidationError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([`${file}:${lineOf(more, "rate:")}: $.measures[1].rate.add: expected a string`]);
    writeFileSync(file, more.replace("rate: { add: 25 }", 'rate: { add: "25" }'));
    expect(() => buildTable(ws)).toThrow(`${file}:${lineOf(more, "waivedBy")}: $.measures[1].claims.waivedBy[0]: unknown claim "NOPE"`);
  });

  it("names the file and line of a landed row, and of a measure whose heading the HTS does not have", () => {
    const ws = workspace(`measures:${row("ghost", `    heading: "9903.99.98"\n    citations: ["test"]`)}`);
    expect(() => buildTable(ws)).toThrow(new RegExp(`measures\\.yaml:2: ghost: heading 9903\\.99\\.98 is in no HTS release`));
    writeFileSync(join(ws.sourceDir, "measures.yaml"), `measures:${row("ok", `    heading: "9903.88.03"\n    citations: ["84 FR 20459"]`)}`);
    const fees = join(ws.sourceDir, "landed", "us-fees.yaml");
    const text = readFileSync(fees, "utf8").replace('max: "614.35"', 'max: "614,35"');
    writeFileSync(fees, text);
    const line = text.split("\n").findIndex((l) => l.includes('max: "614,35"')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(() => buildTable(ws)).toThrow(new RegExp(`landed/us-fees\\.yaml:${line}: \\$\\.landed\\.mpf\\[0\\]\\.max: "614,35" is not well-formed`));
  });

  it("fails on a heading that is in no HTS release", () => {
    const build = () => buildTable(workspace(`measures:${row("ghost", `    heading: "9903.99.98"\n    citations: ["test"]`)}`));
    expect(build).toThrow(BuildError);
    expect(build).toThrow(/ghost: heading 9903\.99\.98 is in no HTS release/);
  });

  it("fails on a label instead of a heading unless the row explains it", () => {
    const build = () => buildTable(workspace(`measures:${row("label", `    heading: "not found"\n    citations: ["test"]`)}`));
    expect(build).toThrow(/label: "not found" is not a Chapter 99 heading; a row without one must explain why in conflict/);
  });

  it("fails on an overlapping duplicate in an exclusion group", () => {
    const group = `    heading: "9903.88.03"\n    citations: ["test"]\n    group: us-reciprocal\n    priority: 5`;
    const build = () => buildTable(workspace(`measures:${row("first", group)}${row("second", group)}`));
    expect(build).toThrow(/measures first and second overlap/);
  });

  const cnRow = (id: string, include: string) => `
  - id: ${id}
    importer: CN
    authority: Retaliation
    title: "test row"
    heading: "Ann. test"
    documents: ["Tariff Commission announcement"]
    citations: ["Customs Tariff Commission Announcement No. 4 of 2025"]
    confidence: confirmed
    partners: [US]
    scope: { include: ["${include}"] }
    rate: { add: "10" }
    from: "2025-03-10"
    tags: [cn-test]
`;

  it("fails on a China measure whose prefix no line of China's 2026 schedule matches", () => {
    expect(() => buildTable(workspace(`measures:${cnRow("cn-ok", "12019011")}`))).not.toThrow();
    const build = () => buildTable(workspace(`measures:${cnRow("cn-ghost", "12019099")}`));
    expect(build).toThrow(/prefixes that no line of the CN schedule matches:\s+\S+measures\.yaml:2: cn-ghost: 12019099/);
  });

  it("refuses to build China's lines without --cn, or from a transcription other than the pinned one", () => {
    const ws = workspace("measures: []");
    expect(() => buildTable({ ...ws, cnFile: undefined })).toThrow(/pass --cn FILE/);
    const other = join(ws.sourceDir, "..", "cn.json");
    writeFileSync(other, JSON.stringify({ by_hs8: { "12019011": { ex: false, name: "x", mfn: 3, general: 180 } } }));
    expect(() => buildTable({ ...ws, cnFile: other })).toThrow(/pins 9192296c/);
  });

  it("a dated base change must name a line of the schedule", () => {
    const ws = workspace("measures: []");
    writeFileSync(
      join(ws.sourceDir, "changes.yaml"),
      `baseChanges:\n  - { importer: CN, line: "22089999", from: "2026-02-02", general: "5%", source: "test" }\n`,
    );
    expect(() => buildTable(ws)).toThrow(/changes\.yaml:2: \$\.importers\[\d\]\.baseChanges\[0\]\.line: 22089999 is not a line of this schedule/);
  });
});
