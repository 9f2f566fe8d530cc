/**
 * The issuer's batch pipeline: credentials (each already signed by the issuer, or not) → a random seed each →
 * field digests → credential digests → leaves → tree → an anchor proof appended to each credential's proof set,
 * and a batch manifest.
 */
import { getAddress } from "viem";
import { type Hex, toHex } from "./bytes.ts";
import type { JsonObject, JsonValue } from "./canonical.ts";
import { createBatchCommitter } from "./batch-commit.ts";
import {
  type CourseContext,
  type CredentialDocument,
  credentialFor,
  type IssuanceOptions,
  type LearnerRecord,
  prepareCourse,
  randomCredentialId,
} from "./credential.ts";
import { type DataIntegritySigner, offlineDocumentLoader, signersOf } from "./data-integrity.ts";
import { createEddsaRdfc2022Signer, w3cDate } from "./data-integrity-sign.ts";
import { FORMAT_TAG, LEAF_ENCODING, type LeafContext, SEED_BYTES } from "./digest.ts";
import { AcreditaError } from "./errors.ts";
import { enableFastHashing } from "./hash.ts";
import {
  ANCHOR_FORMAT,
  ANCHOR_PROOF_TYPE,
  type AnchorProof,
  type BatchManifest,
  isAnchorProof,
  MANIFEST_FORMAT,
  type VerificationKey,
} from "./proof.ts";
import { withStatusListEntry } from "./status-list.ts";
import { buildTree, type MerkleTree } from "./tree.ts";

/** Fills `target` with random bytes. Default: the platform CSPRNG (crypto.getRandomValues). */
export type RandomSource = (target: Uint8Array) => void;

/** crypto.getRandomValues in chunks of at most 65,536 bytes (the Web Crypto limit). */
export const cryptoRandom: RandomSource = (target) => {
  for (let offset = 0; offset < target.length; offset += 65_536) {
    crypto.getRandomValues(target.subarray(offset, Math.min(target.length, offset + 65_536)));
  }
};

/** The result of sealing a batch. */
export interface SealedBatch {
  batchRoot: Hex;
  /** The credentials in batch order, each with its anchor proof last in its proof set. */
  credentials: CredentialDocument[];
  manifest: BatchManifest;
  tree: MerkleTree;
}

/** Options of {@link sealBatch}. */
export interface SealOptions {
  /** Random source for seeds (tests inject a deterministic one to freeze fixtures). */
  random?: RandomSource;
  /** The keys of the issuer's Data Integrity proofs, for a `did:web` issuer (a `did:key` needs none). */
  verificationKeys?: readonly VerificationKey[];
}

function proofsOf(doc: CredentialDocument, index: number): JsonValue[] {
  const proof = doc.proof;
  const proofs: JsonValue[] = proof === undefined ? [] : Array.isArray(proof) ? proof : [proof];
  if (proofs.some(isAnchorProof)) {
    throw new AcreditaError(
      "CREDENTIAL_ALREADY_ANCHORED",
      `credential ${String(index)} already has an Acredita anchor`,
      {
        index,
      },
    );
  }
  return proofs;
}

/**
 * The anchor context a batch of `count` credentials records: `registry` checksummed. Throws BATCH_EMPTY and
 * BATCH_TOO_LARGE.
 */
export function batchAnchor(count: number, anchor: LeafContext): LeafContext {
  if (count === 0) throw new AcreditaError("BATCH_EMPTY", "no credentials");
  if (count > 0xffffffff) throw new AcreditaError("BATCH_TOO_LARGE", `${String(count)} credentials`);
  return { chainId: anchor.chainId, registry: getAddress(anchor.registry), institutionId: anchor.institutionId };
}

/** The seeds of `count` credentials, {@link SEED_BYTES} each, in one draw from `random`. */
export function drawSeeds(count: number, random: RandomSource = cryptoRandom): Uint8Array {
  const seeds = new Uint8Array(count * SEED_BYTES);
  random(seeds);
  return seeds;
}

/**
 * D, the `index`-th credential as anchored: its members but `proof`, then its proof set as an array (no `proof`
 * member when it has none). CREDENTIAL_ALREADY_ANCHORED when it already carries an Acredita anchor.
 */
export function anchoredDocument(doc: CredentialDocument, index: number): JsonObject {
  // Without proofs a credential is its own D (read, never modified, by what follows).
  if (!Object.hasOwn(doc, "proof")) return doc;
  const proofs = proofsOf(doc, index);
  const document: JsonObject = {};
  for (const key of Object.keys(doc)) if (key !== "proof") document[key] = doc[key] as JsonValue;
  if (proofs.length > 0) document.proof = proofs;
  return document;
}

