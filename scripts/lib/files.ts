/**
 * Reading inputs strictly and writing outputs atomically. Every file the CLI produces goes through a temporary
 * file in the same directory and a rename, so a reader (or a rerun after a crash) sees either nothing or the
 * whole file, never half of it.
 *
 * Every file a user names is read by {@link readRegularFile}: only a regular file — a symbolic link is followed,
 * and its target must be a regular file; a FIFO, a device such as /dev/zero, a socket or a folder is refused
 * without reading a byte (and without blocking: it is opened non-blocking and checked on the open descriptor) —
 * and only up to a size cap, checked before reading and again while reading (a file that grows meanwhile).
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  type Stats,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { CliError } from "./cli-error.ts";
import { crashPoint } from "./crash.ts";

let counter = 0;

/** Writes `path` atomically; with `durable`, flushes the data and the directory entry to disk first. */
export function writeAtomic(
  path: string,
  data: string | Uint8Array,
  options: { durable?: boolean; mode?: number } = {},
): void {
  const temporary = `${path}.${process.pid}.${counter++}.tmp`;
  const fd = openSync(temporary, "w", options.mode ?? 0o644);
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    if (options.durable === true) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  crashPoint("tmp-written");
  renameSync(temporary, path);
  if (options.durable === true) {
    const dir = openSync(dirname(path), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

/** Writes `path` atomically unless it already exists (outputs are deterministic: an existing one is complete). */
export function writeOnce(path: string, data: () => string | Uint8Array): boolean {
  if (existsSync(path)) return false;
  writeAtomic(path, data());
  return true;
}

/** The largest JSON input the issuing commands read: a course template, an own credential, a credential to revoke. */
export const MAX_JSON_INPUT_BYTES = 8 * 1024 * 1024;
/** The largest learners CSV read (100,000 learners take about 10 MiB). */
export const MAX_LEARNERS_BYTES = 256 * 1024 * 1024;
/** The largest batch manifest read (the manifest of 2^22 credentials is about 1 GiB; 512 MiB is 2 million). */
export const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

/** "1,000 bytes", "1.0 MiB", "700.0 MiB". */
export function mebibytes(bytes: number): string {
  if (bytes < 100 * 1024) return `${bytes.toLocaleString("en")} bytes`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

function tooLarge(what: string, path: string, size: string, maxBytes: number): CliError {
  return new CliError(`${what} ${path} is ${size}; the limit is ${mebibytes(maxBytes)}, so it was not read`);
}

/**
 * The bytes of `path`, which must be a regular file (or a symbolic link to one) of at most `maxBytes` bytes; a
 * CliError naming the file otherwise (see the module comment). `what` names the file in messages.
 */
export function readRegularFile(path: string, what: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer (Windows has no O_NONBLOCK: 0).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT" ? `${what} ${path} does not exist` : `cannot read ${what} ${path} (${code ?? "error"})`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new CliError(`${what} ${path} is ${kindOf(stat)}: only regular files are read`);
    }
    if (stat.size > maxBytes) throw tooLarge(what, path, mebibytes(stat.size), maxBytes);
    // One byte more than allowed tells a file that grew past the cap since fstat.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw tooLarge(what, path, `over ${mebibytes(maxBytes)}`, maxBytes);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${what} ${path} (${code ?? "error"})`);
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The byte offset of the first byte that is not part of valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong three-byte forms, surrogates, and code points above U+10FFFF.
    const b1 = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && b1 < 0xa0) ||
      (b === 0xed && b1 > 0x9f) ||
      (b === 0xf0 && b1 < 0x90) ||
      (b === 0xf4 && b1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Reads a text file that must be UTF-8 (a leading byte order mark is dropped), a regular file of at most
 * `maxBytes` bytes ({@link readRegularFile}); names the byte offset of the first bad byte otherwise.
 */
export function readUtf8(path: string, what: string, maxBytes: number): string {
  const bytes = readRegularFile(path, what, maxBytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new CliError(
      `${what} ${path} is not UTF-8: byte offset ${offset} (0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")}) is not valid UTF-8`,
      { hint: "Save the file as UTF-8 (in a spreadsheet: “CSV UTF-8”) and run the command again." },
    );
  }
}
