import type { ReleaseLaw } from "./format1Law";
import { FORMAT1_LAW } from "./format1LawData";
import type { TableDocument } from "./schema";
import { validateDocument } from "./validateDocument";

/*
 * How the engine reaches what only a table other than the embedded release needs: the checks an untrusted
 * table text must pass (validateDocument.ts: the schema, then the cross-references), and the frozen law a
 * format-1 table is checked and read with (format1LawData.ts). In Node (the CLI, the library, the tests)
 * they are part of the engine and always ready, as here.
 *
 * The Excel bundle builds src/runtime/lazyDocumentChecks.ts in this module's place (webpack.config.js):
 * there they, and zod with them, are a chunk of their own, fetched the first time the add-in loads a table
 * other than the embedded release (a feed release, a workbook's copy, a scenario, a 2026.11a pin). The embedded
 * release never needs them, since its hash is checked at build time, so a DUTY cell's first answer does not
 * wait for them. Code that loads a table in the add-in awaits `documentChecksReady()` first; here it is
 * already settled.
 */

export type DocumentCheck = (value: unknown) => TableDocument;

export interface DocumentChecks {
  readonly validate: DocumentCheck;
  readonly format1Law: ReleaseLaw;
}

const CHECKS: DocumentChecks = { validate: validateDocument, format1Law: FORMAT1_LAW };

export function documentChecks(): DocumentChecks {
  return CHECKS;
}

export function documentChecksReady(): Promise<void> {
  return Promise.resolve();
}
