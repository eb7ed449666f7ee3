import { dayFromIso } from "../dates";
import { isCountryCode } from "../countries";
import { TABLE_FORMAT, TABLE_FORMATS, TableDocument, TableFormat } from "./schema";
import { clip } from "../util/clip";
import { FORMAT1_LAW } from "./format1Law";
import { checkLanded } from "./validateLanded";

/**
 * Checks that an untrusted value is a well-formed rate table, and says precisely where it is not.
 *
 * A feed can be corrupt or hostile, so nothing is taken on faith: every field is type-checked, every
 * reference must resolve, dates must be real and ordered, and the stacking relations must not form a
 * cycle. The first problems found are reported with their JSON path.
 */
export class TableValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid rate table: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`);
    this.name = "TableValidationError";
  }
}

const MAX_PROBLEMS = 50;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const PREFIX = /^\d{2}(\d{2}){0,4}$/;
const DECIMAL = /^\d{1,4}(\.\d{1,6})?$/;
const CONFIDENCE = new Set(["confirmed", "single-source", "uncertain"]);
/** The whole customs value: always a basis, whatever metals the document declares. */
const FULL_VALUE = "full";

type Json = unknown;

export class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`${path}: ${message}`);
  }

  object(value: Json, path: string): Record<string, Json> | null {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, Json>;
    this.fail(path, "expected an object");
    return null;
  }

  array(value: Json, path: string, max = 1_000_000): Json[] {
    if (!Array.isArray(value)) {
      this.fail(path, "expected an array");
      return [];
    }
    if (value.length > max) {
      this.fail(path, `has ${value.length} entries; at most ${max} allowed`);
      return [];
    }
    return value;
  }

  string(value: Json, path: string, pattern?: RegExp, maxLength = 2000): string | null {
    if (typeof value !== "string") {
      this.fail(path, "expected a string");
      return null;
    }
    if (value.length > maxLength) {
      this.fail(path, `is ${value.length} characters long; at most ${maxLength} allowed`);
      return null;
    }
    if (pattern && !pattern.test(value)) {
      this.fail(path, `${JSON.stringify(clip(value, 60))} is not well-formed`);
      return null;
    }
    return value;
  }

  strings(value: Json, path: string, pattern?: RegExp, max = 100_000): string[] {
    return this.array(value, path, max)
      .map((v, i) => this.string(v, `${path}[${i}]`, pattern))
      .filter((v): v is string => v !== null);
  }

  date(value: Json, path: string): number | null {
    const text = this.string(value, path);
    if (text === null) return null;
    const day = dayFromIso(text);
    if (day === null) this.fail(path, `${JSON.stringify(text)} is not a calendar date (YYYY-MM-DD)`);
    return day;
  }

  optionalDate(value: Json, path: string): number | null {
    return value === undefined ? null : this.date(value, path);
  }

  unique(ids: (string | null)[], path: string): Set<string> {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (id === null) return;
      if (seen.has(id)) this.fail(`${path}[${i}].id`, `duplicate id ${JSON.stringify(id)}`);
      seen.add(id);
    });
    return seen;
  }
}

/**
 * The top-level keys a release may have. Anything else is refused, not ignored: a misspelt optional field
 * ("column2s") would otherwise vanish without a word, and the reviewer would believe it in force. Typed
 * against TableDocument, so a field added to the schema that is not listed here fails the type check.
 */
const TOP_LEVEL_KEYS: Record<keyof TableDocument, true> = {
  format: true,
  id: true,
  released: true,
  coverage: true,
  notice: true,
  news: true,
  importers: true,
  countryGroups: true,
  productLists: true,
  sectors: true,
  claims: true,
  rulings: true,
  exclusionGroups: true,
  relations: true,
  measures: true,
  gaps: true,
  valueBases: true,
  authorities: true,
  landed: true,
};

export function validateDocument(value: unknown): TableDocument {
  const c = new Checker();
  const doc = c.object(value, "$");
  if (!doc) throw new TableValidationError(c.problems);
  if (!(TABLE_FORMATS as readonly unknown[]).includes(doc.format)) {
    c.fail("$.format", `expected ${TABLE_FORMATS.map((f) => JSON.stringify(f)).join(" or ")}, got ${JSON.stringify(clip(String(doc.format)))}`);
    throw new TableValidationError(c.problems);
  }
  const format = doc.format as TableFormat;
  for (const key of Object.keys(doc)) {
    if (!Object.prototype.hasOwnProperty.call(TOP_LEVEL_KEYS, key)) c.fail("$", `unknown top-level key ${JSON.stringify(clip(key))}`);
  }
  const vocabulary = checkVocabulary(c, doc);
  c.string(doc.id, "$.id", ID);
  c.date(doc.released, "$.released");
  const coverage = c.object(doc.coverage, "$.coverage");
  if (coverage) {
    const from = c.date(coverage.from, "$.coverage.from");
    const to = c.date(coverage.to, "$.coverage.to");
    if (from !== null && to !== null && from >= to) c.fail("$.coverage", "from must be before to");
  }
  c.strings(doc.notice, "$.notice", undefined, 100);
  c.array(doc.news, "$.news", 1000).forEach((n, i) => {
    const o = c.object(n, `$.news[${i}]`);
    if (!o) return;
    c.string(o.release, `$.news[${i}].release`, ID);
    c.string(o.briefly, `$.news[${i}].briefly`);
    c.strings(o.future, `$.news[${i}].future`);
    c.strings(o.past, `$.news[${i}].past`);
  });

  const importers = c.unique(
    c.array(doc.importers, "$.importers", 50).map((imp, i) => {
      const p = `$.importers[${i}]`;
      const o = c.object(imp, p);
      if (!o) return null;
      c.string(o.name, `${p}.name`);
      c.string(o.baseSource, `${p}.baseSource`);
      if (o.linesName !== undefined) c.string(o.linesName, `${p}.linesName`, undefined, 200);
      if (o.lineMode !== "listed" && o.lineMode !== "open") c.fail(`${p}.lineMode`, 'expected "listed" or "open"');
      const specials = o.specials === undefined ? [] : c.strings(o.specials, `${p}.specials`, undefined, 10_000);
      const lines = checkLines(c, o.lines, `${p}.lines`, specials.length, format);
      if (o.column2 !== undefined) {
        if (format === "dutydesk-table/1") c.fail(`${p}.column2`, "Column 2 membership needs format dutydesk-table/2");
        checkColumn2(c, o.column2, `${p}.column2`);
      }
      checkBaseEditions(c, o, p, lines);
      const code = c.string(o.code, `${p}.code`);
      if (code !== null && !isCountryCode(code)) c.fail(`${p}.code`, `${JSON.stringify(code)} is not an ISO alpha-2 country`);
      return code;
    }),
    "$.importers",
  );

  const groups = c.unique(
    c.array(doc.countryGroups, "$.countryGroups", 500).map((g, i) => {
      const p = `$.countryGroups[${i}]`;
      const o = c.object(g, p);
      if (!o) return null;
      c.string(o.name, `${p}.name`);
      c.string(o.source, `${p}.source`);
      if (o.aliases !== undefined) c.strings(o.aliases, `${p}.aliases`, undefined, 20);
      c.strings(o.members, `${p}.members`).forEach((m, j) => {
        if (!isCountryCode(m)) c.fail(`${p}.members[${j}]`, `${JSON.stringify(m)} is not an ISO alpha-2 country`);
      });
      return c.string(o.id, `${p}.id`, ID);
    }),
    "$.countryGroups",
  );

  const lists = c.unique(
    c.array(doc.productLists, "$.productLists", 2000).map((l, i) => {
      const p = `$.productLists[${i}]`;
      const o = c.object(l, p);
      if (!o) return null;
      c.string(o.title, `${p}.title`);
      c.string(o.source, `${p}.source`);
      c.strings(o.codes, `${p}.codes`, PREFIX, 200_000);
      return c.string(o.id, `${p}.id`, ID);
    }),
    "$.productLists",
  );

  c.array(doc.sectors, "$.sectors", 2000).forEach((s, i) => {
    const p = `$.sectors[${i}]`;
    const o = c.object(s, p);
    if (!o) return;
    c.string(o.keyword, `${p}.keyword`);
    c.strings(o.aliases, `${p}.aliases`);
    const imp = c.string(o.importer, `${p}.importer`);
    if (imp !== null && !importers.has(imp)) c.fail(`${p}.importer`, `unknown importer ${JSON.stringify(imp)}`);
    c.string(o.line, `${p}.line`, PREFIX);
    c.string(o.note, `${p}.note`);
    if (o.scope !== undefined) checkScope(c, o.scope, `${p}.scope`, { lists } as Known);
  });

  const claims = c.unique(
    c.array(doc.claims, "$.claims", 1000).map((cl, i) => {
      const o = c.object(cl, `$.claims[${i}]`);
      if (!o) return null;
      c.string(o.title, `$.claims[${i}].title`);
      c.string(o.note, `$.claims[${i}].note`);
      if (o.programs !== undefined) c.strings(o.programs, `$.claims[${i}].programs`, /^[A-Z]{1,2}[+*]?$/, 20);
      if (o.origins !== undefined) checkPartners(c, o.origins, `$.claims[${i}].origins`, { groups } as Known);
      return c.string(o.id, `$.claims[${i}].id`, ID);
    }),
    "$.claims",
  );

  const rulings = c.unique(
    c.array(doc.rulings, "$.rulings", 100).map((r, i) => {
      const p = `$.rulings[${i}]`;
      const o = c.object(r, p);
      if (!o) return null;
      c.string(o.title, `${p}.title`);
      c.date(o.date, `${p}.date`);
      c.string(o.citation, `${p}.citation`);
      if (typeof o.refundable !== "boolean") c.fail(`${p}.refundable`, "expected true or false");
      return c.string(o.id, `${p}.id`, ID);
    }),
    "$.rulings",
  );

  const exclusionGroups = c.unique(
    c.array(doc.exclusionGroups, "$.exclusionGroups", 1000).map((g, i) => {
      const p = `$.exclusionGroups[${i}]`;
      const o = c.object(g, p);
      if (!o) return null;
      if (o.resolve !== "priority" && o.resolve !== "max") c.fail(`${p}.resolve`, 'expected "priority" or "max"');
      c.string(o.note, `${p}.note`);
      return c.string(o.id, `${p}.id`, ID);
    }),
    "$.exclusionGroups",
  );

  const measureTags = new Set<string>();
  const measureIds = c.unique(
    c.array(doc.measures, "$.measures", 20_000).map((m, i) =>
      checkMeasure(c, m, `$.measures[${i}]`, { importers, groups, lists, claims, rulings, exclusionGroups, measureTags, format, ...vocabulary }),
    ),
    "$.measures",
  );

  c.unique(
    c.array(doc.relations, "$.relations", 5000).map((r, i) => {
      const p = `$.relations[${i}]`;
      const o = c.object(r, p);
      if (!o) return null;
      for (const side of ["winner", "loser"] as const) {
        const sel = c.string(o[side], `${p}.${side}`, /^(tag|measure):[A-Za-z0-9._-]+$/);
        if (sel === null) continue;
        const [kind, name] = sel.split(":") as [string, string];
        const known = kind === "tag" ? measureTags.has(name) : measureIds.has(name);
        if (!known) c.fail(`${p}.${side}`, `${sel} matches no measure`);
      }
      const from = c.optionalDate(o.from, `${p}.from`);
      const to = c.optionalDate(o.to, `${p}.to`);
      if (from !== null && to !== null && from >= to) c.fail(p, "from must be before to");
      c.string(o.note, `${p}.note`);
      c.strings(o.citations, `${p}.citations`);
      return c.string(o.id, `${p}.id`, ID);
    }),
    "$.relations",
  );

  c.unique(
    c.array(doc.gaps, "$.gaps", 1000).map((g, i) => {
      const o = c.object(g, `$.gaps[${i}]`);
      if (!o) return null;
      c.string(o.title, `$.gaps[${i}].title`);
      c.string(o.detail, `$.gaps[${i}].detail`, undefined, 4000);
      c.strings(o.sources, `$.gaps[${i}].sources`);
      return c.string(o.id, `$.gaps[${i}].id`, ID);
    }),
    "$.gaps",
  );

  if (doc.format === TABLE_FORMAT) checkLanded(c, doc.landed, "$.landed");

  if (c.problems.length > 0) throw new TableValidationError(c.problems);
  return value as TableDocument;
}

/**
 * The vocabularies measures are checked against: the document's own (format 2, where they are required),
 * or the frozen format-1 lists (a format-1 document may not declare them: its law is fixed).
 */
function checkVocabulary(c: Checker, doc: Record<string, Json>): { authorities: Set<string>; bases: Set<string> } {
  if (doc.format !== TABLE_FORMAT) {
    for (const key of ["valueBases", "authorities", "landed"]) {
      if (doc[key] !== undefined) c.fail(`$.${key}`, `is a ${TABLE_FORMAT} section; a ${String(doc.format)} table takes the frozen format-1 law`);
    }
    return { authorities: new Set(FORMAT1_LAW.authorities), bases: new Set([FULL_VALUE, ...FORMAT1_LAW.valueBases]) };
  }
  const bases = c.strings(doc.valueBases, "$.valueBases", /^[a-z][a-z0-9-]{0,30}$/, 50);
  bases.forEach((b, i) => {
    if (b === FULL_VALUE) c.fail(`$.valueBases[${i}]`, `"${FULL_VALUE}" (the whole value) is always a basis; list only metals`);
    if (b === "metal") c.fail(`$.valueBases[${i}]`, '"metal" is the option word for whichever one metal applies (metal=40%); it cannot name a basis');
    if (bases.indexOf(b) !== i) c.fail(`$.valueBases[${i}]`, `duplicate ${JSON.stringify(b)}`);
  });
  const authorities = c.strings(doc.authorities, "$.authorities", /^[A-Za-z0-9][A-Za-z0-9 .()-]{0,39}$/, 100);
  authorities.forEach((a, i) => {
    if (authorities.indexOf(a) !== i) c.fail(`$.authorities[${i}]`, `duplicate ${JSON.stringify(a)}`);
  });
  return { authorities: new Set(authorities), bases: new Set([FULL_VALUE, ...bases]) };
}

/** The optional dated-base fields of an importer (format 2): linesFrom, baseChanges, lineNotes. */
function checkBaseEditions(c: Checker, o: Record<string, Json>, p: string, lines: ReadonlyMap<string, string>): void {
  if (o.linesFrom === undefined && o.baseChanges === undefined && o.lineNotes === undefined && o.beforeLinesFrom === undefined) return;
  if (o.lineMode !== "listed") c.fail(p, "linesFrom, baseChanges and lineNotes need a listed schedule");
  const linesFrom = c.optionalDate(o.linesFrom, `${p}.linesFrom`);
  if (o.beforeLinesFrom !== undefined) {
    c.string(o.beforeLinesFrom, `${p}.beforeLinesFrom`);
    if (o.linesFrom === undefined) c.fail(`${p}.beforeLinesFrom`, "only with linesFrom");
  }
  const unknown = new Set<string>();
  const noted = new Set<string>();
  if (o.lineNotes !== undefined) {
    c.unique(
      c.array(o.lineNotes, `${p}.lineNotes`, 1000).map((n, i) => {
        const q = `${p}.lineNotes[${i}]`;
        const note = c.object(n, q);
        if (!note) return null;
        c.string(note.note, `${q}.note`);
        if (note.base !== undefined && note.base !== "unknown") c.fail(`${q}.base`, 'expected "unknown" or nothing');
        c.strings(note.lines, `${q}.lines`, /^\d{8}$/).forEach((line, j) => {
          if (!lines.has(line)) c.fail(`${q}.lines[${j}]`, `${line} is not a line of this schedule`);
          else if (noted.has(line)) c.fail(`${q}.lines[${j}]`, `${line} already has a note (one note per line)`);
          noted.add(line);
          if (note.base === "unknown") unknown.add(line);
        });
        return c.string(note.id, `${q}.id`, ID);
      }),
      `${p}.lineNotes`,
    );
  }
  for (const [line, text] of lines) {
    if (text.trim() === "" && !unknown.has(line)) c.fail(`${p}.lines`, `line ${line} has no rate and no note with base "unknown"`);
  }
  if (o.baseChanges === undefined) return;
  const seen = new Set<string>();
  c.array(o.baseChanges, `${p}.baseChanges`, 10_000).forEach((b, i) => {
    const q = `${p}.baseChanges[${i}]`;
    const change = c.object(b, q);
    if (!change) return;
    const line = c.string(change.line, `${q}.line`, /^\d{8}$/);
    if (line !== null && !lines.has(line)) c.fail(`${q}.line`, `${line} is not a line of this schedule`);
    const from = c.date(change.from, `${q}.from`);
    if (from !== null && linesFrom !== null && from <= linesFrom) c.fail(`${q}.from`, "must be after linesFrom");
    const key = `${line}|${String(change.from)}`;
    if (seen.has(key)) c.fail(q, `a second change of ${line} on ${String(change.from)}`);
    seen.add(key);
    const general = c.string(change.general, `${q}.general`, undefined, 300);
    if (general !== null && general.trim() === "") c.fail(`${q}.general`, "give the new rate");
    c.string(change.source, `${q}.source`);
  });
}

function checkLines(c: Checker, value: Json, path: string, specials: number, format: TableFormat): Map<string, string> {
  const lines = new Map<string, string>();
  let previous = "";
  const legacy = format === "dutydesk-table/1";
  c.array(value, path, 100_000).forEach((row, i) => {
    const p = `${path}[${i}]`;
    if (!Array.isArray(row)) {
      c.fail(p, "expected an array");
      return;
    }
    if (legacy && row.length !== 3 && row.length !== 4) {
      c.fail(p, "expected [line, rate text, suffixes, special index?]");
      return;
    }
    // Format 2 has one shape, so that a line without a Column 2 rate says so (null) rather than by length.
    if (!legacy && row.length !== 5) {
      c.fail(p, "expected [line, rate text, suffixes, special index or null, Column 2 rate text or null]");
      return;
    }
    const special: unknown = row[3];
    const nullSpecial = special === null && !legacy;
    if (row.length >= 4 && !nullSpecial && !(typeof special === "number" && Number.isInteger(special) && special >= 0 && special < specials)) {
      c.fail(`${p}[3]`, `expected an index into specials (0 to ${specials - 1})${legacy ? "" : " or null"}`);
    }
    if (row.length === 5 && row[4] !== null) c.string(row[4], `${p}[4]`, undefined, 300);
    const line = c.string(row[0], `${p}[0]`, /^\d{8}$/);
    const rate = c.string(row[1], `${p}[1]`, undefined, 300);
    c.string(row[2], `${p}[2]`, /^(\d{2}(,\d{2})*)?$/);
    if (line !== null) {
      if (line <= previous) c.fail(`${p}[0]`, `lines must be sorted and unique (${line} after ${previous})`);
      previous = line;
      lines.set(line, rate ?? "?");
    }
  });
  return lines;
}

function checkColumn2(c: Checker, value: Json, path: string): void {
  const seen = new Map<string, [number, number][]>();
  c.array(value, path, 300).forEach((m, i) => {
    const p = `${path}[${i}]`;
    const o = c.object(m, p);
    if (!o) return;
    const country = c.string(o.country, `${p}.country`);
    if (country !== null && !isCountryCode(country)) c.fail(`${p}.country`, `${JSON.stringify(country)} is not an ISO alpha-2 country`);
    const from = c.optionalDate(o.from, `${p}.from`) ?? -Infinity;
    const to = c.optionalDate(o.to, `${p}.to`) ?? Infinity;
    if (from >= to) c.fail(p, "from must be before to");
    c.string(o.citation, `${p}.citation`);
    if (country === null) return;
    const spans = seen.get(country) ?? [];
    // Overlapping spans for one country would make membership depend on row order.
    if (spans.some(([a, b]) => from < b && a < to)) c.fail(p, `${country} is listed twice for overlapping dates`);
    spans.push([from, to]);
    seen.set(country, spans);
  });
}

interface Known {
  format: TableFormat;
  importers: Set<string>;
  groups: Set<string>;
  lists: Set<string>;
  claims: Set<string>;
  rulings: Set<string>;
  exclusionGroups: Set<string>;
  measureTags: Set<string>;
  authorities: Set<string>;
  bases: Set<string>;
}

function checkMeasure(c: Checker, m: Json, p: string, known: Known): string | null {
  const o = c.object(m, p);
  if (!o) return null;
  const id = c.string(o.id, `${p}.id`, ID);
  const importer = c.string(o.importer, `${p}.importer`);
  if (importer !== null && !known.importers.has(importer)) c.fail(`${p}.importer`, `unknown importer ${JSON.stringify(importer)}`);
  const authority = c.string(o.authority, `${p}.authority`);
  if (authority !== null && !known.authorities.has(authority)) {
    c.fail(`${p}.authority`, `unknown authority ${JSON.stringify(authority)} (the table's authorities: ${[...known.authorities].join(", ")})`);
  }
  c.string(o.title, `${p}.title`);
  c.string(o.heading, `${p}.heading`, /^(\d{4}\.\d{2}\.\d{2}|[A-Za-z0-9 .,()/-]{1,40})$/);
  if (c.strings(o.documents, `${p}.documents`).length === 0) c.fail(`${p}.documents`, "every measure names its legal instrument");
  if (c.strings(o.citations, `${p}.citations`).length === 0) c.fail(`${p}.citations`, "every measure cites a source");
  const confidence = c.string(o.confidence, `${p}.confidence`);
  if (confidence !== null && !CONFIDENCE.has(confidence)) c.fail(`${p}.confidence`, "expected confirmed, single-source or uncertain");
  if (o.conflict !== undefined) {
    const conflict = c.object(o.conflict, `${p}.conflict`);
    if (conflict) {
      c.string(conflict.sources, `${p}.conflict.sources`);
      c.string(conflict.choice, `${p}.conflict.choice`);
    }
  }
  checkPartners(c, o.partners, `${p}.partners`, known);
  if (o.exceptPartners !== undefined) checkPartners(c, o.exceptPartners, `${p}.exceptPartners`, known);
  const scope = c.object(o.scope, `${p}.scope`);
  if (scope) {
    checkScope(c, scope.include, `${p}.scope.include`, known);
    if (scope.exclude !== undefined) checkScope(c, scope.exclude, `${p}.scope.exclude`, known);
  }
  checkRate(c, o.rate, `${p}.rate`);
  if (o.basis !== undefined && !known.bases.has(String(o.basis))) c.fail(`${p}.basis`, `expected ${[...known.bases].join(", ")}`);
  const from = c.date(o.from, `${p}.from`);
  const to = c.optionalDate(o.to, `${p}.to`);
  if (from !== null && to !== null && from >= to) c.fail(p, `from (${String(o.from)}) must be before to (${String(o.to)})`);
  const collected = c.optionalDate(o.collectedFrom, `${p}.collectedFrom`);
  if (collected !== null && from !== null && collected < from) c.fail(`${p}.collectedFrom`, "cannot be before from");
  if (o.group !== undefined) {
    const g = c.string(o.group, `${p}.group`);
    if (g !== null && !known.exclusionGroups.has(g)) c.fail(`${p}.group`, `unknown exclusion group ${JSON.stringify(g)}`);
  }
  if (o.priority !== undefined && (typeof o.priority !== "number" || !Number.isInteger(o.priority))) {
    c.fail(`${p}.priority`, "expected an integer");
  }
  c.strings(o.tags, `${p}.tags`, /^[A-Za-z0-9._-]+$/, 50).forEach((t) => known.measureTags.add(t));
  if (o.claims !== undefined) {
    const claims = c.object(o.claims, `${p}.claims`);
    for (const key of ["requires", "waivedBy"] as const) {
      if (claims?.[key] === undefined) continue;
      c.strings(claims[key], `${p}.claims.${key}`).forEach((cl, j) => {
        if (!known.claims.has(cl)) c.fail(`${p}.claims.${key}[${j}]`, `unknown claim ${JSON.stringify(cl)}`);
      });
    }
  }
  if (o.inTransit !== undefined) {
    const t = c.object(o.inTransit, `${p}.inTransit`);
    if (t) {
      c.date(t.loadedBefore, `${p}.inTransit.loadedBefore`);
      c.date(t.enteredBefore, `${p}.inTransit.enteredBefore`);
    }
  }
  if (o.voidedBy !== undefined) {
    const r = c.string(o.voidedBy, `${p}.voidedBy`);
    if (r !== null && !known.rulings.has(r)) c.fail(`${p}.voidedBy`, `unknown ruling ${JSON.stringify(r)}`);
  }
  if (o.condition !== undefined) {
    if (known.format === "dutydesk-table/1") c.fail(`${p}.condition`, "a measure condition needs format dutydesk-table/2");
    const cond = c.object(o.condition, `${p}.condition`);
    if (cond) {
      c.string(cond.fact, `${p}.condition.fact`);
      c.string(cond.why, `${p}.condition.why`, undefined, 4000);
      if (cond.default !== "applies" && cond.default !== "claimed") c.fail(`${p}.condition.default`, 'expected "applies" or "claimed"');
      const claim = c.string(cond.claim, `${p}.condition.claim`);
      if (claim !== null && !known.claims.has(claim)) c.fail(`${p}.condition.claim`, `unknown claim ${JSON.stringify(claim)}`);
      const listed = o.claims as { requires?: unknown; waivedBy?: unknown } | undefined;
      const named = [listed?.requires, listed?.waivedBy].flatMap((l) => (Array.isArray(l) ? l : []));
      // The condition compiles into requires or waivedBy; naming the claim there too would say it twice.
      if (claim !== null && named.includes(claim)) c.fail(`${p}.condition.claim`, `${claim} is already listed under claims`);
    }
  }
  if (o.notes !== undefined) c.string(o.notes, `${p}.notes`, undefined, 4000);
  return id;
}

