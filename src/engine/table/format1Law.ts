import { LandedDoc, TableDocument } from "./schema";
import { documentChecks } from "./documentChecks";

/**
 * The law a release carries besides its measures: the vocabularies its measures are checked against and
 * the landed-cost law DUTY.LANDED applies.
 *
 * Format 2 releases carry it (`valueBases`, `authorities`, `landed`). Format 1 releases (2026.11a as
 * published) carry none of it: for them the law is the frozen copy in `data/legacy/landed-format1.json`,
 * the rows of data/source/vocabulary.yaml and data/source/landed/*.yaml as they stood when 2026.11a was
 * released (2026-11-28). It is data, in every build (`format1LawData.ts`: webpack bundles the JSON in
 * the table checks' chunk, Node reads it beside lib/), and a test checks its SHA-256 against
 * FORMAT1_LAW_SHA256, so every build computes the same landed cost for a 2026.11a pin. It must never be
 * edited: a change to landed-cost law goes into data/source/landed and reaches users through a new
 * format-2 release.
 */
export interface ReleaseLaw {
  readonly valueBases: readonly string[];
  readonly authorities: readonly string[];
  readonly landed: LandedDoc;
}

/** SHA-256 of data/legacy/landed-format1.json (tests/engine/landed/landedLaw.test.ts checks the file). */
export const FORMAT1_LAW_SHA256 = "d9de31bbc568da996a2241465ea6cfa38aaa5408b64483a9711ec4ec6af7a534";

/** The law of a validated document: its own (format 2) or the frozen format-1 law. */
export function tableLaw(doc: TableDocument): ReleaseLaw {
  if (doc.landed !== undefined && doc.valueBases !== undefined && doc.authorities !== undefined) {
    return { valueBases: doc.valueBases, authorities: doc.authorities, landed: doc.landed };
  }
  return documentChecks().format1Law;
}
