/**
 * The issuer's batch pipeline: credentials → salts → field digests → credential digests → leaves → tree →
 * a proof block per credential and a batch manifest.
 *
 * Hot-path notes (100,000 credentials in a few seconds): values shared by the whole batch (the achievement,
 * the issuer, the contexts) are hashed once thanks to a per-batch identity cache; salts come from one CSPRNG pool;
 * everything is hashed as bytes, with hex produced only for what goes into the files.
 */
import { getAddress } from "viem";
import { type Hex, toHex } from "./bytes.ts";
import type { JsonValue } from "./canonical.ts";
import {
  type CourseContext,
  type CredentialDocument,
  credentialFor,
  type IssuanceOptions,
  type LearnerRecord,
  prepareCourse,
  randomCredentialId,
} from "./credential.ts";
import {
  credentialDigestOf,
  FORMAT_TAG,
  fieldDigestOf,
  LEAF_ENCODING,
  type LeafContext,
  leafHasher,
  SALT_BYTES,
  saltedDigestAt,
  valueHash,
} from "./digest.ts";
import { splitFields } from "./disclosure.ts";
import { AcreditaError } from "./errors.ts";
import { enableFastHashing } from "./hash.ts";
import { type BatchManifest, MANIFEST_FORMAT, PROOF_FORMAT, PROOF_TYPE, type ProofBlock } from "./proof.ts";
import { buildTree, type MerkleTree } from "./tree.ts";

/** Fills `target` with random bytes. Default: the platform CSPRNG (crypto.getRandomValues). */
export type RandomSource = (target: Uint8Array) => void;

/** crypto.getRandomValues in chunks of at most 65,536 bytes (the Web Crypto limit). */
export const cryptoRandom: RandomSource = (target) => {
  for (let offset = 0; offset < target.length; offset += 65_536) {
    crypto.getRandomValues(target.subarray(offset, Math.min(target.length, offset + 65_536)));
  }
};

const HEX_ASCII = new TextEncoder().encode("0123456789abcdef");
const latin1 = new TextDecoder("latin1");
const SALTS_PER_POOL = 4096;
const SALT_HEX_CHARS = 2 + 2 * SALT_BYTES;

/**
 * A pool of salts drawn from a random source: `bytes` holds SALTS_PER_POOL salts and `hex` their 0x-prefixed hex,
 * back to back, so a salt costs no allocation beyond one substring of `hex`.
 */
export class SaltPool {
  readonly bytes: Uint8Array;
  private hex = "";
  private readonly capacity: number;
  private next: number;
  private readonly random: RandomSource;
  private readonly ascii: Uint8Array;

  /** `capacity` salts are drawn per refill (even, at most 4,096: small batches do not pay for a big pool). */
  constructor(random: RandomSource = cryptoRandom, capacity = SALTS_PER_POOL) {
    this.random = random;
    this.capacity = Math.max(2, Math.min(SALTS_PER_POOL, capacity + (capacity % 2)));
    this.bytes = new Uint8Array(this.capacity * SALT_BYTES);
    this.ascii = new Uint8Array(this.capacity * SALT_HEX_CHARS);
    this.next = this.capacity;
  }

  /** Takes the next salt; returns its byte offset in `bytes`. */
  take(): number {
    if (this.next === this.capacity) this.refill();
    return this.next++ * SALT_BYTES;
  }

  /** The hex of the salt at byte offset `offset` (valid until the pool refills). */
  hexAt(offset: number): Hex {
    const start = (offset / SALT_BYTES) * SALT_HEX_CHARS;
    return this.hex.slice(start, start + SALT_HEX_CHARS) as Hex;
  }

  private refill(): void {
    this.random(this.bytes);
    const { ascii, bytes } = this;
    let o = 0;
    for (let s = 0; s < this.capacity; s++) {
      ascii[o++] = 0x30; // "0"
      ascii[o++] = 0x78; // "x"
      for (let k = s * SALT_BYTES; k < (s + 1) * SALT_BYTES; k++) {
        const b = bytes[k] ?? 0;
        ascii[o++] = HEX_ASCII[b >> 4] ?? 0;
        ascii[o++] = HEX_ASCII[b & 15] ?? 0;
      }
    }
    this.hex = latin1.decode(ascii);
    this.next = 0;
  }
}

/** Draws independent 16-byte salts (copies) from a pooled random source. */
export function saltSource(random: RandomSource = cryptoRandom): () => Uint8Array {
  const pool = new SaltPool(random);
  return () => {
    const offset = pool.take();
    return pool.bytes.slice(offset, offset + SALT_BYTES);
  };
}