/**
 * Assembles a sealed batch as its credentials are committed, in any order: each `add` makes the credential's
 * anchor proof and manifest entry (all but the batch root and the Merkle path), `finish` builds the tree and fills
 * those in. Used by sealBatch, and by the parallel issuer as its workers' results come back.
 */
export interface BatchAssembler {
  /**
   * Credential `index`: `document` as anchored (see {@link anchoredDocument}), its digest and leaf (32 bytes each, at
   * `at` in the given arrays) and field count, committed with seed `index` of the batch's seeds.
   */
  add(
    index: number,
    document: JsonObject,
    digests: Uint8Array,
    leaves: Uint8Array,
    at: number,
    fieldCount: number,
  ): void;
  /** The sealed batch, once every credential was added. */
  finish(): SealedBatch;
}

/**
 * An assembler for `count` credentials committed with `seeds` under `anchor` (from {@link batchAnchor}), whose anchor
 * proofs list `verificationKeys`.
 */
export function createBatchAssembler(
  count: number,
  seeds: Uint8Array,
  anchor: LeafContext,
  verificationKeys?: readonly VerificationKey[],
): BatchAssembler {
  const { registry } = anchor;
  const keys = verificationKeys === undefined ? undefined : [...verificationKeys];
  const leaves = new Uint8Array(count * 32);
  const proofs: AnchorProof[] = new Array<AnchorProof>(count);
  const credentials: CredentialDocument[] = new Array<CredentialDocument>(count);
  const entries: BatchManifest["credentials"] = new Array<BatchManifest["credentials"][number]>(count);
  let added = 0;
  return {
    add(index, document, digests, leafBytes, at, fieldCount) {
      const signers = signersOf(document);
      const credentialDigest = toHex(digests.subarray(at * 32, at * 32 + 32));
      const leaf = leafBytes.subarray(at * 32, at * 32 + 32);
      leaves.set(leaf, index * 32);
      // batchRoot and path are filled in by finish (assigning keeps the members' order).
      const proof: AnchorProof = {
        type: ANCHOR_PROOF_TYPE,
        proofPurpose: "assertionMethod",
        format: ANCHOR_FORMAT,
        chainId: anchor.chainId,
        registry,
        institutionId: anchor.institutionId,
        batchRoot: "0x",
        index,
        credentialDigest,
        path: [],
        fieldCount,
        ...(keys === undefined || keys.length === 0 ? {} : { verificationKeys: keys }),
        ...(signers.length === 0 ? {} : { signedBy: signers }),
        seed: toHex(seeds.subarray(index * SEED_BYTES, (index + 1) * SEED_BYTES)),
      };
      const others = (document.proof ?? []) as JsonValue[];
      if (proofs[index] === undefined) added += 1;
      proofs[index] = proof;
      credentials[index] = { ...document, proof: [...others, proof] };
      entries[index] = {
        index,
        id: typeof document.id === "string" ? document.id : "",
        credentialDigest,
        leaf: toHex(leaf),
      };
    },
    finish() {
      if (added !== count) throw new Error(`assembleBatch: ${String(count - added)} credentials were not added`);
      const tree = buildTree(leaves, count);
      for (let index = 0; index < count; index++) {
        const proof = proofs[index] as AnchorProof;
        proof.batchRoot = tree.root;
        proof.path = tree.proof(index);
      }
      const manifest: BatchManifest = {
        format: MANIFEST_FORMAT,
        formatTag: FORMAT_TAG,
        chainId: anchor.chainId,
        registry,
        institutionId: anchor.institutionId,
        batchRoot: tree.root,
        count,
        tree: "openzeppelin-standard-v1",
        leafEncoding: [...LEAF_ENCODING],
        credentials: entries,
      };
      return { batchRoot: tree.root, credentials, manifest, tree };
    },
  };
}

/**
 * Seals credentials into a batch anchored by (chainId, registry, institutionId): assigns index i to the i-th
 * credential, draws a seed for each, computes digests, leaves and the tree, and appends an anchor proof to a copy
 * of each credential's proof set (the proofs it carries — the issuer's Data Integrity proof — stay, and are
 * committed). A credential that already carries an Acredita anchor is CREDENTIAL_ALREADY_ANCHORED.
 */
