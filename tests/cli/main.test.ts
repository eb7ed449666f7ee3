import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { run } from "../../src/cli/main";

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
    expect(json).toMatchObject({ total: 1.45, base: 0, additional: 1.45, table: { id: "2026.11a" } });
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
    expect(history.rows.map((r: { from: string; total: number }) => [r.from, r.total])).toEqual([["2026-01-15", 0.2], ["2026-02-02", 0.15]]);
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
    const r = cli("validate", join(__dirname, "..", "..", "data", "table", "embedded.dutytable"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: table 2026\.11a .* sha256 [0-9a-f]{64}$/);
  });

  it("rejects a file that is not a table", () => {
    const r = cli("validate", join(__dirname, "..", "..", "package.json"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/invalid rate table: \$\.format/);
  });

  it("reports a missing file", () => {
    const r = cli("validate", "/nonexistent/table.dutytable");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ENOENT/);
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
