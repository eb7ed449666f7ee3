import { NewsEntry } from "../engine/table/schema";

/**
 * The top-level NEWS file, tz style: one entry per release, newest first.
 *
 *   Release 2026.11a - 2026-11-28
 *
 *     Briefly:
 *       One paragraph, indented four spaces.
 *
 *     Changes to future rates
 *
 *       One paragraph per change, separated by blank lines.
 *
 *     Changes to past rates
 *     Known gaps
 *     Changes to commentary
 *
 * Text before the first "Release" line is the file's preamble. Lines starting with "#" are comments (the
 * release command marks its draft with them) and are not part of any entry. Paragraph lines are joined
 * with single spaces, so wrapping never changes the text. The build copies each entry's Briefly, future
 * and past paragraphs into the release's `news` field; gaps travel in the release's own `gaps` section.
 */
export interface NewsFileEntry {
  readonly release: string;
  readonly released: string;
  readonly briefly: string;
  readonly future: readonly string[];
  readonly past: readonly string[];
  readonly gaps: readonly string[];
  readonly commentary: readonly string[];
}

export interface NewsFile {
  /** Everything before the first entry, verbatim. */
  readonly preamble: string;
  /** In file order: newest first. */
  readonly entries: readonly NewsFileEntry[];
}

export class NewsFormatError extends Error {}

const HEADER = /^Release (\S+) - (\d{4}-\d{2}-\d{2})$/;
const SECTIONS = {
  "Briefly:": "briefly",
  "Changes to future rates": "future",
  "Changes to past rates": "past",
  "Known gaps": "gaps",
  "Changes to commentary": "commentary",
} as const;
type Section = (typeof SECTIONS)[keyof typeof SECTIONS];
const SECTION_ORDER: readonly Section[] = ["briefly", "future", "past", "gaps", "commentary"];
const TITLES = Object.fromEntries(Object.entries(SECTIONS).map(([title, key]) => [key, title])) as Record<Section, string>;
const WIDTH = 78;

export function parseNewsFile(text: string, source = "NEWS"): NewsFile {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let first = lines.findIndex((l) => HEADER.test(l));
  // The # lines right above an entry are its header comment (a draft's), not part of the preamble.
  while (first > 0 && lines[first - 1]!.startsWith("#")) first--;
  const preamble = first < 0 ? text : lines.slice(0, first).join("\n") + "\n";
  const entries: NewsFileEntry[] = [];
  if (first < 0) return { preamble, entries };

  type Building = { release: string; released: string; sections: Record<Section, string[]> };
  let entry: Building | null = null;
  let section: Section | null = null;
  let paragraph: string[] = [];
  const seen = new Set<string>();
  const fail = (i: number, why: string): never => {
    throw new NewsFormatError(`${source}:${i + 1}: ${why}`);
  };
  const endParagraph = () => {
    if (paragraph.length > 0 && entry !== null && section !== null) entry.sections[section].push(paragraph.join(" "));
    paragraph = [];
  };
  const endEntry = () => {
    endParagraph();
    if (entry === null) return;
    const s = entry.sections;
    entries.push({
      release: entry.release,
      released: entry.released,
      briefly: s.briefly.join(" "),
      future: s.future,
      past: s.past,
      gaps: s.gaps,
      commentary: s.commentary,
    });
  };

  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("#")) continue;
    const header = HEADER.exec(line);
    if (header) {
      endEntry();
      if (seen.has(header[1]!)) fail(i, `a second entry for release ${header[1]}`);
      seen.add(header[1]!);
      entry = { release: header[1]!, released: header[2]!, sections: { briefly: [], future: [], past: [], gaps: [], commentary: [] } };
      section = null;
      continue;
    }
    if (line.trim() === "") {
      endParagraph();
      continue;
    }
    if (/^ {2}\S/.test(line)) {
      endParagraph();
      const key = SECTIONS[line.trim() as keyof typeof SECTIONS];
      if (key === undefined) fail(i, `unknown section "${line.trim()}" (expected one of: ${Object.keys(SECTIONS).join(", ")})`);
      section = key;
      continue;
    }
    if (/^ {4}\S/.test(line)) {
      if (section === null) fail(i, "text outside a section (put it under Briefly:, Changes to future rates, …)");
      paragraph.push(line.trim());
      continue;
    }
    fail(i, `cannot read this line: sections are indented two spaces, their text four (${JSON.stringify(line.slice(0, 40))})`);
  }
  endEntry();
  for (const e of entries) {
    if (e.briefly === "") throw new NewsFormatError(`${source}: release ${e.release} has no "Briefly:" paragraph`);
  }
  return { preamble, entries };
}

/** One entry as NEWS text (ends with a newline; entries are separated by one blank line). */
export function formatNewsEntry(entry: NewsFileEntry, comments: readonly string[] = []): string {
  const out: string[] = comments.map((c) => `# ${c}`.trimEnd());
  out.push(`Release ${entry.release} - ${entry.released}`);
  const paragraphs: Record<Section, readonly string[]> = {
    briefly: [entry.briefly],
    future: entry.future,
    past: entry.past,
    gaps: entry.gaps,
    commentary: entry.commentary,
  };
  for (const key of SECTION_ORDER) {
    const items = paragraphs[key].filter((p) => p.trim() !== "");
    if (items.length === 0) continue;
    out.push("", `  ${TITLES[key]}`);
    if (key !== "briefly") out.push("");
    items.forEach((p, i) => {
      if (i > 0) out.push("");
      out.push(...wrap(p, "    "));
    });
  }
  return out.join("\n") + "\n";
}

/** NEWS with `entryText` placed above the newest entry (after the preamble). */
export function prependNewsEntry(newsText: string, entryText: string): string {
  const { preamble } = parseNewsFile(newsText);
  const rest = newsText.slice(preamble.length);
  const head = preamble.endsWith("\n\n") || preamble === "" ? preamble : preamble + "\n";
  return head + entryText + (rest === "" ? "" : "\n" + rest);
}

/** The entries a release carries in its `news` field: its own and every earlier one, newest first. */
export function newsForRelease(file: NewsFile, isEarlierOrSame: (release: string) => boolean): NewsEntry[] {
  return file.entries
    .filter((e) => isEarlierOrSame(e.release))
    .map((e) => ({ release: e.release, briefly: e.briefly, future: e.future, past: e.past }));
}

function wrap(text: string, indent: string): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}
