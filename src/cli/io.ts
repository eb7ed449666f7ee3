/** Where a command writes and what time it is: the process's streams and clock, or a test's. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: Date;
}
