/**
 * Shortens user input quoted in an error message, by whole characters (code points) so that an emoji or
 * other astral character is never cut in half.
 */
export function clip(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join("") + "…" : text;
}
