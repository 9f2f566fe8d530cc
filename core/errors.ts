import type { ReasonCode } from "./reasons.ts";

/**
 * An error that says what went wrong as a typed `code`, for callers to branch on (never on the message), and
 * carries the evidence in `details` (a JSON pointer, an offset, the list of what is missing…). The message starts
 * with the code. Each edge narrows `Code` to its own vocabulary (the core's is {@link AcreditaError}).
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = "CodedError";
    this.code = code;
    this.details = details;
  }
}

/** The one error class the core throws for bad input: `code` is a stable reason code (see reasons.ts). */
export class AcreditaError extends CodedError<ReasonCode> {
  constructor(code: ReasonCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = "AcreditaError";
  }
}

/** True when `error` is an AcreditaError (optionally with the given code). */
export function isAcreditaError(error: unknown, code?: ReasonCode): error is AcreditaError {
  return error instanceof AcreditaError && (code === undefined || error.code === code);
}
