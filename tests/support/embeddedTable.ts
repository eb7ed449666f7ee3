import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RateTable, loadTable } from "../../src/engine";

export const EMBEDDED_TABLE_FILE = join(__dirname, "..", "..", "data", "table", "embedded.dutytable");

let table: RateTable | null = null;

/** The committed release, loaded once per test file. */
export function embedded(): RateTable {
  table ??= loadTable(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
  return table;
}
