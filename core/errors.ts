import type { ReasonCode } from "./reasons.ts";

/**
 * The one error class the core throws for bad input. `code` is a stable reason code (see reasons.ts);
 * `details` carries the evidence (a JSON pointer, an offset, the list of what is missing…).
 */
export class AcreditaError extends Error {
  readonly code: ReasonCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ReasonCode, message: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = "AcreditaError";
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an AcreditaError (optionally with the given code). */
export function isAcreditaError(error: unknown, code?: ReasonCode): error is AcreditaError {
  return error instanceof AcreditaError && (code === undefined || error.code === code);
}
