// A worker for tests/cli/landedHeap.test.ts: a bug, not a lack of memory.
throw new TypeError("a bug in the batch");
