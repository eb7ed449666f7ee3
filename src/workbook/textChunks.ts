/**
 * A release text stored in worksheet cells. An Excel cell holds at most 32,767 characters, so the text is
 * cut into chunks of at most CHUNK_CHARS; a cut never falls between the two halves of a surrogate pair
 * (a lone surrogate would not survive the file format). Each stored cell starts with CHUNK_MARK, so no
 * chunk can look like a formula (=…), a number, a date, a boolean or an apostrophe-quoted text to Excel.
 */
export const CHUNK_CHARS = 32_000;
export const CHUNK_MARK = "|";

export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(CHUNK_MARK + text.slice(at, end));
    at = end;
  }
  return chunks;
}

/** The text back from stored cells, or null if any cell is not a chunk (edited, coerced by Excel, missing). */
export function joinChunks(cells: readonly unknown[]): string | null {
  let text = "";
  for (const cell of cells) {
    if (typeof cell !== "string" || !cell.startsWith(CHUNK_MARK)) return null;
    text += cell.slice(CHUNK_MARK.length);
  }
  return text;
}
