/**
 * New worksheet names: Excel allows 31 characters and none of : \ / ? * [ ], and names are unique
 * without regard to case. A name already taken gets " (2)", " (3)", … rather than replacing anything.
 */
export function safeSheetName(text: string): string {
  const cleaned = text
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  return (cleaned === "" ? "Sheet" : cleaned).slice(0, 31);
}

export function uniqueSheetName(wanted: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const base = safeSheetName(wanted);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; i < 1000; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
  throw new Error(`no free sheet name for ${base}`);
}

export async function newSheetName(context: Excel.RequestContext, wanted: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return uniqueSheetName(
    wanted,
    sheets.items.map((s) => s.name),
  );
}

/** Excel table names: a letter or underscore, then letters, digits, underscores, dots; unique in the workbook. */
export async function newTableName(context: Excel.RequestContext, wanted: string): Promise<string> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const taken = new Set(tables.items.map((t) => t.name.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`.toLowerCase())) return `${wanted}_${i}`;
}
