import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";

/** The CLI twins of DUTY.COMPARE, MAXPRICE and ETR: the same answers, as JSON for batches and checks. */

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), now: new Date("2025-04-15T16:00:00Z") });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dutydesk-decisions-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("dutydesk compare", () => {
  test("--json: an array sorted by total, claims per origin", () => {
    const r = cli("compare", "9503.00.00", "2025-04-15", "--origins", "CN,VN,MX", "--claim", "USMCA", "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { origin: string; total: number; landed: number | null; claims: string[]; largestLayer: { heading: string } }[];
    expect(rows.map((x) => [x.origin, x.total, x.landed, x.claims])).toEqual([
      ["MX", 0, null, ["USMCA"]],
      ["VN", 0.1, null, []],
      ["CN", 1.45, null, []],
    ]);
    expect(rows[2]!.largestLayer.heading).toBe("9903.01.63");
  });

  test("--value ranks by landed cost; the date defaults to today (2025-04-15 here)", () => {
    const rows = JSON.parse(cli("compare", "toys", "--origins", "CN", "--origins", "VN", "--value", "1000", "--json").out) as {
      origin: string;
      landed: number;
    }[];
    expect(rows.map((x) => [x.origin, x.landed])).toEqual([
      ["VN", 1102.62],
      ["CN", 2452.62],
    ]);
  });

  test("an origin given twice exits 1 naming it; no --origins is a usage error; a row without a total exits 3", () => {
    expect(cli("compare", "9503.00.00", "--origins", "CN,China")).toMatchObject({ code: 1, err: expect.stringMatching(/origin given twice/) });
    expect(cli("compare", "9503.00.00").code).toBe(2);
    expect(cli("compare", "0201.10.05", "--origins", "AU").code).toBe(3);
  });
});

describe("dutydesk maxprice", () => {
  test("--json: price, landed and landed_next_cent", () => {
    const r = cli("maxprice", "3000", "CN", "9503.00.00", "2025-04-15", "--mode", "ocean", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ price: 1222.79, landed: 2999.99, landed_next_cent: 3000.01 });
  });

  test("no price meets the target: exit 1 with the reason", () => {
    expect(cli("maxprice", "50", "CN", "9503.00.00", "2025-04-15", "--freight", "60")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no price meets the target 50\.00: even at a price of 0\.00 the landed cost is 60\.00/),
    });
  });
});

describe("dutydesk etr", () => {
  const BOOK = "value,country,hts\n1000,CN,9503.00.00\n3000,VN,9503.00.00\n,,\n1000,DE,steel\n";

  test("--json on one date: ETR 22%, its parts by authority, and the top lines", () => {
    const r = cli("etr", "--in", file("book.csv", BOOK), "--date", "2025-07-01", "--json", "--top", "2");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    // (300 + 300 + 500) / 5,000: IEEPA 600 / 5,000 = 0.12, Section 232 500 / 5,000 = 0.10
    expect(json.dates).toEqual([
      { date: "2025-07-01", etr: 0.22, value: 5000, duty: 1100, byAuthority: { "Base rate": 0, IEEPA: 0.12, "Section 232": 0.1 } },
    ]);
    expect(json.top.map((t: { line: string; duty: number }) => [t.line, t.duty])).toEqual([
      ["line 5", 500],
      ["line 2", 300],
    ]);
  });

  test("--from/--to: one point a month", () => {
    const json = JSON.parse(cli("etr", "--in", file("book2.csv", BOOK), "--from", "2025-01-15", "--to", "2025-04-15", "--json").out);
    expect(json.dates.map((d: { date: string }) => d.date)).toEqual(["2025-01-15", "2025-02-15", "2025-03-15", "2025-04-15"]);
    expect(json.dates[3].etr).toBe(0.4);
  });

  test("a line without a total exits 1 naming it; a book without the columns is a usage error", () => {
    expect(cli("etr", "--in", file("bad.csv", "value,country,hts\n10,AU,0201.10.05\n"), "--date", "2025-07-01")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/line 2 \(AU 0201\.10\.05, 2025-07-01\) has no total/),
    });
    expect(cli("etr", "--in", file("nocols.csv", "a,b\n1,2\n")).code).toBe(2);
    expect(cli("etr", "--in", file("step.csv", BOOK), "--from", "2025-01-01", "--to", "2025-02-01", "--step", "week").code).toBe(2);
  });
});
