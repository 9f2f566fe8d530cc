import { renameSync, writeFileSync } from "node:fs";

/** Writes `path` through a temporary file and a rename, so no reader ever sees half a file. */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}
