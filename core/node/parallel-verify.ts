/**
 * Bulk verification on every core (Node only: worker threads; the web app never imports core/node/).
 *
 * `verifyCredentials` gives exactly what core's single-threaded `verifyCredentials` gives for the same inputs and
 * options — the same results, byte for byte in JSON — in a fraction of the time:
 * - worker threads (verify-worker.ts) run the local part, core's `localChecks` (parse, digest, Merkle path and the
 *   issuer's Data Integrity signature: pure CPU), on the inputs in chunks; only what the rest needs travels back
 *   (not the anchored copy the signature check used);
 * - this thread hands them, in input order, to core's `finishVerification`: the chain reads, batched per registry,
 *   and the results.
 * A worker that fails or stops rejects every pending call and stops the pool.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { finishVerification } from "../verify.ts";
import type { LocalCheck } from "../local-checks.ts";
import type { RegistryAccess, VerificationResult, VerifyInput, VerifyOptions } from "../verification.ts";

/** The options the local checks read; `now` is fixed by the pool for the whole call (a Unix time in ms). */
export interface LocalOptions {
  readonly now: number;
  readonly parse: VerifyOptions["parse"];
}

/** Inputs `start … start + inputs.length` of call `call`. */
export interface VerifyChunkMessage {
  readonly call: number;
  readonly start: number;
  readonly inputs: readonly VerifyInput[];
  readonly options: LocalOptions;
}

/** A worker's answer for one chunk: the local checks of its inputs, in order. */
export interface VerifyChunkReply {
  readonly call: number;
  readonly start: number;
  readonly locals: readonly LocalCheck[];
}

export interface ParallelVerifierOptions {
  /** Worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
  /** Inputs per message; default 64. */
  readonly chunkSize?: number;
}

/** What a parallel call takes besides core's options. */
export interface ParallelVerifyHooks {
  /** Called with the number of inputs in each chunk whose local checks are done: a progress bar's tick. */
  readonly onProgress?: (count: number) => void;
}

export interface ParallelVerifier {
  /** Exactly core's `localChecks(inputs, options)`, on worker threads. Calls may overlap. */
  localChecks(
    inputs: readonly VerifyInput[],
    options?: Pick<VerifyOptions, "now" | "parse">,
    hooks?: ParallelVerifyHooks,
  ): Promise<LocalCheck[]>;
  /** Exactly core's `verifyCredentials(access, inputs, options)`, its local part on worker threads. */
  verifyCredentials(
    access: RegistryAccess,
    inputs: readonly VerifyInput[],
    options: VerifyOptions,
    hooks?: ParallelVerifyHooks,
  ): Promise<VerificationResult[]>;
  readonly workers: number;
  /** Stops the workers. */
  close(): Promise<void>;
}

interface Call {
  readonly locals: LocalCheck[];
  remaining: number;
  readonly hooks: ParallelVerifyHooks;
  readonly resolve: (locals: LocalCheck[]) => void;
  readonly reject: (error: Error) => void;
}

function toTime(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === "number" ? now : now.getTime();
}

/** Starts the workers, which load the core at once: start the pool early (before reading files) and close it. */
export function createParallelVerifier(options: ParallelVerifierOptions = {}): ParallelVerifier {
  const count = Math.max(1, options.workers ?? availableParallelism());
  const chunkSize = Math.max(1, options.chunkSize ?? 64);
  const workers = Array.from({ length: count }, () => new Worker(new URL("./verify-worker.ts", import.meta.url)));
  const calls = new Map<number, Call>();
  const queue: VerifyChunkMessage[] = [];
  const inFlight = new Map<Worker, number>();
  let calls_ = 0;
  let broken: Error | undefined;

  const stop = (error: Error): void => {
    if (broken !== undefined) return;
    broken = error;
    queue.length = 0;
    for (const call of calls.values()) call.reject(error);
    calls.clear();
    void Promise.all(workers.map((w) => w.terminate()));
  };

  // Two chunks in flight per worker keep it busy while its answer is cloned back.
  const pump = (): void => {
    for (const worker of workers) {
      while (queue.length > 0 && (inFlight.get(worker) ?? 0) < 2) {
        worker.postMessage(queue.shift());
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
      }
    }
  };

  for (const worker of workers) {
    inFlight.set(worker, 0);
    worker.on("message", (reply: VerifyChunkReply) => {
      inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
      const call = calls.get(reply.call);
      if (call !== undefined) {
        reply.locals.forEach((local, k) => (call.locals[reply.start + k] = local));
        call.remaining -= 1;
        call.hooks.onProgress?.(reply.locals.length);
        if (call.remaining === 0) {
          calls.delete(reply.call);
          call.resolve(call.locals);
        }
      }
      pump();
    });
    worker.on("error", (error: Error) => {
      stop(new Error(`a verifying worker failed: ${error.message}`));
    });
    worker.on("exit", (code: number) => {
      stop(new Error(`a verifying worker stopped (exit code ${code})`));
    });
    // The pool must not keep the process alive between calls.
    worker.unref();
  }

  const localChecks = (
    inputs: readonly VerifyInput[],
    local: Pick<VerifyOptions, "now" | "parse"> = {},
    hooks: ParallelVerifyHooks = {},
  ): Promise<LocalCheck[]> => {
    if (broken !== undefined) return Promise.reject(new Error(`the verifying pool was stopped by ${broken.message}`));
    if (inputs.length === 0) return Promise.resolve([]);
    calls_ += 1;
    const call = calls_;
    const chunkOptions: LocalOptions = { now: toTime(local.now), parse: local.parse };
    return new Promise<LocalCheck[]>((resolve, reject) => {
      const chunks = Math.ceil(inputs.length / chunkSize);
      calls.set(call, { locals: new Array<LocalCheck>(inputs.length), remaining: chunks, hooks, resolve, reject });
      for (let start = 0; start < inputs.length; start += chunkSize) {
        queue.push({ call, start, inputs: inputs.slice(start, start + chunkSize), options: chunkOptions });
      }
      for (const worker of workers) worker.ref();
      pump();
    }).finally(() => {
      if (calls.size === 0) for (const worker of workers) worker.unref();
    });
  };

  return {
    localChecks,
    async verifyCredentials(access, inputs, verifyOptions, hooks) {
      return finishVerification(access, await localChecks(inputs, verifyOptions, hooks), verifyOptions);
    },
    workers: count,
    async close() {
      const error = new Error("the verifying pool was closed");
      if (broken === undefined) broken = error;
      for (const call of calls.values()) call.reject(error);
      calls.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
