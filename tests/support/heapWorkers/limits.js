// A worker for tests/cli/landedHeap.test.ts: reports the heap bound it was started with, as landedWorker.ts
// would run the batch under it.
const { parentPort, resourceLimits } = require("node:worker_threads");

parentPort.postMessage({ kind: "out", text: `heap ${resourceLimits.maxOldGenerationSizeMb}` });
parentPort.postMessage({ kind: "exit", code: 0 });
