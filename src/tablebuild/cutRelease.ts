import { readFileSync } from "node:fs";
import { ReleaseDiff } from "../engine/diff";
import { RateTable } from "../engine/table/compiledTable";
import { loadTable } from "../engine/table/loadTable";
import { NewsEntry } from "../engine/table/schema";
import { BuildError, BuildInputs, buildTable } from "./buildTable";
import { NewsDraft, draftNews } from "./newsDraft";
import { formatNewsEntry, parseNewsFile, prependNewsEntry } from "./newsFile";
import { serializeTable } from "./serializeTable";
import { compareReleaseIds, listReleases, nextReleaseId, releaseFile } from "../../scripts/releases";

/**
 * Cutting a release, as a plan the release command then writes (or, with --check, only prints):
 * build data/source, validate it, refuse an id that is published or not newer than the newest release,
 * diff against that release with the engine's diff, and draft its NEWS entry from the diff.
 *
 * When NEWS already has an entry for the id (written or edited by hand), that entry is the release's and
 * nothing is drafted into NEWS; otherwise the draft goes into both the release file and NEWS, so the two
 * never disagree.
 */
export interface ReleaseInputs extends BuildInputs {
  readonly newsFile: string;
  /** data/releases: every published release. */
  readonly releasesDir: string;
}

export interface ReleasePlan {
  readonly id: string;
  readonly released: string;
  /** The release file's exact text, and the table it loads as. */
  readonly text: string;
  readonly table: RateTable;
  /** Where the release is written: <releasesDir>/<id>.dutytable. */
  readonly target: string;
  /** The newest published release, which this one follows. */
  readonly previous: { readonly id: string; readonly file: string; readonly table: RateTable };
  readonly diff: ReleaseDiff;
  /** Always computed (the --check output); `draftedIntoNews` says whether the release uses it. */
  readonly draft: NewsDraft;
  readonly draftedIntoNews: boolean;
  /** NEWS as it should be written: with the draft entry on top, or unchanged. */
  readonly newsText: string;
}

/** A release the command refuses to cut; the message says why and what to do. */
export class ReleaseRefused extends BuildError {}

export function planRelease(inputs: ReleaseInputs): ReleasePlan {
  const published = listReleases(inputs.releasesDir);
  const previousRef = published[published.length - 1];
  if (previousRef === undefined) throw new ReleaseRefused(`${inputs.releasesDir} holds no release to diff against`);
  const newsText = readFileSync(inputs.newsFile, "utf8");
  const news = parseNewsFile(newsText, inputs.newsFile);

  const built = buildTable(inputs);
  const id = built.table.id;
  const released = built.table.released;
  const taken = published.find((r) => r.id === id);
  if (taken !== undefined) {
    throw new ReleaseRefused(
      `release ${id} is already published (${taken.file}) and releases are immutable: set a new id in data/source/release.yaml (next: ${nextReleaseId(previousRef.id, released)})`,
    );
  }
  if (compareReleaseIds(id, previousRef.id) < 0) {
    throw new ReleaseRefused(
      `release ${id} would come before the newest published release ${previousRef.id}: set a later id in data/source/release.yaml (next: ${nextReleaseId(previousRef.id, released)})`,
    );
  }
  const previousTable = loadTable(readFileSync(previousRef.file, "utf8"));
  if (released < previousTable.released) {
    throw new ReleaseRefused(
      `release ${id} is dated ${released}, before ${previousRef.id} (${previousTable.released}): fix released in data/source/release.yaml`,
    );
  }

  const draft = draftNews(previousTable, built.table);
  const hasEntry = news.entries.some((e) => e.release === id);
  let text = built.text;
  let nextNews = newsText;
  if (!hasEntry) {
    const own: NewsEntry = { release: id, briefly: draft.entry.briefly, future: draft.entry.future, past: draft.entry.past };
    text = serializeTable({ ...built.table.doc, news: [own, ...built.table.doc.news] });
    nextNews = prependNewsEntry(newsText, formatNewsEntry(draft.entry, draft.comments));
  }
  // Validate exactly the bytes that will be written (schema, references, overlaps, cycles).
  const table = loadTable(text);
  return {
    id,
    released,
    text,
    table,
    target: releaseFile(id, inputs.releasesDir),
    previous: { id: previousRef.id, file: previousRef.file, table: previousTable },
    diff: draft.diff,
    draft,
    draftedIntoNews: !hasEntry,
    newsText: nextNews,
  };
}
