import { ReleaseDiff, diffReleases, rateText } from "../engine/diff";
import { RateTable } from "../engine/table/compiledTable";
import { GapDoc, MeasureDoc, RelationDoc } from "../engine/table/schema";
import { NewsFileEntry } from "./newsFile";

/**
 * The draft NEWS entry for a new release, written from the engine's diff against the previous release.
 *
 * tz keeps "Changes to future timestamps" apart from "Changes to past timestamps"; here the line is the
 * release date. A change goes under "Changes to past rates" when the first entry date whose duty it alters
 * is before the release date: a re-rate of a measure in force since March, a measure added with a start
 * date already gone by (the previous release missed it), an end date moved to a day already passed. Those
 * change answers an analyst may already have booked. Everything that first bites on or after the release
 * date is a change to future rates. Changes that alter no rate (citations, titles, confidence, notes) are
 * commentary.
 *
 * It is a draft: the sentences are mechanical, and the Briefly paragraph only counts. A person rewrites
 * it before the release is committed (RELEASING.md).
 */
export interface NewsDraft {
  readonly entry: NewsFileEntry;
  readonly diff: ReleaseDiff;
  /** The header comment that marks the entry as a draft in NEWS. */
  readonly comments: readonly string[];
}

export function draftNews(before: RateTable, after: RateTable, diff: ReleaseDiff = diffReleases(before, after)): NewsDraft {
  const released = after.released;
  const future: string[] = [];
  const past: string[] = [];
  const commentary: string[] = [];
  const oldDocs = new Map(before.doc.measures.map((m) => [m.id, m]));
  const newDocs = new Map(after.doc.measures.map((m) => [m.id, m]));
  const file = (date: string | null, text: string) => (date === null ? commentary : date < released ? past : future).push(text);

  if (diff.coverageChanged) {
    const extended = after.doc.coverage.to > before.doc.coverage.to;
    file(
      extended ? before.doc.coverage.to : after.doc.coverage.from,
      `Coverage is now entries from ${diff.after.coverage} (was ${diff.before.coverage}).`,
    );
  }
  for (const c of diff.added) {
    const m = newDocs.get(c.id)!;
    file(
      m.from,
      `Added: ${m.title}. ${rateText(m)} on goods of ${c.after!.partners}, ${period(c.after!.from, c.after!.through)} (${m.authority}, ${m.heading}; ${m.documents[0] ?? ""}).${uncertain(m)} [${m.id}]`,
    );
  }
  for (const c of diff.ended) {
    const m = newDocs.get(c.id)!;
    file(firstAffected(oldDocs.get(c.id)!, m), `Ended: ${m.title}: ${c.details.join("; ")}.${uncertain(m)} [${m.id}]`);
  }
  for (const c of diff.rerated) {
    const m = newDocs.get(c.id)!;
    file(firstAffected(oldDocs.get(c.id)!, m), `Re-rated: ${m.title}: ${c.details.join("; ")}.${uncertain(m)} [${m.id}]`);
  }
  for (const c of diff.amended) {
    const m = newDocs.get(c.id)!;
    file(firstAffected(oldDocs.get(c.id)!, m), `Amended: ${m.title}: ${c.details.join("; ")}.${uncertain(m)} [${m.id}]`);
  }
  for (const c of diff.removed) {
    const m = oldDocs.get(c.id)!;
    file(m.from, `Withdrawn: ${m.title} (was ${c.before!.rate}, ${period(c.before!.from, c.before!.through)}). [${m.id}]`);
  }
  relationChanges(before.doc.relations, after.doc.relations, after.doc.coverage.from, file);
  for (const l of diff.lines) {
    // Base lines carry no dates: one schedule answers for the whole coverage, so a change reaches back.
    const examples = l.examples.length > 0 ? `; for example ${l.examples.join(", ")}` : "";
    past.push(`Base rates (${l.importer}): ${l.added} lines added, ${l.changed} changed, ${l.removed} removed${examples}.`);
  }

  const entry: NewsFileEntry = {
    release: after.id,
    released,
    briefly: briefly(diff),
    future,
    past,
    gaps: gapChanges(before.id, before.doc.gaps, after.doc.gaps),
    commentary,
  };
  const comments = [
    `DRAFT written by \`dutydesk release\` from the engine's diff of ${before.id} -> ${after.id}.`,
    "Edit it by hand before committing: rewrite Briefly in a sentence or two, merge related items,",
    "and say what is uncertain. The release file carries this text: after editing, delete the",
    `uncommitted data/releases/${after.id}.dutytable and run \`npm run release\` again (it keeps`,
    "your edited entry). Then delete these # lines. See RELEASING.md.",
  ];
  return { entry, diff, comments };
}

