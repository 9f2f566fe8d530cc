/**
 * The issuing pipeline on every core (Node only: worker threads; the web app never imports core/node/).
 *
 * `issueBatch` gives exactly what core's single-threaded `issueBatch` gives for the same inputs, key and random
 * source — the same credentials, byte for byte, the same root and manifest — in a fraction of the time:
 * - this thread validates the inputs, builds the credentials (their ids from `credentialId`, as issueBatch does) and
 *   draws every seed from `random` in one call (as sealBatch does);
 * - worker threads (issue-worker.ts) rebuild the same credentials from the same inputs in chunks, sign each with the
 *   fast eddsa-rdfc-2022 signer when the pool has a credential key, and commit them (digest, leaf, field count);
 *   only proofs and 32-byte digests and leaves travel back;
 * - this thread attaches the proofs, builds the batch tree and the anchor proofs (core's assembleBatch).
 * The first failure rejects the batch (with the AcreditaError a worker threw, when it threw one) and stops the pool.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  anchoredDocument,
  assembleBatch,
  batchAnchor,
  type BatchCommitments,
  buildCredentials,
  drawSeeds,
  type IssueBatchParameters,
  type SealedBatch,
} from "../batch.ts";
import type { JsonObject, JsonValue } from "../canonical.ts";
import { type CredentialDocument, type IssuanceOptions, type LearnerRecord, prepareCourse } from "../credential.ts";
import { type DataIntegrityProof, w3cDate } from "../data-integrity-sign.ts";
import type { LeafContext } from "../digest.ts";
import { AcreditaError } from "../errors.ts";
import type { VerificationKey } from "../proof.ts";
import type { ReasonCode } from "../reasons.ts";

/** The credential key the workers sign with: the Ed25519 seed (32 bytes) and the verification method it is for. */
export interface WorkerCredentialKey {
  readonly seed: Uint8Array;
  readonly verificationMethod: string;
}

/** A batch's shared inputs, sent to every worker before its chunks. */
export interface BeginMessage {
  readonly kind: "begin";
  readonly batch: number;
  readonly template: unknown;
  readonly issuer: unknown;
  readonly issuance: IssuanceOptions;
  readonly anchor: LeafContext;
  readonly verificationKeys: readonly VerificationKey[] | undefined;
  /** The key that signs the batch, and its proofs' `created` (both absent for an unsigned batch). */
  readonly credentialKey: WorkerCredentialKey | undefined;
  readonly signedAt: string | undefined;
}

/** Credentials `start … start + learners.length` of a batch. */
export interface ChunkMessage {
  readonly kind: "chunk";
  readonly batch: number;
  readonly chunk: number;
  readonly start: number;
  readonly learners: readonly LearnerRecord[];
  readonly ids: readonly string[];
  /** 16 bytes per credential. */
  readonly seeds: Uint8Array;
}

export type WorkerRequest = BeginMessage | ChunkMessage;

/** A failure, with the batch index of the credential it concerns (-1 for the batch as a whole). */
export interface WorkerFailure {
  readonly index: number;
  readonly message: string;
  readonly code?: ReasonCode;
  readonly details?: Record<string, unknown>;
}

/** A worker's answer for one chunk. */
export type WorkerReply =
  | {
      readonly kind: "done";
      readonly batch: number;
      readonly chunk: number;
      readonly start: number;
      readonly digests: Uint8Array;
      readonly leaves: Uint8Array;
      readonly fieldCounts: Uint32Array;
      readonly proofs: DataIntegrityProof[] | undefined;
    }
  | { readonly kind: "failed"; readonly batch: number; readonly failure: WorkerFailure };

export interface ParallelIssuerOptions {
  /** Worker threads; default: the machine's available parallelism. */
  readonly workers?: number;
  /** Credentials per message; default 256. */
  readonly chunkSize?: number;
}

/**
 * Parameters of {@link ParallelIssuer.issueBatch}: issueBatch's, with the credential key as its raw seed (the
 * workers sign with it) instead of a signer; without one the batch is not signed.
 */
export type ParallelIssueParameters = Omit<IssueBatchParameters, "signer"> & {
  credentialKey?: WorkerCredentialKey;
};

