import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { MAX_TABLE_BYTES } from "../../src/engine";
import { EMBEDDED_TABLE_FILE, embedded } from "../support/embeddedTable";

/** The CLI over the same engine: JSON for machines, one-line errors and non-zero exits for bad input. */

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), now: new Date("2025-04-15T16:00:00Z") });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("dutydesk rate", () => {
  it("--json reports total, base, additional, layers with citations, and the table", () => {
    const r = cli("rate", "CN", "9503.00.00", "2025-04-15", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ total: 1.45, base: 0, additional: 1.45, table: { id: embedded().id } });
    expect(json.table.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.layers.map((l: { heading: string; rate: number }) => [l.heading, l.rate])).toEqual([
      ["9903.01.24", 0.2],
      ["9903.01.63", 1.25],
    ]);
    for (const layer of json.layers) {
      expect(layer).toEqual(expect.objectContaining({ id: expect.any(String), authority: "IEEPA", citation: expect.stringMatching(/FR|CSMS/) }));
    }
  });

  it("reports base null when the base is not ad valorem", () => {
    const json = JSON.parse(cli("rate", "DE", "0105.94.00", "2025-06-01", "--json").out);
    expect(json.base).toBeNull();
    expect(json.baseText).toBe("2¢/kg");
    expect(json.notes.join(" ")).toMatch(/specific part/);
  });

  it("defaults the date to today (US Eastern)", () => {
    expect(JSON.parse(cli("rate", "CN", "9503.00.00", "--json").out).query.date).toBe("2025-04-15");
  });

  it("takes --basis, --claim, --loaded and --importer", () => {
    expect(JSON.parse(cli("rate", "CN", "9503", "2025-04-15", "--basis", "net", "--json").out).total).toBe(0);
    expect(JSON.parse(cli("rate", "CN", "9503", "2025-04-15", "--loaded=2025-04-06", "--json").out).total).toBe(0.3);
    const cn = JSON.parse(cli("rate", "US", "soybeans", "2025-04-15", "--importer", "CN", "--json").out);
    // The 2018-19 lists (china.md CN9) are a layer of unknown rate: no total, no additional, the known part apart.
    expect(cn).toMatchObject({ total: null, additional: null, knownLayersTotal: null });
    expect(cn.notIncluded[0]).toMatch(/2018-19 lists pay 5-25% more/);
  });

  it("--known-layers: base + known layers for importer CN in 2026, labelled, with what is left out", () => {
    const soy = JSON.parse(cli("rate", "US", "1201.90.11", "2026-03-01", "--importer", "CN", "--json").out);
    expect(soy).toMatchObject({ total: null, base: 0.03, knownLayersTotal: 0.13 });
    const text = cli("rate", "US", "1201.90.11", "2026-03-01", "--importer", "CN", "--known-layers").out;
    expect(text).toMatch(/total 13% \(known layers only\) = base 3% \+ known additional 10%/);
    expect(text).toMatch(/not included: lines on China's 2018-19 lists pay 5-25% more/);
    const history = JSON.parse(cli("history", "US", "2208.30.00", "2026-01-15", "2026-02-15", "--importer", "CN", "--known-layers", "--json").out);
    expect(history.rows.map((r: { from: string; total: number }) => [r.from, r.total])).toEqual([
      ["2026-01-15", 0.2],
      ["2026-02-02", 0.15],
    ]);
  });

  it.each([
    [["rate", "Atlantis", "9503", "2025-04-15"], 1, /unknown country/],
    [["rate", "CN", "95-03", "2025-04-15"], 1, /not an HTS code/],
    [["rate", "CN", "9503", "15/04/2025"], 2, /not a date/],
    [["rate", "CN", "9503", "2025-04-15", "--basis", "gross"], 2, /--basis must be one of/],
    [["rate", "CN", "9503", "2025-04-15", "--frobnicate"], 2, /unknown option --frobnicate/],
    [["rate", "CN"], 2, /give a country and an HTS code/],
    [["fly"], 2, /unknown command/],
  ])("%j exits %d with one line on stderr", (argv, code, pattern) => {
    const r = cli(...(argv as string[]));
    expect(r.code).toBe(code);
    expect(r.out).toBe("");
    expect(r.err).toMatch(pattern);
    expect(r.err.split("\n")).toHaveLength(1);
  });
});