function checkPartners(c: Checker, value: Json, path: string, known: Known): void {
  c.strings(value, path, undefined, 300).forEach((partner, i) => {
    if (partner === "*") return;
    if (partner.startsWith("@")) {
      if (!known.groups.has(partner.slice(1))) c.fail(`${path}[${i}]`, `unknown country group ${JSON.stringify(partner)}`);
    } else if (!isCountryCode(partner)) {
      c.fail(`${path}[${i}]`, `${JSON.stringify(partner)} is not an ISO alpha-2 country`);
    }
  });
}

function checkScope(c: Checker, value: Json, path: string, known: Known): void {
  c.strings(value, path, undefined, 20_000).forEach((entry, i) => {
    if (entry === "*") return;
    if (entry.startsWith("@")) {
      if (!known.lists.has(entry.slice(1))) c.fail(`${path}[${i}]`, `unknown product list ${JSON.stringify(entry)}`);
    } else if (!PREFIX.test(entry.replace(/\./g, ""))) {
      c.fail(`${path}[${i}]`, `${JSON.stringify(entry)} is not an HTS prefix of 2–10 digits`);
    }
  });
}

function checkRate(c: Checker, value: Json, path: string): void {
  const o = c.object(value, path);
  if (!o) return;
  const keys = Object.keys(o);
  if (keys.length !== 1) {
    c.fail(path, "expected exactly one of add, allIn, perUnit, prohibited, unknown");
    return;
  }
  const key = keys[0]!;
  if (key === "add" || key === "allIn") c.string(o[key], `${path}.${key}`, DECIMAL);
  else if (key === "perUnit") {
    const u = c.object(o.perUnit, `${path}.perUnit`);
    if (u) {
      c.string(u.usd, `${path}.perUnit.usd`, DECIMAL);
      c.string(u.unit, `${path}.perUnit.unit`);
    }
  } else if (key === "prohibited") {
    if (o.prohibited !== true) c.fail(`${path}.prohibited`, "expected true");
  } else if (key === "unknown") {
    const text = c.string(o.unknown, `${path}.unknown`, undefined, 300);
    if (text !== null && text.trim() === "") c.fail(`${path}.unknown`, "say what the unknown rate is");
  } else c.fail(path, `unknown rate formula ${JSON.stringify(key)}`);
}
