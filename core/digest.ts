/**
 * The credential digest and the leaf: the derivations that make Acredita's format. They never change within a
 * format version; golden vectors in test/fixtures pin them.
 *
 * Notation: `‖` is byte concatenation, `u32(n)` a 4-byte big-endian integer, `utf8(s)` the UTF-8 bytes of s,
 * `jcs(v)` the RFC 8785 canonical UTF-8 bytes of v, `H` keccak-256.
 *
 *   valueHash(v)            = H(jcs(v))
 *   saltedDigest(salt, v)   = H(SALTED_VALUE_TAG ‖ salt[16 bytes] ‖ valueHash(v))
 *   fieldDigest(ptr, sd)    = H(FIELD_TAG ‖ u32(len(utf8(ptr))) ‖ utf8(ptr) ‖ sd)
 *   credentialDigest        = H(CREDENTIAL_DIGEST_TAG ‖ u32(n) ‖ fd_1 ‖ … ‖ fd_n)   with fd_i sorted ascending
 *   leaf                    = H(H(abi.encode(FORMAT_TAG, chainId, registry, institutionId, index, credentialDigest)))
 *                             (types bytes32, uint256, address, uint32, uint32, bytes32: an OpenZeppelin
 *                             StandardMerkleTree leaf, checked on chain with MerkleProof)
 *
 * A hidden field is disclosed as (ptr, saltedDigest): the verifier recomputes its fieldDigest, so the pointer of
 * a hidden field is authenticated while its value and salt stay secret.
 */
import { concatBytes, fromHex, type Hex, toHex, utf8, writeUint32BE } from "./bytes.ts";
import { canonicalize } from "./canonical.ts";
import { keccak, keccakUtf8 } from "./hash.ts";

/** keccak256("acredita/credential/v1"): the format tag shared with the contract. */
export const FORMAT_TAG_BYTES = keccakUtf8("acredita/credential/v1");
export const FORMAT_TAG: Hex = toHex(FORMAT_TAG_BYTES);
/** keccak256("acredita/salted-value/v1"). */
export const SALTED_VALUE_TAG_BYTES = keccakUtf8("acredita/salted-value/v1");
/** keccak256("acredita/field/v1"). */
export const FIELD_TAG_BYTES = keccakUtf8("acredita/field/v1");
/** keccak256("acredita/credential-digest/v1"). */
export const CREDENTIAL_DIGEST_TAG_BYTES = keccakUtf8("acredita/credential-digest/v1");

/** Salt length in bytes (128 bits). */
export const SALT_BYTES = 16;

/** The OpenZeppelin StandardMerkleTree leaf encoding of an Acredita leaf. */
export const LEAF_ENCODING = ["bytes32", "uint256", "address", "uint32", "uint32", "bytes32"] as const;

/** valueHash(v) = H(jcs(v)). */
export function valueHash(value: unknown): Uint8Array {
  return keccakUtf8(canonicalize(value));
}

const saltedScratch = new Uint8Array(32 + SALT_BYTES + 32);
saltedScratch.set(SALTED_VALUE_TAG_BYTES, 0);

/** saltedDigest = H(SALTED_VALUE_TAG ‖ salt ‖ valueHash). */
export function saltedDigestOf(salt: Uint8Array, valueHashBytes: Uint8Array): Uint8Array {
  if (salt.length !== SALT_BYTES) throw new RangeError(`a salt is ${SALT_BYTES} bytes`);
  saltedScratch.set(salt, 32);
  saltedScratch.set(valueHashBytes, 32 + SALT_BYTES);
  return keccak(saltedScratch);
}

const pointerBytesCache = new Map<string, Uint8Array>();

/** FIELD_TAG ‖ u32(len) ‖ utf8(ptr), cached: pointers repeat across every credential of a batch. */
function fieldPrefix(pointer: string): Uint8Array {
  let prefix = pointerBytesCache.get(pointer);
  if (prefix === undefined) {
    const ptr = utf8(pointer);
    prefix = new Uint8Array(32 + 4 + ptr.length + 32);
    prefix.set(FIELD_TAG_BYTES, 0);
    writeUint32BE(prefix, 32, ptr.length);
    prefix.set(ptr, 36);
    if (pointerBytesCache.size < 10_000) pointerBytesCache.set(pointer, prefix);
  }
  return prefix;
}

