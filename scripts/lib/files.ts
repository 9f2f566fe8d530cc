/**
 * Reading inputs strictly and writing outputs atomically. Every file the CLI produces goes through a temporary
 * file in the same directory and a rename, so a reader (or a rerun after a crash) sees either nothing or the
 * whole file, never half of it.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
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

/** Reads a file; a missing or unreadable one is a CliError naming it. */
export function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT" ? `${what} ${path} does not exist` : `cannot read ${what} ${path} (${code ?? "error"})`,
    );
  }
}

/** Reads a text file that must be UTF-8; names the byte offset of the first bad byte otherwise. */
export function readUtf8(path: string, what: string): string {
  const bytes = readBytes(path, what);
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
