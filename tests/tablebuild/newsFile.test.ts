/* NEWS, tz style: how it reads, and that every published release carries its own entry word for word. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { NewsFileEntry, NewsFormatError, formatNewsEntry, parseNewsFile, prependNewsEntry } from "../../src/tablebuild/newsFile";
import { compareReleaseIds, listReleases } from "../../scripts/releases";
import { TableDocument } from "../../src/engine";

const root = join(__dirname, "..", "..");
const NEWS = readFileSync(join(root, "NEWS"), "utf8");

const entry: NewsFileEntry = {
  release: "2026.12a",
  released: "2026-12-01",
  briefly: "Section 232 polysilicon from 2026-12-04; the US-China truce extended to 2027-01-10 (uncertain).",
  future: [
    "Section 232 polysilicon: +15% on wafers, cells and modules of every origin from 2026-12-04, all-in 15% for the EU, JP, KR, CH, LI and TW, +10% for the UK.",
  ],
  past: ["China's 24% stays suspended after 2026-11-10."],
  gaps: ["The $30bn for $30bn framework is announced, not in force."],
  commentary: [],
};

describe("NEWS format", () => {
  it("writes an entry as tz does: a Release line, Briefly:, then the sections, paragraphs wrapped and indented", () => {
    const text = formatNewsEntry(entry, ["DRAFT: edit me"]);
    expect(text.split("\n").slice(0, 8)).toEqual([
      "# DRAFT: edit me",
      "Release 2026.12a - 2026-12-01",
      "",
      "  Briefly:",
      "    Section 232 polysilicon from 2026-12-04; the US-China truce extended to",
      "    2027-01-10 (uncertain).",
      "",
      "  Changes to future rates",
    ]);
    expect(text).toContain("\n  Changes to past rates\n\n    China's 24% stays suspended after 2026-11-10.\n");
    expect(text).toContain("\n  Known gaps\n\n");
    expect(text).not.toContain("Changes to commentary"); // empty sections are left out
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(95); // comment lines aside, 78
  });

  it("reads back exactly what it wrote (comments are not part of the entry)", () => {
    const file = parseNewsFile("Preamble.\n\n" + formatNewsEntry(entry, ["DRAFT"]));
    expect(file.preamble).toBe("Preamble.\n\n");
    expect(file.entries).toEqual([entry]);
  });

  it("puts a new entry above the newest one, after the preamble", () => {
    const older = { ...entry, release: "2026.11a", released: "2026-11-28", briefly: "First." };
    const text = prependNewsEntry("Preamble.\n\n" + formatNewsEntry(older), formatNewsEntry(entry));
    expect(parseNewsFile(text).entries.map((e) => e.release)).toEqual(["2026.12a", "2026.11a"]);
    expect(text.startsWith("Preamble.\n\nRelease 2026.12a - 2026-12-01\n")).toBe(true);
  });

  it("refuses what it cannot read, with the line", () => {
    const bad = (text: string) => () => parseNewsFile(text, "NEWS");
    expect(bad("Release 2026.12a - 2026-12-01\n\n  Briefly:\n    x\n\n  Changes to present rates\n")).toThrow(
      new NewsFormatError(
        'NEWS:6: unknown section "Changes to present rates" (expected one of: Briefly:, Changes to future rates, Changes to past rates, Known gaps, Changes to commentary)',
      ),
    );
    expect(bad("Release 2026.12a - 2026-12-01\n    text\n")).toThrow(/NEWS:2: text outside a section/);
    expect(bad("Release 2026.12a - 2026-12-01\n\n  Briefly:\n  x\n")).toThrow(/NEWS:4: unknown section "x"/);
    expect(bad("Release 2026.12a - 2026-12-01\n\n  Briefly:\n\tx\n")).toThrow(/NEWS:4: cannot read this line/);
    expect(bad("Release 2026.12a - 2026-12-01\n\n  Known gaps\n\n    x\n")).toThrow(/release 2026.12a has no "Briefly:" paragraph/);
    expect(bad(formatNewsEntry(entry) + "\n" + formatNewsEntry(entry))).toThrow(/a second entry for release 2026.12a/);
  });
});

describe("the NEWS file", () => {
  const news = parseNewsFile(NEWS);

  it("has an entry for every published release, newest first, in id order", () => {
    const published = listReleases().map((r) => r.id);
    const ids = news.entries.map((e) => e.release);
    for (const id of published) expect(ids).toContain(id);
    expect([...ids].sort(compareReleaseIds).reverse()).toEqual(ids);
  });

  it("is what each release file carries: its own entry, word for word, and its release date", () => {
    for (const r of listReleases()) {
      const doc = JSON.parse(readFileSync(r.file, "utf8")) as TableDocument;
      const own = news.entries.find((e) => e.release === r.id)!;
      expect(own.released).toBe(doc.released);
      expect(doc.news.find((n) => n.release === r.id)).toEqual({ release: own.release, briefly: own.briefly, future: own.future, past: own.past });
    }
  });

  it("lists 2026.11a's known gaps: every gap the release carries", () => {
    const first = news.entries.find((e) => e.release === "2026.11a")!;
    const doc = JSON.parse(readFileSync(listReleases()[0]!.file, "utf8")) as TableDocument;
    expect(first.gaps.length).toBe(doc.gaps.length);
    doc.gaps.forEach((g, i) => expect(first.gaps[i]).toContain(g.detail));
  });

  it("is the only home of the release notes: data/source/release.yaml has none", () => {
    const release = (parseYaml(readFileSync(join(root, "data", "source", "release.yaml"), "utf8")) as { release: Record<string, unknown> }).release;
    expect(release.news).toBeUndefined();
  });

  it("has no draft marker left on a published release (the release command's # DRAFT header)", () => {
    const lines = NEWS.split("\n");
    const published = new Set(listReleases().map((r) => r.id));
    lines.forEach((line, i) => {
      if (!line.startsWith("# DRAFT")) return;
      const header = lines.slice(i).find((l) => l.startsWith("Release "))!;
      const id = header.split(" ")[1]!;
      if (published.has(id))
        throw new Error(
          `NEWS:${i + 1}: the entry for published release ${id} still carries the release command's draft header; edit the entry and delete the # lines`,
        );
    });
  });
});
