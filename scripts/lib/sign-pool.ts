/**
 * Signs a batch of credentials with eddsa-rdfc-2022 Data Integrity proofs on every core: worker threads
 * (sign-worker.ts) each run the fast signer of core/data-integrity-sign.ts on chunks of the batch. Proofs come back
 * in the documents' order; the first failure rejects the whole batch with the failing document's index and id.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { JsonObject } from "../../core/index.ts";
import type { CanonizationPath, DataIntegrityProof, SignOptions } from "../../core/data-integrity-sign.ts";

/** What each worker starts with. */
export interface SignWorkerData {
  readonly seed: Uint8Array;
  readonly verificationMethod: string;
}
/** One chunk sent to a worker. */
export interface SignChunk {
  readonly chunk: number;
  readonly start: number;
  readonly documents: readonly JsonObject[];
  readonly options: SignOptions;
}
/** A worker's answer for one chunk. */
export type SignChunkResult =
  | {
      readonly chunk: number;
      readonly proofs: DataIntegrityProof[];
      readonly stats: Readonly<Record<CanonizationPath | "probes", number>>;
    }
  | { readonly chunk: number; readonly error: { readonly index: number; readonly message: string } };

export interface SignPoolOptions extends SignWorkerData {
  /** Worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
}

export interface SignBatchOptions extends SignOptions {
  /** Documents per message; default 200. */
  readonly chunkSize?: number;
}

/** Thrown when a document of the batch cannot be signed. */
export class SignBatchError extends Error {
  readonly index: number;
  readonly documentId: unknown;
  constructor(index: number, documentId: unknown, message: string) {
    super(`document ${index} (${JSON.stringify(documentId ?? null)}) could not be signed: ${message}`);
    this.name = "SignBatchError";
    this.index = index;
    this.documentId = documentId;
  }
}

export interface SignPool {
  /** The proofs of `documents`, in order (each exactly the reference's). */
  signBatch(documents: readonly JsonObject[], options?: SignBatchOptions): Promise<DataIntegrityProof[]>;
  /** Canonicalization paths taken so far, summed over the workers. */
  readonly stats: Readonly<Record<CanonizationPath | "probes", number>>;
  close(): Promise<void>;
}

/** Starts the workers (each loads the signer and its contexts once). Close the pool when done. */
export function createSignPool(options: SignPoolOptions): SignPool {
  const count = Math.max(1, options.workers ?? availableParallelism());
  const data: SignWorkerData = { seed: options.seed, verificationMethod: options.verificationMethod };
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL("./sign-worker.ts", import.meta.url), { workerData: data }),
  );
  // Each worker reports its signer's running totals; the pool's are their sum.
  const perWorker = new Map<Worker, Readonly<Record<CanonizationPath | "probes", number>>>();
  let busy = false;
  let broken: Error | undefined;

  const signBatch = (documents: readonly JsonObject[], batchOptions: SignBatchOptions = {}) => {
    if (broken !== undefined) return Promise.reject(new Error(`signBatch: the pool was stopped by ${broken.message}`));
    if (busy) return Promise.reject(new Error("signBatch: the pool is already signing a batch"));
    busy = true;
    const { chunkSize = 200, ...signOptions } = batchOptions;
    const chunks = Math.ceil(documents.length / chunkSize);
    const results: DataIntegrityProof[][] = new Array<DataIntegrityProof[]>(chunks);
    let next = 0;
    let done = 0;
    return new Promise<DataIntegrityProof[]>((resolve, reject) => {
      const listeners: (() => void)[] = [];
      const finish = (error?: Error): void => {
        for (const remove of listeners) remove();
        busy = false;
        if (error !== undefined) {
          // Chunks still in flight would answer into the next batch: a failed pool stops.
          broken = error;
          void Promise.all(workers.map((w) => w.terminate()));
          reject(error);
        } else resolve(results.flat());
      };
      const send = (worker: Worker): void => {
        if (next >= chunks) return;
        const start = next * chunkSize;
        const message: SignChunk = {
          chunk: next,
          start,
          documents: documents.slice(start, start + chunkSize),
          options: signOptions,
        };
        next += 1;
        worker.postMessage(message);
      };
      for (const worker of workers) {
        const onMessage = (reply: SignChunkResult): void => {
          if ("error" in reply) {
            const { index, message } = reply.error;
            finish(new SignBatchError(index, documents[index]?.id, message));
            return;
          }
          results[reply.chunk] = reply.proofs;
          perWorker.set(worker, reply.stats);
          done += 1;
          if (done === chunks) finish();
          else send(worker);
        };
        const onError = (error: Error): void => {
          finish(new Error(`a signing worker failed: ${error.message}`));
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        listeners.push(() => {
          worker.off("message", onMessage);
          worker.off("error", onError);
        });
      }
      if (chunks === 0) finish();
      // Two chunks in flight per worker keep it busy while the next one is being cloned.
      for (let round = 0; round < 2; round++) for (const worker of workers) send(worker);
    });
  };

  return {
    signBatch,
    get stats() {
      const sum = { template: 0, "template+rdf-canonize": 0, reference: 0, probes: 0 };
      for (const one of perWorker.values())
        for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += one[key];
      return sum;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
