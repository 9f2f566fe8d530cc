/**
 * The credential digest and the leaf: the derivations that make Acredita's format. They never change within a
 * format version; golden vectors in test/fixtures pin them.
 *
 * Notation: `‖` is byte concatenation, `u32(n)` a 4-byte big-endian integer, `utf8(s)` the UTF-8 bytes of s,
 * `jcs(v)` the RFC 8785 canonical UTF-8 bytes of v, `H` keccak-256, `T(s)` = H(utf8(s)) a domain tag.
 *
 * Format acredita/anchor/v2. D is the credential as anchored: every member except the anchor proof, its other
 * proofs (the issuer's Data Integrity proof first of all) included. D splits into a *header* — the members a
 * verdict depends on, never hidden — and *fields* — every other scalar or empty container, by JSON pointer (see
 * disclosure.ts). Each credential has a random 16-byte seed.
 *
 *   salt(ptr)         = H(T("acredita/salt/v2") ‖ seed ‖ utf8(ptr))[0..16)
 *   fieldDigest(ptr)  = H(T("acredita/field/v2") ‖ salt(ptr) ‖ u32(len(utf8(ptr))) ‖ utf8(ptr) ‖ jcs(value))
 *   headerHash        = H(T("acredita/header/v2") ‖ jcs(header))          header: { pointer: value }
 *   fieldRoot         = the field tree's root over the field digests in field order (field-tree.ts)
 *   credentialDigest  = H(T("acredita/credential-digest/v2") ‖ headerHash ‖ u32(n) ‖ fieldRoot)
 *   leaf              = H(H(abi.encode(FORMAT_TAG, chainId, registry, institutionId, index, credentialDigest)))
 *                       (types bytes32, uint256, address, uint32, uint32, bytes32: an OpenZeppelin
 *                       StandardMerkleTree leaf, checked on chain with MerkleProof; FORMAT_TAG is the registry's)
 *
 * Disclosing a field reveals its salt only, never the seed: a hidden field's value stays unguessable even when it
 * has little entropy (a grade).
 */
import { concatBytes, fromHex, type Hex, toHex, utf8, writeUint32BE } from "./bytes.ts";
import { canonicalize } from "./canonical.ts";
import { keccak, keccakUtf8 } from "./hash.ts";

/** keccak256("acredita/credential/v1"): the leaf's format tag, shared with the contract. */
export const FORMAT_TAG_BYTES = keccakUtf8("acredita/credential/v1");
export const FORMAT_TAG: Hex = toHex(FORMAT_TAG_BYTES);
const SALT_TAG_BYTES = keccakUtf8("acredita/salt/v2");
const FIELD_TAG_BYTES = keccakUtf8("acredita/field/v2");
const HEADER_TAG_BYTES = keccakUtf8("acredita/header/v2");
const CREDENTIAL_DIGEST_TAG_BYTES = keccakUtf8("acredita/credential-digest/v2");

/** Seed and salt length in bytes (128 bits). */
export const SALT_BYTES = 16;
export const SEED_BYTES = 16;

/** The OpenZeppelin StandardMerkleTree leaf encoding of an Acredita leaf. */
export const LEAF_ENCODING = ["bytes32", "uint256", "address", "uint32", "uint32", "bytes32"] as const;

const pointerBytesCache = new Map<string, Uint8Array>();

function pointerBytes(pointer: string): Uint8Array {
  let bytes = pointerBytesCache.get(pointer);
  if (bytes === undefined) {
    bytes = utf8(pointer);
    if (pointerBytesCache.size < 10_000) pointerBytesCache.set(pointer, bytes);
  }
  return bytes;
}

const encoder = new TextEncoder();
// Preimages are written into reused buffers whose tag is written once (keccak reads its input and keeps nothing).
let saltPreimage = withTag(SALT_TAG_BYTES, 256);
let fieldPreimage = withTag(FIELD_TAG_BYTES, 1024);

function withTag(tag: Uint8Array, size: number): Uint8Array {
  const buffer = new Uint8Array(size);
  buffer.set(tag, 0);
  return buffer;
}

/** salt(ptr) = H(T("acredita/salt/v2") ‖ seed ‖ utf8(ptr))[0..16). */
export function saltOf(seed: Uint8Array, pointer: string): Uint8Array {
  if (seed.length !== SEED_BYTES) throw new RangeError(`a seed is ${SEED_BYTES} bytes`);
  const ptr = pointerBytes(pointer);
  const length = 32 + SEED_BYTES + ptr.length;
  if (saltPreimage.length < length) saltPreimage = withTag(SALT_TAG_BYTES, 2 * length);
  saltPreimage.set(seed, 32);
  saltPreimage.set(ptr, 32 + SEED_BYTES);
  return keccak(saltPreimage.subarray(0, length)).subarray(0, SALT_BYTES);
}

/** fieldDigest = H(T("acredita/field/v2") ‖ salt ‖ u32(len(utf8(ptr))) ‖ utf8(ptr) ‖ jcs(value)). */
export function fieldDigestOf(pointer: string, salt: Uint8Array, value: unknown): Uint8Array {
  if (salt.length !== SALT_BYTES) throw new RangeError(`a salt is ${SALT_BYTES} bytes`);
  const ptr = pointerBytes(pointer);
  const json = canonicalize(value);
  const head = 32 + SALT_BYTES + 4 + ptr.length;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (fieldPreimage.length < head + 3 * json.length)
    fieldPreimage = withTag(FIELD_TAG_BYTES, 2 * (head + 3 * json.length));
  const buffer = fieldPreimage;
  buffer.set(salt, 32);
  writeUint32BE(buffer, 32 + SALT_BYTES, ptr.length);
  buffer.set(ptr, 32 + SALT_BYTES + 4);
  const { written } = encoder.encodeInto(json, buffer.subarray(head));
  return keccak(buffer.subarray(0, head + written));
}

/** headerHash = H(T("acredita/header/v2") ‖ jcs(header)). */
export function headerHashOf(header: Readonly<Record<string, unknown>>): Uint8Array {
  return keccak(concatBytes([HEADER_TAG_BYTES, utf8(canonicalize(header))]));
}

/** credentialDigest = H(T("acredita/credential-digest/v2") ‖ headerHash ‖ u32(n) ‖ fieldRoot). */
export function credentialDigestOf(headerHash: Uint8Array, fieldCount: number, root: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(32 + 32 + 4 + 32);
  buffer.set(CREDENTIAL_DIGEST_TAG_BYTES, 0);
  buffer.set(headerHash, 32);
  writeUint32BE(buffer, 64, fieldCount);
  buffer.set(root, 68);
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

/** Throws RangeError unless `value` is a uint32. */
export function checkUint32(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`${name} must be a uint32`);
}

/**
 * The leaf's ABI encoding for one (chain, registry, institution), 192 bytes, with index and credential digest
 * (words 4 and 5) left zero. Throws RangeError for a chain id, institution id or registry that does not fit.
 */
export function leafPreimage(context: LeafContext): Uint8Array {
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
  return encoded;
}

/**
 * Precomputes the constant part of the leaf's ABI encoding for one (chain, registry, institution), so that each
 * leaf costs two keccak calls and two small copies.
 */
export function leafHasher(context: LeafContext): (index: number, credentialDigest: Uint8Array) => Uint8Array {
  const encoded = leafPreimage(context);
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
