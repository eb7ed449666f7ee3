/*
 * Feeds for the sync tests, built from the embedded release on the fly (it changes as the table grows):
 *  - a newer release: one measure that applies to CN toys re-rated, one open-ended measure ended, one
 *    measure added (VN T-shirts), with its news;
 *  - broken copies of it: a tampered file (same size, one byte changed: bad hash), a truncated file, an
 *    index announcing an oversized file;
 *  - a valid release whose measure title carries markup and whose citation looks like a formula.
 * Each feed is a directory (index.json + <id>.dutytable) served by scripts/serve.js; misbehaving servers
 * (a lying Content-Length, a 17 MB body without one, a slow body) are in feedServer.ts.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MeasureDoc, RateTable, TableDocument, breakdownRows, dayFromIso, loadTable, lookupRate } from "../../src/engine";
import { EMBEDDED_TABLE_FILE } from "./embeddedTable";
import { nextReleaseId } from "../../scripts/releases";
import { REPO_ROOT } from "./browser";

export interface Release {
  readonly id: string;
  readonly text: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly table: RateTable;
}

export function releaseFromText(text: string): Release {
  const bytes = Buffer.from(text, "utf8");
  return {
    id: (JSON.parse(text) as { id: string }).id,
    text,
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    table: loadTable(text),
  };
}

export function embeddedRelease(): Release {
  return releaseFromText(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
}

type Doc = { -readonly [K in keyof TableDocument]: TableDocument[K] };

/** The probe the tests look at: CN toys entered 2025-04-15, and VN cotton T-shirts. */
export const CN_TOYS = { country: "CN", product: "9503.00.00", iso: "2025-04-15" } as const;
export const VN_SHIRTS = { country: "VN", product: "6109.10.00", iso: "2025-04-15" } as const;
export const ADDED_MEASURE_ID = "fixture.vn.apparel.surcharge";

export interface NewerRelease extends Release {
  readonly rerated: MeasureDoc;
  readonly ended: MeasureDoc;
}

/** The measure that a CN-toys lookup shows first with an additive rate: what the newer release re-rates. */
export function reratedMeasure(base: RateTable): MeasureDoc {
  const o = lookupRate(base, { country: CN_TOYS.country, product: CN_TOYS.product, day: dayFromIso(CN_TOYS.iso)! });
  if (!o.ok) throw new Error(o.error.message);
  const ids = breakdownRows(o.value).map((r) => r.id);
  const m = base.doc.measures.find((x) => ids.includes(x.id) && "add" in x.rate && x.partners.length === 1);
  if (!m) throw new Error("no additive CN measure on CN toys to re-rate");
  return m;
}

export function newerRelease(
  base: Release,
  options: { id?: string; released?: string; title?: (m: MeasureDoc) => string; extraCitation?: string } = {},
): NewerRelease {
  const doc = JSON.parse(base.text) as Doc;
  // The release after the base one (2026.11a → 2026.12a), whichever release is the newest in data/releases.
  const released = options.released ?? "2026-12-05";
  const id = options.id ?? nextReleaseId(base.id, released);
  const rerated = reratedMeasure(base.table);
  const ended = doc.measures.find(
    (m) => m.to === undefined && m.id !== rerated.id && m.from < "2026-06-01" && m.importer === "US" && !("perUnit" in m.rate),
  )!;
  const oldRate = Number((rerated.rate as { add: string }).add);
  doc.id = id;
  doc.released = released;
  doc.news = [
    {
      release: id,
      briefly: `Fixture release: ${rerated.id} re-rated from ${oldRate}% to ${oldRate + 5}%, ${ended.id} ends on 2026-06-01, a VN apparel surcharge added.`,
      future: ["Entries from 2026-06-01 no longer pay " + ended.id + "."],
      past: [],
    },
    ...doc.news,
  ];
  doc.measures = doc.measures.map((m) => {
    if (m.id === rerated.id) {
      const citations = options.extraCitation ? [...m.citations, options.extraCitation] : m.citations;
      return {
        ...m,
        title: options.title ? options.title(m) : m.title,
        rate: { add: String(oldRate + 5) },
        citations: [...citations, "Fixture notice 2026-12 (test data)"],
      };
    }
    if (m.id === ended.id) return { ...m, to: "2026-06-01" };
    return m;
  });
  doc.measures = [
    ...doc.measures,
    {
      id: ADDED_MEASURE_ID,
      importer: "US",
      authority: "Section 301",
      title: "Fixture: additional 5% on Vietnamese cotton apparel",
      heading: "9903.99.90",
      documents: ["Fixture notice 2026-12-05 (test data, not a real measure)"],
      citations: ["tests/support/feedFixtures.ts"],
      confidence: "confirmed",
      partners: ["VN"],
      scope: { include: ["6109"] },
      rate: { add: "5" },
      from: "2025-01-01",
      tags: [],
    },
  ];
  const release = releaseFromText(JSON.stringify(doc, null, 0));
  return {
    ...release,
    rerated: release.table.doc.measures.find((m) => m.id === rerated.id)!,
    ended: release.table.doc.measures.find((m) => m.id === ended.id)!,
  };
}

export interface IndexEntryOverrides {
  readonly size?: number;
  readonly sha256?: string;
  readonly file?: string;
}

export function indexJson(entries: ReadonlyArray<{ release: Release; overrides?: IndexEntryOverrides }>): string {
  return JSON.stringify({
    format: "dutydesk-feed/1",
    releases: entries.map(({ release, overrides = {} }) => {
      const doc = release.table.doc;
      return {
        id: release.id,
        released: doc.released,
        file: overrides.file ?? `${release.id}.dutytable`,
        sha256: overrides.sha256 ?? release.sha256,
        size: overrides.size ?? release.bytes.length,
        coverage: doc.coverage,
        summary: doc.news.find((n) => n.release === release.id)?.briefly ?? "",
        news: doc.news.filter((n) => n.release === release.id),
      };
    }),
  });
}

/** A temporary directory of feeds: <root>/<name>/index.json and release files. */
export class FeedDirectory {
  readonly root = mkdtempSync(join(tmpdir(), "dutydesk-feeds-"));

  add(name: string, files: Record<string, string | Buffer>): string {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    return `${name}/index.json`;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The same bytes with one rate digit changed: same size, other hash. */
export function tamper(release: Release, measure: MeasureDoc): Buffer {
  const text = release.text;
  const at = text.indexOf(`"id":"${measure.id}"`);
  const rate = text.indexOf('"add":"', at) + 7;
  const digit = text[rate]!;
  const changed = text.slice(0, rate) + (digit === "9" ? "8" : String(Number(digit) + 1)) + text.slice(rate + 1);
  const bytes = Buffer.from(changed, "utf8");
  if (bytes.length !== release.bytes.length) throw new Error("tampering changed the size");
  return bytes;
}

// scripts/serve.js, typed.
interface ServeModule {
  createServer(options: { root: string; port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serveModule = require(join(REPO_ROOT, "scripts", "serve.js")) as ServeModule;

export async function serveDirectory(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const s = await serveModule.createServer({ root, port: 0, host: "127.0.0.1" });
  return { url: s.url.replace(/\/$/, ""), close: () => s.close() };
}
