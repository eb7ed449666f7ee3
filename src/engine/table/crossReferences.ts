import { z } from "zod";
import { dayFromIso } from "../dates";
import { FORMAT1_LAW } from "./format1LawData";
import { LINE_SHAPES, MeasureDoc, TABLE_FORMAT, TableDocument } from "./schema";
import { problem } from "./schemaFields";
import { checkLanded } from "./validateLanded";

/**
 * What the schema cannot say about a table: ids are unique, every reference (to an importer, country
 * group, product list, claim, ruling, exclusion group, authority, value basis or tag) resolves, dates are
 * ordered, Column 2 spans of one country do not overlap, and the differences between format 1 and
 * format 2. Run by the schema after every field has its type (validateDocument.ts), so nothing here
 * re-checks a type; a problem is reported with its path like any schema problem.
 */
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/** The whole customs value: always a basis, whatever metals the document declares. */
const FULL_VALUE = "full";

interface Known {
  importers: Set<string>;
  groups: Set<string>;
  lists: Set<string>;
  claims: Set<string>;
  rulings: Set<string>;
  exclusionGroups: Set<string>;
  authorities: Set<string>;
  bases: Set<string>;
}

export function checkCrossReferences(doc: TableDocument, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => problem(ctx, message, path);
  const legacy = doc.format !== TABLE_FORMAT;
  const vocabulary = checkFormatSections(doc, report);

  const coverage = [day(doc.coverage.from), day(doc.coverage.to)] as const;
  if (coverage[0] >= coverage[1]) report(["coverage"], "from must be before to");

  const importers = unique(
    doc.importers.map((i) => i.code),
    ["importers"],
    report,
  );
  doc.importers.forEach((imp, i) => {
    const lines = checkLines(imp.lines, imp.specials?.length ?? 0, doc.format, ["importers", i, "lines"], report);
    if (imp.column2 !== undefined) {
      if (legacy) report(["importers", i, "column2"], `Column 2 membership needs format ${TABLE_FORMAT}`);
      checkColumn2(imp.column2, ["importers", i, "column2"], report);
    }
    checkBaseEditions(imp, ["importers", i], lines, report);
  });

  const known: Known = {
    importers,
    groups: unique(
      doc.countryGroups.map((g) => g.id),
      ["countryGroups"],
      report,
    ),
    lists: unique(
      doc.productLists.map((l) => l.id),
      ["productLists"],
      report,
    ),
    claims: unique(
      doc.claims.map((c) => c.id),
      ["claims"],
      report,
    ),
    rulings: unique(
      doc.rulings.map((r) => r.id),
      ["rulings"],
      report,
    ),
    exclusionGroups: unique(
      doc.exclusionGroups.map((g) => g.id),
      ["exclusionGroups"],
      report,
    ),
    ...vocabulary,
  };

  doc.sectors.forEach((s, i) => {
    if (!importers.has(s.importer)) report(["sectors", i, "importer"], `unknown importer ${JSON.stringify(s.importer)}`);
    if (s.scope === undefined) return;
    // A product set nothing reads (neither lookups nor reports): format 2 dropped it rather than let it drift.
    if (!legacy) report(["sectors", i, "scope"], `a ${TABLE_FORMAT} sector has no scope: the keyword is its representative line`);
    checkScope(s.scope, ["sectors", i, "scope"], known, report);
  });
  doc.claims.forEach((c, i) => {
    if (c.origins !== undefined) checkPartners(c.origins, ["claims", i, "origins"], known, report);
  });

  const measureTags = new Set<string>();
  doc.measures.forEach((m, i) => {
    checkMeasure(m, ["measures", i], known, legacy, report);
    m.tags.forEach((t) => measureTags.add(t));
  });
  const measureIds = unique(
    doc.measures.map((m) => m.id),
    ["measures"],
    report,
  );

  doc.relations.forEach((r, i) => {
    for (const side of ["winner", "loser"] as const) {
      const [kind, name] = r[side].split(":") as [string, string];
      const found = kind === "tag" ? measureTags.has(name) : measureIds.has(name);
      if (!found) report(["relations", i, side], `${r[side]} matches no measure`);
    }
    if (r.from !== undefined && r.to !== undefined && day(r.from) >= day(r.to)) report(["relations", i], "from must be before to");
  });
  unique(
    doc.relations.map((r) => r.id),
    ["relations"],
    report,
  );
  unique(
    doc.gaps.map((g) => g.id),
    ["gaps"],
    report,
  );

  if (!legacy && doc.landed !== undefined) checkLanded(doc.landed, ["landed"], report);
}

