import type { TableDocument } from "./schema";
import { validateDocument } from "./validateDocument";

/*
 * How loadTable reaches the checks an untrusted table text must pass (validateDocument.ts: the schema, then
 * the cross-references). In Node (the CLI, the library, the tests) they are part of the engine and always
 * ready, as here.
 *
 * The Excel bundle builds documentChecks.lazy.ts in this module's place (webpack.config.js): there the
 * checks, and zod with them, are a chunk of their own, fetched the first time a table that is not a
 * published release is loaded (a feed release, a workbook's copy, a scenario). The embedded release never
 * needs them, since its hash is checked at build time, so a DUTY cell's first answer does not wait for them.
 * Code that loads a table in the add-in awaits `documentChecksReady()` first; here it is already settled.
 */

export type DocumentCheck = (value: unknown) => TableDocument;

export function documentChecks(): DocumentCheck {
  return validateDocument;
}

export function documentChecksReady(): Promise<void> {
  return Promise.resolve();
}
