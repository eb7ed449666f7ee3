import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeOrphanTemps } from "../../src/cli/files";
import { LANDED_CACHE_MB, LANDED_HEAP_HEADROOM_MB } from "../../src/cli/landedCommand";
import { runOnBoundedHeap } from "../../src/cli/landedHeap";
import { run } from "../../src/cli/main";

/**
 * `dutydesk landed --in FILE --out FILE` from the installed CLI runs on a worker thread with a bounded heap
 * (src/cli/landedHeap.ts). Everything the user sees is the same as on the main thread (`--heap-mb 0`): the
 * output file, the exit code, the lines on stderr, the files left in the directory.
 */

const BIN = join(__dirname, "..", "..", "bin", "dutydesk.js");
const WORKERS = join(__dirname, "..", "support", "heapWorkers");
const HEADER = "sku,entry,value,country,sector,date,freight,insurance,quantity,importer,mode,options";
/** US rows of several kinds, China as the importer, an entry of two lines, a row error, an empty date. */
const ROWS = [
  "A-1,,10000,VN,9503.00.00,2025-10-15,1200,120,,US,ocean,",
  "A-2,,2500,CN,8471.30.01,2025-06-02,,,,US,air,",
  "A-3,,100,US,8471,2025-06-02,,,,CA,air,duty=4%",
  "A-4,,9000,US,8471,2025-12-01,800,200,,CN,ocean,duty=10%",
  "A-5,E7,4000,MX,7208.10.15,2025-09-01,,,1000 kg,US,truck,",
  "A-6,E7,6000,DE,8703.23.01,2025-09-01,,,,US,truck,",
  "A-7,,10000,XX,9503,2025-10-15,,,,US,ocean,",
  "A-8,,10000,JP,9503,,,,,US,ocean,",
];

function cli(args: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, "landed", ...args], { encoding: "utf8" });
  // The summary's timing differs run to run; everything else must not.
  return { status: r.status, stderr: r.stderr.replace(/[\d.]+ s \(\d+ rows\/s\)/g, "T s (R rows/s)") };
}

