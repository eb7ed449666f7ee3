import {
  DEFAULT_LANDED_OPTIONS,
  DEFAULT_LOOKUP_OPTIONS,
  LANDED_ONLY_WORDS,
  LandedOptions,
  LookupOptions,
  RateTable,
  detached,
  parseLandedOptions,
  parseLookupOptions,
} from "../engine";
import { Read, describe, fail, isEmpty, value } from "./read";

/**
 * The options argument: one text, parsed by the engine's grammar (lookup words for the rate functions,
 * lookup plus landed-cost words for LANDED). A sheet repeats the same options text down a column, so the
 * parse is kept per table and text (bounded: a pasted novel is parsed, not kept).
 */
const MAX_KEPT = 1_000;
const MAX_KEPT_TEXT = 500;
const lookupKept = new WeakMap<RateTable, Map<string, Read<LookupOptions>>>();
const landedKept = new WeakMap<RateTable, Map<string, Read<LandedOptions>>>();

function kept<T>(store: WeakMap<RateTable, Map<string, Read<T>>>, table: RateTable, text: string, parse: () => Read<T>): Read<T> {
  let byText = store.get(table);
  if (!byText) {
    byText = new Map();
    store.set(table, byText);
  }
  const hit = byText.get(text);
  if (hit) return hit;
  const parsed = parse();
  if (text.length <= MAX_KEPT_TEXT) {
    if (byText.size >= MAX_KEPT) byText.clear();
    byText.set(detached(text), parsed);
  }
  return parsed;
}

export function readOptions(v: unknown, table: RateTable): Read<LookupOptions> {
  if (isEmpty(v)) return value(DEFAULT_LOOKUP_OPTIONS);
  if (typeof v !== "string") return fail(`options must be text such as "final; USMCA", not ${describe(v)}`);
  return kept(lookupKept, table, v, () => {
    const parsed = parseLookupOptions(v, table, LANDED_ONLY_WORDS);
    return parsed.ok ? value(parsed.value) : fail(parsed.error.message);
  });
}

export function readLandedOptions(v: unknown, table: RateTable): Read<LandedOptions> {
  if (isEmpty(v)) return value(DEFAULT_LANDED_OPTIONS);
  if (typeof v !== "string") return fail(`options must be text such as "duty=4%; vat=9%", not ${describe(v)}`);
  return kept(landedKept, table, v, () => {
    const parsed = parseLandedOptions(v, table);
    return parsed.ok ? value(parsed.value) : fail(parsed.error.message);
  });
}
