import { MeasureDoc, RateTable, RelationDoc, TABLE_FORMAT, TableDocument, loadTable } from "../../src/engine";
import { FORMAT1_LAW } from "../../src/engine/table/format1LawData";

/**
 * A small, hand-made rate table for specifying engine rules without the real data: five US lines, a
 * China importer with an open schedule, and whatever measures and relations a test adds.
 */
/** [line, General, suffixes, Special index, Column 2]: the table format 2 shape. Column 2 texts are HTS 2026 Rev 10's where the line exists there. */
export const FIXTURE_LINES: [string, string, string, number | null, string | null][] = [
  ["02013000", "26.4¢/kg", "00", null, "30%"],
  ["04069099", "10%", "00", null, "35%"],
  ["61091000", "16.5%", "10,20", null, "90%"],
  ["72083900", "Free", "00", null, "20%"],
  ["87032301", "2.5%", "00", null, "10%"],
  ["95030000", "Free", "11,13", null, "70%"],
];

export function measure(id: string, fields: Partial<MeasureDoc>): MeasureDoc {
  return {
    id,
    importer: "US",
    authority: "IEEPA",
    title: id,
    heading: "9903.99.99",
    documents: ["Test document"],
    citations: ["Test citation"],
    confidence: "confirmed",
    partners: ["*"],
    scope: { include: ["*"] },
    rate: { add: "10" },
    from: "2025-01-01",
    tags: [],
    ...fields,
  };
}

export function fixtureDocument(measures: MeasureDoc[], relations: RelationDoc[] = [], extra: Partial<TableDocument> = {}): TableDocument {
  return {
    format: TABLE_FORMAT,
    id: "2099.01a",
    released: "2026-01-01",
    coverage: { from: "2025-01-01", to: "2027-01-01" },
    notice: ["Test table"],
    news: [],
    importers: [
      { code: "US", name: "United States", baseSource: "test HTS", lineMode: "listed", lines: FIXTURE_LINES },
      { code: "CN", name: "China", baseSource: "unknown", lineMode: "open", lines: [] },
    ],
    countryGroups: [
      { id: "USMCA", name: "USMCA partners", members: ["CA", "MX"], source: "test" },
      { id: "EU27", name: "European Union", members: ["DE", "FR", "IT"], source: "test" },
    ],
    productLists: [{ id: "toys", title: "Toys", source: "test", codes: ["9503"] }],
    sectors: [{ keyword: "toys", aliases: ["toy"], importer: "US", line: "95030000", note: "toys" }],
    claims: [
      { id: "USMCA", title: "USMCA", note: "test" },
      { id: "UK-MELT", title: "Metal melted and poured in the UK", note: "test" },
    ],
    rulings: [{ id: "ruling", title: "Test v. United States", date: "2026-02-20", citation: "test", refundable: true }],
    exclusionGroups: [
      { id: "reciprocal", resolve: "priority", note: "test" },
      { id: "s301", resolve: "max", note: "test" },
    ],
    relations,
    measures,
    gaps: [],
    // The landed-cost law and vocabularies of 2026.11a (the frozen format-1 copy): data, like the rest.
    valueBases: FORMAT1_LAW.valueBases,
    authorities: FORMAT1_LAW.authorities,
    landed: FORMAT1_LAW.landed,
    ...extra,
  };
}

export function fixtureTable(measures: MeasureDoc[], relations: RelationDoc[] = [], extra: Partial<TableDocument> = {}): RateTable {
  return loadTable(JSON.stringify(fixtureDocument(measures, relations, extra)));
}

export function relation(id: string, winner: string, loser: string, fields: Partial<RelationDoc> = {}): RelationDoc {
  return { id, winner, loser, note: id, citations: ["test"], ...fields };
}