describe("a file-to-file batch runs on a bounded heap, and behaves as on the main thread", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dutydesk-heap-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const good = () => write("in.csv", `${HEADER}\n${ROWS.join("\n")}\n`);

  /** Runs the same command on the worker (the default) and on the main thread; returns both. */
  function both(argsFor: (out: string) => string[]) {
    const onWorker = cli(argsFor(join(dir, "worker.csv")));
    const worker = { ...onWorker, files: readdirSync(dir).sort() };
    const onMain = cli([...argsFor(join(dir, "main.csv")), "--heap-mb", "0"]);
    const main = { ...onMain, files: readdirSync(dir).sort() };
    return { worker, main, read: (name: string) => readFileSync(join(dir, name), "utf8") };
  }

  it("writes the same file, exit code and summary", () => {
    const input = good();
    const { worker, main, read } = both((out) => ["--in", input, "--out", out, "--date", "2025-10-15"]);
    expect(worker.status).toBe(0);
    expect(main.status).toBe(0);
    expect(worker.stderr.replace("worker.csv", "X")).toBe(main.stderr.replace("main.csv", "X"));
    expect(worker.stderr).toMatch(/^dutydesk: 1 entries of two or more lines; .*\ndutydesk: 8 rows, 1 with errors, T s/);
    expect(read("worker.csv")).toBe(read("main.csv"));
    // The empty date is --date's day on the worker too: Japan's 15 % (in force on 2025-10-15), MPF and HMF.
    expect(read("worker.csv").split("\r\n")[8]).toBe("A-8,,10000,JP,9503,,,,,US,ocean,,1500.00,47.14,0.00,11547.14,");
    expect(main.files).toEqual(["in.csv", "main.csv", "worker.csv"]);
  });

  it.each<[string, (input: string, dir: string) => string[], RegExp]>([
    ["options that do not parse", (i, d) => ["--in", i, "--out", join(d, "o.csv"), "--options", "duty=lots"], /^dutydesk: --options: /],
    [
      "a table file that is not there",
      (i, d) => ["--in", i, "--out", join(d, "o.csv"), "--table", join(d, "none.dutytable")],
      /^dutydesk: cannot read .*none\.dutytable/,
    ],
    [
      "an input file that is not there",
      (_, d) => ["--in", join(d, "none.csv"), "--out", join(d, "o.csv")],
      /^dutydesk: cannot read .*none\.csv: no such file/,
    ],
    ["an output that is the input", (i) => ["--in", i, "--out", i], /^dutydesk: --out .* is the input file: refusing to overwrite it/],
    ["an output in a directory that is not there", (i, d) => ["--in", i, "--out", join(d, "no", "o.csv")], /^dutydesk: cannot write /],
  ])("reports %s as the main thread does: exit 2, one line, nothing written", (_, argsFor, message) => {
    const input = good();
    const worker = cli(argsFor(input, dir));
    const files = readdirSync(dir).sort();
    const main = cli([...argsFor(input, dir), "--heap-mb", "0"]);
    expect(worker.status).toBe(2);
    expect(worker.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(worker).toEqual(main);
    expect(files).toEqual(["in.csv"]);
    expect(readdirSync(dir).sort()).toEqual(["in.csv"]);
    expect(readFileSync(input, "utf8")).toBe(`${HEADER}\n${ROWS.join("\n")}\n`);
  });

  it("a problem found mid-file (an entry split in two) leaves no file, as on the main thread", () => {
    const input = write("in.csv", `${HEADER}\n${ROWS[4]}\n${ROWS[0]}\n${ROWS[5]}\n`);
    const { worker, main } = both((out) => ["--in", input, "--out", out]);
    expect(worker.status).toBe(2);
    expect(worker.stderr.replace("worker.csv", "X")).toBe(main.stderr.replace("main.csv", "X"));
    expect(worker.stderr).toMatch(/entry "E7" appears again at data row 3.*worker\.csv was not written/);
    expect(main.files).toEqual(["in.csv"]);
  });

  it("a batch that outgrows its heap runs again on an unbounded one: one line says so, the same file, no temporary file", () => {
    const input = good();
    // 8 MB cannot hold the table: V8 stops the thread while it loads.
    const small = cli(["--in", input, "--out", join(dir, "small.csv"), "--date", "2025-10-15", "--heap-mb", "8"]);
    const files = readdirSync(dir).sort();
    const main = cli(["--in", input, "--out", join(dir, "main.csv"), "--date", "2025-10-15", "--heap-mb", "0"]);
    expect(small.status).toBe(0);
    expect(small.stderr.split("\n")[0]).toBe("dutydesk: the batch outgrew its 8 MB heap (--heap-mb); running it again on an unbounded heap");
    expect(small.stderr.split("\n").slice(1).join("\n").replace("small.csv", "X")).toBe(main.stderr.replace("main.csv", "X"));
    expect(files).toEqual(["in.csv", "small.csv"]);
    expect(readFileSync(join(dir, "small.csv"), "utf8")).toBe(readFileSync(join(dir, "main.csv"), "utf8"));
  });

  it("--progress draws its bar on a bounded-heap run, and the summary gets its own line", () => {
    const input = good();
    const r = cli(["--in", input, "--out", join(dir, "o.csv"), "--progress"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^\r\[#+\] 100% 8 rows, [\d,]+ rows\/s\ndutydesk: 1 entries/);
  });

  it.each<[string, string[], string[]]>([
    ["by default, the cache budget plus the headroom", [], [`heap ${LANDED_CACHE_MB + LANDED_HEAP_HEADROOM_MB}`]],
    ["--cache-mb moves it", ["--cache-mb", "10"], [`heap ${10 + LANDED_HEAP_HEADROOM_MB}`]],
    ["--heap-mb sets it", ["--heap-mb", "300"], ["heap 300"]],
  ])("the worker's heap bound: %s", async (_, flags, said) => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined, now: new Date(), landedWorker: join(WORKERS, "limits.js") };
    expect(await run(["landed", "--in", good(), "--out", join(dir, "o.csv"), ...flags], io)).toBe(0);
    expect(out).toEqual(said);
  });

  it("--heap-mb 0, standard input or standard output: no worker (the batch runs where it was asked)", async () => {
    const input = good();
    for (const args of [
      ["--in", input, "--out", join(dir, "o.csv"), "--heap-mb", "0"],
      ["--in", input, "--out", "-"],
    ]) {
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: () => undefined, now: new Date(), landedWorker: join(WORKERS, "limits.js") };
      const stdout = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      try {
        expect(await run(["landed", ...args, "--date", "2025-10-15"], io)).toBe(0);
      } finally {
        stdout.mockRestore();
      }
      expect(out).toEqual([]); // the limits worker never ran
    }
  });

  it("--heap-mb must be a whole number", async () => {
    const err: string[] = [];
    const code = await run(["landed", "--in", good(), "--heap-mb", "1.5"], { out: () => undefined, err: (t) => err.push(t), now: new Date() });
    expect(code).toBe(2);
    expect(err).toEqual(['dutydesk: --heap-mb "1.5" is not a whole number of megabytes']);
  });
});

