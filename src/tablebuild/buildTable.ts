import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { RateForm, parseRateExpression } from "../engine/rates";
import { loadTable } from "../engine/table/loadTable";
import {
  BaseChangeDoc,
  Column2MemberDoc,
  ImporterDoc,
  LandedDoc,
  MeasureDoc,
  RelationDoc,
  TABLE_FORMAT,
  TableDocument,
} from "../engine/table/schema";
import { CnSchedule, readCnSchedule } from "./cnSchedule";
import { RateTable } from "../engine/table/compiledTable";
import { HtsRelease, latestRelease, listReleases, readBaseLines } from "./htsSource";
import { ListSpec, resolveList } from "./listSource";
import { readFootnotes } from "./htsFootnotes";
import { serializeTable } from "./serializeTable";
import { chapter99Headings } from "./chapter99Headings";
import { BuildError } from "./buildError";
import { measuresWithDefaults } from "./measureDefaults";
import { checkPublicSources } from "./publicSources";
import { NewsEntry } from "../engine/table/schema";
import { newsForRelease, parseNewsFile } from "./newsFile";
import { compareReleaseIds, isReleaseId } from "../../scripts/releases";
import { TableValidationError } from "../engine/table/tableValidationError";
import { SourceFile, SourcePositions, readSourceFile } from "./sourcePositions";

export interface BuildInputs {
  /** `data/source` of this project: the hand-written, cited rows. */
  readonly sourceDir: string;
  /** `../shared/data/hts`: USITC JSON releases. */
  readonly htsDir: string;
  /** `../shared/data/yale-tariff-rate-tracker`. */
  readonly yaleDir: string;
  /** The top-level NEWS file; by default the one two levels above `sourceDir` (data/source → NEWS). */
  readonly newsFile?: string;
  /**
   * The release's `news` field, instead of the entries read from NEWS (the release command uses this to
   * build with its draft entry before writing it to NEWS).
   */
  readonly news?: readonly NewsEntry[];
  /** `../shared/data/cn/tariff_full_cn_2026.json`: China's 2026 schedule, for an importer with `lines: cn-2026`. */
  readonly cnFile?: string;
}

export interface BuildReport {
  readonly text: string;
  readonly table: RateTable;
  readonly htsRelease: string;
  readonly baseForms: Record<RateForm, number>;
  readonly lineCount: number;
  readonly statisticalLines: number;
  readonly lists: { id: string; codes: number }[];
  readonly measures: number;
  readonly sourceFiles: string[];
  /** How the base rates of the latest release compare with the earliest one in the inputs. */
  readonly baseStability: { readonly earliest: string; readonly changed: number; readonly added: number; readonly removed: number };
  /** China's 2026 schedule, when an importer takes its lines from it. */
  readonly cn: CnSchedule["counts"] | null;
}

interface ImporterSource {
  readonly code: string;
  readonly name: string;
  readonly lines: "hts-latest" | "open" | "cn-2026";
  readonly baseSource?: string;
  /** cn-2026: the first entry date of the schedule, why the base is unknown before it, the input's pinned hash. */
  readonly linesFrom?: string;
  readonly beforeLinesFrom?: string;
  readonly linesName?: string;
  readonly sourceSha256?: string;
}

/** A dated change of one line's base (data/source `baseChanges`): a provisional rate from a date. */
interface BaseChangeSource extends BaseChangeDoc {
  readonly importer: string;
}

/**
 * Compiles the rate table: the cited rows in `data/source` plus base rates and product lists read from
 * the shared inputs. The output is deterministic (same inputs, same bytes, same hash) and is loaded back
 * through the engine before it is returned, so a table that would not load is never written.
 */