export interface ParallelIssuer {
  /**
   * Exactly core's `issueBatch(parameters)` — with `signer` the credential key's, when one is given — on worker
   * threads. One batch at a time.
   */
  issueBatch(parameters: ParallelIssueParameters): Promise<SealedBatch>;
  readonly workers: number;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** The error a worker's failure stands for. */
function errorOf(failure: WorkerFailure, documents: readonly CredentialDocument[]): Error {
  if (failure.code !== undefined) return new AcreditaError(failure.code, failure.message, failure.details ?? {});
  const id = failure.index >= 0 ? (documents[failure.index]?.id ?? null) : null;
  const where = failure.index >= 0 ? `credential ${failure.index} (${JSON.stringify(id)})` : "the batch";
  return new Error(`issuing ${where} failed in a worker: ${failure.message}`);
}

/**
 * Starts the workers, which load the core and the signer at once: start the pool early (before network work) and
 * close it when done.
 */
export function createParallelIssuer(options: ParallelIssuerOptions = {}): ParallelIssuer {
  const count = Math.max(1, options.workers ?? availableParallelism());
  const chunkSize = Math.max(1, options.chunkSize ?? 256);
  const workers = Array.from({ length: count }, () => new Worker(new URL("./issue-worker.ts", import.meta.url)));
  let batches = 0;
  let busy = false;
  let broken: Error | undefined;

  const run = (
    begin: BeginMessage,
    learners: readonly LearnerRecord[],
    documents: readonly CredentialDocument[],
    seeds: Uint8Array,
    onChunk: (reply: Extract<WorkerReply, { kind: "done" }>) => void,
  ): Promise<void> => {
    const total = learners.length;
    const chunks = Math.ceil(total / chunkSize);
    let next = 0;
    let done = 0;
    return new Promise<void>((resolve, reject) => {
      const listeners: (() => void)[] = [];
      const finish = (error?: Error): void => {
        for (const remove of listeners) remove();
        if (error === undefined) {
          resolve();
          return;
        }
        // Chunks still in flight would answer into the next batch: a failed pool stops.
        broken = error;
        void Promise.all(workers.map((w) => w.terminate()));
        reject(error);
      };
      const send = (worker: Worker): void => {
        if (next >= chunks) return;
        const start = next * chunkSize;
        const end = Math.min(total, start + chunkSize);
        const message: ChunkMessage = {
          kind: "chunk",
          batch: begin.batch,
          chunk: next,
          start,
          learners: learners.slice(start, end),
          ids: documents.slice(start, end).map((d) => d.id as string),
          seeds: seeds.slice(start * 16, end * 16),
        };
        next += 1;
        worker.postMessage(message, [message.seeds.buffer as ArrayBuffer]);
      };
      for (const worker of workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (reply.batch !== begin.batch) return;
          if (reply.kind === "failed") {
            finish(errorOf(reply.failure, documents));
            return;
          }
          try {
            onChunk(reply);
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          done += 1;
          if (done === chunks) finish();
          else send(worker);
        };
        const onError = (error: Error): void => {
          finish(new Error(`an issuing worker failed: ${error.message}`));
        };
        const onExit = (code: number): void => {
          finish(new Error(`an issuing worker stopped (exit code ${code})`));
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        listeners.push(() => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        });
        worker.postMessage(begin);
      }
      if (chunks === 0) finish();
      // Two chunks in flight per worker keep it busy while the next one is being cloned.
      for (let round = 0; round < 2; round++) for (const worker of workers) send(worker);
    });
  };

  const issueBatch = async (parameters: ParallelIssueParameters): Promise<SealedBatch> => {
    if (broken !== undefined) throw new Error(`issueBatch: the pool was stopped by ${broken.message}`);
    if (busy) throw new Error("issueBatch: the pool is already issuing a batch");
    busy = true;
    try {
      // As core's issueBatch: validate, build (ids in order), then one draw of every seed.
      const course = prepareCourse(parameters.template, parameters.issuer, parameters.issuance);
      const documents = buildCredentials(course, parameters.learners, parameters.credentialId);
      const anchor = batchAnchor(documents.length, parameters.anchor);
      const seeds = drawSeeds(documents.length, parameters.random);
      const { credentialKey } = parameters;
      const signedAt = credentialKey === undefined ? undefined : (parameters.signedAt ?? w3cDate());
      batches += 1;
      const begin: BeginMessage = {
        kind: "begin",
        batch: batches,
        template: parameters.template,
        issuer: parameters.issuer,
        issuance: parameters.issuance,
        anchor,
        verificationKeys: parameters.verificationKeys,
        credentialKey,
        signedAt,
      };
      const total = documents.length;
      const commitments: BatchCommitments = {
        digests: new Uint8Array(total * 32),
        leaves: new Uint8Array(total * 32),
        fieldCounts: new Uint32Array(total),
      };
      const anchored: JsonObject[] = new Array<JsonObject>(total);
      await run(begin, parameters.learners, documents, seeds, (reply) => {
        const { start, proofs } = reply;
        commitments.digests.set(reply.digests, start * 32);
        commitments.leaves.set(reply.leaves, start * 32);
        commitments.fieldCounts.set(reply.fieldCounts, start);
        for (let i = 0; i < reply.fieldCounts.length; i++) {
          const doc = documents[start + i] as CredentialDocument;
          const proof = proofs?.[i];
          const signed = proof === undefined ? doc : { ...doc, proof: [proof as unknown as JsonValue] };
          anchored[start + i] = anchoredDocument(signed, start + i);
        }
      });
      return assembleBatch(anchored, commitments, seeds, anchor, parameters.verificationKeys);
    } finally {
      busy = false;
    }
  };

  return {
    issueBatch,
    workers: count,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
