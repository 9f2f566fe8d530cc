/**
 * From a credential to its credential digest (format acredita/anchor/v2; the formulas are in digest.ts), for a
 * full credential (salts derived from its seed), for a redacted copy (visible fields, their salts and a field
 * multiproof), and the redaction itself.
 */
import { createBatchCommitter, type BatchCommitter } from "./batch-commit.ts";
import { fromHex, type Hex, toHex } from "./bytes.ts";
import { canonicalize, type JsonObject, type JsonValue } from "./canonical.ts";
import { ob3Problems } from "./credential.ts";
import { signersOf } from "./data-integrity-proofs.ts";
import { credentialDigestOf, fieldDigestOf, headerHashOf, type LeafContext, saltOf } from "./digest.ts";
import { type Field, headerOf, removeFields, splitFields } from "./disclosure.ts";
import { AcreditaError } from "./errors.ts";
import { fieldMultiproof, fieldRoot, foldFieldMultiproof } from "./field-tree.ts";
import { type AnchorProof, MAX_FIELDS, splitAnchor, type VerificationKey } from "./proof.ts";

/** What the anchor proof itself commits to, through the header: the issuer's signatures and their keys. */
export interface AnchorMembers {
  verificationKeys?: readonly VerificationKey[] | undefined;
  signedBy?: readonly string[] | undefined;
}

/** The header of D with the anchor's committed members (see disclosure.ts and digest.ts). */
export function committedHeader(document: JsonObject, members: AnchorMembers = {}): Record<string, JsonValue> {
  const header = headerOf(document);
  const { verificationKeys, signedBy } = members;
  if (verificationKeys !== undefined && verificationKeys.length > 0) {
    header["#verificationKeys"] = verificationKeys as unknown as JsonValue;
  }
  if (signedBy !== undefined && signedBy.length > 0) header["#signedBy"] = [...signedBy];
  return header;
}

/** A full credential's commitment. */
export interface Commitment {
  credentialDigest: Uint8Array;
  fields: Field[];
  /** Field digests, in field order. */
  leaves: Uint8Array[];
}

/** Throws PROOF_MALFORMED: a credential of `count` fields has more than {@link MAX_FIELDS}. */
export function tooManyFields(count: number): never {
  throw new AcreditaError(
    "PROOF_MALFORMED",
    `the credential has ${String(count)} fields; at most ${String(MAX_FIELDS)}`,
    {
      fields: count,
      max: MAX_FIELDS,
    },
  );
}

/** The commitment of D (the credential as anchored) with the given seed and anchor members. */
export function commitFull(
  document: JsonObject,
  seed: Uint8Array,
  members: AnchorMembers = {},
  header?: Record<string, JsonValue>,
): Commitment {
  const fields = splitFields(document);
  if (fields.length > MAX_FIELDS) tooManyFields(fields.length);
  const leaves = fields.map((f) => fieldDigestOf(f.pointer, saltOf(seed, f.pointer), f.value));
  const headerHash = headerHashOf(header ?? committedHeader(document, members));
  return { credentialDigest: credentialDigestOf(headerHash, fields.length, fieldRoot(leaves)), fields, leaves };
}

/** What a verifier learns from recomputing a credential digest. */
export interface RecomputedDigest {
  credentialDigest: Uint8Array;
  /** How many fields are visible (every field of a full credential). */
  visibleCount: number;
  /** How many fields the holder hid (0 for a full credential). */
  hiddenCount: number;
  /** Whether this is a redacted copy (its anchor carries `disclosed`, not `seed`). */
  redacted: boolean;
}

/**
 * Full credentials are committed through batch committers (batch-commit.ts: exactly commitFull's digest, several
 * times faster from the second credential of a shape on, which bulk verification is made of), one per set of
 * anchor verification keys (they are part of the committed header); the leaf they also compute is not used.
 */
const committers = new Map<string, BatchCommitter>();
const MAX_COMMITTERS = 8;
/** Where committers compute the (unused) leaf: any valid anchoring context. */
const UNUSED_ANCHOR: LeafContext = { chainId: 1, registry: `0x${"0".repeat(40)}`, institutionId: 0 };
const scratchLeaf = new Uint8Array(32);

function committerFor(verificationKeys: readonly VerificationKey[] | undefined): BatchCommitter {
  const key = verificationKeys === undefined || verificationKeys.length === 0 ? "" : canonicalize(verificationKeys);
  let committer = committers.get(key);
  if (committer === undefined) {
    if (committers.size >= MAX_COMMITTERS) committers.clear();
    committer = createBatchCommitter({ anchor: UNUSED_ANCHOR, verificationKeys });
    committers.set(key, committer);
  }
  return committer;
}

/**
 * Recomputes the credential digest of D from its anchor proof. Throws DISCLOSURE_* / PROOF_MALFORMED when the
 * salts, positions and nodes do not fit the visible fields.
 */