describe("dates after the release date", () => {
  it("rate --json marks the answer as a projection and the scheduled layer with its confidence", () => {
    // us-timeline.md F3c / us-timeline-2026h2.md C8: upholstered seating 30% from Jan 1 2027 (uncertain).
    const json = JSON.parse(cli("rate", "VN", "9401.61.40.11", "2027-01-01", "--json").out);
    expect(json.projection).toBe(true);
    expect(json.projectionNote).toMatch(/^projection: the law as known at release \S+ \(\d{4}-\d{2}-\d{2}\); later changes are not in this table$/);
    expect(json.notes).toContain(json.projectionNote);
    expect(json.layers.map((l: { id: string; status: string; confidence: string }) => [l.id, l.status, l.confidence])).toEqual([
      ["us.s232.wood.upholstered.2027", "scheduled", "uncertain"],
    ]);
  });

  it("rate --json says projection: false for a date before the release", () => {
    const json = JSON.parse(cli("rate", "CN", "9503.00.00", "2025-04-15", "--json").out);
    expect([json.projection, json.projectionNote]).toEqual([false, null]);
  });

  it("breakdown prints the projection note and the scheduled status", () => {
    const r = cli("breakdown", "VN", "9401.61.40.11", "2027-01-01");
    expect(r.out).toMatch(/note: projection: the law as known at release/);
    expect(r.out).toMatch(/scheduled \(uncertain\); 2027-01-01 to open/);
  });

  it("refuses 2028 dates", () => {
    const r = cli("rate", "VN", "9401.61.40.11", "2028-01-01");
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no data for 2028-01-01/);
  });
});

describe("dutydesk breakdown and history", () => {
  it("breakdown lists each layer with its citation", () => {
    const r = cli("breakdown", "CN", "9503.00.00", "2025-04-15");
    expect(r.out).toMatch(/9903\.01\.63\s+Reciprocal tariff on China raised to 125%/);
    expect(r.out).toMatch(/90 FR 15625/);
  });

  it("history prints one row per change", () => {
    const r = cli("history", "CN", "9503.00.00", "2025-04-01", "2025-06-30", "--json");
    expect(JSON.parse(r.out).rows.map((row: { total: number }) => row.total)).toEqual([0.2, 0.3, 1.04, 1.45, 0.3]);
  });
});

