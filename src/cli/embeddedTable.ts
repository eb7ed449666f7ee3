import { MAX_TABLE_BYTES, RateTable, TableValidationError, loadTable } from "../engine";
import { publishedIdentityProblem } from "../engine/releases/releaseIdentity";
import { readBoundedText } from "./files";
import { newestRelease } from "../../scripts/releases";

/** The newest release in data/releases (scripts/releases.js decides), the same bytes the add-in embeds. */
export const EMBEDDED_TABLE_PATH = newestRelease().file;

let cached: RateTable | null = null;

export function embeddedTable(): RateTable {
  cached ??= tableFromFile(EMBEDDED_TABLE_PATH);
  return cached;
}

/**
 * A release file, its size checked before it is read whole (a 2 GB file must not be read to be refused).
 * A file that calls itself a published release but has other bytes is refused: releases are immutable.
 */
export function tableFromFile(path: string): RateTable {
  const table = loadTable(readBoundedText(path, MAX_TABLE_BYTES, "a rate table"));
  const changed = publishedIdentityProblem(table.id, table.sha256);
  if (changed !== null) throw new TableValidationError([changed]);
  return table;
}
