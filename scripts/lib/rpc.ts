/**
 * The JSON-RPC transport every chain command uses: one HTTP POST per request with a timeout, retried by viem's own
 * `withRetry` with exponential backoff and jitter for what is worth retrying (connection failures, timeouts,
 * HTTP 429 and 5xx, replies that are not JSON-RPC, node rate limits), and plain-words errors once the retries run
 * out. JSON-RPC errors (a revert, a bad nonce) are passed through untouched: they are answers, not failures.
 *
 * Why the HTTP exchange itself is not viem's `http` transport: its errors print the whole URL (viem's `getUrl`
 * hides only a user and password, not the API key RPC URLs carry in their path or query) and the request body,
 * where ours name the endpoint by its origin only and say what went wrong in words; it does not check that a reply
 * is a JSON-RPC answer to the request sent (`jsonrpc`, `id`); its retry policy (`shouldRetry`) retries every
 * -32005 and -32603, where a -32005 that refuses a log range must go back to the caller (`core/logs.ts` narrows
 * the range) and a -32603 is an answer; and it has no hook to say, before waiting, that a request is retried.
 */
import { custom, type EIP1193RequestFn, withRetry } from "viem";
import { isLogRangeRefusal } from "../../core/logs.ts";
import { CliError } from "./cli-error.ts";

export interface RpcOptions {
  url: string;
  /** Milliseconds to wait for one answer. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles on each retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Told about each retry (the CLI prints a note). */
  onRetry?: (info: { method: string; attempt: number; delayMs: number; problem: string }) => void;
}

/** A JSON-RPC error answer, shaped the way viem reads EIP-1193 errors. */
export class RpcAnswerError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data: unknown) {
    super(message);
    this.name = "RpcAnswerError";
    this.code = code;
    this.data = data;
  }
}

/** The endpoint as it may be printed: scheme, host and port, nothing that could be a secret. */
export function endpointName(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the RPC endpoint";
  }
}

/** An attempt that failed without an answer: what went wrong, in words, and whether another attempt may help. */
class TransportProblem extends Error {
  readonly retry: boolean;

  constructor(problem: string, retry: boolean) {
    super(problem);
    this.name = "TransportProblem";
    this.retry = retry;
  }
}

let nextId = 1;

/** One HTTP exchange: the result, or a {@link RpcAnswerError} (an answer), or a {@link TransportProblem}. */
async function attempt(options: RpcOptions, method: string, params: unknown): Promise<unknown> {
  const id = nextId++;
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id, method, params: params ?? [] }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new TransportProblem(`did not answer within ${options.timeoutMs / 1000} s`, true);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new TransportProblem(
      cause === "ECONNREFUSED"
        ? "refused the connection (is the node running?)"
        : `could not be reached (${cause ?? "network error"})`,
      true,
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new TransportProblem(`did not answer within ${options.timeoutMs / 1000} s`, true);
  }
  if (response.status === 429) throw new TransportProblem("is rate-limiting requests (HTTP 429)", true);
  if (response.status >= 500) throw new TransportProblem(`failed with HTTP ${response.status}`, true);
  if (response.status >= 400 && text.trim() === "")
    throw new TransportProblem(`refused the request with HTTP ${response.status}`, false);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TransportProblem("answered something that is not JSON-RPC", true);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TransportProblem("answered something that is not JSON-RPC", true);
  }
  const envelope = body as { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: unknown };
  if (envelope.jsonrpc !== "2.0" || envelope.id !== id || (!("result" in envelope) && !("error" in envelope))) {
    throw new TransportProblem("answered something that is not JSON-RPC", true);
  }
  if (envelope.error !== undefined) {
    const e = envelope.error as { code?: unknown; message?: unknown; data?: unknown };
    const code = typeof e.code === "number" ? e.code : -32603;
    const message = typeof e.message === "string" ? e.message : "unknown JSON-RPC error";
    // Rate limits reported inside JSON-RPC (several public providers do this) are worth retrying. -32005 also
    // means "log query too large" on some providers: that one goes back to the caller, which narrows the range.
    const rangeRefusal = isLogRangeRefusal(new Error(message));
    if ((code === -32005 && !rangeRefusal) || /rate limit|too many requests/i.test(message)) {
      throw new TransportProblem("is rate-limiting requests", true);
    }
    throw new RpcAnswerError(code, message, e.data);
  }
  return envelope.result;
}

/** viem's EIP-1193 request function over {@link attempt}, retried by viem's `withRetry` a bounded number of times. */
export function rpcRequest(options: RpcOptions): EIP1193RequestFn {
  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    let attempts = 0;
    try {
      return await withRetry(
        () => {
          attempts++;
          return attempt(options, method, params);
        },
        {
          retryCount: options.retries,
          shouldRetry: ({ error }) => error instanceof TransportProblem && error.retry,
          delay: ({ count, error }) => {
            const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** count);
            const delayMs = Math.round(exponential / 2 + Math.random() * (exponential / 2));
            options.onRetry?.({ method, attempt: count + 1, delayMs, problem: error.message });
            return delayMs;
          },
        },
      );
    } catch (error) {
      if (!(error instanceof TransportProblem)) throw error;
      throw new CliError(
        `${endpointName(options.url)} ${error.message} (${method}${attempts > 1 ? `; gave up after ${attempts} attempts` : ""})`,
        { hint: "Check the node or provider, then run the same command again: finished work is not repeated." },
      );
    }
  };
  return request as EIP1193RequestFn;
}

/** A viem transport over {@link rpcRequest}; viem's transport-level retries are off (the request retries itself). */
export function rpcTransport(options: RpcOptions) {
  return custom({ request: rpcRequest(options) }, { retryCount: 0 });
}