describe("dutydesk validate", () => {
  it("accepts the shipped table and prints its hash", () => {
    const r = cli("validate", EMBEDDED_TABLE_FILE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^ok: table ${embedded().id.replace(".", "\\.")} .* sha256 ${embedded().sha256}$`));
  });

  it("rejects a file that is not a table", () => {
    const r = cli("validate", join(__dirname, "..", "..", "package.json"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid rate table: \$\.format/);
  });

  it.each([
    ["a missing file", "/nonexistent/table.dutytable", "dutydesk: cannot read /nonexistent/table.dutytable: no such file"],
    ["a directory", __dirname, `dutydesk: cannot read ${__dirname}: is a directory`],
  ])("reports %s in one line, not a raw system error", (_, file, message) => {
    const r = cli("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(message);
  });

  it("refuses a file over the size limit from its size, before reading it (a 2 GB sparse file)", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-validate-"));
    try {
      const file = join(dir, "huge.dutytable");
      writeFileSync(file, "");
      truncateSync(file, 2 * 1024 ** 3);
      const r = cli("validate", file); // the size in the message is the file's, from stat: nothing was read
      expect(r.code).toBe(2);
      expect(r.err).toBe(`dutydesk: ${file} is 2147483648 bytes; a rate table is at most ${MAX_TABLE_BYTES} bytes`);
      // --table goes through the same check
      const t = cli("rate", "CN", "9503", "2025-04-15", "--table", file);
      expect([t.code, t.err]).toEqual([2, `dutydesk: ${file} is 2147483648 bytes; a rate table is at most ${MAX_TABLE_BYTES} bytes`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a table file with a duplicate key, naming its path", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-validate-"));
    try {
      const file = join(dir, "dup.dutytable");
      const real = readFileSync(EMBEDDED_TABLE_FILE, "utf8");
      writeFileSync(file, real.replace(/}\s*$/, ',"released":"2027-01-01"}'));
      const r = cli("validate", file);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^dutydesk: invalid rate table: \$\.released: the key appears twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("arguments are checked, and echoed input is cut short", () => {
  it.each([
    [["rate", "CN", "9503", "2025-04-15", "extra"], 'dutydesk: unexpected argument "extra": rate takes at most 3 (country, product, date)'],
    [
      ["breakdown", "CN", "9503", "2025-04-15", "2025-05-01"],
      'dutydesk: unexpected argument "2025-05-01": breakdown takes at most 3 (country, product, date)',
    ],
    [
      ["history", "CN", "9503", "2025-01-01", "2025-06-01", "x"],
      'dutydesk: unexpected argument "x": history takes at most 4 (country, product, start, end)',
    ],
    [["validate", "a.dutytable", "b.dutytable"], 'dutydesk: unexpected argument "b.dutytable": validate takes at most 1 (table-file)'],
    [["data-report", "x"], 'dutydesk: unexpected argument "x": data-report takes no positional arguments'],
  ])("%j: exit 2, one line naming the extra argument", (argv, message) => {
    const r = cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(message);
  });

  it("refuses a loading date after the entry date (the same day is fine)", () => {
    const r = cli("rate", "CN", "9503", "2025-04-15", "--loaded", "2025-04-16");
    expect(r.code).toBe(2);
    expect(r.err).toBe("dutydesk: loaded=2025-04-16 is after the entry date 2025-04-15: goods are loaded before they are entered");
    expect(cli("rate", "CN", "9503", "2025-04-15", "--loaded", "2025-04-15").code).toBe(0);
  });

  it.each([
    [["rate", "CN", "9503", "x".repeat(5000)]],
    [["rate", "CN", "9503", "2025-04-15", `--${"o".repeat(5000)}`]],
    [["rate", "CN", "9503", "2025-04-15", "--basis", "b".repeat(5000)]],
    [["rate", "CN", "9503", "2025-04-15", "--steel", "9".repeat(5000)]],
    [["rate", "CN", "9503", "2025-04-15", "e".repeat(5000)]],
    [["c".repeat(5000)]],
    [["rate", "X".repeat(5000), "9503", "2025-04-15"]],
    [["rate", "CN", "9".repeat(5000), "2025-04-15"]],
    [["validate", `/nonexistent/${"d".repeat(5000)}`]],
  ])("a 5,000-character argument is echoed in at most about 100 characters (%#)", (argv) => {
    const r = cli(...argv);
    expect(r.code).not.toBe(0);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err.length).toBeLessThan(260);
  });

  it("a code that is not a line says so in one short sentence; the base-rate provenance is in breakdown", () => {
    const r = cli("rate", "CN", "9999.99.99", "2025-04-15");
    expect(r.code).toBe(1);
    expect(r.err).toBe("dutydesk: HTS 9999.99.99 is not a line of the United States schedule (USITC HTS 2026 Revision 10)");
    expect(cli("breakdown", "CN", "9503.00.00", "2025-04-15").out).toMatch(/USITC HTS 2026 Revision 10, Column 1 General/);
  });
});

describe("the installed bin (as `npx dutydesk` runs it)", () => {
  const bin = join(__dirname, "..", "..", "bin", "dutydesk.js");

  it("prints the JSON answer", () => {
    const out = execFileSync(process.execPath, [bin, "rate", "CN", "9503.00.00", "2025-04-15", "--json"], { encoding: "utf8" });
    expect(JSON.parse(out).additional).toBe(1.45);
  });

  it("exits non-zero with a one-line error", () => {
    const r = spawnSync(process.execPath, [bin, "rate", "XX", "9503", "2025-04-15"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^dutydesk: unknown country "XX"/)]);
  });
});
