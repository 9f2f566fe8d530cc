/**
 * The one error the CLI shows to people: a sentence saying what went wrong, and optionally what to do next.
 * Anything else that reaches the top level is an internal error, printed as one line (never a stack trace
 * unless ACREDITA_DEBUG=1).
 */
export class CliError extends Error {
  /** What the user can do about it (printed on its own line). */
  readonly hint: string | undefined;
  /** The process exit code (1 unless told otherwise). */
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** The message of anything thrown, on one line, without viem's multi-line details. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const shortMessage = (error as { shortMessage?: unknown }).shortMessage;
    const text = typeof shortMessage === "string" && shortMessage !== "" ? shortMessage : error.message;
    return text.split("\n")[0] ?? text;
  }
  return String(error);
}

/** The CliError inside `error`'s cause chain (viem wraps what a transport throws), if any. */
export function findCliError(error: unknown): CliError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    if (current instanceof CliError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
