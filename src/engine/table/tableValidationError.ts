/**
 * A table text that was refused, and the problems that say precisely where (their JSON paths).
 *
 * A feed can be corrupt or hostile, so nothing is taken on faith: every field is type-checked (the
 * schema, schema.ts), every reference must resolve and dates must be real and ordered (crossReferences.ts);
 * the stacking relations are checked for cycles when the table is compiled (loadTable.ts). The first
 * problems found are reported. It is a module of its own, apart from the checks (validateDocument.ts), so
 * that code that only tells a refused table from other failures does not load the schema.
 */
export class TableValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid rate table: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`);
    this.name = "TableValidationError";
  }
}
