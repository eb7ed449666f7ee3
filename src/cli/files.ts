import { randomBytes } from "node:crypto";
import { once } from "node:events";
import {
  Stats,
  WriteStream,
  closeSync,
  createWriteStream,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  readdirSync,
  writeSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { clip } from "../engine/util/clip";

/**
 * The CLI's file handling, where the user's files are at stake: one-line reasons instead of raw system
 * errors, reads bounded before the file is read whole, and outputs that never destroy an input or leave
 * half a file behind.
 */

/** A file the command cannot use: reported as one line, exit 2. */
export class FileError extends Error {}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  EBUSY: "busy",
  EXDEV: "on another device",
};

/** Paths are user input: cut to about 100 characters, like every echoed input. */
export function shownPath(path: string): string {
  return clip(path, 100);
}

/** "cannot read FILE: no such file", from a Node system error (or anything thrown). */
export function fileProblem(verb: "read" | "write", path: string, e: unknown): FileError {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  const reason = typeof code === "string" ? (REASONS[code] ?? code) : e instanceof Error ? clip(e.message, 100) : String(e);
  return new FileError(`cannot ${verb} ${shownPath(path)}: ${reason}`);
}

function statOr(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Reads a whole file as UTF-8, refusing it before reading if it is larger than `maxBytes` (by its size
 * when it is a regular file, and by counting otherwise: a pipe or device has no size to trust).
 */
export function readBoundedText(path: string, maxBytes: number, what: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw fileProblem("read", path, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileError(`cannot read ${shownPath(path)}: is a directory`);
    if (st.isFile() && st.size > maxBytes) throw new FileError(`${shownPath(path)} is ${st.size} bytes; ${what} is at most ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw fileProblem("read", path, e);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileError(`${shownPath(path)} is more than ${maxBytes} bytes; ${what} is at most ${maxBytes} bytes`);
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses an output that is the input. Compared by real path (a symbolic link to the input, `./x` vs `x`)
 * and, when the output exists, by device and inode (a hard link has its own path but the same file).
 * Writing to the input would truncate it before it is read: the user's data would be gone.
 */
export function refuseOutputOverInput(inPath: string, outPath: string): void {
  const out = statOr(outPath);
  let input: Stats | null = null;
  if (inPath === "-") {
    try {
      input = fstatSync(0); // `--in - < F --out F` is the same mistake
    } catch {
      input = null;
    }
  } else {
    input = statOr(inPath);
  }
  const same = (): boolean => {
    if (input !== null && out !== null && input.dev === out.dev && input.ino === out.ino && input.isFile()) return true;
    if (inPath === "-") return false;
    try {
      return realpathSync(inPath) === realOutputPath(outPath);
    } catch {
      return false;
    }
  };
  if (same()) throw new FileError(`--out ${shownPath(outPath)} is the input file: refusing to overwrite it (write the result to another file)`);
}

/** The file an output path will replace: the target of a symbolic link, or the path in its real directory. */
function realOutputPath(outPath: string): string {
  try {
    return realpathSync(outPath);
  } catch {
    return join(realpathSync(dirname(resolve(outPath))), basename(outPath));
  }
}

/** A temporary file's name for `target` starts with this (the process id in it) and ends with TEMP_SUFFIX. */
function tempPrefixOf(target: string): string {
  return `.${basename(target)}.${process.pid}.`;
}
const TEMP_SUFFIX = ".tmp";

/** A new temporary file's path beside `target`, for an atomic replace. */
function tempPathFor(target: string): string {
  return join(dirname(target), `${tempPrefixOf(target)}${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
}

/**
 * Removes the temporary files this process made for `path` (AtomicOutput's, named with the process id) and
 * did not finish: called after a worker thread writing `path` was stopped, when nothing else writes it.
 */
export function removeOrphanTemps(path: string): void {
  let target: string;
  try {
    target = realOutputPath(path);
  } catch {
    return; // the directory is gone: nothing to remove
  }
  const prefix = tempPrefixOf(target);
  for (const name of readdirSync(dirname(target))) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    try {
      unlinkSync(join(dirname(target), name));
    } catch {
      // already gone
    }
  }
}

/** A whole file written at once, with the same guarantee as AtomicOutput: the old file or the new, never half. */
export function writeFileAtomic(path: string, text: string): void {
  const target = realOutputPath(path);
  const temp = tempPathFor(target);
  try {
    const fd = openSync(temp, "wx", 0o666);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw fileProblem("write", path, e);
  }
}

/**
 * An output file written in full or not at all: the text goes to a temporary file beside the target
 * (same directory, so the rename cannot cross devices), which replaces the target only on `commit()`.
 * Until then, an existing output file is untouched; `abort()` removes the temporary file. A symbolic
 * link given as the output is kept and its target replaced; the target keeps its permissions.
 */
export class AtomicOutput {
  private done = false;

  private constructor(
    readonly path: string,
    private readonly target: string,
    private readonly temp: string,
    readonly stream: WriteStream,
  ) {}

  /** Creates the temporary file now, so that an unwritable directory is refused before any work. */
  static open(path: string): AtomicOutput {
    const existing = statOr(path);
    if (existing?.isDirectory()) throw new FileError(`cannot write ${shownPath(path)}: is a directory`);
    let target: string;
    try {
      target = realOutputPath(path);
    } catch (e) {
      throw fileProblem("write", path, e);
    }
    const temp = tempPathFor(target);
    let fd: number;
    try {
      fd = openSync(temp, "wx", 0o666);
    } catch (e) {
      throw fileProblem("write", path, e);
    }
    try {
      if (existing !== null) fchmodSync(fd, existing.mode & 0o7777);
    } catch {
      // Keeping the old permissions is a courtesy; the default (umask) ones are fine too.
    }
    // The stream owns the descriptor from here: it closes it after the last write, or when destroyed.
    return new AtomicOutput(path, target, temp, createWriteStream("", { fd }));
  }

  /** Ends the stream, flushes the file to disk, then replaces the target in one step. */
  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      if (!this.stream.closed) {
        const closed = once(this.stream, "close");
        this.stream.end();
        await closed;
      }
      if (this.stream.errored) throw this.stream.errored;
      const fd = openSync(this.temp, "r");
      try {
        fsyncSync(fd); // the data, whichever descriptor wrote it, before the name points at it
      } finally {
        closeSync(fd);
      }
      renameSync(this.temp, this.target);
    } catch (e) {
      this.removeTemp();
      throw fileProblem("write", this.path, e);
    }
  }

  /** Drops everything written (after any write in flight); the target is as it was. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.stream.closed) {
      const closed = once(this.stream, "close").catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }
}
