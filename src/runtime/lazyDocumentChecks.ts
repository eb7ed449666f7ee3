import type { DocumentChecks } from "../engine/table/documentChecks";

/*
 * The Excel bundle's src/engine/table/documentChecks.ts: webpack.config.js builds this module in its place,
 * so that the checks and the format-1 law are fetched as one chunk the first time they are awaited (see
 * documentChecks.ts for why). It is here, not in the engine, because it makes the bundle load code from
 * the add-in's server: the engine does no network.
 */

let loaded: DocumentChecks | null = null;
let loading: Promise<void> | null = null;

/**
 * The checks, once `documentChecksReady()` has settled. Before, a table that needs them cannot be loaded:
 * this throws rather than let it through unchecked (an add-in path that loads a table without awaiting
 * them first is a bug, and fails the same way every time).
 */
export function documentChecks(): DocumentChecks {
  if (loaded === null) {
    throw new Error("the rate table checks are not loaded yet: await documentChecksReady() before loading a table that is not embedded");
  }
  return loaded;
}

/** Fetches the checks' chunk once; a failed fetch (the add-in's server unreachable) is tried again next time. */
export function documentChecksReady(): Promise<void> {
  if (loaded !== null) return Promise.resolve();
  loading ??= Promise.all([
    import(/* webpackChunkName: "tablechecks" */ "../engine/table/validateDocument"),
    import(/* webpackChunkName: "tablechecks" */ "../engine/table/format1LawData"),
  ]).then(
    ([checks, law]) => {
      loaded = { validate: checks.validateDocument, format1Law: law.FORMAT1_LAW };
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
