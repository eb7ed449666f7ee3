import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { detached } from "../../../src/engine/util/detached";

// A cache key made from a field of a parsed chunk must not keep the chunk alive. V8 makes a substring of
// 13 characters or more a slice that holds its whole parent: a million-row batch kept 14.6 MB of input text
// in its product cache that way.

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Heap growth, in bytes, from keeping one 14-character key out of each of 200 chunks of 100 kB. */
function keptBytes(key: (field: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const keys: string[] = [];
  for (let i = 0; i < 200; i++) {
    const chunk = `${String(i).padStart(6, "0")},7114.20.00.60,` + "x".repeat(100_000);
    keys.push(key(chunk.slice(7, 21)));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  expect(keys.every((k) => k === "7114.20.00.60,")).toBe(true);
  return grown;
}

describe("detached", () => {
  test("is the same text", () => {
    for (const t of ["", "a", "CN", "7114.20.00.60", "United Kingdom of Great Britain", "é✓\u0000"]) expect(detached(t)).toBe(t);
  });

  test("keeps no chunk alive, where a plain slice keeps each whole chunk", () => {
    // The control shows the measurement sees retention: 200 chunks of 100 kB are about 20 MB.
    expect(keptBytes((field) => field)).toBeGreaterThan(15_000_000);
    expect(keptBytes(detached)).toBeLessThan(2_000_000);
  });
});