/** The result of sealing a batch. */
export interface SealedBatch {
  batchRoot: Hex;
  /** The credentials in batch order, each with its proof block. */
  credentials: CredentialDocument[];
  manifest: BatchManifest;
  tree: MerkleTree;
}

/** Options of {@link sealBatch}. */
export interface SealOptions {
  /** Random source for salts (tests inject a deterministic one to freeze fixtures). */
  random?: RandomSource;
}

/**
 * Seals credentials into a batch anchored by (chainId, registry, institutionId): assigns index i to the i-th
 * credential, draws a salt per field, computes digests, leaves and the tree, and attaches a proof block to a
 * shallow copy of each credential. Credentials must not carry a `proof` yet.
 */
export function sealBatch(
  documents: readonly CredentialDocument[],
  anchor: LeafContext,
  options: SealOptions = {},
): SealedBatch {
  const count = documents.length;
  if (count === 0) throw new AcreditaError("BATCH_EMPTY", "no credentials");
  if (count > 0xffffffff) throw new AcreditaError("BATCH_TOO_LARGE", `${count} credentials`);
  const registry = getAddress(anchor.registry);
  const leafOfIndex = leafHasher({ ...anchor, registry });
  // ~20 fields per credential: size the pool to the batch (a whole number of 32-byte blocks per refill).
  const salts = new SaltPool(options.random, count * 24);
  // Identity cache: a frozen value shared by many credentials (the course's achievement, issuer, contexts) is
  // canonicalized and hashed once. Only frozen objects are cached, so a cached hash can never go stale.
  const shared = new WeakMap<object, Uint8Array>();
  const hashValue = (value: JsonValue): Uint8Array => {
    if (typeof value === "object" && value !== null && Object.isFrozen(value)) {
      let h = shared.get(value);
      if (h === undefined) {
        h = valueHash(value);
        shared.set(value, h);
      }
      return h;
    }
    return valueHash(value);
  };

  const leaves = new Uint8Array(count * 32);
  const digests: Hex[] = new Array<Hex>(count);
  const saltMaps: Record<string, Hex>[] = new Array<Record<string, Hex>>(count);
  for (let index = 0; index < count; index++) {
    const doc = documents[index] as CredentialDocument;
    if (doc.proof !== undefined) {
      throw new AcreditaError("CREDENTIAL_ALREADY_ANCHORED", `credential ${index} already has a proof`, { index });
    }
    const fields = splitFields(doc);
    const fieldDigests: Uint8Array[] = new Array<Uint8Array>(fields.length);
    const saltMap: Record<string, Hex> = {};
    for (let f = 0; f < fields.length; f++) {
      const { pointer, value } = fields[f] as { pointer: string; value: JsonValue };
      const offset = salts.take();
      saltMap[pointer] = salts.hexAt(offset);
      fieldDigests[f] = fieldDigestOf(pointer, saltedDigestAt(salts.bytes, offset, hashValue(value)));
    }
    const credentialDigest = credentialDigestOf(fieldDigests);
    digests[index] = toHex(credentialDigest);
    saltMaps[index] = saltMap;
    leaves.set(leafOfIndex(index, credentialDigest), index * 32);
  }

  const tree = buildTree(leaves, count);
  const credentials: CredentialDocument[] = new Array<CredentialDocument>(count);
  const entries: BatchManifest["credentials"] = new Array<BatchManifest["credentials"][number]>(count);
  for (let index = 0; index < count; index++) {
    const doc = documents[index] as CredentialDocument;
    const proof: ProofBlock = {
      type: PROOF_TYPE,
      format: PROOF_FORMAT,
      formatTag: FORMAT_TAG,
      chainId: anchor.chainId,
      registry,
      institutionId: anchor.institutionId,
      batchRoot: tree.root,
      index,
      credentialDigest: digests[index] as Hex,
      path: tree.proof(index),
      salts: saltMaps[index] as Record<string, Hex>,
    };
    credentials[index] = { ...doc, proof };
    entries[index] = {
      index,
      id: typeof doc.id === "string" ? doc.id : "",
      credentialDigest: digests[index] as Hex,
      leaf: toHex(leaves.subarray(index * 32, index * 32 + 32)),
    };
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
  const documents = buildCredentials(course, parameters.learners, parameters.credentialId);
  return sealBatch(documents, parameters.anchor, parameters.random === undefined ? {} : { random: parameters.random });
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
