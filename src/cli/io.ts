/** Where a command writes and what time it is: the process's streams and clock, or a test's. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: Date;
  /** Where a batch draws its progress bar, and whether that is a terminal: the process's stderr unless given. */
  readonly progress?: ProgressSink;
  /**
   * The compiled script of the landed batch's worker thread (src/cli/landedWorker.ts), set by the installed
   * CLI's `main`: a file-to-file batch then runs on a thread with a bounded heap (src/cli/landedHeap.ts).
   * Unset in tests that call `run` and inside the worker itself, where a batch runs on the calling thread.
   */
  readonly landedWorker?: string;
}

export interface ProgressSink {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
}

/** The process's stderr as a progress sink: the default where an Io gives none. */
export function progressSinkOf(io: Io): ProgressSink {
  return io.progress ?? { write: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true };
}
