import { spawnSync } from "node:child_process";
import { detached } from "../../../src/engine/util/detached";

// A cache key made from a field of a parsed chunk must not keep the chunk alive. V8 makes a substring of
// 13 characters or more a slice that holds its whole parent: a million-row batch kept 14.6 MB of input text
// in its product cache that way.

/**
 * Heap growth, in bytes, from keeping one 14-character key out of each of 200 chunks of 100 kB, with the key
 * made by `plain` (the field itself) and by `detached`. Measured in a fresh process, where a full collection
 * leaves nothing but what the keys hold (a test worker's heap also holds what earlier suites release).
 */
function keptBytes(): { plain: number; detached: number } {
  const script = `
    const detached = (${detached.toString()});
    const kept = (key) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const keys = [];
      for (let i = 0; i < 200; i++) {
        const chunk = String(i).padStart(6, "0") + ",7114.20.00.60," + "x".repeat(100000);
        keys.push(key(chunk.slice(7, 21)));
      }
      gc();
      if (!keys.every((k) => k === "7114.20.00.60,")) throw new Error("a key changed");
      return process.memoryUsage().heapUsed - before;
    };
    process.stdout.write(JSON.stringify({ plain: kept((f) => f), detached: kept(detached) }));
  `;
  const run = spawnSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { plain: number; detached: number };
}

describe("detached", () => {
  test("is the same text", () => {
    for (const t of ["", "a", "CN", "7114.20.00.60", "United Kingdom of Great Britain", "é✓\u0000"]) expect(detached(t)).toBe(t);
  });

  test("keeps no chunk alive, where a plain slice keeps each whole chunk", () => {
    const bytes = keptBytes();
    // The control shows the measurement sees retention: 200 chunks of 100 kB are about 20 MB.
    expect(bytes.plain).toBeGreaterThan(15_000_000);
    expect(bytes.detached).toBeLessThan(2_000_000);
  });
});