export function buildTable(inputs: BuildInputs): BuildReport {
  const files = yamlFiles(inputs.sourceDir);
  // Where each row was written, so that a problem of the built table names its file and line.
  const positions = new SourcePositions();
  const merged = mergeSources(
    files.map((f) => readSourceFile(f, readFileSync(f, "utf8"))),
    positions,
  );
  const release = merged.release;
  if (!release) throw new Error("data/source has no release: section");
  const news = inputs.news ?? releaseNews(inputs.newsFile ?? join(inputs.sourceDir, "..", "..", "NEWS"), release);

  const hts = latestRelease(inputs.htsDir);
  const releases = listReleases(inputs.htsDir);
  const earliest = releases[0]!;
  const baseStability = compareBaseRates(earliest, hts);
  const baseForms: Record<RateForm, number> = { free: 0, adValorem: 0, specific: 0, compound: 0, text: 0 };
  let statisticalLines = 0;
  let cn: CnSchedule | null = null;
  const changes = merged.baseChanges as BaseChangeSource[];
  const importers: ImporterDoc[] = (release.importers as ImporterSource[]).map((imp, i) => {
    const ownIndexes = changes.flatMap((b, k) => (b.importer === imp.code ? [k] : []));
    ownIndexes.forEach((k, j) => positions.alias(["importers", i, "baseChanges", j], ["baseChanges", k]));
    const own = ownIndexes.map((k) => changes[k]!).map(({ importer: _, ...b }) => b);
    if (imp.lines === "cn-2026") {
      if (inputs.cnFile === undefined) throw new BuildError(`importer ${imp.code} takes its lines from China's 2026 schedule: pass --cn FILE`);
      cn = readCnSchedule(inputs.cnFile, imp.sourceSha256);
      const baseSource = `${imp.baseSource ?? "China's 2026 schedule"} (transcription sha256 ${cn.sha256}, checked at build)`;
      return {
        code: imp.code,
        name: imp.name,
        baseSource,
        lineMode: "listed",
        ...(imp.linesFrom ? { linesFrom: imp.linesFrom } : {}),
        ...(imp.beforeLinesFrom ? { beforeLinesFrom: imp.beforeLinesFrom } : {}),
        ...(imp.linesName ? { linesName: imp.linesName } : {}),
        ...(own.length > 0 ? { baseChanges: own } : {}),
        lineNotes: cn.lineNotes,
        lines: cn.lines,
      };
    }
    if (own.length > 0) throw new BuildError(`baseChanges for importer ${imp.code}, whose lines are not dated`);
    if (imp.lines === "open") {
      return { code: imp.code, name: imp.name, baseSource: imp.baseSource ?? "unknown", lineMode: "open", lines: [] };
    }
    const { lines, specials } = readBaseLines(hts);
    for (const [, general, sfx] of lines) {
      baseForms[parseRateExpression(general).kind]++;
      statisticalLines += sfx === "" ? 1 : sfx.split(",").length;
    }
    // The base rates of one release answer for every date in coverage only if they did not change; the
    // build checks that against the earliest release it was given and says so in the citation.
    const stable =
      baseStability.changed === 0
        ? ` (rates identical in every line since the ${baseStability.earliest}, checked at build${baseStability.added ? `; ${baseStability.added} line(s) added since` : ""})`
        : ` (${baseStability.changed} line(s) changed since the ${baseStability.earliest})`;
    const members = merged.column2 as (Column2MemberDoc & { importer: string })[];
    const memberIndexes = members.flatMap((m, k) => (m.importer === imp.code ? [k] : []));
    memberIndexes.forEach((k, j) => positions.alias(["importers", i, "column2", j], ["column2", k]));
    const column2 = memberIndexes.map((k) => members[k]!).map(({ importer: _, ...m }) => m);
    return {
      code: imp.code,
      name: imp.name,
      baseSource: `USITC HTS ${hts.label}, Column 1 General${stable}`,
      lineMode: "listed",
      specials,
      lines,
      ...(column2.length > 0 ? { column2 } : {}),
    };
  });

  const footnotes = readFootnotes(hts);
  const lists = (merged.productLists as ListSpec[]).map((spec) => ({
    id: spec.id,
    title: spec.title,
    source: spec.source,
    codes: resolveList(spec, inputs.yaleDir, footnotes),
  }));

  const doc: TableDocument = {
    format: TABLE_FORMAT,
    id: release.id,
    released: release.released,
    coverage: release.coverage,
    notice: release.notice,
    news: [...news],
    importers,
    countryGroups: merged.countryGroups as TableDocument["countryGroups"],
    productLists: lists,
    sectors: merged.sectors as TableDocument["sectors"],
    claims: merged.claims as TableDocument["claims"],
    rulings: merged.rulings as TableDocument["rulings"],
    exclusionGroups: merged.exclusionGroups as TableDocument["exclusionGroups"],
    relations: merged.relations as RelationDoc[],
    measures: merged.measures as MeasureDoc[],
    gaps: merged.gaps as TableDocument["gaps"],
    valueBases: merged.valueBases as string[],
    authorities: merged.authorities as string[],
    landed: landedSection(merged.landed),
  };
  checkHeadings(doc.measures, chapter99Headings(releases), positions);
  checkPublicSources(doc.measures);
  checkScopesMatchLines(doc, "CN", positions);
  const text = serializeTable(doc);
  const table = loadWithPositions(text, positions);
  const usLines = importers.find((i) => i.code === "US")?.lines.length ?? 0;
  return {
    text,
    table,
    htsRelease: hts.label,
    baseForms,
    lineCount: usLines,
    statisticalLines,
    lists: lists.map((l) => ({ id: l.id, codes: l.codes.length })),
    measures: doc.measures.length,
    sourceFiles: files.map((f) => relative(inputs.sourceDir, f)),
    baseStability,
    cn: (cn as CnSchedule | null)?.counts ?? null,
  };
}

