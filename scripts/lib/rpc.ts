/**
 * The JSON-RPC transport every chain command uses: one HTTP POST per request with a timeout, bounded retries
 * with exponential backoff and jitter for what is worth retrying (connection failures, timeouts, HTTP 429 and
 * 5xx, replies that are not JSON-RPC, node rate limits), and plain-words errors once the retries run out.
 * JSON-RPC errors (a revert, a bad nonce) are passed through untouched: they are answers, not failures.
 * The endpoint is named by its origin only: RPC URLs often carry an API key in their path or query.
 */
import { custom, type EIP1193RequestFn } from "viem";
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

interface Attempt {
  retry: boolean;
  problem: string;
  result?: unknown;
  error?: RpcAnswerError;
}

let nextId = 1;

async function attempt(options: RpcOptions, method: string, params: unknown): Promise<Attempt> {
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
      return { retry: true, problem: `did not answer within ${options.timeoutMs / 1000} s` };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      retry: true,
      problem:
        cause === "ECONNREFUSED"
          ? "refused the connection (is the node running?)"
          : `could not be reached (${cause ?? "network error"})`,
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { retry: true, problem: `did not answer within ${options.timeoutMs / 1000} s` };
  }
  if (response.status === 429) return { retry: true, problem: "is rate-limiting requests (HTTP 429)" };
  if (response.status >= 500) return { retry: true, problem: `failed with HTTP ${response.status}` };
  if (response.status >= 400 && text.trim() === "")
    return { retry: false, problem: `refused the request with HTTP ${response.status}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { retry: true, problem: "answered something that is not JSON-RPC" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { retry: true, problem: "answered something that is not JSON-RPC" };
  }
  const envelope = body as { jsonrpc?: unknown; id?: unknown; result?: unknown; error?: unknown };
  if (envelope.jsonrpc !== "2.0" || envelope.id !== id || (!("result" in envelope) && !("error" in envelope))) {
    return { retry: true, problem: "answered something that is not JSON-RPC" };
  }
  if (envelope.error !== undefined) {
    const e = envelope.error as { code?: unknown; message?: unknown; data?: unknown };
    const code = typeof e.code === "number" ? e.code : -32603;
    const message = typeof e.message === "string" ? e.message : "unknown JSON-RPC error";
    // Rate limits reported inside JSON-RPC (several public providers do this) are worth retrying. -32005 also
    // means "log query too large" on some providers: that one goes back to the caller, which narrows the range.
    const rangeRefusal = isLogRangeRefusal(new Error(message));
    if ((code === -32005 && !rangeRefusal) || /rate limit|too many requests/i.test(message)) {
      return { retry: true, problem: "is rate-limiting requests" };
    }
    return { retry: false, problem: message, error: new RpcAnswerError(code, message, e.data) };
  }
  return { retry: false, problem: "", result: envelope.result };
}

/** viem's EIP-1193 request function over {@link attempt}, with bounded retries. */
export function rpcRequest(options: RpcOptions): EIP1193RequestFn {
  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    for (let tries = 0; ; tries++) {
      const outcome = await attempt(options, method, params);
      if (outcome.error !== undefined) throw outcome.error;
      if (!outcome.retry && outcome.problem === "") return outcome.result;
      if (!outcome.retry || tries >= options.retries) {
        throw new CliError(
          `${endpointName(options.url)} ${outcome.problem}${tries > 0 ? ` (${method}; gave up after ${tries + 1} attempts)` : ` (${method})`}`,
          { hint: "Check the node or provider, then run the same command again: finished work is not repeated." },
        );
      }
      const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** tries);
      const delayMs = Math.round(exponential / 2 + Math.random() * (exponential / 2));
      options.onRetry?.({ method, attempt: tries + 1, delayMs, problem: outcome.problem });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  };
  return request as EIP1193RequestFn;
}

/** A viem transport over {@link rpcRequest}; viem's own retries are off (ours are bounded and explained). */
export function rpcTransport(options: RpcOptions) {
  return custom({ request: rpcRequest(options) }, { retryCount: 0 });
}
