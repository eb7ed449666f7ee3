import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RateTable, loadTable } from "../engine";

/** The release file that ships in the package, the same bytes the add-in embeds. */
export const EMBEDDED_TABLE_PATH = join(__dirname, "..", "..", "data", "table", "embedded.dutytable");

let cached: RateTable | null = null;

export function embeddedTable(): RateTable {
  cached ??= loadTable(readFileSync(EMBEDDED_TABLE_PATH, "utf8"));
  return cached;
}

export function tableFromFile(path: string): RateTable {
  return loadTable(readFileSync(path, "utf8"));
}
