import { readFileSync } from "node:fs";
import { RateTable, loadTable } from "../../src/engine";
import { newestRelease } from "../../scripts/releases";

/** The embedded table: the newest release in data/releases, as the add-in and the CLI resolve it. */
export const EMBEDDED_TABLE_FILE = newestRelease().file;

let table: RateTable | null = null;

/** The committed release, loaded once per test file. */
export function embedded(): RateTable {
  table ??= loadTable(readFileSync(EMBEDDED_TABLE_FILE, "utf8"));
  return table;
}
