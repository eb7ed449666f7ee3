import { parentPort, workerData } from "node:worker_threads";
import type { LandedWorkerData, LandedWorkerMessage } from "./landedHeap";
import { run } from "./main";

/**
 * The worker thread of a bounded-heap landed batch (landedHeap.ts): the same `run` as the command line,
 * its lines and progress sent to the main thread, its exit code last. Its io names no worker script, so
 * the batch runs here.
 */
const data = workerData as LandedWorkerData;
const port = parentPort;
if (port === null) throw new Error("landedWorker.js runs as a worker thread of `dutydesk landed`");
const post = (m: LandedWorkerMessage) => port.postMessage(m);
const code = run(["landed", ...data.argv], {
  out: (text) => post({ kind: "out", text }),
  err: (text) => post({ kind: "err", text }),
  now: new Date(data.now),
  progress: { write: (text) => post({ kind: "progress", text }), isTTY: data.progressIsTTY },
});
void Promise.resolve(code).then((c) => post({ kind: "exit", code: c }));
