import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { HtsRelease } from "./htsSource";
import { FootnoteIndex } from "./listSource";

interface FootnotedRow {
  readonly htsno: string;
  readonly footnotes: readonly { readonly value: string }[] | null;
}

const PARTIAL = /covers certain goods of this rate line/i;

/**
 * Which lines the HTS points at each Chapter 99 heading. A footnote "See 9903.88.03." on an 8-digit
 * line covers the whole line; the note-20(g) style footnote "heading 9903.88.04 covers certain goods of
 * this rate line, as indicated by the footnote" covers only the statistical lines that carry it.
 */
export function readFootnotes(release: HtsRelease): FootnoteIndex {
  const rows = JSON.parse(gunzipSync(readFileSync(release.file)).toString("utf8")) as FootnotedRow[];
  const index = new Map<string, Set<string>>();
  for (const row of rows) {
    const digits = row.htsno.replace(/\./g, "");
    if (digits.length !== 8 && digits.length !== 10) continue;
    if (digits.startsWith("98") || digits.startsWith("99")) continue;
    for (const footnote of row.footnotes ?? []) {
      if (digits.length === 8 && PARTIAL.test(footnote.value)) continue;
      for (const m of footnote.value.matchAll(/9903\.\d{2}\.\d{2}/g)) {
        const set = index.get(m[0]) ?? new Set<string>();
        set.add(digits);
        index.set(m[0], set);
      }
    }
  }
  return new Map([...index].map(([heading, set]) => [heading, [...set].sort()]));
}