describe("runOnBoundedHeap, with workers that answer, run out of memory, or fail", () => {
  function io() {
    const seen: string[] = [];
    return {
      seen,
      io: {
        out: (t: string) => seen.push(`out: ${t}`),
        err: (t: string) => seen.push(`err: ${t}`),
        now: new Date("2025-10-15T16:00:00Z"),
        progress: { write: (t: string) => seen.push(`bar: ${t}`), isTTY: true },
      },
    };
  }

  it("passes the worker's lines on in order and resolves with its exit code", async () => {
    const r = io();
    const again = jest.fn(async () => 0);
    const code = await runOnBoundedHeap(["--in", "a.csv", "--out", "b.csv"], 64, "b.csv", r.io, join(WORKERS, "answers.js"), again);
    expect(code).toBe(3);
    expect(r.seen).toEqual(["out: argv --in a.csv --out b.csv", "bar: \r8 rows", "err: now 2025-10-15T16:00:00.000Z, tty true"]);
    expect(again).not.toHaveBeenCalled();
  });

  it("when V8 stops the worker for memory: removes its temporary file, ends the bar's line, says so, runs again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-outgrows-"));
    try {
      const out = join(dir, "out.csv");
      writeFileSync(out, "the user's last good file");
      const r = io();
      const again = jest.fn(async () => (r.seen.push("again"), 0));
      const code = await runOnBoundedHeap(["--in", "a.csv", "--out", out], 16, out, r.io, join(WORKERS, "outgrows.js"), again);
      expect(code).toBe(0);
      expect(r.seen).toEqual([
        "bar: \r4,096 rows",
        "bar: \n",
        "err: dutydesk: the batch outgrew its 16 MB heap (--heap-mb); running it again on an unbounded heap",
        "again",
      ]);
      expect(readdirSync(dir)).toEqual(["out.csv"]);
      expect(readFileSync(out, "utf8")).toBe("the user's last good file");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("any other failure of the worker is re-thrown, not retried", async () => {
    const again = jest.fn(async () => 0);
    await expect(runOnBoundedHeap(["--out", "b.csv"], 64, "b.csv", io().io, join(WORKERS, "throws.js"), again)).rejects.toThrow("a bug in the batch");
    expect(again).not.toHaveBeenCalled();
  });
});

describe("removeOrphanTemps", () => {
  it("removes this process's unfinished temporary files of one output, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "dutydesk-orphans-"));
    try {
      const names = [
        "out.csv",
        `.out.csv.${process.pid}.0a1b2c3d.tmp`, // this process's, for out.csv: removed
        `.out.csv.${process.pid + 1}.0a1b2c3d.tmp`, // another process's: kept
        `.other.csv.${process.pid}.0a1b2c3d.tmp`, // another output's: kept
        `.out.csv.${process.pid}.notes`, // not a temporary file: kept
      ];
      for (const n of names) writeFileSync(join(dir, n), "x");
      removeOrphanTemps(join(dir, "out.csv"));
      expect(readdirSync(dir).sort()).toEqual(names.filter((_, i) => i !== 1).sort());
      removeOrphanTemps(join(dir, "gone", "out.csv")); // a directory that is not there: nothing to do
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
