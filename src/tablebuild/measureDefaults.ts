import { BuildError } from "./buildError";

/**
 * The fields of a measure row, in the order the built table writes them (schema.ts MeasureDoc, the README's
 * example). A row's fields are written in this order whatever order the YAML gives them, so where a field
 * comes from (the row, its section's defaults or its file's) never changes the table's bytes.
 */
export const MEASURE_FIELDS = [
  "id",
  "importer",
  "authority",
  "title",
  "heading",
  "documents",
  "citations",
  "confidence",
  "conflict",
  "partners",
  "exceptPartners",
  "scope",
  "rate",
  "basis",
  "from",
  "to",
  "collectedFrom",
  "group",
  "priority",
  "tags",
  "claims",
  "inTransit",
  "voidedBy",
  "condition",
  "notes",
] as const;

const KNOWN = new Set<string>(MEASURE_FIELDS);

type Row = Record<string, unknown>;

/**
 * The measures of one source file with its defaults applied (tz style: one place per fact).
 *
 * - `defaults:` at the top of a file applies to every measure of the file; an entry `- defaults: {...}` in
 *   `measures` starts a section whose defaults apply, over the file's, to the rows after it until the next
 *   such entry.
 * - A field the row sets replaces the default whole (scalars, lists and mappings alike), except `tags`: the
 *   row's tags are appended to the defaults' (a section's to the file's), because a row that silently lost
 *   a tag would drop out of the relations that select on it. Repeating a default tag is refused.
 * - `null` in a row (or a section's defaults) unsets the default for that row.
 * - `{heading}` in a default's text stands for the Chapter 99 number (9903.xx.xx) that begins the row's
 *   own heading, so a statement about "this row's heading" is written once.
 * - A default for a field a measure does not have, or for `id`, is refused, as is a row with such a field.
 */
export function measuresWithDefaults(file: string, fileDefaults: unknown, measures: unknown[]): Row[] {
  const base = fileDefaults === undefined ? {} : checkDefaults(file, "defaults", fileDefaults);
  let section: Row = base;
  const out: Row[] = [];
  measures.forEach((entry, i) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new BuildError(`${file}: measures[${i}] must be a mapping`);
    const row = entry as Row;
    if ("defaults" in row) {
      if (Object.keys(row).length !== 1) throw new BuildError(`${file}: measures[${i}]: a defaults entry holds nothing but defaults`);
      section = overlay(file, `measures[${i}].defaults`, base, checkDefaults(file, `measures[${i}].defaults`, row.defaults));
      return;
    }
    const where = `measures[${i}]${typeof row.id === "string" ? ` (${row.id})` : ""}`;
    const unknown = Object.keys(row).filter((k) => !KNOWN.has(k));
    if (unknown.length > 0)
      throw new BuildError(`${file}: ${where}: unknown field ${unknown.join(", ")} (a measure has: ${MEASURE_FIELDS.join(", ")})`);
    const merged = overlay(file, where, section, row);
    const heading = typeof merged.heading === "string" ? merged.heading : "";
    const filled: Row = {};
    for (const field of MEASURE_FIELDS) {
      if (merged[field] === undefined || merged[field] === null) continue;
      filled[field] = field in row ? merged[field] : fillHeading(merged[field], heading, file, where);
    }
    out.push(filled);
  });
  return out;
}

function checkDefaults(file: string, path: string, value: unknown): Row {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new BuildError(`${file}: ${path} must be a mapping of measure fields`);
  for (const key of Object.keys(value)) {
    if (key === "id") throw new BuildError(`${file}: ${path}: id cannot have a default`);
    if (!KNOWN.has(key)) throw new BuildError(`${file}: ${path}: unknown field ${key} (a measure has: ${MEASURE_FIELDS.join(", ")})`);
  }
  return value as Row;
}

/** `over` on top of `under`: replace, except tags, which append; null unsets. */
function overlay(file: string, where: string, under: Row, over: Row): Row {
  const out: Row = { ...under };
  for (const [key, value] of Object.entries(over)) {
    if (key === "tags" && Array.isArray(value) && Array.isArray(under.tags)) {
      const again = value.filter((t) => (under.tags as unknown[]).includes(t));
      if (again.length > 0) throw new BuildError(`${file}: ${where}: tag ${again.join(", ")} is already given by the defaults`);
      out.tags = [...under.tags, ...value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

function fillHeading(value: unknown, heading: string, file: string, where: string): unknown {
  if (typeof value === "string") {
    if (!value.includes("{heading}")) return value;
    const number = /^9903\.\d{2}\.\d{2}/.exec(heading)?.[0];
    if (number === undefined)
      throw new BuildError(
        `${file}: ${where}: a default says {heading}, but the row's heading ${JSON.stringify(heading)} does not begin with a Chapter 99 number`,
      );
    return value.split("{heading}").join(number);
  }
  if (Array.isArray(value)) return value.map((v) => fillHeading(v, heading, file, where));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillHeading(v, heading, file, where)]));
  }
  return value;
}
