import { clip } from "../engine/util/clip";

/**
 * The result of reading one argument: its value, or the sentence that says why it cannot be read. Every
 * adapter (Excel, CLI, task pane, cell-impact predictor, CSV rows) reads through this module's readers,
 * so an argument means the same thing wherever it is typed.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export const fail = (message: string): Read<never> => ({ ok: false, message });
export const value = <T>(v: T): Read<T> => ({ ok: true, value: v });

/**
 * "Not given". Excel passes an omitted optional argument as null, an empty cell as 0 on desktop and null
 * on the web; a CSV cell or a form field is "" when empty. All of them mean the argument was not given.
 */
export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === 0 || (typeof v === "string" && v.trim() === "");
}

/** How an argument is quoted back in a message: short, and never a whole pasted range. */
export function describe(v: unknown): string {
  if (Array.isArray(v)) return "a range";
  if (typeof v === "string") return `"${clip(v, 30)}"`;
  if (typeof v === "object" && v !== null) return "an object";
  return String(v);
}