/** Loads the built text; a validation problem names the YAML file and line of its row. */
function loadWithPositions(text: string, positions: SourcePositions): RateTable {
  try {
    return loadTable(text);
  } catch (e) {
    if (e instanceof TableValidationError) throw new TableValidationError(e.problems.map((p) => positions.locateProblem(p)));
    throw e;
  }
}

/** "file:line: " of a measure's row, or "" when unknown. */
function measureAt(positions: SourcePositions, index: number): string {
  const where = positions.locate(["measures", index]);
  return where === null ? "" : `${where}: `;
}

/**
 * Every HTS prefix a measure of a listed importer names (directly or through a product list) must match
 * at least one of its lines: China's measures were written before its 2026 schedule was in the table,
 * and a prefix no line matches would silently cover nothing.
 */
function checkScopesMatchLines(doc: TableDocument, code: string, positions: SourcePositions): void {
  const imp = doc.importers.find((i) => i.code === code);
  if (imp === undefined || imp.lineMode !== "listed") return;
  const lines = imp.lines.map((l) => l[0]).sort();
  const lists = new Map(doc.productLists.map((l) => [l.id, l.codes]));
  const matches = (prefix: string) => {
    const p = prefix.replace(/\./g, "");
    // Lines are 8 digits: a longer prefix names a 10-digit code under one of them.
    const key = p.length > 8 ? p.slice(0, 8) : p;
    return lines.some((l) => l.startsWith(key));
  };
  const problems: string[] = [];
  doc.measures.forEach((m, i) => {
    if (m.importer !== code) return;
    for (const entry of [...m.scope.include, ...(m.scope.exclude ?? [])]) {
      if (entry === "*") continue;
      const codes = entry.startsWith("@") ? (lists.get(entry.slice(1)) ?? []) : [entry];
      for (const c of codes) if (!matches(c)) problems.push(`${measureAt(positions, i)}${m.id}: ${entry === c ? c : `${c} (in ${entry})`}`);
    }
  });
  if (problems.length > 0) throw new BuildError(`prefixes that no line of the ${code} schedule matches:\n  ${problems.join("\n  ")}`);
}

export { BuildError } from "./buildError";

/** The landed parts in schema order (the validator, run by loadTable below, names what is missing or wrong). */
function landedSection(parts: Record<string, unknown>): LandedDoc {
  return Object.fromEntries(LANDED_PARTS.filter((p) => p in parts).map((p) => [p, parts[p]])) as unknown as LandedDoc;
}

/**
 * The release's `news` field, from NEWS: its own entry (if written yet) and every earlier one, newest first,
 * so a client that skips releases still reads every entry in between (the release diff shows the new ones).
 */
function releaseNews(newsFile: string, release: { id: string; released: string; news?: unknown }): NewsEntry[] {
  if (release.news !== undefined)
    throw new BuildError("data/source/release.yaml: news: has moved to the top-level NEWS file (tz style); write the entry there");
  if (!isReleaseId(release.id))
    throw new BuildError(`data/source/release.yaml: id ${JSON.stringify(release.id)} is not a release id (YYYY.MMx, e.g. 2026.12a)`);
  if (!existsSync(newsFile)) throw new BuildError(`no NEWS file at ${newsFile} (the release notes the table carries; pass its path)`);
  const file = parseNewsFile(readFileSync(newsFile, "utf8"), newsFile);
  const own = file.entries.find((e) => e.release === release.id);
  if (own !== undefined && own.released !== release.released) {
    throw new BuildError(`${newsFile}: release ${release.id} is dated ${own.released}, data/source/release.yaml says ${release.released}`);
  }
  return newsForRelease(file, (id) => isReleaseId(id) && compareReleaseIds(id, release.id) <= 0);
}

/**
 * A US measure's Chapter 99 heading must exist in some HTS release. A heading the research could not find
 * is written as a label, and then the row must say so in its `conflict`.
 */
function checkHeadings(measures: readonly MeasureDoc[], known: ReadonlySet<string>, positions: SourcePositions): void {
  const problems: string[] = [];
  measures.forEach((m, i) => {
    if (m.importer !== "US") return;
    if (/^9903\.\d{2}\.\d{2}$/.test(m.heading)) {
      if (!known.has(m.heading)) problems.push(`${measureAt(positions, i)}${m.id}: heading ${m.heading} is in no HTS release of the inputs`);
    } else if (m.conflict === undefined) {
      problems.push(`${measureAt(positions, i)}${m.id}: "${m.heading}" is not a Chapter 99 heading; a row without one must explain why in conflict`);
    }
  });
  if (problems.length > 0) throw new BuildError(`unknown headings:\n  ${problems.join("\n  ")}`);
}