/** One NEWS paragraph for a known gap. */
export function gapParagraph(g: GapDoc): string {
  const title = /[.!?]$/.test(g.title) ? g.title : `${g.title}.`;
  return `${title} ${g.detail}${g.sources.length > 0 ? ` (${g.sources.join("; ")})` : ""}`;
}

/**
 * The first entry date on which the measure's duty differs between the two rows, or null when no
 * difference touches a rate (wording, citations, confidence, notes, the heading's label).
 */
export function firstAffected(old: MeasureDoc, now: MeasureDoc): string | null {
  const dates: string[] = [];
  const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
  const whole = [
    differs(old.rate, now.rate),
    (old.basis ?? "full") !== (now.basis ?? "full"),
    differs(old.partners, now.partners),
    differs(old.exceptPartners ?? [], now.exceptPartners ?? []),
    differs(old.scope, now.scope),
    old.voidedBy !== now.voidedBy,
    old.group !== now.group,
    (old.priority ?? 0) !== (now.priority ?? 0),
    differs(old.tags, now.tags),
    differs(old.claims ?? {}, now.claims ?? {}),
    differs(old.inTransit, now.inTransit),
    old.importer !== now.importer,
  ].some(Boolean);
  if (whole || old.from !== now.from) dates.push(min(old.from, now.from));
  if (old.collectedFrom !== now.collectedFrom) dates.push(min(old.collectedFrom ?? old.from, now.collectedFrom ?? now.from));
  if (old.to !== now.to) dates.push(min(old.to ?? "9999-12-31", now.to ?? "9999-12-31"));
  return dates.length === 0 ? null : dates.reduce(min);
}

function relationChanges(
  before: readonly RelationDoc[],
  after: readonly RelationDoc[],
  coverageFrom: string,
  file: (date: string | null, text: string) => void,
): void {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const start = (r: RelationDoc) => r.from ?? coverageFrom;
  for (const r of after) {
    const was = old.get(r.id);
    if (was === undefined)
      file(start(r), `Stacking: ${r.winner} now prevails over ${r.loser}${r.from ? ` from ${r.from}` : ""}. ${r.note} [${r.id}]`);
    else if (JSON.stringify(was) !== JSON.stringify(r)) {
      const rateless = was.winner === r.winner && was.loser === r.loser && was.from === r.from && was.to === r.to;
      file(rateless ? null : min(start(was), start(r)), `Stacking relation changed: ${r.winner} over ${r.loser}. ${r.note} [${r.id}]`);
    }
  }
  for (const r of before) {
    if (!now.has(r.id)) file(start(r), `Stacking: ${r.winner} no longer prevails over ${r.loser}. [${r.id}]`);
  }
}

function gapChanges(previous: string, before: readonly GapDoc[], after: readonly GapDoc[]): string[] {
  const old = new Map(before.map((g) => [g.id, g]));
  const now = new Set(after.map((g) => g.id));
  const out: string[] = [];
  for (const g of after) {
    const was = old.get(g.id);
    if (was === undefined) out.push(`New: ${gapParagraph(g)}`);
    else if (JSON.stringify(was) !== JSON.stringify(g)) out.push(`Updated: ${gapParagraph(g)}`);
  }
  for (const g of before) if (!now.has(g.id)) out.push(`Closed: ${gapParagraph(g)}`);
  const kept = after.filter((g) => old.has(g.id)).length;
  if (kept > 0) out.push(`${kept} known gaps of ${previous} remain, unchanged; \`npm run data:report\` lists them all.`);
  return out;
}

function briefly(diff: ReleaseDiff): string {
  const counts = [
    [diff.added.length, "added"],
    [diff.ended.length, "ended"],
    [diff.rerated.length, "re-rated"],
    [diff.amended.length, "amended"],
    [diff.removed.length, "withdrawn"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const measures = counts.length > 0 ? `measures: ${counts.join(", ")}` : "no measure changed";
  const coverage = diff.coverageChanged ? `; coverage ${diff.after.coverage}` : "";
  return `Changes since ${diff.before.id}: ${measures}${coverage}.`;
}

function uncertain(m: MeasureDoc): string {
  return m.confidence === "uncertain" ? " Uncertain: the sources disagree (see the row's conflict)." : "";
}

function period(from: string, through: string): string {
  return through === "" ? `from ${from}` : `from ${from} through ${through}`;
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}
