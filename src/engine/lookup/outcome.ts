/**
 * The answer to a lookup, or why there is none. `invalid` means the input is malformed (Excel: #VALUE!);
 * `notAvailable` means it is well-formed but the table has no answer (#N/A): unknown country, code not in
 * the schedule, date outside coverage, ambiguous prefix, prohibited goods, unknown base rate.
 */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LookupError };

export interface LookupError {
  readonly kind: "invalid" | "notAvailable";
  readonly message: string;
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = (message: string): Outcome<never> => ({ ok: false, error: { kind: "invalid", message } });
export const notAvailable = (message: string): Outcome<never> => ({ ok: false, error: { kind: "notAvailable", message } });