function compareBaseRates(earliest: HtsRelease, latest: HtsRelease) {
  const before = new Map(readBaseLines(earliest).lines.map(([line, rate]) => [line, rate]));
  const after = new Map(readBaseLines(latest).lines.map(([line, rate]) => [line, rate]));
  let changed = 0;
  let added = 0;
  for (const [line, rate] of after) {
    const old = before.get(line);
    if (old === undefined) added++;
    else if (old !== rate) changed++;
  }
  const removed = [...before.keys()].filter((line) => !after.has(line)).length;
  return { earliest: earliest.label, changed, added, removed };
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (name.endsWith(".yaml")) out.push(path);
  }
  return out;
}

// Sections that may be spread over several source files, concatenated in file-name order.
const LIST_SECTIONS = [
  "column2",
  "baseChanges",
  "countryGroups",
  "productLists",
  "sectors",
  "claims",
  "rulings",
  "exclusionGroups",
  "relations",
  "measures",
  "gaps",
  "valueBases",
  "authorities",
] as const;

/** Parts of the `landed` section (schema.ts LandedDoc); each is written in one file only. */
const LANDED_PARTS = ["importers", "currencies", "mpf", "hmf", "informalEntry", "deMinimis", "importTax"] as const;

// YAML is untyped until the built document passes validateDocument; `any` stops at this boundary.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Merged = Record<(typeof LIST_SECTIONS)[number], unknown[]> & { release?: any; landed: Record<string, unknown> };

function mergeSources(sources: readonly SourceFile[], positions: SourcePositions): Merged {
  const merged = { ...Object.fromEntries(LIST_SECTIONS.map((s) => [s, [] as unknown[]])), landed: {} } as Merged;
  for (const source of sources) {
    const { name: file, root } = source;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data = source.data as any;
    if (data === null || typeof data !== "object") throw new Error(`${file}: expected a mapping at the top level`);
    for (const key of Object.keys(data)) {
      const node = SourcePositions.child(root, [key]);
      if (key === "release") {
        if (merged.release) throw new Error(`${file}: a second release: section`);
        merged.release = data.release;
        for (const field of Object.keys(data.release ?? {})) {
          if (field !== "importers") positions.register([field], source, SourcePositions.child(node, [field]));
        }
        (Array.isArray(data.release?.importers) ? data.release.importers : []).forEach((_: unknown, i: number) =>
          positions.register(["importers", i], source, SourcePositions.child(node, ["importers", i])),
        );
      } else if (key === "landed") {
        const landed = data.landed;
        if (landed === null || typeof landed !== "object" || Array.isArray(landed)) throw new Error(`${file}: landed must be a mapping`);
        for (const part of Object.keys(landed)) {
          if (!(LANDED_PARTS as readonly string[]).includes(part))
            throw new Error(`${file}: unknown landed part ${part} (known: ${LANDED_PARTS.join(", ")})`);
          if (part in merged.landed) throw new Error(`${file}: landed.${part} is already given in another file`);
          merged.landed[part] = landed[part];
          positions.register(["landed", part], source, SourcePositions.child(node, [part]));
        }
      } else if (key === "defaults") {
        if (!Array.isArray(data.measures)) throw new Error(`${file}: defaults apply to measures, and the file has none`);
      } else if ((LIST_SECTIONS as readonly string[]).includes(key)) {
        if (!Array.isArray(data[key])) throw new Error(`${file}: ${key} must be a list`);
        const rows = merged[key as (typeof LIST_SECTIONS)[number]];
        const raw = data[key] as unknown[];
        // A file's measures take its defaults; `- defaults:` entries are not rows, so each row keeps the
        // index of its own YAML node for the positions below.
        const isDefaults = (e: unknown) => e !== null && typeof e === "object" && !Array.isArray(e) && "defaults" in e;
        const nodes = raw.map((_, i) => i).filter((i) => key !== "measures" || !isDefaults(raw[i]));
        const added = key === "measures" ? measuresWithDefaults(file, data.defaults, raw) : raw;
        // Registered at the row's index in the merged section, which is its document path (`measures[57]`);
        // column2 and baseChanges rows move into their importer, and buildTable re-registers them there.
        added.forEach((_, j) => positions.register([key, rows.length + j], source, SourcePositions.child(node, [nodes[j]!])));
        rows.push(...added);
      } else {
        throw new Error(`${file}: unknown section ${key}`);
      }
    }
  }
  return merged;
}