export function sealBatch(
  documents: readonly CredentialDocument[],
  anchor: LeafContext,
  options: SealOptions = {},
): SealedBatch {
  const count = documents.length;
  const context = batchAnchor(count, anchor);
  const seeds = drawSeeds(count, options.random);
  const digests = new Uint8Array(32);
  const leaves = new Uint8Array(32);
  const committer = createBatchCommitter({ anchor: context, verificationKeys: options.verificationKeys });
  const assembler = createBatchAssembler(count, seeds, context, options.verificationKeys);
  for (let index = 0; index < count; index++) {
    const document = anchoredDocument(documents[index] as CredentialDocument, index);
    const seed = seeds.subarray(index * SEED_BYTES, (index + 1) * SEED_BYTES);
    const fieldCount = committer.commit(document, seed, signersOf(document), index, digests, leaves, 0);
    assembler.add(index, document, digests, leaves, 0, fieldCount);
  }
  return assembler.finish();
}

/** Parameters of {@link issueBatch}. */
export interface IssueBatchParameters extends SealOptions {
  /** A course template (samples/*.course.json) or a prepared course. */
  template: unknown;
  /** The awarding institution's profile. */
  issuer: unknown;
  learners: readonly LearnerRecord[];
  issuance: IssuanceOptions;
  anchor: LeafContext;
  /** Credential ids (default: random urn:uuid). */
  credentialId?: (index: number, learner: LearnerRecord) => string;
  /** The issuer's credential key: each credential gets its Data Integrity proof before it is sealed. */
  signer?: DataIntegritySigner;
  /** The `created` time of the Data Integrity proofs (default: now). */
  signedAt?: string;
  /**
   * The URL of the batch's status list credential: each credential gets a `BitstringStatusListEntry` for its
   * position there (status-list.ts), before it is signed and sealed.
   */
  statusList?: string;
}

/** Builds the credentials of a course for its learners, in one prepared course context. */
export function buildCredentials(
  course: CourseContext,
  learners: readonly LearnerRecord[],
  credentialId: (index: number, learner: LearnerRecord) => string = () => randomCredentialId(),
): CredentialDocument[] {
  return learners.map((learner, index) => credentialFor(course, learner, credentialId(index, learner)));
}

/**
 * The whole issuing pipeline for one course: template + learners → sealed batch. Enables the WebAssembly keccak
 * when the platform allows it (same results, faster).
 */
export async function issueBatch(parameters: IssueBatchParameters): Promise<SealedBatch> {
  await enableFastHashing();
  const course = prepareCourse(parameters.template, parameters.issuer, parameters.issuance);
  let documents = buildCredentials(course, parameters.learners, parameters.credentialId);
  const { statusList } = parameters;
  if (statusList !== undefined) documents = documents.map((doc, i) => withStatusListEntry(doc, statusList, i));
  const { signer } = parameters;
  if (signer !== undefined) {
    // The fast signer: byte-identical to Digital Bazaar's (data-integrity-sign.ts), about 40 times quicker.
    const fast = createEddsaRdfc2022Signer({
      signer,
      documentLoader: offlineDocumentLoader(parameters.verificationKeys),
    });
    const created = parameters.signedAt ?? w3cDate();
    const signed: CredentialDocument[] = [];
    for (const doc of documents) {
      const proof = await fast.sign(doc, { created });
      signed.push({ ...doc, proof: [proof] });
    }
    documents = signed;
  }
  return sealBatch(documents, parameters.anchor, {
    ...(parameters.random === undefined ? {} : { random: parameters.random }),
    ...(parameters.verificationKeys === undefined ? {} : { verificationKeys: parameters.verificationKeys }),
  });
}

/** The batch as OpenZeppelin's `StandardMerkleTree.dump()` data, loadable with `StandardMerkleTree.load`. */
export function toOpenZeppelinDump(batch: SealedBatch): {
  format: "standard-v1";
  leafEncoding: string[];
  tree: Hex[];
  values: { value: [Hex, string, Hex, number, number, Hex]; treeIndex: number }[];
} {
  const { manifest, tree } = batch;
  return {
    format: "standard-v1",
    leafEncoding: [...LEAF_ENCODING],
    tree: tree.nodes(),
    values: manifest.credentials.map((entry) => ({
      value: [
        FORMAT_TAG,
        String(manifest.chainId),
        manifest.registry,
        manifest.institutionId,
        entry.index,
        entry.credentialDigest,
      ],
      treeIndex: tree.treeIndexOf(entry.index),
    })),
  };
}
