/**
 * The importing country when none is given: the United States, whose schedule the product is built
 * around. Defined once; every adapter and the landed-cost engine read it from here.
 */
export const DEFAULT_IMPORTER = "US";
