/*
 * The formats of a rate table file, apart from the schema (schema.ts) that checks them: code that only
 * names a format does not load zod (in the Excel bundle the schema is a chunk fetched on first need, see
 * documentChecks.ts).
 */

export const TABLE_FORMAT = "dutydesk-table/2" as const;

/**
 * Every format this engine reads. Format 1 (release 2026.11a) has no Column 2 rates, no measure
 * conditions and no specific-duty metadata; it still loads, and what it cannot answer is refused (see
 * `legacyColumn2` in loadTable) rather than answered with a Column 1 number.
 *
 * Format 2 adds the landed-cost law (`landed`) and the vocabularies
 * (`valueBases`, `authorities`), and requires them. A format-1 release (2026.11a as published) has none of
 * them: it is read with the frozen format-1 law of `data/legacy/landed-format1.json` (see format1Law.ts),
 * so every build computes the same landed cost for a 2026.11a pin.
 */
export const TABLE_FORMATS = ["dutydesk-table/1", TABLE_FORMAT] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
