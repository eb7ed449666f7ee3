import { readFileSync } from "node:fs";
import { RateTable, loadTable } from "../engine";
import { newestRelease } from "../../scripts/releases";

/** The newest release in data/releases (scripts/releases.js decides), the same bytes the add-in embeds. */
export const EMBEDDED_TABLE_PATH = newestRelease().file;

let cached: RateTable | null = null;

export function embeddedTable(): RateTable {
  cached ??= loadTable(readFileSync(EMBEDDED_TABLE_PATH, "utf8"));
  return cached;
}

export function tableFromFile(path: string): RateTable {
  return loadTable(readFileSync(path, "utf8"));
}
