import { z } from "zod";
import { dayFromIso } from "../dates";
import { isCountryCode } from "../countries";
import { clip } from "../util/clip";

/**
 * The building blocks of the table schema (schema.ts): zod types with the limits a hostile release must
 * not get past and the wording of their problems (see problems.ts). A problem is always an issue with
 * `params.message`, never a zod `message`, so that it passes through the collector that counts problems.
 *
 * Why three small zod types of our own (Checked, Bounded, Choice) instead of zod's refine, pipe and
 * union: a zod 3 refinement costs about 5 µs per value (measured: 23 000 codes take 118 ms with
 * `.superRefine`, 10 ms with `.max().regex()`), and a table has some 150 000 values; these types add one
 * function call. z.union also parses every branch and keeps throw-away issues.
 */

export function problem(ctx: z.RefinementCtx, message: string, path?: (string | number)[]): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, params: { message }, ...(path === undefined ? {} : { path }) });
}

function report(schema: z.ZodTypeAny, input: z.ParseInput, message: string): void {
  z.addIssueToContext(schema._getOrReturnCtx(input), { code: z.ZodIssueCode.custom, params: { message } });
}

function sync<T>(result: z.ParseReturnType<T>): z.SyncParseReturnType<T> {
  if (z.isAsync(result)) throw new Error("the table schema is synchronous");
  return result;
}

/** `base`, then `check` on its value: a message is a problem (the value is kept, and checked further). */
export class Checked<T extends z.ZodTypeAny> extends z.ZodType<z.output<T>, z.ZodTypeDef, z.input<T>> {
  constructor(
    private readonly base: T,
    private readonly check: (value: z.output<T>) => string | null,
  ) {
    super({});
  }

  _parse(input: z.ParseInput): z.ParseReturnType<z.output<T>> {
    const result = sync(this.base._parse(input) as z.ParseReturnType<z.output<T>>);
    if (result.status === "aborted") return result;
    const message = this.check(result.value);
    if (message === null) return result;
    report(this, input, message);
    return z.DIRTY(result.value);
  }
}

/** A string of at most `max` characters, matching `pattern` if given. */
export function text(max = 2000, pattern?: RegExp): z.ZodString {
  const s = z.string().max(max);
  return pattern === undefined ? s : s.regex(pattern);
}

/** A string that must say something (not empty or blank). */
export function statement(max: number, emptyMessage: string) {
  return new Checked(text(max), (s) => (s.trim() === "" ? emptyMessage : null));
}

/** An ISO entry date, YYYY-MM-DD, that exists in the calendar. */
export const isoDate = new Checked(text(), (s) =>
  dayFromIso(s) === null ? `${JSON.stringify(clip(s, 60))} is not a calendar date (YYYY-MM-DD)` : null,
);

export const countryCode = new Checked(text(), (s) => (isCountryCode(s) ? null : `${JSON.stringify(clip(s, 60))} is not an ISO alpha-2 country`));

export const integer = z.number().int();

/**
 * An array of at most `max` items. The length is checked before any item is: a hostile release's
 * 10-million-item array is refused in one step, not parsed item by item. With `emptyMessage`, an empty
 * array is a problem that says why.
 */
export class Bounded<T extends z.ZodTypeAny> extends z.ZodType<z.output<T>[], z.ZodTypeDef, z.input<T>[]> {
  private readonly items: z.ZodArray<T>;

  /**
   * `accepts`, where given, is a fast test of what `item` accepts (see isWellFormedLine in schema.ts): the
   * items it accepts are kept as they are, the others are parsed by `item`, which says what is wrong.
   */
  constructor(
    readonly item: T,
    private readonly max: number,
    private readonly emptyMessage?: string,
    private readonly accepts?: (value: unknown) => boolean,
  ) {
    super({});
    this.items = z.array(item);
  }

  _parse(input: z.ParseInput): z.ParseReturnType<z.output<T>[]> {
    const value: unknown = input.data;
    if (!Array.isArray(value)) {
      report(this, input, "expected an array");
      return z.INVALID;
    }
    if (value.length > this.max) {
      report(this, input, `has ${value.length} entries; at most ${this.max} allowed`);
      return z.INVALID;
    }
    const result = this.accepts === undefined ? sync(this.items._parse(input)) : this.parseFast(input, value);
    if (this.emptyMessage === undefined || value.length > 0 || result.status === "aborted") return result;
    report(this, input, this.emptyMessage);
    return z.DIRTY(result.value);
  }

  private parseFast(input: z.ParseInput, value: unknown[]): z.SyncParseReturnType<z.output<T>[]> {
    const accepts = this.accepts!;
    let status: "valid" | "dirty" = "valid";
    for (let i = 0; i < value.length; i++) {
      if (accepts(value[i])) continue;
      const result = sync(this.item._parse({ data: value[i], path: [...input.path, i], parent: this._getOrReturnCtx(input) }));
      if (result.status === "aborted") return z.INVALID;
      if (result.status === "dirty") status = "dirty";
    }
    return status === "valid" ? z.OK(value as z.output<T>[]) : z.DIRTY(value as z.output<T>[]);
  }
}

export function list<T extends z.ZodTypeAny>(item: T, max: number): Bounded<T> {
  return new Bounded(item, max);
}

export function nonEmptyList<T extends z.ZodTypeAny>(item: T, max: number, emptyMessage: string): Bounded<T> {
  return new Bounded(item, max, emptyMessage);
}

/** An object whose every key is declared: an unknown key is a problem, never silently dropped. */
export function record<S extends z.ZodRawShape>(shape: S) {
  return z.object(shape).strict();
}

/**
 * One of several shapes, picked by looking at the value (its length, its one key) and then parsed as that
 * shape alone, or a message saying why none fits.
 */
export class Choice<T extends z.ZodTypeAny> extends z.ZodType<z.output<T>, z.ZodTypeDef, z.input<T>> {
  constructor(private readonly pick: (value: unknown) => T | string) {
    super({});
  }

  _parse(input: z.ParseInput): z.ParseReturnType<z.output<T>> {
    const chosen = this.pick(input.data);
    if (typeof chosen !== "string") return chosen._parse(input);
    report(this, input, chosen);
    return z.INVALID;
  }
}

/** An object with exactly one of the variants' keys, e.g. a rate formula `{ add: "25" }`. */
export function oneKeyOf<V extends Record<string, z.ZodTypeAny>>(what: string, variants: V): Choice<V[keyof V]> {
  const names = Object.keys(variants);
  return new Choice<V[keyof V]>((value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected an object";
    const keys = Object.keys(value);
    if (keys.length !== 1) return `expected exactly one of ${names.join(", ")}`;
    const key = keys[0]!;
    return Object.prototype.hasOwnProperty.call(variants, key) ? (variants[key] as V[keyof V]) : `unknown ${what} ${JSON.stringify(clip(key))}`;
  });
}

/** Deeply read-only: a validated document is never changed, and the types say so. */
export type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
