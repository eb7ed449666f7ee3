import { RateTable } from "./compiledTable";
import { LoadOptions, loadTable } from "./loadTable";
import { TableValidationError } from "./tableValidationError";

/**
 * What became of a candidate release: a ready table, or every reason it was refused. Never throws, so a
 * caller can keep its last good table with a plain `if`:
 *
 *   const outcome = tryLoad(text, { expectedSha256: release.sha256 });
 *   if (outcome.ok) useTable(outcome.table);
 *   else show(outcome.message);
 */
export type LoadOutcome =
  { readonly ok: true; readonly table: RateTable } | { readonly ok: false; readonly problems: readonly string[]; readonly message: string };

export function tryLoad(text: unknown, options: LoadOptions = {}): LoadOutcome {
  try {
    if (typeof text !== "string") return refused(["the table must be JSON text"]);
    return { ok: true, table: loadTable(text, options) };
  } catch (e) {
    if (e instanceof TableValidationError) return refused(e.problems);
    // Anything else is a defect in the loader (or the engine running out of memory on a release that
    // passed every limit); it is still a refusal, never a half-loaded table.
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return refused([`the table could not be loaded: ${detail.slice(0, 300)}`]);
  }
}

function refused(problems: readonly string[]): LoadOutcome {
  return { ok: false, problems, message: new TableValidationError(problems).message };
}
