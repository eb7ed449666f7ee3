/*
 * `dutydesk release` (npm run release) on a copy of the repository's layout in a temp dir: data/source as
 * it is, NEWS, and data/releases holding the published releases. Needs ../shared/data (the raw inputs).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { loadTable } from "../../src/engine";
import { buildTable } from "../../src/tablebuild/buildTable";
import { parseNewsFile } from "../../src/tablebuild/newsFile";
import { RELEASES_DIR, listReleases, newestRelease } from "../../scripts/releases";

const root = join(__dirname, "..", "..");
const shared = join(root, "..", "shared", "data");
const HTS = join(shared, "hts");
const YALE = join(shared, "yale-tariff-rate-tracker");

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (t) => out.push(t), err: (t) => err.push(t), now: new Date("2026-12-01T12:00:00Z") }) as number;
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("dutydesk release", () => {
  if (!existsSync(HTS)) {
    it.todo("needs ../shared/data (the raw inputs are not part of the repository)");
    return;
  }
  let dir: string;
  let paths: { source: string; news: string; releases: string };
  let args: string[];
  const sourceId = () => buildId(paths.source);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dutydesk-release-"));
    paths = { source: join(dir, "data", "source"), news: join(dir, "NEWS"), releases: join(dir, "data", "releases") };
    cpSync(join(root, "data", "source"), paths.source, { recursive: true });
    cpSync(RELEASES_DIR, paths.releases, { recursive: true });
    cpSync(join(root, "NEWS"), paths.news);
    args = [
      "release",
      "--hts",
      HTS,
      "--yale",
      YALE,
      "--cn",
      join(HTS, "..", "cn", "tariff_full_cn_2026.json"),
      "--source",
      paths.source,
      "--news",
      paths.news,
      "--releases",
      paths.releases,
    ];
    // The repository may be between releases (release.yaml names the next id) or just after one (it names
    // the newest); the command is exercised on the next release either way.
    const newest = newestRelease();
    if (sourceId() === newest.id) bumpRelease(paths.source, "2099.01a", "2099-01-15");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--check prints the diff against the newest release and the draft NEWS entry, and writes nothing", () => {
    const before = readFileSync(paths.news, "utf8");
    const r = cli(...args, "--check");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const id = sourceId();
    expect(r.out).toMatch(new RegExp(`^release ${id.replace(".", "\\.")} \\(\\d{4}-\\d{2}-\\d{2}\\): \\d+ measures`));
    expect(r.out).toContain(`against ${newestRelease().id} (`);
    expect(r.out).toContain(`# DRAFT written by \`dutydesk release\` from the engine's diff of ${newestRelease().id} -> ${id}.`);
    expect(r.out).toMatch(
      new RegExp(
        `\\nRelease ${id.replace(".", "\\.")} - \\d{4}-\\d{2}-\\d{2}\\n\\n  Briefly:\\n    Changes since ${newestRelease().id.replace(".", "\\.")}: `,
      ),
    );
    expect(r.out).toContain("--check: nothing written.");
    expect(readFileSync(paths.news, "utf8")).toBe(before);
    expect(readdirSync(paths.releases).sort()).toEqual(
      listReleases()
        .map((x) => `${x.id}.dutytable`)
        .sort(),
    );
  });

  it("writes the release and a draft NEWS entry on top; the release carries that entry and rebuilds to the same bytes", () => {
    const r = cli(...args);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const id = sourceId();
    const file = join(paths.releases, `${id}.dutytable`);
    expect(r.out).toContain(`NEWS: draft entry for ${id} prepended`);
    expect(r.out).toContain(`wrote ${file}`);
    const text = readFileSync(file, "utf8");
    const table = loadTable(text);
    expect(table.id).toBe(id);
    const news = parseNewsFile(readFileSync(paths.news, "utf8"));
    expect(news.entries.map((e) => e.release).slice(0, 2)).toEqual([id, newestRelease().id]);
    expect(readFileSync(paths.news, "utf8")).toMatch(new RegExp(`# DRAFT written by .*\\n(#.*\\n)*Release ${id.replace(".", "\\.")} - `));
    const own = news.entries[0]!;
    expect(table.doc.news[0]).toEqual({ release: id, briefly: own.briefly, future: own.future, past: own.past });
    expect(table.doc.news.map((n) => n.release)).toEqual(news.entries.map((e) => e.release));
    // After the release is cut, data/source + NEWS build it byte for byte (what tests/tablebuild checks).
    expect(
      buildTable({
        sourceDir: paths.source,
        htsDir: HTS,
        yaleDir: YALE,
        cnFile: join(HTS, "..", "cn", "tariff_full_cn_2026.json"),
        newsFile: paths.news,
      }).text === text,
    ).toBe(true);
  });

  it("refuses to reuse a published id: exit 2, one line, nothing written", () => {
    const news = readFileSync(paths.news, "utf8");
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(
      new RegExp(
        `^dutydesk: release ${sourceId().replace(".", "\\.")} is already published \\(.*\\) and releases are immutable: set a new id in data/source/release.yaml \\(next: `,
      ),
    );
    expect(readFileSync(paths.news, "utf8")).toBe(news);
  });

  it("refuses an id older than the newest release", () => {
    bumpRelease(paths.source, "2026.10a", "2026-10-30");
    const r = cli(...args, "--check");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^dutydesk: release 2026\.10a would come before the newest published release .* set a later id/);
  });
});

function buildId(source: string): string {
  return /id: "([^"]+)"/.exec(readFileSync(join(source, "release.yaml"), "utf8"))![1]!;
}

function bumpRelease(source: string, id: string, released: string): void {
  const file = join(source, "release.yaml");
  const text = readFileSync(file, "utf8")
    .replace(/id: "[^"]+"/, `id: "${id}"`)
    .replace(/released: "[^"]+"/, `released: "${released}"`);
  writeFileSync(file, text);
}
