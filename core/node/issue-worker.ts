/**
 * Worker thread of parallel-issue.ts: for each chunk of a batch, rebuilds the credentials from the batch's inputs,
 * signs them (fast eddsa-rdfc-2022 signer, when the pool has a credential key) and commits them; answers with the
 * proofs, digests, leaves and field counts, or with the first failure.
 */
import { createHash } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { createBatchCommitter, type BatchCommitter } from "../batch-commit.ts";
import type { JsonObject } from "../canonical.ts";
import { type CourseContext, credentialFor, type LearnerRecord, prepareCourse } from "../credential.ts";
import { offlineDocumentLoader, signersOf } from "../data-integrity.ts";
import {
  createEddsaRdfc2022Signer,
  type DataIntegrityProof,
  type EddsaRdfc2022Signer,
} from "../data-integrity-sign.ts";
import { AcreditaError } from "../errors.ts";
import { enableFastHashing } from "../hash.ts";
import { withStatusListEntry } from "../status-list.ts";
import { createNodeEd25519Signer } from "./ed25519-signer.ts";
import type { BeginMessage, ChunkMessage, WorkerFailure, WorkerReply, WorkerRequest } from "./parallel-issue.ts";

await enableFastHashing();

// Node's native SHA-256 (UTF-8 encoding of strings, as TextEncoder's) beats WebAssembly on these inputs.
const sha256 = {
  bytes: (text: string) => new Uint8Array(createHash("sha256").update(text, "utf8").digest()),
  hex: (text: string) => createHash("sha256").update(text, "utf8").digest("hex"),
};

interface Batch {
  readonly id: number;
  readonly course: CourseContext;
  readonly committer: BatchCommitter;
  readonly signer: EddsaRdfc2022Signer | undefined;
  readonly signedAt: string | undefined;
  readonly statusList: string | undefined;
}

let batch: Batch | undefined;
let failedBatch = 0;

function failure(index: number, error: unknown): WorkerFailure {
  if (error instanceof AcreditaError) {
    return {
      index,
      code: error.code,
      message: error.message.slice(error.code.length + 2),
      details: structuredClone({ ...error.details }),
    };
  }
  return { index, message: error instanceof Error ? error.message : String(error) };
}

// The signer of the last signed batch: its shape templates serve the next batch with the same key.
let lastSigner: { key: string; signer: EddsaRdfc2022Signer } | undefined;

function signerOf(message: BeginMessage): EddsaRdfc2022Signer | undefined {
  const { credentialKey, verificationKeys } = message;
  if (credentialKey === undefined || message.signedAt === undefined) return undefined;
  const key = JSON.stringify([Array.from(credentialKey.seed), credentialKey.verificationMethod, verificationKeys]);
  if (lastSigner?.key !== key) {
    const signer = createEddsaRdfc2022Signer({
      signer: createNodeEd25519Signer(credentialKey.seed, credentialKey.verificationMethod),
      documentLoader: offlineDocumentLoader(verificationKeys),
      sha256,
    });
    lastSigner = { key, signer };
  }
  return lastSigner.signer;
}

function begin(message: BeginMessage): Batch {
  const signer = signerOf(message);
  return {
    id: message.batch,
    course: prepareCourse(message.template, message.issuer, message.issuance),
    committer: createBatchCommitter({ anchor: message.anchor, verificationKeys: message.verificationKeys }),
    signer,
    signedAt: message.signedAt,
    statusList: message.statusList,
  };
}

async function chunk(current: Batch, message: ChunkMessage): Promise<WorkerReply> {
  const count = message.learners.length;
  const digests = new Uint8Array(count * 32);
  const leaves = new Uint8Array(count * 32);
  const fieldCounts = new Uint32Array(count);
  const proofs: DataIntegrityProof[] | undefined = current.signer === undefined ? undefined : [];
  for (let i = 0; i < count; i++) {
    const index = message.start + i;
    try {
      // The credential exactly as the main thread built it, then as issueBatch signs and sealBatch anchors it.
      let document: JsonObject = credentialFor(
        current.course,
        message.learners[i] as LearnerRecord,
        message.ids[i] as string,
      );
      if (current.statusList !== undefined) document = withStatusListEntry(document, current.statusList, index);
      if (current.signer !== undefined && proofs !== undefined) {
        const proof = await current.signer.sign(document, { created: current.signedAt as string });
        proofs.push(proof);
        document = { ...document, proof: [proof] };
      }
      const seed = message.seeds.subarray(i * 16, i * 16 + 16);
      fieldCounts[i] = current.committer.commit(document, seed, signersOf(document), index, digests, leaves, i);
    } catch (error) {
      return { kind: "failed", batch: message.batch, failure: failure(index, error) };
    }
  }
  return {
    kind: "done",
    batch: message.batch,
    chunk: message.chunk,
    start: message.start,
    digests,
    leaves,
    fieldCounts,
    proofs,
  };
}

async function handle(message: WorkerRequest): Promise<void> {
  if (message.kind === "begin") {
    try {
      batch = begin(message);
    } catch (error) {
      batch = undefined;
      failedBatch = message.batch;
      const reply: WorkerReply = { kind: "failed", batch: message.batch, failure: failure(-1, error) };
      parentPort?.postMessage(reply);
    }
    return;
  }
  if (message.batch === failedBatch) return;
  if (batch?.id !== message.batch) {
    const reply: WorkerReply = {
      kind: "failed",
      batch: message.batch,
      failure: { index: message.start, message: "a chunk arrived for a batch this worker was not given" },
    };
    parentPort?.postMessage(reply);
    return;
  }
  const reply = await chunk(batch, message);
  parentPort?.postMessage(
    reply,
    reply.kind === "done"
      ? [
          reply.digests.buffer as ArrayBuffer,
          reply.leaves.buffer as ArrayBuffer,
          reply.fieldCounts.buffer as ArrayBuffer,
        ]
      : [],
  );
}

// One message at a time, in order (signing awaits between credentials).
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (message: WorkerRequest) => {
  queue = queue.then(() => handle(message));
});
