import { Worker } from "node:worker_threads";
import { Io, ProgressSink, progressSinkOf } from "./io";
import { removeOrphanTemps } from "./files";

/**
 * A file-to-file `dutydesk landed` batch on a worker thread whose old generation is bounded
 * (`resourceLimits.maxOldGenerationSizeMb`, Node's documented limit for a worker's heap; --heap-mb).
 *
 * Why: a batch keeps about 110 MB live (the table and the bounded lookup caches), but an unbounded V8 heap
 * grows to about 200 MB between full collections, and the process's peak RSS with it (about 270 MB on the
 * bench's 1M rows). A bounded heap makes V8 collect sooner instead; the answers are the same, for about
 * 18 % more CPU on those rows (README, Measured throughput and memory). The thread is in this process, so the process's CPU time and
 * peak RSS count it, and this thread loads no table, so its own heap stays small.
 *
 * If the batch outgrows the bound anyway (a --cache-mb budget set low beside a huge entry, say), V8 stops the
 * thread: its temporary output file is removed and the batch runs again here, unbounded, from the start, so
 * a tight bound costs time, never an answer or a file. Whatever else stops the thread is re-thrown.
 */
export function runOnBoundedHeap(
  argv: readonly string[],
  heapMb: number,
  outPath: string,
  io: Io,
  script: string,
  again: () => Promise<number>,
): Promise<number> {
  const sink: ProgressSink = progressSinkOf(io);
  const data: LandedWorkerData = { argv: [...argv], now: io.now.toISOString(), progressIsTTY: sink.isTTY };
  return new Promise<number>((resolve, reject) => {
    let code: number | null = null;
    let failure: unknown = null;
    let drew = false;
    const worker = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    worker.on("message", (m: LandedWorkerMessage) => {
      if (m.kind === "exit") code = m.code;
      else if (m.kind === "out") io.out(m.text);
      else if (m.kind === "err") io.err(m.text);
      else {
        drew = true;
        sink.write(m.text);
      }
    });
    worker.on("error", (e) => (failure = e));
    // "exit" comes after the thread's last message and after any "error".
    worker.on("exit", () => {
      if (code !== null) return resolve(code);
      if (!isOutOfMemory(failure)) return reject(failure ?? new Error("the landed batch's worker thread stopped without an answer"));
      removeOrphanTemps(outPath);
      if (drew) sink.write("\n");
      io.err(`dutydesk: the batch outgrew its ${heapMb} MB heap (--heap-mb); running it again on an unbounded heap`);
      again().then(resolve, reject);
    });
  });
}

export interface LandedWorkerData {
  readonly argv: readonly string[];
  /** The run's clock, as an ISO instant: an empty date cell is the same day on both threads. */
  readonly now: string;
  readonly progressIsTTY: boolean;
}

export type LandedWorkerMessage =
  { readonly kind: "out" | "err" | "progress"; readonly text: string } | { readonly kind: "exit"; readonly code: number };

function isOutOfMemory(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY";
}