/**
 * Format 2 requires the landed law and the vocabularies; format 1 may not carry them (its law is the
 * frozen format-1 copy). Returns the vocabularies measures are checked against.
 */
function checkFormatSections(doc: TableDocument, report: Report): { authorities: Set<string>; bases: Set<string> } {
  if (doc.format !== TABLE_FORMAT) {
    for (const key of ["valueBases", "authorities", "landed"] as const) {
      if (doc[key] !== undefined) report([key], `is a ${TABLE_FORMAT} section; a ${doc.format} table takes the frozen format-1 law`);
    }
    return { authorities: new Set(FORMAT1_LAW.authorities), bases: new Set([FULL_VALUE, ...FORMAT1_LAW.valueBases]) };
  }
  if (doc.valueBases === undefined) report(["valueBases"], "expected an array");
  if (doc.authorities === undefined) report(["authorities"], "expected an array");
  if (doc.landed === undefined) report(["landed"], "expected an object");
  const bases = doc.valueBases ?? [];
  bases.forEach((b, i) => {
    if (b === FULL_VALUE) report(["valueBases", i], `"${FULL_VALUE}" (the whole value) is always a basis; list only metals`);
    if (b === "metal") report(["valueBases", i], '"metal" is the option word for whichever one metal applies (metal=40%); it cannot name a basis');
    if (bases.indexOf(b) !== i) report(["valueBases", i], `duplicate ${JSON.stringify(b)}`);
  });
  const authorities = doc.authorities ?? [];
  authorities.forEach((a, i) => {
    if (authorities.indexOf(a) !== i) report(["authorities", i], `duplicate ${JSON.stringify(a)}`);
  });
  return { authorities: new Set(authorities), bases: new Set([FULL_VALUE, ...bases]) };
}

