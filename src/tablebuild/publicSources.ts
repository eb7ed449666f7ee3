import { MeasureDoc } from "../engine/table/schema";
import { BuildError } from "./buildError";

/**
 * A citation or document a reader can look up without this project's research notes: a Federal Register
 * cite or document number, a CBP CSMS message, an executive order or proclamation number, a statute or
 * regulation, an HTS note or heading, a USTR notice, or a MOFCOM / Customs Tariff Commission announcement.
 * Research row ids ("us-timeline.md C4") stay beside them, but never stand alone: the research is not
 * shipped with the table.
 */
const PUBLIC_SOURCE = new RegExp(
  [
    String.raw`\b\d+ FR \d+`, // 90 FR 15041
    String.raw`\bFR 20\d\d-\d+`, // FR 2025-06063
    String.raw`\bCSMS\b`,
    String.raw`\bEO \d{5}\b`,
    String.raw`\bProc(?:lamation|\.)? \d{4,5}\b`,
    String.raw`\bPub\. ?L\.`,
    String.raw`\bU\.S\.C\.`,
    String.raw`\bC\.?F\.?R\.? ?(?:§|part|\d)`,
    String.raw`\bHTS\b.*\b(?:note|notes|heading|headings)\b`,
    String.raw`\bU\.S\. note \d+`,
    String.raw`\bUSTR\b`,
    String.raw`\bMOFCOM\b`,
    String.raw`\bAnnouncement No\. \d+`,
    "公告",
  ].join("|"),
);

export function isPublicSource(text: string): boolean {
  return PUBLIC_SOURCE.test(text);
}

/** Every measure names at least one public source among its citations and documents. */
export function checkPublicSources(measures: readonly MeasureDoc[]): void {
  const problems = measures
    .filter((m) => ![...m.citations, ...m.documents].some(isPublicSource))
    .map((m) => `${m.id}: ${JSON.stringify([...m.documents, ...m.citations])}`);
  if (problems.length > 0) {
    throw new BuildError(
      `measures citing no public source (FR, CSMS, EO, Proc., Pub. L., U.S.C., CFR, HTS note or heading, USTR, MOFCOM, Announcement No., 公告):\n  ${problems.join("\n  ")}`,
    );
  }
}
