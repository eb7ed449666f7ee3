/**
 * Type-level links between the fake and @types/office-js, so that drift in the typings breaks the build:
 *  - `Pick<T, P>`: the fake's properties have exactly the declared names and types;
 *  - `Methods<T, M, R>`: each fake method exists on the real class and takes the parameters the typings
 *    declare (their last overload), returning the fake of the declared kind (`R`).
 * A class `implements FakeShape<Excel.Range, "values" | …, "getCell" | …, { getCell: FakeRange … }>`.
 */
export type Methods<T, M extends keyof T, R extends { [K in M]: unknown }> = {
  [K in M]: T[K] extends (...args: infer A) => unknown ? (...args: A) => R[K] : never;
};

export type FakeShape<T, P extends keyof T, M extends keyof T, R extends { [K in M]: unknown }> = Pick<T, P> & Methods<T, M, R>;

/** Compile-time check that two types are the same. */
export type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
