// A worker for tests/cli/landedHeap.test.ts: lines in order, then the exit code, as landedWorker.ts sends them.
const { parentPort, workerData } = require("node:worker_threads");

parentPort.postMessage({ kind: "out", text: `argv ${workerData.argv.join(" ")}` });
parentPort.postMessage({ kind: "progress", text: "\r8 rows" });
parentPort.postMessage({ kind: "err", text: `now ${workerData.now}, tty ${workerData.progressIsTTY}` });
parentPort.postMessage({ kind: "exit", code: 3 });