function unique(ids: readonly string[], path: Path, report: Report): Set<string> {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report([...path, i, "id"], `duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
  });
  return seen;
}

/** Day number of a date the schema has already checked. */
function day(iso: string): number {
  return dayFromIso(iso) ?? NaN;
}

/** The lines' shapes for the format, Special indexes in range, lines sorted and unique. Returns line → rate text. */
function checkLines(
  lines: TableDocument["importers"][number]["lines"],
  specials: number,
  format: TableDocument["format"],
  path: Path,
  report: Report,
): Map<string, string> {
  const out = new Map<string, string>();
  const legacy = format !== TABLE_FORMAT;
  let previous = "";
  lines.forEach((row, i) => {
    // Format 2 has one shape, so that a line without a Column 2 rate says so (null) rather than by length.
    if (legacy ? row.length === 5 : row.length !== 5) {
      report([...path, i], `expected ${LINE_SHAPES[format]}`);
      return;
    }
    const special = row[3];
    if (special !== undefined && !(special === null || (special >= 0 && special < specials))) {
      report([...path, i, 3], `expected an index into specials (0 to ${specials - 1})${legacy ? "" : " or null"}`);
    }
    const [line, rate] = row;
    if (line <= previous) report([...path, i, 0], `lines must be sorted and unique (${line} after ${previous})`);
    previous = line;
    out.set(line, rate);
  });
  return out;
}

function checkColumn2(members: NonNullable<TableDocument["importers"][number]["column2"]>, path: Path, report: Report): void {
  const seen = new Map<string, [number, number][]>();
  members.forEach((m, i) => {
    const from = m.from === undefined ? -Infinity : day(m.from);
    const to = m.to === undefined ? Infinity : day(m.to);
    if (from >= to) report([...path, i], "from must be before to");
    const spans = seen.get(m.country) ?? [];
    // Overlapping spans for one country would make membership depend on row order.
    if (spans.some(([a, b]) => from < b && a < to)) report([...path, i], `${m.country} is listed twice for overlapping dates`);
    spans.push([from, to]);
    seen.set(m.country, spans);
  });
}

/** The optional dated-base fields of an importer (format 2): linesFrom, baseChanges, lineNotes. */
function checkBaseEditions(imp: TableDocument["importers"][number], path: Path, lines: ReadonlyMap<string, string>, report: Report): void {
  if (imp.linesFrom === undefined && imp.baseChanges === undefined && imp.lineNotes === undefined && imp.beforeLinesFrom === undefined) return;
  if (imp.lineMode !== "listed") report(path, "linesFrom, baseChanges and lineNotes need a listed schedule");
  if (imp.beforeLinesFrom !== undefined && imp.linesFrom === undefined) report([...path, "beforeLinesFrom"], "only with linesFrom");
  const unknown = new Set<string>();
  const noted = new Set<string>();
  (imp.lineNotes ?? []).forEach((note, i) => {
    note.lines.forEach((line, j) => {
      if (!lines.has(line)) report([...path, "lineNotes", i, "lines", j], `${line} is not a line of this schedule`);
      else if (noted.has(line)) report([...path, "lineNotes", i, "lines", j], `${line} already has a note (one note per line)`);
      noted.add(line);
      if (note.base === "unknown") unknown.add(line);
    });
  });
  if (imp.lineNotes !== undefined) {
    unique(
      imp.lineNotes.map((n) => n.id),
      [...path, "lineNotes"],
      report,
    );
  }
  for (const [line, text] of lines) {
    if (text.trim() === "" && !unknown.has(line)) report([...path, "lines"], `line ${line} has no rate and no note with base "unknown"`);
  }
  const linesFrom = imp.linesFrom === undefined ? null : day(imp.linesFrom);
  const seen = new Set<string>();
  (imp.baseChanges ?? []).forEach((change, i) => {
    const p = [...path, "baseChanges", i];
    if (!lines.has(change.line)) report([...p, "line"], `${change.line} is not a line of this schedule`);
    if (linesFrom !== null && day(change.from) <= linesFrom) report([...p, "from"], "must be after linesFrom");
    const key = `${change.line}|${change.from}`;
    if (seen.has(key)) report(p, `a second change of ${change.line} on ${change.from}`);
    seen.add(key);
  });
}

function checkMeasure(m: MeasureDoc, p: Path, known: Known, legacy: boolean, report: Report): void {
  if (!known.importers.has(m.importer)) report([...p, "importer"], `unknown importer ${JSON.stringify(m.importer)}`);
  if (!known.authorities.has(m.authority)) {
    report([...p, "authority"], `unknown authority ${JSON.stringify(m.authority)} (the table's authorities: ${[...known.authorities].join(", ")})`);
  }
  checkPartners(m.partners, [...p, "partners"], known, report);
  if (m.exceptPartners !== undefined) checkPartners(m.exceptPartners, [...p, "exceptPartners"], known, report);
  checkScope(m.scope.include, [...p, "scope", "include"], known, report);
  if (m.scope.exclude !== undefined) checkScope(m.scope.exclude, [...p, "scope", "exclude"], known, report);
  if (m.basis !== undefined && !known.bases.has(m.basis)) report([...p, "basis"], `expected ${[...known.bases].join(", ")}`);
  const from = day(m.from);
  if (m.to !== undefined && from >= day(m.to)) report(p, `from (${m.from}) must be before to (${m.to})`);
  if (m.collectedFrom !== undefined && day(m.collectedFrom) < from) report([...p, "collectedFrom"], "cannot be before from");
  if (m.group !== undefined && !known.exclusionGroups.has(m.group)) report([...p, "group"], `unknown exclusion group ${JSON.stringify(m.group)}`);
  for (const key of ["requires", "waivedBy"] as const) {
    m.claims?.[key]?.forEach((c, j) => {
      if (!known.claims.has(c)) report([...p, "claims", key, j], `unknown claim ${JSON.stringify(c)}`);
    });
  }
  if (m.voidedBy !== undefined && !known.rulings.has(m.voidedBy)) report([...p, "voidedBy"], `unknown ruling ${JSON.stringify(m.voidedBy)}`);
  if (m.condition !== undefined) {
    if (legacy) report([...p, "condition"], `a measure condition needs format ${TABLE_FORMAT}`);
    const claim = m.condition.claim;
    if (!known.claims.has(claim)) report([...p, "condition", "claim"], `unknown claim ${JSON.stringify(claim)}`);
    // The condition compiles into requires or waivedBy; naming the claim there too would say it twice.
    const named = [...(m.claims?.requires ?? []), ...(m.claims?.waivedBy ?? [])];
    if (named.includes(claim)) report([...p, "condition", "claim"], `${claim} is already listed under claims`);
  }
}

function checkPartners(entries: readonly string[], path: Path, known: Known, report: Report): void {
  entries.forEach((e, i) => {
    if (e.startsWith("@") && !known.groups.has(e.slice(1))) report([...path, i], `unknown country group ${JSON.stringify(e)}`);
  });
}

function checkScope(entries: readonly string[], path: Path, known: Known, report: Report): void {
  entries.forEach((e, i) => {
    if (e.startsWith("@") && !known.lists.has(e.slice(1))) report([...path, i], `unknown product list ${JSON.stringify(e)}`);
  });
}
