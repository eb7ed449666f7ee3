import { TableDocument } from "../engine/table/schema";

/**
 * Writes the table as JSON with one array element per line: still one canonical byte sequence for a
 * given document (so the hash is reproducible), and a release diff in git reads row by row.
 */
export function serializeTable(doc: TableDocument): string {
  const entries = Object.entries(doc).map(([key, value]) => {
    if (key === "landed" && typeof value === "object" && value !== null) {
      // An object of row lists: one row per line, like the top-level sections.
      const parts = Object.entries(value).map(([part, rows]) => {
        if (Array.isArray(rows) && rows.length > 0) return `${JSON.stringify(part)}:[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]`;
        if (part === "importTax" && typeof rows === "object" && rows !== null && "rates" in rows) {
          const { rates, ...rest } = rows as { rates: unknown[] };
          return `${JSON.stringify(part)}:${JSON.stringify(rest).slice(0, -1)},"rates":[\n${rates.map((r) => JSON.stringify(r)).join(",\n")}\n]}`;
        }
        return `${JSON.stringify(part)}:${JSON.stringify(rows)}`;
      });
      return `${JSON.stringify(key)}:{\n${parts.join(",\n")}\n}`;
    }
    if (Array.isArray(value) && value.length > 0) {
      return `${JSON.stringify(key)}:[\n${value.map((v) => serializeElement(key, v)).join(",\n")}\n]`;
    }
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{\n${entries.join(",\n")}\n}\n`;
}

function serializeElement(section: string, value: unknown): string {
  // An importer holds 11 000 base lines; give each its own line too (`lines` is its last key).
  if (section === "importers" && typeof value === "object" && value !== null && "lines" in value) {
    const { lines, ...rest } = value as { lines: unknown[] };
    const head = JSON.stringify(rest).slice(0, -1);
    if (lines.length === 0) return `${head},"lines":[]}`;
    return `${head},"lines":[\n${lines.map((l) => JSON.stringify(l)).join(",\n")}\n]}`;
  }
  return JSON.stringify(value);
}
