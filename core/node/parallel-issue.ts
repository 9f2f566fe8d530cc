/**
 * The issuing pipeline on every core (Node only: worker threads; the web app never imports core/node/).
 *
 * `issueBatch` gives exactly what core's single-threaded `issueBatch` gives for the same inputs, key and random
 * source — the same credentials, byte for byte, the same root and manifest — in a fraction of the time:
 * - this thread validates the inputs, draws every seed from `random` in one call (as sealBatch does) and builds the
 *   credentials in order (their ids from `credentialId`, as issueBatch does), each chunk just before it goes;
 * - worker threads (issue-worker.ts) rebuild the same credentials from the same inputs in chunks, sign each with the
 *   fast eddsa-rdfc-2022 signer when the pool has a credential key, and commit them (digest, leaf, field count);
 *   only proofs and 32-byte digests and leaves travel back;
 * - this thread attaches the proofs and makes the anchor proofs as chunks come back, then builds the batch tree
 *   (core's batch assembler, as sealBatch).
 * The first failure rejects the batch (with the AcreditaError a worker threw, when it threw one) and stops the pool.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  anchoredDocument,
  batchAnchor,
  createBatchAssembler,
  drawSeeds,
  type IssueBatchParameters,
  type SealedBatch,
} from "../batch.ts";
import type { JsonValue } from "../canonical.ts";
import {
  type CredentialDocument,
  credentialFor,
  type IssuanceOptions,
  type LearnerRecord,
  prepareCourse,
  randomCredentialId,
} from "../credential.ts";
import { type DataIntegrityProof, w3cDate } from "../data-integrity-sign.ts";
import type { LeafContext } from "../digest.ts";
import { AcreditaError } from "../errors.ts";
import { enableFastHashing } from "../hash.ts";
import type { VerificationKey } from "../proof.ts";
import type { ReasonCode } from "../reasons.ts";
import { withStatusListEntry } from "../status-list.ts";

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
  /** The batch's status list URL: each credential gets its `BitstringStatusListEntry` (as in issueBatch). */
  readonly statusList: string | undefined;
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
  /** Called with the number of credentials in each chunk done (built, signed and sealed): a progress bar's tick. */
  onProgress?: (count: number) => void;
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

  /**
   * Sends the batch's chunks (each prepared by `prepare` just before it goes: an error there rejects the batch but
   * leaves the pool usable) and hands every answer to `onChunk`. A worker's failure rejects and stops the pool:
   * chunks still in flight would answer into the next batch.
   */
  const run = (
    begin: BeginMessage,
    total: number,
    prepare: (start: number, end: number) => Omit<ChunkMessage, "kind" | "batch" | "chunk" | "start">,
    onChunk: (reply: Extract<WorkerReply, { kind: "done" }>) => void,
    describe: (failure: WorkerFailure) => Error,
  ): Promise<void> => {
    const chunks = Math.ceil(total / chunkSize);
    let next = 0;
    let done = 0;
    let settled = false;
    return new Promise<void>((resolve, reject) => {
      const listeners: (() => void)[] = [];
      const finish = (error?: Error, fatal = true): void => {
        if (settled) return;
        settled = true;
        for (const remove of listeners) remove();
        if (error === undefined) {
          resolve();
          return;
        }
        if (fatal) {
          broken = error;
          void Promise.all(workers.map((w) => w.terminate()));
        }
        reject(error);
      };
      const send = (worker: Worker): void => {
        if (next >= chunks || settled) return;
        const start = next * chunkSize;
        const end = Math.min(total, start + chunkSize);
        let content: ReturnType<typeof prepare>;
        try {
          content = prepare(start, end);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)), false);
          return;
        }
        const message: ChunkMessage = { kind: "chunk", batch: begin.batch, chunk: next, start, ...content };
        next += 1;
        worker.postMessage(message, [message.seeds.buffer as ArrayBuffer]);
      };
      for (const worker of workers) {
        const onMessage = (reply: WorkerReply): void => {
          if (reply.batch !== begin.batch) return;
          if (reply.kind === "failed") {
            finish(describe(reply.failure));
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
      // Two chunks in flight per worker keep it busy while the next one is prepared and cloned.
      for (let round = 0; round < 2; round++) for (const worker of workers) send(worker);
    });
  };

  const issueBatch = async (parameters: ParallelIssueParameters): Promise<SealedBatch> => {
    if (broken !== undefined) throw new Error(`issueBatch: the pool was stopped by ${broken.message}`);
    if (busy) throw new Error("issueBatch: the pool is already issuing a batch");
    busy = true;
    try {
      await enableFastHashing(); // the batch tree, built here
      // As core's issueBatch: the course once; every credential built in order, then sealed with one draw of seeds.
      const course = prepareCourse(parameters.template, parameters.issuer, parameters.issuance);
      const { learners, credentialKey } = parameters;
      const total = learners.length;
      const anchor = batchAnchor(total, parameters.anchor);
      const seeds = drawSeeds(total, parameters.random);
      const signedAt = credentialKey === undefined ? undefined : (parameters.signedAt ?? w3cDate());
      const credentialId = parameters.credentialId ?? (() => randomCredentialId());
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
        statusList: parameters.statusList,
      };
      const documents: CredentialDocument[] = new Array<CredentialDocument>(total);
      const assembler = createBatchAssembler(total, seeds, anchor, parameters.verificationKeys);
      // Each chunk's credentials are built here just before the chunk goes (a bad learner stops the batch there,
      // as in issueBatch); the workers rebuild the same ones from the same learner and id.
      const prepare = (start: number, end: number) => {
        const ids: string[] = [];
        for (let index = start; index < end; index++) {
          const learner = learners[index] as LearnerRecord;
          const built = credentialFor(course, learner, credentialId(index, learner));
          const { statusList } = parameters;
          const document = statusList === undefined ? built : withStatusListEntry(built, statusList, index);
          documents[index] = document;
          ids.push(document.id as string);
        }
        return { learners: learners.slice(start, end), ids, seeds: seeds.slice(start * 16, end * 16) };
      };
      await run(
        begin,
        total,
        prepare,
        (reply) => {
          const { start, proofs, fieldCounts } = reply;
          for (let i = 0; i < fieldCounts.length; i++) {
            const doc = documents[start + i] as CredentialDocument;
            const proof = proofs?.[i];
            const signed = proof === undefined ? doc : { ...doc, proof: [proof as unknown as JsonValue] };
            const document = anchoredDocument(signed, start + i);
            assembler.add(start + i, document, reply.digests, reply.leaves, i, fieldCounts[i] as number);
          }
          parameters.onProgress?.(fieldCounts.length);
        },
        (failure) => errorOf(failure, documents),
      );
      return assembler.finish();
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