export function recomputeDigest(document: JsonObject, anchor: AnchorProof): RecomputedDigest {
  if (anchor.seed !== undefined) {
    const signers = signersOf(document);
    const recorded = anchor.signedBy ?? [];
    if (signers.length !== recorded.length || signers.some((s, i) => s !== recorded[i])) {
      throw new AcreditaError(
        "PROOF_MALFORMED",
        "the anchor proof's signedBy does not list the credential's Data Integrity proofs",
        { signedBy: [...recorded], proofs: signers },
      );
    }
    const credentialDigest = new Uint8Array(32);
    const fieldCount = committerFor(anchor.verificationKeys).commit(
      document,
      fromHex(anchor.seed),
      recorded,
      0,
      credentialDigest,
      scratchLeaf,
    );
    if (fieldCount !== anchor.fieldCount) {
      throw new AcreditaError(
        "DISCLOSURE_UNKNOWN_FIELD",
        `the credential has ${String(fieldCount)} fields; its anchor proof counts ${String(anchor.fieldCount)}`,
        { fields: fieldCount, stated: anchor.fieldCount },
      );
    }
    return { credentialDigest, visibleCount: fieldCount, hiddenCount: 0, redacted: false };
  }
  const header = committedHeader(document, anchor);
  const disclosed = anchor.disclosed as NonNullable<AnchorProof["disclosed"]>;
  const fields = splitFields(document, true);
  if (fields.length !== disclosed.salts.length || fields.length !== disclosed.positions.length) {
    throw new AcreditaError(
      "DISCLOSURE_MISSING_SALT",
      `the copy shows ${String(fields.length)} fields but its proof has ${String(disclosed.salts.length)} salts and ${String(disclosed.positions.length)} positions`,
      { fields: fields.length, salts: disclosed.salts.length, positions: disclosed.positions.length },
    );
  }
  const leaves = fields.map((f, i) => fieldDigestOf(f.pointer, fromHex(disclosed.salts[i] as Hex), f.value));
  const root = foldFieldMultiproof(anchor.fieldCount, disclosed.positions, leaves, disclosed.nodes.map(fromHex));
  return {
    credentialDigest: credentialDigestOf(headerHashOf(header), anchor.fieldCount, root),
    visibleCount: fields.length,
    hiddenCount: anchor.fieldCount - fields.length,
    redacted: true,
  };
}

/**
 * Hides fields of a full credential: `pointers` name fields or containers of fields (every field beneath is
 * hidden). Every proof but the anchor is dropped (a signature over the whole document no longer applies), and so
 * is a visible `null` array element (in a redacted copy `null` marks a hidden element). The result verifies
 * against the same anchor. Throws PROOF_* for a credential without a full anchor proof,
 * DISCLOSURE_UNKNOWN_FIELD for a pointer that names no field, and CREDENTIAL_NOT_OB3 when what would be left is
 * no OB 3.0 credential (the whole achievement hidden, say). Does not modify its input.
 */
export function redactCredential(credential: JsonObject, pointers: readonly string[]): JsonObject {
  const { document, anchor } = splitAnchor(credential);
  if (anchor.seed === undefined) {
    throw new AcreditaError("DISCLOSURE_MISSING_SALT", "only a full credential (with its seed) can be redacted");
  }
  const seed = fromHex(anchor.seed);
  const { fields, leaves } = commitFull(document, seed, anchor);
  // What fieldsUnder(document, pointer) names, from the fields split once: a field has nothing beneath it (a
  // scalar or an empty container), so a pointer that is a field names just itself; any other, the fields under it.
  const known = new Set(fields.map((f) => f.pointer));
  const hidden = new Set<string>();
  for (const pointer of pointers) {
    if (known.has(pointer)) {
      hidden.add(pointer);
      continue;
    }
    const prefix = `${pointer}/`;
    let found = false;
    for (const f of fields) {
      if (f.pointer.startsWith(prefix)) {
        hidden.add(f.pointer);
        found = true;
      }
    }
    if (!found) {
      throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${pointer} names no field of the credential`, { pointer });
    }
  }
  for (const f of fields) {
    if (f.pointer.startsWith("/proof/")) hidden.add(f.pointer);
    if (f.value === null && /\/(0|[1-9]\d*)$/.test(f.pointer)) hidden.add(f.pointer);
  }
  const positions: number[] = [];
  const salts: Hex[] = [];
  fields.forEach((f, i) => {
    if (hidden.has(f.pointer)) return;
    positions.push(i);
    salts.push(toHex(saltOf(seed, f.pointer)));
  });
  const nodes = fieldMultiproof(leaves, positions).map(toHex);
  const redactedAnchor: AnchorProof = { ...anchor, disclosed: { positions, salts, nodes } };
  delete redactedAnchor.seed;
  const copy = removeFields(document, hidden);
  const problems = ob3Problems(copy);
  if (problems.length > 0) {
    throw new AcreditaError(
      "CREDENTIAL_NOT_OB3",
      `hiding these fields would leave no Open Badges 3.0 credential: ${problems.join("; ")}`,
      { problems },
    );
  }
  return { ...copy, proof: [redactedAnchor] };
}
