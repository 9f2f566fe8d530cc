import { DEFAULT_MAX_LENGTH, MAX_CREDENTIAL_FILE_BYTES } from "@acredita/core";

/** Largest credential text accepted from a paste or a file (the core parser's own limit). */
export const MAX_CREDENTIAL_CHARS = DEFAULT_MAX_LENGTH;
/** Largest file read from disk for a credential: core's, the same as `acredita verify`'s. */
export { MAX_CREDENTIAL_FILE_BYTES };
/** Largest image read for a QR code. */
export const MAX_QR_IMAGE_BYTES = 10 * 1024 * 1024;
/** Longest value accepted in the status-only box. */
export const MAX_STATUS_INPUT_CHARS = 200;

export type InputProblem =
  | { kind: "empty" }
  | { kind: "too-large"; size: number; limit: number }
  | { kind: "not-a-file" }
  | { kind: "unreadable" };

/** Checks a size before anything is parsed or even read. */
export function sizeProblem(size: number, limit: number): InputProblem | undefined {
  return size > limit ? { kind: "too-large", size, limit } : undefined;
}
