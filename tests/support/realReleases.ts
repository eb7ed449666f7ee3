/*
 * Two real releases for the "diff on real data" tests: the two newest in data/releases when there are two,
 * otherwise the newest one and the draft of the next one, built from data/source (and NEWS) exactly as
 * `npm run release --check` would build it, without writing anything. Null when neither is possible (one
 * release, and no ../shared/data to build from, or data/source still describing the newest release).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReleaseDiff, RateTable, MeasureDoc } from "../../src/engine";
import { tariffWith } from "../../src/formula/cellImpact";
import { firstAffected } from "../../src/tablebuild/newsDraft";
import { planRelease } from "../../src/tablebuild/cutRelease";
import { RELEASES_DIR, listReleases } from "../../scripts/releases";
import { REPO_ROOT } from "./browser";
import { Release, releaseFromText } from "./feedFixtures";

export interface RealPair {
  readonly before: Release;
  readonly after: Release;
  /** Where `after` comes from, for test names. */
  readonly origin: string;
}

export function realReleasePair(): RealPair | null {
  const published = listReleases();
  if (published.length >= 2) {
    const [a, b] = published.slice(-2);
    return {
      before: releaseFromText(readFileSync(a!.file, "utf8")),
      after: releaseFromText(readFileSync(b!.file, "utf8")),
      origin: "the two newest releases in data/releases",
    };
  }
  const shared = join(REPO_ROOT, "..", "shared", "data");
  if (!existsSync(join(shared, "hts"))) return null;
  const dir = mkdtempSync(join(tmpdir(), "dutydesk-real-pair-"));
  try {
    const newsFile = join(dir, "NEWS");
    copyFileSync(join(REPO_ROOT, "NEWS"), newsFile);
    const plan = planRelease({
      sourceDir: join(REPO_ROOT, "data", "source"),
      htsDir: join(shared, "hts"),
      yaleDir: join(shared, "yale-tariff-rate-tracker"),
      newsFile,
      releasesDir: RELEASES_DIR,
    });
    return {
      before: releaseFromText(readFileSync(plan.previous.file, "utf8")),
      after: releaseFromText(plan.text),
      origin: `${published.at(-1)!.id} and the draft ${plan.id} built from data/source`,
    };
  } catch (e) {
    if (e instanceof Error && /already published/.test(e.message)) return null;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Probe {
  readonly measure: string;
  readonly country: string;
  readonly product: string;
  readonly iso: string;
  readonly importer: string;
  readonly before: number | string;
  readonly after: number | string;
}

const ANY_ORIGIN = ["CN", "VN", "DE", "JP", "MX", "IN", "BR", "GB"];

/**
 * For each changed measure, a DUTY.TARIFF question (origin, HTS line, entry date) whose answer differs
 * between the two releases: the cells a workbook would see change. A measure that only bites under a
 * claim or an option yields none. At most `max`, one per measure.
 */
export function probesFor(before: RateTable, after: RateTable, diff: ReleaseDiff, max = 4): Probe[] {
  const out: Probe[] = [];
  const oldDocs = new Map(before.doc.measures.map((m) => [m.id, m]));
  const newDocs = new Map(after.doc.measures.map((m) => [m.id, m]));
  const changes = [...diff.added, ...diff.rerated, ...diff.ended, ...diff.amended, ...diff.removed];
  for (const c of changes) {
    if (out.length >= max) break;
    const m = newDocs.get(c.id) ?? oldDocs.get(c.id)!;
    const old = oldDocs.get(c.id);
    const now = newDocs.get(c.id);
    const start = old && now ? firstAffected(old, now) : m.from;
    if (start === null) continue;
    const iso = start < after.doc.coverage.from ? after.doc.coverage.from : start;
    if (iso >= after.doc.coverage.to || iso >= before.doc.coverage.to) continue;
    const probe = findProbe(before, after, m, iso);
    if (probe) out.push(probe);
  }
  return out;
}

function findProbe(before: RateTable, after: RateTable, m: MeasureDoc, iso: string): Probe | null {
  const countries = origins(after, m).slice(0, 4);
  const products = products_(after, m).slice(0, 3);
  for (const country of countries) {
    for (const product of products) {
      const args = [country, product, iso, m.importer];
      const b = tariffWith(before, args, new Date(`${iso}T12:00:00Z`));
      const a = tariffWith(after, args, new Date(`${iso}T12:00:00Z`));
      if (typeof a === "number" && typeof b === "number" && a !== b)
        return { measure: m.id, country, product, iso, importer: m.importer, before: b, after: a };
    }
  }
  return null;
}

function origins(t: RateTable, m: MeasureDoc): string[] {
  const except = new Set(m.exceptPartners ?? []);
  const out: string[] = [];
  for (const p of m.partners) {
    if (p === "*") out.push(...ANY_ORIGIN);
    else if (p.startsWith("@")) out.push(...(t.doc.countryGroups.find((g) => `@${g.id}` === p)?.members ?? []).filter((c) => /^[A-Z]{2}$/.test(c)));
    else out.push(p);
  }
  return [...new Set(out)].filter((c) => !except.has(c));
}

function products_(t: RateTable, m: MeasureDoc): string[] {
  const lines = t.doc.importers.find((i) => i.code === m.importer)?.lines.map((l) => l[0]) ?? [];
  const prefixes = m.scope.include.flatMap((p) =>
    p.startsWith("@") ? (t.doc.productLists.find((l) => `@${l.id}` === p)?.codes ?? []).slice(0, 3) : [p.replace(/\./g, "")],
  );
  const out: string[] = [];
  for (const p of prefixes) {
    const line =
      p === "*" ? "95030000" : p.length >= 8 ? p : (lines.find((l) => l.startsWith(p)) ?? (lines.length === 0 ? p.padEnd(8, "0") : undefined));
    if (line !== undefined) out.push(dotted(line));
  }
  return out;
}

function dotted(code: string): string {
  const d =
    code.slice(0, 4) +
    (code.length > 4 ? `.${code.slice(4, 6)}` : "") +
    (code.length > 6 ? `.${code.slice(6, 8)}` : "") +
    (code.length > 8 ? `.${code.slice(8)}` : "");
  return d;
}
