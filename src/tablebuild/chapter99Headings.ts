import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { HtsRelease } from "./htsSource";

/**
 * Every Chapter 99 heading (9903.xx.xx) that appears in any of the given HTS releases. Headings come and
 * go (the IEEPA headings left the schedule in 2026), so a measure's heading is checked against the
 * union of all releases, not only the latest. A regular expression over the raw text is enough here
 * and much faster than parsing 44 JSON files.
 */
export function chapter99Headings(releases: readonly HtsRelease[]): Set<string> {
  const headings = new Set<string>();
  for (const release of releases) {
    const text = gunzipSync(readFileSync(release.file)).toString("utf8");
    for (const m of text.matchAll(/"htsno"\s*:\s*"(9903\.\d{2}\.\d{2})"/g)) headings.add(m[1]!);
  }
  return headings;
}