/** saltedDigestOf for the salt at `salts[offset, offset + 16)` (the batch pipeline's allocation-free path). */
export function saltedDigestAt(salts: Uint8Array, offset: number, valueHashBytes: Uint8Array): Uint8Array {
  for (let i = 0; i < SALT_BYTES; i++) saltedScratch[32 + i] = salts[offset + i] ?? 0;
  saltedScratch.set(valueHashBytes, 32 + SALT_BYTES);
  return keccak(saltedScratch);
}

/** fieldDigest = H(FIELD_TAG ‖ u32(len(utf8(ptr))) ‖ utf8(ptr) ‖ saltedDigest). */
export function fieldDigestOf(pointer: string, saltedDigest: Uint8Array): Uint8Array {
  const buffer = fieldPrefix(pointer);
  buffer.set(saltedDigest, buffer.length - 32);
  return keccak(buffer);
}

/** credentialDigest = H(CREDENTIAL_DIGEST_TAG ‖ u32(n) ‖ sorted field digests). Does not modify its input. */
export function credentialDigestOf(fieldDigests: readonly Uint8Array[]): Uint8Array {
  const sorted = [...fieldDigests].sort(compare32);
  const buffer = new Uint8Array(36 + 32 * sorted.length);
  buffer.set(CREDENTIAL_DIGEST_TAG_BYTES, 0);
  writeUint32BE(buffer, 32, sorted.length);
  sorted.forEach((digest, i) => {
    buffer.set(digest, 36 + 32 * i);
  });
  return keccak(buffer);
}

function compare32(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where a leaf lives: the chain, registry and institution that anchor it, and its position in the batch. */
export interface LeafContext {
  chainId: number;
  registry: Hex;
  institutionId: number;
}

function checkUint32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`${name} must be a uint32`);
}

/**
 * Precomputes the constant part of the leaf's ABI encoding for one (chain, registry, institution), so that each
 * leaf costs two keccak calls and two small copies.
 */
export function leafHasher(context: LeafContext): (index: number, credentialDigest: Uint8Array) => Uint8Array {
  const { chainId, registry, institutionId } = context;
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new RangeError("chainId must be a positive integer");
  checkUint32("institutionId", institutionId);
  const address = fromHex(registry);
  if (address.length !== 20) throw new RangeError("registry must be a 20-byte address");
  const encoded = new Uint8Array(192);
  encoded.set(FORMAT_TAG_BYTES, 0);
  // uint256 chainId, big-endian in word 1 (chain ids fit in 53 bits).
  let id = chainId;
  for (let i = 63; i >= 32 && id > 0; i--) {
    encoded[i] = id % 256;
    id = Math.floor(id / 256);
  }
  encoded.set(address, 64 + 12);
  writeUint32BE(encoded, 96 + 28, institutionId);
  return (index, credentialDigest) => {
    checkUint32("index", index);
    writeUint32BE(encoded, 128 + 28, index);
    encoded.set(credentialDigest, 160);
    return keccak(keccak(encoded));
  };
}

/** The leaf of one credential (see the module comment for the formula). */
export function leafOf(context: LeafContext, index: number, credentialDigest: Uint8Array): Uint8Array {
  return leafHasher(context)(index, credentialDigest);
}

/** OpenZeppelin's node hash: H(min(a, b) ‖ max(a, b)). */
export function nodeHash(a: Uint8Array, b: Uint8Array): Uint8Array {
  return compare32(a, b) <= 0 ? keccak(concatBytes([a, b])) : keccak(concatBytes([b, a]));
}

/** Folds a Merkle path from `leaf` up, as OpenZeppelin's MerkleProof.processProof does. */
export function processProof(leaf: Uint8Array, path: readonly Uint8Array[]): Uint8Array {
  let node = leaf;
  for (const sibling of path) node = nodeHash(node, sibling);
  return node;
}
