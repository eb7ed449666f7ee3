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
    expect(cn).toMatchObject({ total: null, additional: 1.35 });
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
