import { TABLE_FORMATS, TableDocument, documentShape } from "./schema";
import { clip } from "../util/clip";
import { checkCrossReferences } from "./crossReferences";
import { ProblemCollector } from "./problems";
import { TableValidationError } from "./tableValidationError";

/*
 * Checks that an untrusted value is a well-formed rate table (the schema, schema.ts, then the checks a
 * schema cannot express, crossReferences.ts), and says precisely where it is not. loadTable reaches it
 * through documentChecks.ts, so that the Excel bundle can load it (and zod) only when a table needs it.
 */

/** The schema and, once every field has its type, the checks a schema cannot express. */
export const tableDocumentSchema = documentShape.superRefine((doc, ctx) => checkCrossReferences(doc, ctx));

export function validateDocument(value: unknown): TableDocument {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TableValidationError(["$: expected an object"]);
  // Said alone: the fields of a document of an unknown format mean nothing yet.
  const format: unknown = (value as Record<string, unknown>).format;
  if (!(TABLE_FORMATS as readonly unknown[]).includes(format)) {
    throw new TableValidationError([
      `$.format: expected ${TABLE_FORMATS.map((f) => JSON.stringify(f)).join(" or ")}, got ${JSON.stringify(clip(String(format)))}`,
    ]);
  }
  const collector = new ProblemCollector();
  let success = false;
  collector.run(() => {
    success = tableDocumentSchema.safeParse(value, { errorMap: collector.errorMap }).success;
  });
  if (collector.problems.length > 0) throw new TableValidationError(collector.problems);
  if (!success) throw new TableValidationError(["$: not a valid rate table"]); // not reached: every issue is collected
  // The value itself, not zod's copy: the schema transforms nothing, and the loader keeps the parsed JSON.
  return value as TableDocument;
}
