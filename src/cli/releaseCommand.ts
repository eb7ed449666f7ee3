import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ReleasePlan, planRelease } from "../tablebuild/cutRelease";
import { formatNewsEntry } from "../tablebuild/newsFile";
import { UsageError, flag, parseArgs } from "./args";
import type { Io } from "./io";

/**
 * `dutydesk release` (`npm run release`): cut the release that data/source describes.
 *
 *   dutydesk release --hts DIR --yale DIR [--cn FILE] [--source DIR] [--news FILE] [--releases DIR] [--check | --dry-run | --news-only]
 *
 * Writes data/releases/<id>.dutytable and, when NEWS has no entry for the id yet, prepends a draft entry
 * to NEWS. --check (or --dry-run) prints the diff summary and the draft and writes nothing; --news-only
 * writes the draft into NEWS but not the release, so it can be edited before the release is cut.
 */
export function releaseCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { boolean: ["check", "dry-run", "news-only"], value: ["hts", "yale", "cn", "source", "news", "releases"] });
  const hts = flag(args, "hts");
  const yale = flag(args, "yale");
  if (!hts || !yale) throw new UsageError("release needs --hts DIR and --yale DIR (npm run release passes them)");
  const cwd = process.cwd();
  const check = flag(args, "check") !== undefined || flag(args, "dry-run") !== undefined;
  const newsOnly = flag(args, "news-only") !== undefined;
  if (check && newsOnly) throw new UsageError("--check writes nothing and --news-only writes NEWS: pick one");
  const newsFile = flag(args, "news") ?? join(cwd, "NEWS");
  const plan = planRelease({
    sourceDir: flag(args, "source") ?? join(cwd, "data", "source"),
    htsDir: hts,
    yaleDir: yale,
    ...(flag(args, "cn") === undefined ? {} : { cnFile: flag(args, "cn")! }),
    newsFile,
    releasesDir: flag(args, "releases") ?? join(cwd, "data", "releases"),
  });

  io.out(summary(plan));
  if (check) {
    io.out(
      `\n${plan.draftedIntoNews ? "Draft NEWS entry (not written):" : "NEWS already has this entry; the draft from the diff would be:"}\n\n${formatNewsEntry(plan.draft.entry, plan.draft.comments)}`,
    );
    io.out(`--check: nothing written. Run without --check to write ${rel(plan.target)}${plan.draftedIntoNews ? " and the NEWS draft" : ""}.`);
    return 0;
  }
  if (plan.draftedIntoNews) {
    writeFileSync(newsFile, plan.newsText);
    io.out(`NEWS: draft entry for ${plan.id} prepended to ${rel(newsFile)}. Edit it by hand before committing (see its # header and RELEASING.md).`);
  } else {
    io.out(`NEWS: the entry for ${plan.id} already in ${rel(newsFile)} goes into the release.`);
  }
  if (newsOnly) {
    io.out(`--news-only: ${rel(plan.target)} not written. Edit NEWS, then run npm run release.`);
    return 0;
  }
  mkdirSync(dirname(plan.target), { recursive: true });
  writeFileSync(plan.target, plan.text, { flag: "wx" }); // never overwrite: a published release is immutable
  io.out(`wrote ${rel(plan.target)}: ${plan.text.length} bytes, sha256 ${plan.table.sha256}`);
  return 0;
}

function summary(plan: ReleasePlan): string {
  const d = plan.diff;
  const counts = `added ${d.added.length}, ended ${d.ended.length}, re-rated ${d.rerated.length}, amended ${d.amended.length}, withdrawn ${d.removed.length}`;
  const lines = d.lines.map((l) => `${l.importer} base lines +${l.added} -${l.removed} ~${l.changed}`).join("; ");
  return (
    `release ${plan.id} (${plan.released}): ${plan.table.measures.length} measures, coverage ${d.after.coverage}, sha256 ${plan.table.sha256}\n` +
    `  against ${plan.previous.id} (${plan.previous.table.released}): measures ${counts}` +
    `${d.coverageChanged ? `; coverage was ${d.before.coverage}` : ""}${lines ? `; ${lines}` : ""}` +
    `${d.noRateChanges ? "; no rate changes" : ""}\n` +
    `  NEWS: future ${plan.draft.entry.future.length}, past ${plan.draft.entry.past.length}, gaps ${plan.draft.entry.gaps.length}, commentary ${plan.draft.entry.commentary.length} paragraphs in the draft`
  );
}

function rel(path: string): string {
  const r = relative(process.cwd(), path);
  return r.startsWith("..") ? path : r;
}
