import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { RATE_FORMULAS, documentShape } from "../../src/engine/table/schema";
import { landedSchema } from "../../src/engine/table/landedSchema";
import { Bounded, Choice } from "../../src/engine/table/schemaFields";

/**
 * data/source/README.md documents the table format for people writing rows; the schema declares it for the
 * engine. They must say the same: every field the schema defines is documented (in the measure example,
 * the rate formula table, the reference and landed tables, the Column 2 and base change examples), and
 * every documented field exists.
 */
const README = readFileSync(join(__dirname, "..", "..", "data", "source", "README.md"), "utf8");

/** The text of a README section, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const level = heading.split(" ")[0]!;
  const rest = README.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

function yamlBlock(text: string): unknown {
  const m = /```yaml\n([\s\S]*?)```/.exec(text);
  if (!m) throw new Error("no yaml block");
  return parseYaml(m[1]!);
}

/** Rows of the first markdown table in `text`, as cells. */
function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
}

/** The field names of a fields cell: the first `name` of each comma-separated part; "dated row" is four. */
function documentedFields(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of cell) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.flatMap((p) => {
    if (p.trim().startsWith("dated row")) return ["from", "to", "source", "citations"];
    const name = /`([A-Za-z]+)`/.exec(p);
    if (!name) throw new Error(`no field name in ${JSON.stringify(p)}`);
    return [name[1]!];
  });
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap());
  if (schema instanceof Bounded) return unwrap(schema.item as z.ZodTypeAny);
  return schema;
}

function fieldsOf(schema: z.ZodTypeAny): string[] {
  const s = unwrap(schema);
  if (!(s instanceof z.ZodObject)) throw new Error("not an object schema");
  return Object.keys(s.shape as object).sort();
}

const shape = documentShape.shape;
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

describe("data/source/README.md and the table schema say the same", () => {
  const example = (yamlBlock(section("## Measures")) as Record<string, unknown>[])[0]!;

  it("the measure example shows every field of a measure, and no other", () => {
    expect(sorted(Object.keys(example))).toEqual(fieldsOf(shape.measures));
  });

  it.each(Object.keys(example).filter((k) => unwrap((unwrap(shape.measures) as z.AnyZodObject).shape[k]) instanceof z.ZodObject))(
    "its %s shows every field of that part",
    (key) => {
      const part = (unwrap(shape.measures) as z.AnyZodObject).shape[key] as z.ZodTypeAny;
      expect(sorted(Object.keys(example[key] as object))).toEqual(fieldsOf(part));
    },
  );

  it("the rate formula table lists every formula, with the fields of each", () => {
    expect((unwrap(shape.measures) as z.AnyZodObject).shape.rate).toBeInstanceOf(Choice);
    const cells = tableRows(section("### Rate formulas")).map((r) => parseYaml(r[0]!.replace(/^`|`$/g, "")) as Record<string, unknown>);
    expect(sorted(cells.flatMap((c) => Object.keys(c)))).toEqual(sorted(Object.keys(RATE_FORMULAS)));
    const perUnit = cells.find((c) => "perUnit" in c)!.perUnit as object;
    expect(sorted(Object.keys(perUnit))).toEqual(fieldsOf(RATE_FORMULAS.perUnit.shape.perUnit));
    expect(Object.keys(example.rate as object).every((k) => k in RATE_FORMULAS)).toBe(true);
  });

  // Format 1 (2026.11a) carried a sector `scope` that nothing read; the schema still accepts it there.
  const FORMAT1_ONLY: Record<string, string[]> = { sectors: ["scope"] };

  it.each(tableRows(section("### Reference rows")).map((r) => [r[0]!.replace(/`/g, ""), r[2]!] as const))("the %s row fields are the schema's", (name, cell) => {
    const schema = shape[name as keyof typeof shape] as z.ZodTypeAny;
    expect(sorted(documentedFields(cell))).toEqual(fieldsOf(schema).filter((f) => !(FORMAT1_ONLY[name] ?? []).includes(f)));
  });

  it("the reference table covers every section copied row by row from the YAML", () => {
    const documented = tableRows(section("### Reference rows")).map((r) => r[0]!.replace(/`/g, ""));
    expect(sorted(documented)).toEqual(sorted(["countryGroups", "sectors", "claims", "rulings", "exclusionGroups", "relations", "gaps"]));
  });

  it.each(tableRows(section("## Landed-cost law (`landed`)")).map((r) => [r[0]!.replace(/`/g, ""), r[3]!] as const))("the landed part %s has the schema's fields", (part, cell) => {
    const [name, sub] = part.split(".") as [keyof typeof landedSchema.shape, string | undefined];
    const schema = landedSchema.shape[name] as z.ZodTypeAny;
    const target = sub === undefined ? schema : ((unwrap(schema) as z.AnyZodObject).shape[sub] as z.ZodTypeAny);
    expect(sorted(documentedFields(cell))).toEqual(fieldsOf(target));
  });

  it("the landed table covers every part", () => {
    const parts = tableRows(section("## Landed-cost law (`landed`)")).map((r) => r[0]!.replace(/`/g, "").split(".")[0]!);
    expect(sorted(parts)).toEqual(fieldsOf(shape.landed));
  });

  it("the Column 2 and base change examples show the fields of their rows (besides the importer the build files them under)", () => {
    const importer = unwrap(shape.importers) as z.AnyZodObject;
    const column2 = (yamlBlock(section("### Reference rows").slice(section("### Reference rows").indexOf("column2"))) as { column2: object[] }).column2[0]!;
    expect(sorted(Object.keys(column2).filter((k) => k !== "importer"))).toEqual(fieldsOf(importer.shape.column2 as z.ZodTypeAny));
    const change = (yamlBlock(section("## Dated base rates (`baseChanges`; importer `linesFrom`)")) as { baseChanges: object[] }).baseChanges[0]!;
    expect(sorted(Object.keys(change).filter((k) => k !== "importer"))).toEqual(fieldsOf(importer.shape.baseChanges as z.ZodTypeAny));
  });
});
