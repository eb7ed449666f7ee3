// A worker for tests/cli/landedHeap.test.ts: it starts writing its output as AtomicOutput does (a temporary
// file named with the process id), reports progress, then keeps allocating until V8 stops the thread.
const { parentPort, workerData } = require("node:worker_threads");
const { writeFileSync } = require("node:fs");
const { basename, dirname, join } = require("node:path");

const out = workerData.argv[workerData.argv.indexOf("--out") + 1];
writeFileSync(join(dirname(out), `.${basename(out)}.${process.pid}.0a1b2c3d.tmp`), "half a file");
parentPort.postMessage({ kind: "progress", text: "\r4,096 rows" });
const kept = [];
for (;;) kept.push(new Array(100000).fill(kept.length + 0.5));
